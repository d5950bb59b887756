// The symbol table of a document: what Go to Symbol in Workspace matches a query against. One
// builder for open documents (features/workspaceSymbols.ts) and for the summaries of closed
// files (workspace/summary.ts), so a file answers a query alike whether it is open or not.
// Positions are plain line and character numbers: a summary keeps no text. The 60,000 entries of
// 500 treaties are kept flat (see SymbolEntry): the index held 36 MB of heap with a path, its
// words and three position objects per entry, 25 MB without.
import type { Catalogue } from './catalogue';
import { wordUnits, type LinePosition } from './lines';
import { ARTICLE_AND_ABOVE, labelSpan } from './query';
import { outlineName, ownName, provisionLabel } from './render';
import type { Provision, ProvisionKind, Span, TreatyDocument } from './types';

export interface LineRange {
  start: LinePosition;
  end: LinePosition;
}

/**
 * One listed provision: what the query is matched against and what the answer shows. Flat, for
 * the 60,000 entries of 500 treaties: the heading line as four numbers, not three objects, and
 * the path and its words as the parent's and this entry's part (`entryPath`, `entryPathWords`).
 */
export interface SymbolEntry {
  kind: ProvisionKind;
  /** As the outline names it; the title for the document itself. */
  name: string;
  /** The index in `entries` of the provision it sits in (always before it); -1 for the document and the top level. */
  parent: number;
  /** Its own part of the path ("Article 3", "Part I"); '' for the document. */
  pathName: string;
  /** Its number/heading line (the title line for the document): where it starts and ends. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** Words of its name and label (see `symbolWords`). */
  own: readonly string[];
  /** Words of `pathName` that the parent's path lacks: the path's words are the parent's, then these. */
  pathWords: readonly string[];
}

export interface SymbolTable {
  /** Words of the title and of the catalogue's aliases for it. */
  titleWords: readonly string[];
  /** Initials of those names, with and without the little words ("vclt", "vcolot"). */
  initials: readonly string[];
  entries: readonly SymbolEntry[];
}

