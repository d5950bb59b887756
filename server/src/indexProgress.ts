// Progress in the client's status bar while the workspace and library folders are indexed
// (LSP window/workDoneProgress, server-initiated). The workspace builds the index — title
// lines first, then a summary of every file, in the background — and reports the work as it
// goes; this module turns the reports into "Pacta: indexing treaty texts — 120 files of 500 (24%)"
// instead of a silent wait. An index already built (nothing read, nothing parsed) shows nothing.
import type { Connection } from 'vscode-languageserver';
import type { IndexListener } from './workspace/workspace';

/** Files between two reports while titles are read: often enough to move, rarely enough to be cheap. */
const REPORT_EVERY = 25;

export interface IndexProgress {
  /** Builds the index now (if it is not built), showing progress while files are read and summarised. */
  run(): Promise<void>;
}

/** `build` builds (or joins the building of) the index, telling `listener` of each file read or summarised. */
export function createIndexProgress(connection: Connection, build: (listener: IndexListener) => Promise<unknown>): IndexProgress {
  let running: Promise<void> | undefined;
  let again = false;

  const once = async (): Promise<void> => {
    let progress: ReturnType<Connection['window']['createWorkDoneProgress']> | undefined;
    let files = 0;
    let lastPercent = -1;
    const report = (message: string, percentage?: number) =>
      void progress?.then((p) => (percentage === undefined ? p.report(message) : p.report(percentage, message))).catch(() => undefined);
    const listener: IndexListener = (done, total) => {
      files++;
      // The progress is created on the first file read or parsed.
      if (!progress) {
        progress = connection.window.createWorkDoneProgress().then((p) => {
          p.begin('Pacta', 0, 'indexing treaty texts…', false);
          return p;
        });
        // A client that refuses the progress must not turn into an unhandled rejection.
        progress.catch((err: unknown) => connection.console.log(`pacta: no indexing progress: ${String(err)}`));
        return;
      }
      if (total === undefined) {
        if (done % REPORT_EVERY === 0) report(`reading titles — ${done} files`);
        return;
      }
      const percent = total ? Math.floor((done * 100) / total) : 100;
      if (percent !== lastPercent) {
        lastPercent = percent;
        report(`indexing treaty texts — ${done} files of ${total}`, percent);
      }
    };
    try {
      await build(listener);
    } finally {
      if (progress) {
        const n = files;
        await progress
          .then((p) => {
            connection.console.log(`pacta: indexed the workspace (${n} file${n === 1 ? '' : 's'} read or parsed)`);
            p.done();
          })
          .catch(() => undefined);
      }
    }
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true; // folders or settings changed while indexing: index again afterwards
      return running;
    }
    running = once()
      .catch((err: unknown) => connection.console.error(`pacta: indexing failed: ${String(err)}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };

  return { run };
}
