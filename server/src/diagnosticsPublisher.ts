// Pushes diagnostics (textDocument/publishDiagnostics) for open documents: after each change,
// all at once after a settings or file change. Push rather than pull because every client has
// it — Neovim 0.7 has no pull diagnostics. A change is checked soon (5 ms) when the last round
// was cheap (diagnostics reuse the findings of untouched lines, so typing in a large treaty
// costs a few milliseconds a round), and after a quiet time when it was not: the debounce only
// spares work that costs.
import { ConnectionError, type Connection } from 'vscode-languageserver';
import { diagnostics, type DiagnosticsOptions } from './features/diagnostics';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { ParsedDocument, Workspace } from './workspace/workspace';

export interface DiagnosticsPublisherOptions {
  connection: Connection;
  workspace: Workspace;
  /** The URIs of the open documents. */
  openUris: () => Iterable<string>;
  options: () => DiagnosticsOptions;
  /** Resolves when the settings are known: nothing is published before. */
  ready: () => Promise<void>;
  /** Quiet time after the last change before a document is checked again, when the last round was not cheap. */
  delayMs?: number;
  /** A round that took less than this (milliseconds of checking) lets the next change be checked soon. */
  cheapMs?: number;
  /**
   * "Soon": the wait before a cheap round. A request sent with the keystroke (completion, or a
   * hover in the benchmark) is read and answered first instead of waiting for the round (about
   * 6 ms at 5 MB).
   */
  soonMs?: number;
  /** Diagnostics other features add to a document's (parallel versions). */
  extra?: (parsed: ParsedDocument) => Promise<Diagnostic[]>;
  /** Called after a round of publishing, once rounds have stopped for the quiet time (code lenses may have changed too). */
  afterRound?: () => void;
  log: (message: string) => void;
}

export interface DiagnosticsPublisher {
  /** Check this document after the quiet time, and the other open documents with it (they may cite it). */
  changed(uri: string): void;
  /** Check every open document soon (settings or files changed). */
  all(): void;
  /** The document was closed: its diagnostics go away. */
  closed(uri: string): void;
  dispose(): void;
}

export function createDiagnosticsPublisher(o: DiagnosticsPublisherOptions): DiagnosticsPublisher {
  const delay = o.delayMs ?? 300;
  const cheap = o.cheapMs ?? 10;
  /** Milliseconds the last round spent checking (not waiting for instruments): the first round is not assumed cheap. */
  let lastRound = Infinity;
  const soon = o.soonMs ?? 5;
  const quietTime = () => (lastRound < cheap ? soon : delay);
  const pending = new Set<string>();
  let everything = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * `afterRound` waits for the quiet time even when rounds run soon: a lens refresh makes the
   * client ask for every visible editor's lenses again, which is not worth doing per keystroke.
   */
  let afterTimer: ReturnType<typeof setTimeout> | undefined;
  const afterRound = () => {
    if (!o.afterRound || gone) return;
    if (afterTimer) clearTimeout(afterTimer);
    afterTimer = setTimeout(() => {
      afterTimer = undefined;
      if (!gone) o.afterRound?.();
    }, delay);
    (afterTimer as { unref?: () => void }).unref?.();
  };
  let running = false;
  /** The connection is gone (closed or disposed): nothing more to publish. */
  let gone = false;

  const isGone = (err: unknown) => err instanceof ConnectionError;

  const schedule = (ms: number) => {
    if (gone) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
    // A pending check must not keep a finished process alive.
    (timer as { unref?: () => void }).unref?.();
  };

  const run = async (): Promise<void> => {
    timer = undefined;
    if (running) return schedule(quietTime()); // one round at a time; the next picks up what came in
    running = true;
    try {
      await o.ready();
      const uris = new Set(pending);
      pending.clear();
      const all = everything;
      everything = false;
      let checking = 0;
      for (const uri of [...o.openUris()]) {
        const parsed = o.workspace.get(uri);
        if (!parsed) continue;
        // Other open documents are checked again only when they cite another instrument.
        if (!all && !uris.has(parsed.uri) && !parsed.doc.references.some((r) => r.instrument)) continue;
        try {
          const lookup = await o.workspace.lookupFor(parsed.doc);
          // The document may have changed while instruments were being found: its own turn comes.
          const now = o.workspace.get(parsed.uri);
          if (!now || now.version !== parsed.version) continue;
          // The cap (pacta.diagnostics.maxPerDocument) counts the other features' diagnostics too;
          // Pacta's own fill what is left, ending with a note of how many more there are.
          const options = o.options();
          const started = performance.now();
          const extra = o.extra ? await o.extra(parsed) : [];
          const max = options.maxPerDocument ?? Infinity;
          const list = [...diagnostics(parsed.doc, parsed.uri, lookup, { ...options, maxPerDocument: Math.max(0, max - extra.length) }), ...extra.slice(0, max)];
          checking += performance.now() - started;
          await o.connection.sendDiagnostics({ uri: parsed.uri, version: parsed.version, diagnostics: list });
        } catch (err) {
          if (isGone(err)) {
            gone = true;
            return;
          }
          o.log(`pacta: diagnostics for ${parsed.uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      }
      lastRound = checking;
      afterRound();
    } catch (err) {
      if (isGone(err)) gone = true;
      else o.log(`pacta: diagnostics failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      running = false;
    }
  };

  return {
    changed(uri) {
      pending.add(uri);
      schedule(quietTime());
    },
    all() {
      everything = true;
      schedule(delay);
    },
    closed(uri) {
      pending.delete(uri);
      if (gone) return;
      void o.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    },
    dispose() {
      gone = true;
      if (timer) clearTimeout(timer);
      if (afterTimer) clearTimeout(afterTimer);
      timer = afterTimer = undefined;
    },
  };
}
