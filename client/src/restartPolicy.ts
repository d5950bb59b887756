// What the client does when the language server dies. vscode-languageclient restarts it
// (and re-sends every open document with its current, unsaved text on the new start);
// its default says nothing to the user until it gives up, and then only "See the output".
// This policy restarts on the same terms (at most 4 restarts within 3 minutes), tells the
// user once per session that it happened and that nothing was lost, and when it gives up
// says once what happened, what is off and what to do.
//
// The decisions are plain code, with no VS Code import, so they are unit-tested
// (server/test/client/restartPolicy.test.ts); extension.ts turns them into the
// languageclient's ErrorHandler and the notifications.

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Write errors on one connection tolerated before it is shut down (as the languageclient's default). */
export const MAX_CONNECTION_ERRORS = 3;

export interface RestartNotices {
  /** Shown the first time the server is restarted in this session, never again. */
  restarted(message: string): void;
  /** Shown once each time the client stops restarting the server, with a way to start it again. */
  gaveUp(message: string): void;
  log(message: string): void;
}

export type CloseDecision = { restart: true } | { restart: false; message: string };
export type ErrorDecision = { shutdown: false } | { shutdown: true; message: string };

const WHAT_TO_DO =
  'Your documents, saved or not, are unchanged, but references, hover and diagnostics are off until you run "Pacta: Restart Language Server". "Pacta: Show Output" shows why it stopped.';

/** One per extension session: the "once" survives clients made by "Pacta: Restart Language Server". */
export class RestartPolicy {
  private restarts: number[] = [];
  private told = false;

  constructor(
    private readonly notices: RestartNotices,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server's connection closed without the client asking: restart it, or give up. */
  serverClosed(): CloseDecision {
    const t = this.now();
    this.restarts = this.restarts.filter((r) => t - r <= RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      const message = `Pacta's language server stopped ${MAX_RESTARTS + 1} times in ${RESTART_WINDOW_MS / 60_000} minutes and will not be restarted again. ${WHAT_TO_DO}`;
      // Not logged here: the languageclient writes the returned message to the output.
      this.notices.gaveUp(message);
      return { restart: false, message };
    }
    this.restarts.push(t);
    this.notices.log('Pacta language server stopped unexpectedly; restarting it.');
    if (!this.told) {
      this.told = true;
      this.notices.restarted("Pacta's language server stopped unexpectedly and was restarted. Your documents, saved or not, are unchanged.");
    }
    return { restart: true };
  }

  /** Writing to the server failed for the `count`th time on this connection: carry on, or shut it down. */
  connectionError(count: number | undefined, error: string): ErrorDecision {
    this.notices.log(`Pacta language server connection error ${count ?? '?'}: ${error}`);
    if (count !== undefined && count <= MAX_CONNECTION_ERRORS) return { shutdown: false };
    const message = `Pacta's language server stopped answering (${error}) and was shut down. ${WHAT_TO_DO}`;
    this.notices.gaveUp(message);
    return { shutdown: true, message };
  }

  /** "Pacta: Restart Language Server": the user starts afresh, so earlier crashes no longer count. */
  restartedByHand(): void {
    this.restarts = [];
  }
}
