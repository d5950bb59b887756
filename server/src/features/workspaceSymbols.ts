// Go to Symbol in Workspace: "Art 51 Charter" finds Article 51 of the Charter of the United
// Nations. Every word of the query must match a word of the provision's name, of where it
// sits, or of its document's title and catalogue aliases: numbers exactly ("51" is not
// "510"), words by prefix ("Art" → "Article"), titles also by their initials ("VCLT").
// Closed files of the workspace come as summaries (workspace/summary.ts `SymbolSummary`):
// the same entries, built when the file was indexed, so a query reads no text.
import type { Range, SymbolInformation } from 'vscode-languageserver-protocol';
import {
  ARTICLE_AND_ABOVE,
  DEFAULT_CATALOGUE,
  outlineName,
  provisionLabel,
  provisionPath,
  walk,
  type Catalogue,
  type ProvisionKind,
  type TreatyDocument,
} from '../model';
import { linesOf, toRange } from './convert';
import { symbolKind } from './documentSymbols';

/** A parsed document, or a summarised file with its title and symbol table. */
export type SymbolSource = { uri: string; doc: TreatyDocument } | { uri: string; title?: string; symbols: SymbolTable };

/** One listed provision: what the query is matched against and what the answer shows. */
export interface SymbolEntry {
  kind: ProvisionKind;
  name: string;
  /** Where it sits, without the document's title; '' for the document. */
  path: string;
  range: Range;
  own: readonly string[];
  pathWords: readonly string[];
}

export interface SymbolTable {
  titleWords: readonly string[];
  initials: readonly string[];
  entries: readonly SymbolEntry[];
}


/** Query words that say nothing ("Article 51 of the Charter"). */
const STOP = new Set(['of', 'the', 'to', 'and', 'in', 'on', 'a', 'an']);

const cache = new WeakMap<TreatyDocument, SymbolTable>();

export function workspaceSymbols(
  query: string,
  sources: readonly SymbolSource[],
  catalogue: Catalogue = DEFAULT_CATALOGUE,
  limit = 2000,
): SymbolInformation[] {
  const words = tokens(query).filter((w) => !STOP.has(w));
  const scored: Array<{ score: number; order: number; uri: string; title?: string; e: SymbolEntry }> = [];
  let order = 0;
  for (const source of sources) {
    const d = 'doc' in source ? symbolTable(source.doc, catalogue) : source.symbols;
    const title = 'doc' in source ? source.doc.title : source.title;
    for (const e of d.entries) {
      const score = scoreEntry(words, e, d);
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
  if (d) return d;
  const names = [doc.title ?? '', ...(doc.instrumentId ? (catalogue.entries.find((e) => e.id === doc.instrumentId)?.aliases ?? []) : [])];
  const titleWords = [...new Set(names.flatMap(tokens))];
  // "Vienna Convention on the Law of Treaties" → "vcolot" and "vclt" (without the little words).
  const initials = names.flatMap((n) => {
    const ws = tokens(n);
    return [ws.map((w) => w[0]).join(''), ws.filter((w) => !STOP.has(w)).map((w) => w[0]).join('')];
  });
  const lines = linesOf(doc);
  const untitled = { ...doc, title: undefined };
  const entries: SymbolEntry[] = [];
  for (const p of walk(doc.root)) {
    if (!ARTICLE_AND_ABOVE.has(p.kind)) continue;
    if (p.kind === 'document') {
      // A document's own name is its title (and aliases): "Orchard" finds the document before its articles.
      if (!doc.title) continue;
      entries.push({ kind: p.kind, name: doc.title, path: '', range: toRange(lines, firstLine(doc)), own: titleWords, pathWords: [] });
      continue;
    }
    const path = provisionPath(untitled, p);
    entries.push({
      kind: p.kind,
      name: outlineName(p) || provisionLabel(p) || p.kind,
      path,
      range: toRange(lines, p.labelRange),
      own: tokens(`${outlineName(p)} ${provisionLabel(p)}`),
      pathWords: tokens(path),
    });
  }
  d = { titleWords, initials, entries };
  cache.set(doc, d);
  return d;
}

/** The score of an entry for the query words, or undefined when some word matches nothing. */
function scoreEntry(words: string[], e: SymbolEntry, d: SymbolTable): number | undefined {
  let total = e.kind === 'article' ? 2 : 1;
  for (const w of words) {
    const numeric = /^\d/.test(w);
    const best = Math.max(
      match(w, e.own, numeric, 6, 4),
      match(w, e.pathWords, numeric, 3, 2),
      match(w, d.titleWords, numeric, 3, 2),
      !numeric && d.initials.some((i) => i.length > 1 && i.startsWith(w)) ? 2 : 0,
    );
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

function tokens(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

function firstLine(doc: TreatyDocument): { start: number; end: number } {
  const start = doc.title ? Math.max(0, doc.text.indexOf(doc.title)) : 0;
  return { start, end: start + (doc.title?.length ?? 0) };
}