/** Query words that say nothing ("Article 51 of the Charter"); initials are also taken without them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(['of', 'the', 'to', 'and', 'in', 'on', 'a', 'an']);

/** Lower-case runs of letters and digits, in order: how names and queries are split. */
export function splitWords(s: string): string[] {
  // By hand rather than split(/[^\p{L}\p{N}]+/u): an index splits tens of thousands of names,
  // and the Unicode class cost more than the rest of the symbol table (lines.ts `wordUnits`).
  const lower = s.toLowerCase();
  const out: string[] = [];
  let from = -1;
  for (let i = 0; i < lower.length; ) {
    const units = wordUnits(lower, i);
    if (units) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      out.push(lower.slice(from, i));
      from = -1;
    }
    // A pair of surrogates that is no letter is passed over whole, as the regex reads it.
    const c = lower.charCodeAt(i);
    i += units || (c >= 0xd800 && c <= 0xdbff && (lower.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
  }
  if (from >= 0) out.push(lower.slice(from));
  return out;
}

const NO_WORDS: readonly string[] = Object.freeze([]);

/**
 * `splitWords`, each word once (a match is a match, however often a name repeats it), interned
 * in `pool` when given: thousands of entries share "article", "part" and their numbers. With
 * `after`, the words of a longer name that `s` ends (a path: its parent's words, then `s`'s).
 */
export function symbolWords(s: string, pool?: Map<string, string>, after: readonly string[] = NO_WORDS): string[] {
  const added: string[] = [];
  for (const w of splitWords(s)) {
    let shared = pool?.get(w);
    if (shared === undefined) {
      shared = w;
      pool?.set(w, w);
    }
    if (!after.includes(shared) && !added.includes(shared)) added.push(shared);
  }
  // concat makes an array of the exact length (one grown by push keeps spare room: 17 slots for
  // 5 words; tens of thousands are kept).
  return after.concat(added);
}

export interface SymbolTableOptions {
  /** Copies each kept string (a summary must not hold slices of the file's text). */
  copy?: (s: string) => string;
  pool?: Map<string, string>;
}

/** Every provision from an article up (and the document, by its title) with the words a query matches. */
export function buildSymbolTable(
  doc: TreatyDocument,
  catalogue: Catalogue,
  lines: { positionAt(offset: number): LinePosition },
  { copy = (s) => s, pool }: SymbolTableOptions = {},
): SymbolTable {
  const names = [doc.title ?? '', ...(doc.instrumentId ? (catalogue.entries.find((e) => e.id === doc.instrumentId)?.aliases ?? []) : [])];
  const titleWords = [...new Set(names.flatMap((n) => symbolWords(n, pool)))];
  // "Vienna Convention on the Law of Treaties" → "vcolot" and "vclt" (without the little words).
  const initials = names.flatMap((n) => {
    const ws = splitWords(n);
    return [ws.map((w) => w[0]).join(''), ws.filter((w) => !STOP_WORDS.has(w)).map((w) => w[0]).join('')];
  });
  const entries: SymbolEntry[] = [];
  const add = (kind: ProvisionKind, name: string, parent: number, pathName: string, span: Span, own: readonly string[], pathWords: readonly string[]) => {
    const start = lines.positionAt(span.start);
    const end = lines.positionAt(span.end);
    entries.push({ kind, name, parent, pathName, line: start.line, character: start.character, endLine: end.line, endCharacter: end.character, own, pathWords });
  };
  // Pre-order, as walk() gives it, but only from articles up: their children are paragraphs and
  // points, never listed (walking them was most of the walk). A path is its parent's path and
  // its own name, so an entry keeps only its own part and the words that part adds.
  const visit = (p: Provision, parent: number, parentWords: readonly string[]): void => {
    if (!ARTICLE_AND_ABOVE.has(p.kind)) return;
    let index = -1;
    let pathWords: readonly string[] = NO_WORDS;
    if (p.kind === 'document') {
      // The document's own name is its title: "Orchard" finds the document before its articles.
      if (doc.title) {
        const start = Math.max(0, doc.text.indexOf(doc.title));
        add('document', copy(doc.title), -1, '', { start, end: start + doc.title.length }, titleWords, NO_WORDS);
      }
    } else {
      const own = ownName(p);
      // "›" splits words: a path's words are its parent's, then its own name's.
      pathWords = symbolWords(own, pool, parentWords);
      const outline = outlineName(p);
      const label = provisionLabel(p);
      index = entries.length;
      add(p.kind, copy(outline || label || p.kind), parent, copy(own), labelSpan(p), symbolWords(`${outline} ${label}`, pool), pathWords.slice(parentWords.length));
    }
    if (p.kind === 'article') return;
    for (let i = 0; i < p.children.length; i++) visit(p.children[i], index, pathWords);
  };
  visit(doc.root, -1, NO_WORDS);
  return { titleWords, initials, entries };
}

/** Where entry `i` sits, without the document's title ("Part I › Article 3"); '' for the document. */
export function entryPath(table: SymbolTable, i: number): string {
  const e = table.entries[i];
  if (e.kind === 'document') return '';
  return e.parent < 0 ? e.pathName : `${entryPath(table, e.parent)} › ${e.pathName}`;
}

/** The words of entry `i`'s path, the parent's first. */
export function entryPathWords(table: SymbolTable, i: number): string[] {
  const out: string[] = [];
  for (let j = i; j >= 0; j = table.entries[j].parent) out.unshift(...table.entries[j].pathWords);
  return out;
}

/** Entry `e`'s number/heading line as a range. */
export function entryRange(e: SymbolEntry): LineRange {
  return { start: { line: e.line, character: e.character }, end: { line: e.endLine, character: e.endCharacter } };
}
