// The status bar item for the active treaty text: "23 articles · English", from the
// server's pacta/documentInfo. Shared by the desktop and the web extension.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

interface DocumentInfo {
  title: string | null;
  articles: number;
  annexArticles: number;
  annexes: number;
  references: number;
  language: string;
  languageName: string;
}

/** Typing pauses this long before the count is asked for again. */
const DEBOUNCE_MS = 400;

export function registerDocumentStatus(getClient: () => BaseLanguageClient | undefined): { disposables: vscode.Disposable[]; refresh(): void } {
  const item = vscode.window.createStatusBarItem('pacta.documentInfo', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Pacta: articles and language');
  item.command = 'workbench.action.gotoSymbol';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const refresh = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const client = getClient();
    if (!editor || editor.document.languageId !== 'treaty') {
      item.hide();
      return;
    }
    if (!client || !client.isRunning()) {
      item.text = `$(loading~spin) ${vscode.l10n.t('Pacta is starting…')}`;
      item.tooltip = undefined;
      item.show();
      return;
    }
    const mine = ++generation;
    let info: DocumentInfo | null = null;
    try {
      info = await client.sendRequest<DocumentInfo | null>('pacta/documentInfo', { textDocument: { uri: editor.document.uri.toString() } });
    } catch {
      info = null;
    }
    if (mine !== generation) return; // a newer refresh is on its way
    if (!info) {
      item.text = `$(warning) ${vscode.l10n.t('Pacta: no structure')}`;
      item.tooltip = vscode.l10n.t('Pacta could not read this document. Run "Pacta: Show Output" to see why.');
      item.command = 'pacta.showOutput';
      item.show();
      return;
    }
    const articles = vscode.l10n.t('{0} articles', info.articles);
    const annex = info.annexArticles ? ` + ${vscode.l10n.t('{0} in annexes', info.annexArticles)}` : '';
    item.text = `$(law) ${articles}${annex} · ${info.languageName}`;
    item.tooltip = new vscode.MarkdownString(
      [
        info.title ? `**${escapeMarkdown(info.title)}**` : '',
        vscode.l10n.t('{0} articles, {1} annexes ({2} articles in them), {3} references.', info.articles, info.annexes, info.annexArticles, info.references),
        vscode.l10n.t('Language: {0} ({1}).', info.languageName, info.language),
        vscode.l10n.t('Click to go to an article.'),
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.command = 'workbench.action.gotoSymbol';
    item.show();
  };

  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), DEBOUNCE_MS);
  };

  const disposables: vscode.Disposable[] = [
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) later();
    }),
    // A language mode switched to Treaty (or away from it).
    vscode.workspace.onDidOpenTextDocument(() => later()),
    { dispose: () => timer && clearTimeout(timer) },
  ];
  void refresh();
  return { disposables, refresh: () => void refresh() };
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
