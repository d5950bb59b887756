// What the workspace keeps of a closed file once it is indexed: not the parsed model (about
// 6 bytes per character of text, 620 MB for 500 treaties of 100 KB) but the little that
// workspace-wide requests read — the title, the outline from articles up for workspace
// symbols, and the references to other instruments with their positions for Find All
// References and "cited by N". A feature that needs the text itself (a hover showing a cited
// article) parses the file again through the workspace's small cache of parses.
//
// Positions are stored as line/character (LSP-shaped, but plain data): a summary has no text
// to convert offsets against.
import {
  ARTICLE_AND_ABOVE,
  LineIndex,
  normaliseName,
  outlineName,
  provisionLabel,
  provisionPath,
  walk,
  type Catalogue,
  type InstrumentCitation,
  type ProvisionKind,
  type Span,
  type TreatyDocument,
} from '../model';

export interface LineRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One workspace symbol: a provision from an article up (paragraphs and points are too many). */
export interface OutlineSummary {
  kind: ProvisionKind;
  /** As the outline names it; the title for the document itself. */
  name: string;
  /** Where it sits, without the document's title ("Part I › Article 3"); '' for the document. */
  path: string;
  /** Its number/heading line (the title line for the document). */
  range: LineRange;
  /** Words of its name and label, lower case (see `words`). */
  own: readonly string[];
  /** Words of `path`. */
  pathWords: readonly string[];
}

export interface SymbolSummary {
  /** Words of the title and of the catalogue's aliases for it. */
  titleWords: readonly string[];
  /** Initials of those names, with and without the little words ("vclt", "vcolot"). */
  initials: readonly string[];
  entries: readonly OutlineSummary[];
}

/** A reference to another instrument, as Find All References needs it without the text. */
export interface CitingReference {
  instrument: InstrumentCitation;
  /** The same key for every citation the workspace resolves alike (see `citationKey`). */
  key: string;
  range: LineRange;
  /** eIds of the targets in the cited instrument, in the order the reference lists them. */
  targets: readonly string[];
  /** Every number written in the reference, with the eId it names there. */
  numbers: ReadonlyArray<{ eId: string; range: LineRange }>;
}

export interface DocumentSummary {
  title?: string;
  instrumentId?: string;
  language?: string;
  symbols: SymbolSummary;
  citations: readonly CitingReference[];
}


/** Query words that say nothing; initials are also taken without them. */
const STOP = new Set(['of', 'the', 'to', 'and', 'in', 'on', 'a', 'an']);

/**
 * Lower-case runs of letters and digits: how workspace symbols split names and queries
 * (features/workspaceSymbols.ts splits the query the same way). Interned in `pool`, since
 * thousands of outline entries share "article", "part", "chapter" and their numbers.
 */
export function words(s: string, pool?: Map<string, string>): string[] {
  const out: string[] = [];
  for (const w of s.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    let shared = pool?.get(w);
    if (shared === undefined) {
      shared = w;
      pool?.set(w, w);
    }
    // Each word once: a match is a match, however often the name repeats it ("Article 5 — … Article 5").
    if (!out.includes(shared)) out.push(shared);
  }
  // An array grown by push keeps spare room (17 slots for 5 words); tens of thousands are kept.
  return out.slice();
}

export function summarise(doc: TreatyDocument, catalogue: Catalogue, pool?: Map<string, string>): DocumentSummary {
  const lines = lineIndex(doc.text);
  return {
    title: doc.title === undefined ? undefined : detach(doc.title),
    instrumentId: doc.instrumentId,
    language: doc.language,
    symbols: symbolSummary(doc, catalogue, lines, pool),
    citations: citingReferences(doc, lines),
  };
}

export function symbolSummary(doc: TreatyDocument, catalogue: Catalogue, lines: Lines = lineIndex(doc.text), pool?: Map<string, string>): SymbolSummary {
  const names = [doc.title ?? '', ...(doc.instrumentId ? (catalogue.entries.find((e) => e.id === doc.instrumentId)?.aliases ?? []) : [])];
  const titleWords = [...new Set(names.flatMap((n) => words(n, pool)))];
  // "Vienna Convention on the Law of Treaties" → "vcolot" and "vclt" (without the little words).
  const initials = names.flatMap((n) => {
    const ws = words(n);
    return [ws.map((w) => w[0]).join(''), ws.filter((w) => !STOP.has(w)).map((w) => w[0]).join('')];
  });
  const untitled = { ...doc, title: undefined };
  const entries: OutlineSummary[] = [];
  for (const p of walk(doc.root)) {
    if (!ARTICLE_AND_ABOVE.has(p.kind)) continue;
    if (p.kind === 'document') {
      // The document's own name is its title: "Orchard" finds the document before its articles.
      if (!doc.title) continue;
      const start = Math.max(0, doc.text.indexOf(doc.title));
      entries.push({ kind: 'document', name: detach(doc.title), path: '', range: rangeOf(lines, { start, end: start + doc.title.length }), own: titleWords, pathWords: [] });
      continue;
    }
    const outline = outlineName(p);
    const label = provisionLabel(p);
    const path = provisionPath(untitled, p);
    entries.push({
      kind: p.kind,
      name: detach(outline || label || p.kind),
      path: detach(path),
      range: rangeOf(lines, p.labelRange),
      own: words(`${outline} ${label}`, pool),
      pathWords: words(path, pool),
    });
  }
  return { titleWords, initials, entries };
}

/** The document's references to other instruments (its own references cite only itself). */
export function citingReferences(doc: TreatyDocument, lines: Lines = lineIndex(doc.text)): CitingReference[] {
  const out: CitingReference[] = [];
  for (const ref of doc.references) {
    if (!ref.instrument) continue;
    const { cited, title, id } = ref.instrument;
    out.push({
      instrument: { cited: detach(cited), title: detach(title), ...(id === undefined ? {} : { id }) },
      key: citationKey(ref.instrument),
      range: rangeOf(lines, ref.range),
      targets: ref.targets.map((t) => t.eId),
      numbers: (ref.numbers ?? []).map((n) => ({ eId: n.eId, range: rangeOf(lines, n.span) })),
    });
  }
  return out;
}

/** Citations that name an instrument alike are found alike: by catalogue id, else by both names. */
export function citationKey(c: InstrumentCitation): string {
  return c.id ? `id:${c.id}` : `name:${normaliseName(c.title)}|${normaliseName(c.cited)}`;
}

/**
 * A copy of a string that does not hold on to the text it was cut from. Headings and titles
 * are slices of the whole file's text; kept as they are, every summary would keep its text.
 */
export function detach(s: string): string {
  // One new flat string (a concatenation and slice would keep two objects).
  return JSON.parse(JSON.stringify(s)) as string;
}

type Lines = Pick<LineIndex, 'positionAt'>;

/**
 * Offsets to positions. Lines found with indexOf (native) when the text has no carriage
 * returns — the model's LineIndex reads character by character, a fifth of summarising a file.
 */
function lineIndex(text: string): Lines {
  if (text.includes('\r')) return new LineIndex(text);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    // As LineIndex.positionAt: clamped to the text, the last line start at or before the offset.
    positionAt(offset: number) {
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: o - starts[lo] };
    },
  };
}

function rangeOf(lines: Lines, span: Span): LineRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}
