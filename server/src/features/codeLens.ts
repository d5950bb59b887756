// Code lens "cited by N" above each article: how many places in the workspace cite it
// (or one of its paragraphs and points), by the same rule as Find All References.
// Clicking opens those places through a client command, when the client has one.
import type { CodeLens } from 'vscode-languageserver-protocol';
import { labelStart, walk, type TreatyDocument } from '../model';
import { linesOf, toPosition } from './convert';
import { articleCitations, toLocations, type WorkspaceSource } from './references';

export interface CodeLensOptions {
  /**
   * The client command that shows a list of locations (VS Code: `pacta.showReferences`,
   * which the extension registers), called with (uri, position, locations). Without
   * one the lens is a plain label.
   */
  showReferencesCommand?: string;
}

export function codeLenses(doc: TreatyDocument, uri: string, sources: readonly WorkspaceSource[], options: CodeLensOptions = {}): CodeLens[] {
  const lines = linesOf(doc);
  const cited = articleCitations(doc, uri, sources);
  const lenses: CodeLens[] = [];
  for (const p of walk(doc.root)) {
    if (p.kind !== 'article') continue;
    const at = toPosition(lines, labelStart(p));
    const citations = cited.get(p) ?? [];
    const title = citedBy(citations.length);
    // Locations (20,000 in a 5 MB treaty) only for a client that can show them.
    lenses.push({
      range: { start: at, end: at },
      command: options.showReferencesCommand
        ? { title, command: options.showReferencesCommand, arguments: [uri, at, toLocations(citations)] }
        : { title, command: '' },
    });
  }
  return lenses;
}

export function citedBy(n: number): string {
  return n === 0 ? 'not cited' : `cited by ${n}`;
}
