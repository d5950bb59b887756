// Comparing provisions in VS Code: "Compare Provision With…" opens VS Code's diff editor on
// two provisions' wording, "Find Similar Provisions" lists the closest provisions in the
// workspace. The texts come from the server (`pacta/…` requests) through virtual documents
// of the `pacta-provision:` scheme; this file only asks and shows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const PROVISION_SCHEME = 'pacta-provision';

interface ProvisionRef {
  uri: string;
  eId: string;
}

interface ProvisionAt extends ProvisionRef {
  label: string;
  path: string;
}

interface DocumentChoice {
  uri: string;
  name: string;
  title?: string;
  language?: string;
  source: 'open' | 'workspace' | 'library';
}

interface ProvisionChoice {
  eId: string;
  label: string;
  name: string;
  preview: string;
  depth: number;
}

interface SimilarResult {
  uri: string;
  eId: string;
  label: string;
  title?: string;
  similarity: number;
  percent: string;
  preview: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface ComparisonResult {
  percent: string;
  added: string[];
  removed: string[];
}

function fileName(uri: string): string {
  const q = uri.search(/[?#]/);
  const last = (q >= 0 ? uri.slice(0, q) : uri).split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * A provision as a virtual document: the path names it (so the diff editor's tab reads
 * "friendship-treaty.treaty.txt › Article 1(2)"), the query says where it comes from.
 */
export function provisionUri(ref: ProvisionRef, label: string): vscode.Uri {
  const name = `${fileName(ref.uri).replace(/\.(treaty\.txt|treaty\.md|treaty|txt|md)$/i, '')} › ${label}`.replace(/[/\\]/g, '-');
  return vscode.Uri.from({ scheme: PROVISION_SCHEME, path: `/${name}.treaty`, query: JSON.stringify(ref) });
}

class ProvisionContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly getClient: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.getClient();
    let ref: ProvisionRef;
    try {
      ref = JSON.parse(uri.query) as ProvisionRef;
    } catch {
      return '(Pacta: this link does not name a provision.)';
    }
    if (!client) return '(Pacta: the language server is not running.)';
    const result = (await client.sendRequest('pacta/provisionText', ref)) as { text: string } | null;
    return result ? result.text + '\n' : `(Pacta: ${ref.eId} is no longer in ${fileName(ref.uri)}.)`;
  }
}

export function registerCompareCommands(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  const withClient = (): { client: LanguageClient; editor: vscode.TextEditor } | undefined => {
    const editor = vscode.window.activeTextEditor;
    const client = getClient();
    if (!editor || editor.document.languageId !== 'treaty' || !client) {
      void vscode.window.showWarningMessage('Pacta: open a treaty text and put the cursor in a provision first.');
      return undefined;
    }
    return { client, editor };
  };

  const at = async (client: LanguageClient, editor: vscode.TextEditor, method: string, extra: Record<string, unknown> = {}) =>
    client.sendRequest(method, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      position: client.code2ProtocolConverter.asPosition(editor.selection.active),
      ...extra,
    });

  /** Opens the diff editor: `left` (the other provision) against `right` (this one). */
  const openDiff = async (client: LanguageClient, left: ProvisionRef & { label: string }, right: ProvisionRef & { label: string }) => {
    const result = (await client.sendRequest('pacta/compare', { left, right })) as ComparisonResult | null;
    const title = `${fileName(left.uri)} › ${left.label} ↔ ${fileName(right.uri)} › ${right.label}${result ? ` (${result.percent} similar)` : ''}`;
    await vscode.commands.executeCommand('vscode.diff', provisionUri(left, left.label), provisionUri(right, right.label), title);
    return result;
  };

  return [
    vscode.workspace.registerTextDocumentContentProvider(PROVISION_SCHEME, new ProvisionContentProvider(getClient)),

    vscode.commands.registerCommand('pacta.compareProvision', async (other?: ProvisionRef) => {
      const ctx = withClient();
      if (!ctx) return undefined;
      const { client, editor } = ctx;
      const current = (await at(client, editor, 'pacta/provisionAt')) as ProvisionAt | null;
      if (!current) {
        void vscode.window.showWarningMessage('Pacta: put the cursor in an article, paragraph or point to compare it.');
        return undefined;
      }
      const chosen = other ? { ...other, label: other.eId } : await pickProvision(client, editor, current);
      if (!chosen) return undefined;
      return openDiff(client, chosen, current);
    }),

    vscode.commands.registerCommand('pacta.findSimilar', async () => {
      const ctx = withClient();
      if (!ctx) return undefined;
      const { client, editor } = ctx;
      const found = (await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Pacta: finding similar provisions' },
        () => at(client, editor, 'pacta/similar', { limit: 30 }),
      )) as { query: ProvisionAt; results: SimilarResult[] } | null;
      if (!found) {
        void vscode.window.showWarningMessage('Pacta: put the cursor in an article, paragraph or point first.');
        return undefined;
      }
      if (!found.results.length) {
        void vscode.window.showInformationMessage(`Pacta: no provision in the workspace is worded like ${found.query.label}.`);
        return found;
      }
      const compareButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('diff'), tooltip: 'Compare with this provision' };
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { result: SimilarResult }>();
      pick.title = `Provisions worded like ${found.query.path}`;
      pick.placeholder = 'Open a provision, or compare it (button on the right)';
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.items = found.results.map((r) => ({
        label: `${r.percent}  ${r.label}`,
        description: r.title ? `${r.title} — ${fileName(r.uri)}` : fileName(r.uri),
        detail: r.preview,
        buttons: [compareButton],
        result: r,
      }));
      pick.onDidTriggerItemButton(({ item }) => {
        pick.hide();
        void openDiff(client, { ...item.result }, found.query);
      });
      pick.onDidAccept(async () => {
        const r = pick.selectedItems[0]?.result;
        pick.hide();
        if (!r) return;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.uri));
        const start = new vscode.Position(r.range.start.line, r.range.start.character);
        const shown = await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(start, start) });
        shown.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
      });
      pick.onDidHide(() => pick.dispose());
      pick.show();
      return found;
    }),
  ];
}

