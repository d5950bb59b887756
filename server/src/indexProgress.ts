// Progress in the client's status bar while the workspace and library folders are indexed
// (LSP window/workDoneProgress, server-initiated). The index is built by the workspace;
// this module only watches the file system underneath it count the files read, so a
// large folder shows "Pacta: indexing treaty texts — 250 files" instead of a silent wait.
import type { Connection } from 'vscode-languageserver';
import type { DirectoryEntry, FileStat, FileSystem } from './workspace/fileSystem';

/** A FileSystem that calls a listener for every file read. */
export class CountingFileSystem implements FileSystem {
  onRead?: () => void;

  constructor(private readonly inner: FileSystem) {}

  readFile(uri: string): Promise<string | undefined> {
    this.onRead?.();
    return this.inner.readFile(uri);
  }

  readDirectory(uri: string): Promise<DirectoryEntry[]> {
    return this.inner.readDirectory(uri);
  }

  stat(uri: string): Promise<FileStat | undefined> {
    return this.inner.stat(uri);
  }

  homeUri(): string | undefined {
    return this.inner.homeUri?.();
  }
}

/** Files between two progress reports: often enough to move, rarely enough to be cheap. */
const REPORT_EVERY = 25;

export interface IndexProgress {
  /** Builds the index now (if it is not built), showing progress while files are read. */
  run(): Promise<void>;
}

export function createIndexProgress(connection: Connection, fs: CountingFileSystem, buildIndex: () => Promise<unknown>): IndexProgress {
  let running: Promise<void> | undefined;
  let again = false;

  const once = async (): Promise<void> => {
    let files = 0;
    // The progress is created on the first file read: an index already built shows nothing.
    let progress: ReturnType<Connection['window']['createWorkDoneProgress']> | undefined;
    fs.onRead = () => {
      files++;
      if (!progress) {
        progress = connection.window.createWorkDoneProgress().then((p) => {
          p.begin('Pacta', undefined, 'indexing treaty texts…', false);
          return p;
        });
        // A client that refuses the progress must not turn into an unhandled rejection.
        progress.catch((err: unknown) => connection.console.log(`pacta: no indexing progress: ${String(err)}`));
      } else if (files % REPORT_EVERY === 0) {
        const n = files;
        void progress.then((p) => p.report(`indexing treaty texts — ${n} files`)).catch(() => undefined);
      }
    };
    try {
      await buildIndex();
    } finally {
      fs.onRead = undefined;
      if (progress) {
        const n = files;
        await progress.then((p) => {
          connection.console.log(`pacta: indexed the workspace (${n} file${n === 1 ? '' : 's'} read)`);
          p.done();
        }).catch(() => undefined);
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
