// Parallel language versions in VS Code: open the other version beside this one at the same
// provision (from a code lens or the Command Palette), and link a version the server proposes.
// The server finds the versions and the provision (`pacta/parallelTargets`); this file only
// opens editors.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Commands of this file the server may put in code lenses. */
export const PARALLEL_CLIENT_COMMANDS = ['pacta.openParallel', 'pacta.linkParallel'];

/** What the server sends (features/parallelVersions.ts `ParallelTarget`). */
export interface ParallelTarget {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  languageName?: string;
  label: string;
  exact: boolean;
}

interface LinkArgs {
  uri: string;
  other: string;
  note: string;
  reason?: string;
}

export function registerParallelCommands(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pacta.openParallel', async (target?: ParallelTarget) => {
      const chosen = target ?? (await pickTarget(getClient()));
      if (!chosen) return undefined;
      await openBeside(chosen);
      return chosen;
    }),
    vscode.commands.registerCommand('pacta.linkParallel', async (args?: LinkArgs) => {
      if (!args?.uri || !args.note) return false;
      const uri = vscode.Uri.parse(args.uri);
      const edit = new vscode.WorkspaceEdit();
      // The note goes first: notes are read from the comment lines a text opens with.
      edit.insert(uri, new vscode.Position(0, 0), args.note + '\n');
      const applied = await vscode.workspace.applyEdit(edit);
      if (applied) void vscode.window.showInformationMessage(`Pacta: linked as parallel versions (${args.note}).`);
      return applied;
    }),
  ];
}

/** The counterparts of the cursor's provision; a quick pick when there are several versions. */
async function pickTarget(client: LanguageClient | undefined): Promise<ParallelTarget | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'treaty' || !client) {
    void vscode.window.showWarningMessage('Pacta: open a treaty text first.');
    return undefined;
  }
  const targets = (await client.sendRequest('pacta/parallelTargets', {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    position: client.code2ProtocolConverter.asPosition(editor.selection.active),
  })) as ParallelTarget[] | null;
  if (!targets?.length) {
    void vscode.window.showInformationMessage(
      'Pacta: no other language version is linked to this text. Link one with a first-line note such as "% pacta: parallel=other-version.txt" or the pacta.parallelVersions setting.',
    );
    return undefined;
  }
  if (targets.length === 1) return targets[0];
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({
      label: `${t.languageName ?? 'Other version'}: ${t.label}`,
      description: decodeURIComponent(t.uri.slice(t.uri.lastIndexOf('/') + 1)),
      detail: t.exact ? undefined : 'The provision itself is not in that version; this is the nearest one that is.',
      target: t,
    })),
    { placeHolder: 'Open which version beside this one?' },
  );
  return picked?.target;
}

/** Opens the version in the editor group beside this one, with the provision at the top. */
async function openBeside(t: ParallelTarget): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(t.uri));
  const range = new vscode.Range(t.range.start.line, t.range.start.character, t.range.end.line, t.range.end.character);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Selection(range.start, range.start) });
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
}