/** Two quick picks: a document of the workspace, then one of its provisions (the most similar first selected). */
async function pickProvision(client: LanguageClient, editor: vscode.TextEditor, current: ProvisionAt): Promise<(ProvisionRef & { label: string }) | undefined> {
  const docs = ((await client.sendRequest('pacta/documents', {})) as DocumentChoice[] | null) ?? [];
  if (!docs.length) {
    void vscode.window.showInformationMessage('Pacta: no treaty texts in the workspace to compare with.');
    return undefined;
  }
  // Where similar wording is, to sort documents and preselect a provision.
  const similar = (await client.sendRequest('pacta/similar', {
    textDocument: { uri: current.uri },
    position: client.code2ProtocolConverter.asPosition(editor.selection.active),
    limit: 50,
  })) as { results: SimilarResult[] } | null;
  const best = new Map<string, SimilarResult>();
  for (const r of similar?.results ?? []) if (!best.has(r.uri)) best.set(r.uri, r);
  const order = (d: DocumentChoice) => (best.has(d.uri) ? -best.get(d.uri)!.similarity : 1);
  const docItems = [...docs]
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name))
    .map((d) => ({
      label: d.name,
      description: [d.title, best.has(d.uri) ? `closest: ${best.get(d.uri)!.label} (${best.get(d.uri)!.percent})` : undefined].filter(Boolean).join(' — '),
      detail: d.uri === current.uri ? 'this document' : d.source === 'library' ? 'library' : undefined,
      doc: d,
    }));
  const docPick = await vscode.window.showQuickPick(docItems, {
    title: `Compare ${current.label} with…`,
    placeHolder: 'Choose the treaty to compare with',
    matchOnDescription: true,
  });
  if (!docPick) return undefined;

  const list = (await client.sendRequest('pacta/provisions', { uri: docPick.doc.uri })) as { choices: ProvisionChoice[] } | null;
  const scores = new Map((similar?.results ?? []).filter((r) => r.uri === docPick.doc.uri).map((r) => [r.eId, r.percent]));
  const items = (list?.choices ?? []).map((c) => ({
    label: `${'\u2003'.repeat(c.depth)}${c.name}`,
    description: [c.label !== c.name ? c.label : undefined, scores.has(c.eId) ? `${scores.get(c.eId)} similar` : undefined].filter(Boolean).join(' — '),
    detail: c.preview,
    choice: c,
  }));
  const qp = vscode.window.createQuickPick<(typeof items)[number]>();
  qp.title = `Compare ${current.label} with a provision of ${docPick.doc.name}`;
  qp.placeholder = 'Type to filter: "Article 1", a word of the text…';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = items;
  const bestHere = best.get(docPick.doc.uri);
  const preselect = bestHere && items.find((i) => i.choice.eId === bestHere.eId);
  if (preselect) qp.activeItems = [preselect];
  const chosen = await new Promise<(typeof items)[number] | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0] ?? qp.activeItems[0]);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return chosen ? { uri: docPick.doc.uri, eId: chosen.choice.eId, label: chosen.choice.label } : undefined;
}
