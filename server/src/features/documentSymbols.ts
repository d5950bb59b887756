// Document outline: the provision tree as hierarchical DocumentSymbols.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { outlineName, provisionLabel, type Provision, type ProvisionKind, type TreatyDocument } from '../model';
import { containsRange, linesOf, toRange } from './convert';

// Containers read as modules/namespaces, articles as the main "classes", and their
// paragraphs and points as members, so VS Code's outline icons follow the nesting.
const KIND: Record<ProvisionKind, SymbolKind> = {
  document: SymbolKind.File,
  preamble: SymbolKind.Namespace,
  recital: SymbolKind.String,
  part: SymbolKind.Module,
  title: SymbolKind.Module,
  chapter: SymbolKind.Namespace,
  section: SymbolKind.Package,
  subsection: SymbolKind.Package,
  article: SymbolKind.Class,
  paragraph: SymbolKind.Field,
  point: SymbolKind.EnumMember,
  annex: SymbolKind.File,
  protocol: SymbolKind.File,
  attachment: SymbolKind.File,
  conclusions: SymbolKind.Namespace,
};

export function symbolKind(kind: ProvisionKind): SymbolKind {
  return KIND[kind] ?? SymbolKind.Object;
}

/** The outline of a document: the root's children and everything below them. */
export function documentSymbols(doc: TreatyDocument): DocumentSymbol[] {
  const lines = linesOf(doc);
  const convert = (p: Provision): DocumentSymbol => {
    const range = toRange(lines, p.range);
    let selectionRange = toRange(lines, p.labelRange);
    // VS Code rejects the whole outline if one selectionRange is outside its range.
    if (!containsRange(range, selectionRange)) selectionRange = { start: range.start, end: range.start };
    return {
      name: outlineName(p) || provisionLabel(p) || p.kind, // an empty name is an error in VS Code
      kind: symbolKind(p.kind),
      range,
      selectionRange,
      children: p.children.map(convert),
    };
  };
  return doc.root.children.map(convert);
}
