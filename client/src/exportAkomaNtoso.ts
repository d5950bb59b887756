// "Pacta: Export as Akoma Ntoso": asks the server for the XML (server command
// pacta.akomaNtoso), saves it next to the treaty text as NAME.akn.xml and opens it.
// Works on the desktop and on the web (vscode.workspace.fs writes wherever the file lives).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient } from 'vscode-languageclient';

interface AknExport {
  xml: string;
  fileName: string;
  stats: { refs: number; rrefs: number; mrefs: number; unresolved: number };
}

export const EXPORT_COMMAND = 'pacta.exportAkomaNtoso';

export function registerExportCommand(getClient: () => BaseLanguageClient | undefined, channel: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_COMMAND, async (resource?: vscode.Uri) => {
    const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
    const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
    if (!uri || (doc && doc.languageId !== 'treaty')) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Open a treaty text first (language mode "Treaty"), then run "Pacta: Export as Akoma Ntoso".'),
      );
      return;
    }
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The Pacta language server is not running. Run "Pacta: Restart Language Server", or "Pacta: Show Output" to see why.'));
      return;
    }
    let result: AknExport | null;
    try {
      result = (await client.sendRequest(ExecuteCommandRequest.type, { command: 'pacta.akomaNtoso', arguments: [uri.toString()] })) as AknExport | null;
    } catch (err) {
      channel.error(`Export as Akoma Ntoso failed: ${String(err)}`);
      result = null;
    }
    if (!result) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Pacta could not export this document. Run "Pacta: Show Output" to see why.'));
      return;
    }
    const target = await targetFor(uri, result.fileName);
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.xml));
    channel.info(`Exported ${target.toString(true)} (${result.stats.refs} ref, ${result.stats.rrefs} rref, ${result.stats.mrefs} mref; ${result.stats.unresolved} unresolved)`);
    await vscode.window.showTextDocument(target, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const linked = result.stats.refs + result.stats.rrefs;
    void vscode.window.showInformationMessage(
      result.stats.unresolved
        ? vscode.l10n.t('Saved {0}: {1} references linked; {2} do not resolve and are plain text (see the Problems view).', basename(target), linked, result.stats.unresolved)
        : vscode.l10n.t('Saved {0}: {1} references linked.', basename(target), linked),
    );
  });
}

/** NAME.akn.xml beside the text; asks where when the text has no folder (untitled) or the file exists. */
async function targetFor(source: vscode.Uri, fileName: string): Promise<vscode.Uri | undefined> {
  if (source.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { 'Akoma Ntoso XML': ['xml'] },
      title: vscode.l10n.t('Save the Akoma Ntoso export'),
    });
  }
  const target = vscode.Uri.joinPath(source, '..', fileName);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) return target;
  const replace = vscode.l10n.t('Replace');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it with a new export?', basename(target)), { modal: true }, replace);
  return choice === replace ? target : undefined;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
