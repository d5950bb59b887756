// Cancellation without LSP types: the workspace layer imports only the model, so it takes
// anything shaped like vscode-languageserver's CancellationToken. server.ts turns a
// CancelledError into the LSP "request cancelled" error.

export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
  /** Present on LSP tokens; lets a wait end as soon as the client cancels. */
  onCancellationRequested?: (listener: () => void) => { dispose(): void };
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationSignal | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

/**
 * Waits for shared work (the file index) but gives up as soon as the request is cancelled;
 * the shared work itself goes on for the next request.
 */
export async function untilCancelled<T>(work: Promise<T>, token: CancellationSignal | undefined): Promise<T> {
  throwIfCancelled(token);
  if (!token?.onCancellationRequested) return work;
  let sub: { dispose(): void } | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    sub = token.onCancellationRequested!(() => reject(new CancelledError()));
  });
  try {
    return await Promise.race([work, cancelled]);
  } finally {
    sub?.dispose();
  }
}
