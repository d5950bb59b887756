// Go to Symbol in Workspace: "Art 51 Charter" finds Article 51 of the Charter of the United
// Nations. Every word of the query must match a word of the provision's name, of where it
// sits, or of its document's title and catalogue aliases: numbers exactly ("51" is not
// "510"), words by prefix ("Art" → "Article"), titles also by their initials ("VCLT").
import type { Location, SymbolInformation } from 'vscode-languageserver-protocol';
import {
  DEFAULT_CATALOGUE,
  outlineName,
  provisionLabel,
  provisionPath,
  walk,
  type Catalogue,
  type Provision,
  type ProvisionKind,
  type TreatyDocument,
} from '../model';
import { linesOf, toRange } from './convert';
import { symbolKind } from './documentSymbols';

export interface SymbolSource {
  uri: string;
  doc: TreatyDocument;
}

/** Paragraphs and points are too many to list; everything from an article up is a symbol. */
const LISTED: ReadonlySet<ProvisionKind> = new Set<ProvisionKind>([
  'document',
  'preamble',
  'part',
  'title',
  'chapter',
  'section',
  'subsection',
  'article',
  'annex',
  'protocol',
  'attachment',
  'conclusions',
]);

/** Query words that say nothing ("Article 51 of the Charter"). */
const STOP = new Set(['of', 'the', 'to', 'and', 'in', 'on', 'a', 'an']);

interface Entry {
  p: Provision;
  own: string[];
  path: string[];
}

interface DocEntries {
  titleWords: string[];
  initials: string[];
  entries: Entry[];
}

const cache = new WeakMap<TreatyDocument, DocEntries>();

export function workspaceSymbols(
  query: string,
  sources: readonly SymbolSource[],
  catalogue: Catalogue = DEFAULT_CATALOGUE,
  limit = 2000,
): SymbolInformation[] {
  const words = tokens(query).filter((w) => !STOP.has(w));
  const scored: Array<{ score: number; order: number; source: SymbolSource; e: Entry }> = [];
  let order = 0;
  for (const source of sources) {
    const d = entriesOf(source.doc, catalogue);
    for (const e of d.entries) {
      const score = scoreEntry(words, e, d);
      if (score !== undefined) scored.push({ score, order: order++, source, e });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map(({ source, e }) => {
    const lines = linesOf(source.doc);
    const p = e.p;
    const location: Location = { uri: source.uri, range: toRange(lines, p.kind === 'document' ? firstLine(source.doc) : p.labelRange) };
    return {
      name: p.kind === 'document' ? (source.doc.title ?? 'Document') : outlineName(p) || provisionLabel(p) || p.kind,
      kind: symbolKind(p.kind),
      location,
      // The full path (document title › … › the provision itself), so a client that filters
      // the container by the rest of the query ("51 Charter") still keeps the symbol.
      containerName: p.kind === 'document' ? undefined : provisionPath(source.doc, p),
    };
  });
}

function entriesOf(doc: TreatyDocument, catalogue: Catalogue): DocEntries {
  let d = cache.get(doc);
  if (d) return d;
  const names = [doc.title ?? '', ...(doc.instrumentId ? (catalogue.entries.find((e) => e.id === doc.instrumentId)?.aliases ?? []) : [])];
  const titleWords = [...new Set(names.flatMap(tokens))];
  // "Vienna Convention on the Law of Treaties" → "vcolot" and "vclt" (without the little words).
  const initials = names.flatMap((n) => {
    const ws = tokens(n);
    return [ws.map((w) => w[0]).join(''), ws.filter((w) => !STOP.has(w)).map((w) => w[0]).join('')];
  });
  const entries: Entry[] = [];
  for (const p of walk(doc.root)) {
    if (!LISTED.has(p.kind)) continue;
    if (p.kind === 'document' && !doc.title) continue;
    // A document's own name is its title (and aliases): "Orchard" finds the document before its articles.
    const own = p.kind === 'document' ? titleWords : tokens(`${outlineName(p)} ${provisionLabel(p)}`);
    const path = p.kind === 'document' ? [] : tokens(provisionPath({ ...doc, title: undefined }, p));
    entries.push({ p, own, path });
  }
  d = { titleWords, initials, entries };
  cache.set(doc, d);
  return d;
}

/** The score of an entry for the query words, or undefined when some word matches nothing. */
function scoreEntry(words: string[], e: Entry, d: DocEntries): number | undefined {
  let total = e.p.kind === 'article' ? 2 : 1;
  for (const w of words) {
    const numeric = /^\d/.test(w);
    const best = Math.max(
      match(w, e.own, numeric, 6, 4),
      match(w, e.path, numeric, 3, 2),
      match(w, d.titleWords, numeric, 3, 2),
      !numeric && d.initials.some((i) => i.length > 1 && i.startsWith(w)) ? 2 : 0,
    );
    if (best === 0) return undefined;
    total += best;
  }
  return total;
}

function match(w: string, candidates: string[], numeric: boolean, exact: number, prefix: number): number {
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
