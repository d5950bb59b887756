// Code lens "cited by N" above each article: how many places in the workspace cite it
// (or one of its paragraphs and points), by the same rule as Find All References.
// Clicking opens those places through a client command, when the client has one: the lens
// carries only where it stands, and the command asks for the references there (the same rule),
// so a lens request on a 5 MB treaty does not carry its 20,000 locations.
import type { CodeLens } from 'vscode-languageserver-protocol';
import { labelStart, walk, type TreatyDocument } from '../model';
import { linesOf, toPosition } from './convert';
import { articleCitationCounts, type WorkspaceSource } from './references';

export interface CodeLensOptions {
  /**
   * The client command that shows the references to the article whose heading is at a position
   * (VS Code: `pacta.showReferences`, which the extension registers), called with (uri,
   * position). Without one the lens is a plain label.
   */
  showReferencesCommand?: string;
}

export function codeLenses(doc: TreatyDocument, uri: string, sources: readonly WorkspaceSource[], options: CodeLensOptions = {}): CodeLens[] {
  const lines = linesOf(doc);
  const cited = articleCitationCounts(doc, uri, sources);
  const lenses: CodeLens[] = [];
  for (const p of walk(doc.root)) {
    if (p.kind !== 'article') continue;
    const at = toPosition(lines, labelStart(p));
    const title = citedBy(cited.get(p) ?? 0);
    lenses.push({
      range: { start: at, end: at },
      command: options.showReferencesCommand ? { title, command: options.showReferencesCommand, arguments: [uri, at] } : { title, command: '' },
    });
  }
  return lenses;
}

export function citedBy(n: number): string {
  return n === 0 ? 'not cited' : `cited by ${n}`;
}
