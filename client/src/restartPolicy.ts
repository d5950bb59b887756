// What the client does when the language server dies. vscode-languageclient restarts it
// (and re-sends every open document with its current, unsaved text on the new start);
// its default says nothing to the user until it gives up. This policy restarts on the same
// terms (at most 4 restarts within 3 minutes, like the default), tells the user once per
// session that it happened and that nothing was lost, and says clearly when it gives up.
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export interface RestartNotices {
  /** Shown the first time the server is restarted in this session, never again. */
  restarted(message: string): void;
  log(message: string): void;
}

/** One per extension session: the "once" survives clients made by "Pacta: Restart Language Server". */
export class RestartPolicy {
  private restarts: number[] = [];
  private told = false;

  constructor(
    private readonly notices: RestartNotices,
    private readonly now: () => number = Date.now,
  ) {}

  handler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult => ({
        action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
      }),
      closed: (): CloseHandlerResult => this.closed(),
    };
  }

  private closed(): CloseHandlerResult {
    const t = this.now();
    this.restarts = this.restarts.filter((r) => t - r <= RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message:
          `Pacta's language server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. ` +
          'Your documents are unchanged. Run "Pacta: Restart Language Server" to try again; "Pacta: Show Output" shows why it stopped.',
      };
    }
    this.restarts.push(t);
    this.notices.log('Pacta language server stopped unexpectedly; restarting it.');
    if (!this.told) {
      this.told = true;
      this.notices.restarted("Pacta's language server stopped unexpectedly and was restarted. Your documents, saved or not, are unchanged.");
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
