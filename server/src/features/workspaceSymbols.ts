// Go to Symbol in Workspace: "Art 51 Charter" finds Article 51 of the Charter of the United
// Nations. Every word of the query must match a word of the provision's name, of where it
// sits, or of its document's title and catalogue aliases: numbers exactly ("51" is not
// "510"), words by prefix ("Art" → "Article"), titles also by their initials ("VCLT").
// Open documents and the summaries of closed files (workspace/summary.ts) carry the same
// `SymbolTable` (model/symbols.ts), built by one builder, so a query reads no text.
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import {
  buildSymbolTable,
  DEFAULT_CATALOGUE,
  splitWords,
  STOP_WORDS,
  type Catalogue,
  type SymbolEntry,
  type SymbolTable,
  type TreatyDocument,
} from '../model';
import { linesOf } from './convert';
import { symbolKind } from './documentSymbols';

/** A parsed document, or a summarised file with its title and symbol table. */
export type SymbolSource = { uri: string; doc: TreatyDocument } | { uri: string; title?: string; symbols: SymbolTable };

const cache = new WeakMap<TreatyDocument, SymbolTable>();

export function workspaceSymbols(
  query: string,
  sources: readonly SymbolSource[],
  catalogue: Catalogue = DEFAULT_CATALOGUE,
  limit = 2000,
): SymbolInformation[] {
  const words = splitWords(query).filter((w) => !STOP_WORDS.has(w)).map((w) => ({ w, numeric: /^\d/.test(w) }));
  const scored: Array<{ score: number; order: number; uri: string; title?: string; e: SymbolEntry }> = [];
  let order = 0;
  for (const source of sources) {
    const d = 'doc' in source ? symbolTable(source.doc, catalogue) : source.symbols;
    const title = 'doc' in source ? source.doc.title : source.title;
    // A word's match with the title or its initials is the same for every entry of the
    // document: found once here, not per entry (500 treaties hold 60,000 entries).
    const inTitle = words.map(({ w, numeric }) => Math.max(match(w, d.titleWords, numeric, 3, 2), !numeric && d.initials.some((i) => i.length > 1 && i.startsWith(w)) ? 2 : 0));
    for (const e of d.entries) {
      const score = scoreEntry(words, inTitle, e);
      if (score !== undefined) scored.push({ score, order: order++, uri: source.uri, title, e });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map(({ uri, title, e }) => ({
    name: e.kind === 'document' ? (title ?? 'Document') : e.name,
    kind: symbolKind(e.kind),
    location: { uri, range: e.range },
    // The full path (document title › … › the provision itself), so a client that filters
    // the container by the rest of the query ("51 Charter") still keeps the symbol.
    containerName: e.kind === 'document' ? undefined : title ? `${title} › ${e.path}` : e.path,
  }));
}

/** The symbol table of a parsed document, built once per document object. */
export function symbolTable(doc: TreatyDocument, catalogue: Catalogue = DEFAULT_CATALOGUE): SymbolTable {
  let d = cache.get(doc);
  if (!d) cache.set(doc, (d = buildSymbolTable(doc, catalogue, linesOf(doc))));
  return d;
}

/**
 * The score of an entry for the query words, or undefined when some word matches nothing.
 * `inTitle`: each word's score against the entry's document title (a match there counts as
 * one in the entry's path).
 */
function scoreEntry(words: ReadonlyArray<{ w: string; numeric: boolean }>, inTitle: readonly number[], e: SymbolEntry): number | undefined {
  let total = e.kind === 'article' ? 2 : 1;
  for (let k = 0; k < words.length; k++) {
    const { w, numeric } = words[k];
    const best = Math.max(match(w, e.own, numeric, 6, 4), match(w, e.pathWords, numeric, 3, 2), inTitle[k]);
    if (best === 0) return undefined;
    total += best;
  }
  return total;
}

function match(w: string, candidates: readonly string[], numeric: boolean, exact: number, prefix: number): number {
  let best = 0;
  for (const c of candidates) {
    if (c === w) return exact;
    if (!numeric && c.startsWith(w)) best = prefix;
  }
  return best;
}
