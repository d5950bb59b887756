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
  entryPath,
  entryRange,
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
  const scored: Array<{ score: number; order: number; uri: string; title?: string; table: SymbolTable; i: number }> = [];
  let order = 0;
  const paths = new PathScores(words);
  for (const source of sources) {
    const d = 'doc' in source ? symbolTable(source.doc, catalogue) : source.symbols;
    const title = 'doc' in source ? source.doc.title : source.title;
    // A word's match with the title or its initials is the same for every entry of the
    // document: found once here, not per entry (500 treaties hold 60,000 entries).
    const inTitle = words.map(({ w, numeric }) => Math.max(match(w, d.titleWords, numeric, 3, 2), !numeric && d.initials.some((i) => i.length > 1 && i.startsWith(w)) ? 2 : 0));
    paths.reset(d);
    for (let i = 0; i < d.entries.length; i++) {
      const score = scoreEntry(words, inTitle, paths, d.entries[i], i);
      if (score !== undefined) scored.push({ score, order: order++, uri: source.uri, title, table: d, i });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map(({ uri, title, table, i }) => {
    const e = table.entries[i];
    const path = entryPath(table, i);
    return {
      name: e.kind === 'document' ? (title ?? 'Document') : e.name,
      kind: symbolKind(e.kind),
      location: { uri, range: entryRange(e) },
      // The full path (document title › … › the provision itself), so a client that filters
      // the container by the rest of the query ("51 Charter") still keeps the symbol.
      containerName: e.kind === 'document' ? undefined : title ? `${title} › ${path}` : path,
    };
  });
}

/** The symbol table of a parsed document, built once per document object. */
export function symbolTable(doc: TreatyDocument, catalogue: Catalogue = DEFAULT_CATALOGUE): SymbolTable {
  let d = cache.get(doc);
  if (!d) cache.set(doc, (d = buildSymbolTable(doc, catalogue, linesOf(doc))));
  return d;
}

/**
 * The score of entry `i` (`e`) for the query words, or undefined when some word matches nothing.
 * `inTitle`: each word's score against the document's title (a match there counts as one in the
 * entry's path). A match in the entry's own words (4 or 6) beats any in its path or title (3 at
 * most), so those are looked at only when the own words have none.
 */
function scoreEntry(words: ReadonlyArray<{ w: string; numeric: boolean }>, inTitle: readonly number[], paths: PathScores, e: SymbolEntry, i: number): number | undefined {
  let total = e.kind === 'article' ? 2 : 1;
  for (let k = 0; k < words.length; k++) {
    const { w, numeric } = words[k];
    let best = match(w, e.own, numeric, 6, 4);
    if (best === 0) best = inTitle[k] === 3 ? 3 : Math.max(inTitle[k], paths.score(k, i));
    if (best === 0) return undefined;
    total += best;
  }
  return total;
}

/**
 * Each query word's match in each entry's path, found when first asked and kept: an entry's
 * path is its parent's and its own part, so the articles of one chapter ask the chapter once.
 */
class PathScores {
  /** One buffer for every document of a query, reset per document: -1 where not yet found. */
  private known = new Int8Array(0);
  private table: SymbolTable | undefined;
  private n = 0;

  constructor(private readonly words: ReadonlyArray<{ w: string; numeric: boolean }>) {}

  reset(table: SymbolTable): void {
    this.table = table;
    this.n = table.entries.length;
    const size = this.n * this.words.length;
    if (this.known.length < size) this.known = new Int8Array(Math.max(size, this.known.length * 2));
    this.known.fill(-1, 0, size);
  }

  score(k: number, i: number): number {
    const at = k * this.n + i;
    let best = this.known[at];
    if (best >= 0) return best;
    const e = this.table!.entries[i];
    const { w, numeric } = this.words[k];
    best = match(w, e.pathWords, numeric, 3, 2);
    if (best < 3 && e.parent >= 0) best = Math.max(best, this.score(k, e.parent));
    this.known[at] = best;
    return best;
  }
}

function match(w: string, candidates: readonly string[], numeric: boolean, exact: number, prefix: number): number {
  let best = 0;
  for (const c of candidates) {
    if (c === w) return exact;
    if (!numeric && c.startsWith(w)) best = prefix;
  }
  return best;
}
