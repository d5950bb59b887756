// Client-side commands the server's lenses and quick fixes call. The server lists them in
// its answers only when the client says it has them (initializationOptions.clientCommands),
// so other editors never get a command they cannot run.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location, Position, ReferenceParams } from 'vscode-languageclient/node';

export const CLIENT_COMMANDS = ['pacta.showReferences', 'pacta.ignoreDiagnostic'];

export function registerReferenceCommands(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  return [
    // "cited by N": the lens carries LSP JSON (uri, position of the article's heading); the
    // references there are asked for on click (the server counts them by the same rule), and
    // VS Code's references peek wants its own types.
    vscode.commands.registerCommand('pacta.showReferences', async (uri: string, position: Position, given?: Location[]) => {
      const client = getClient();
      if (!client) return;
      const locations =
        given ??
        // By method name: this file is in the browser bundle too, which must not import the Node client.
        (await client.sendRequest<Location[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } } satisfies ReferenceParams)) ??
        [];
      const p2c = client.protocol2CodeConverter;
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        p2c.asUri(uri),
        p2c.asPosition(position),
        locations.map((l) => p2c.asLocation(l)),
      );
    }),
    // Quick fix "Don't report …": appends to pacta.diagnostics.ignore in the workspace
    // settings (user settings when no folder is open); the server re-checks on the change.
    vscode.commands.registerCommand('pacta.ignoreDiagnostic', async (key: string) => {
      if (typeof key !== 'string' || !key.trim()) return;
      const config = vscode.workspace.getConfiguration('pacta');
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      // The effective list: a workspace value replaces the user's, so it must keep the user's entries.
      const current = config.get<string[]>('diagnostics.ignore', []);
      if (current.includes(key)) return;
      await config.update('diagnostics.ignore', [...current, key], target);
    }),
  ];
}
