// Palette commands for renumbering: each sends the cursor to the server's command
// (workspace/executeCommand). The server computes one WorkspaceEdit, asks VS Code to apply
// it (with the refactor preview) and reports what changed; here only the cursor moves.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** Palette command → server command and its extra arguments. */
const COMMANDS: Array<[string, string, Record<string, unknown>]> = [
  ['pacta.insertArticle', 'pacta.server.insertArticle', {}],
  ['pacta.removeArticle', 'pacta.server.removeArticle', {}],
  ['pacta.renumberArticles', 'pacta.server.renumberSequentially', { kind: 'article' }],
  ['pacta.renumberParagraphs', 'pacta.server.renumberSequentially', { kind: 'paragraph' }],
];

interface Result {
  applied: boolean;
  message: string;
  cursor?: { uri: string; position: { line: number; character: number } };
}

export function registerRenumberCommands(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  return COMMANDS.map(([id, serverCommand, extra]) =>
    vscode.commands.registerCommand(id, async (): Promise<Result | undefined> => {
      const editor = vscode.window.activeTextEditor;
      const client = getClient();
      if (!editor || editor.document.languageId !== 'treaty' || !client) {
        void vscode.window.showWarningMessage('Pacta: open a treaty text first.');
        return undefined;
      }
      const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
      const args = { uri, position: client.code2ProtocolConverter.asPosition(editor.selection.active), ...extra };
      // The server shows the outcome itself (window/showMessage), so every editor gets it.
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: serverCommand, arguments: [args] })) as Result | null;
      if (result?.applied && result.cursor && result.cursor.uri === uri) {
        const at = client.protocol2CodeConverter.asPosition(result.cursor.position);
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      return result ?? undefined;
    }),
  );
}
