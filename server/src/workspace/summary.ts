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
  buildSymbolTable,
  LineIndex,
  normaliseName,
  type Catalogue,
  type InstrumentCitation,
  type LineRange,
  type Span,
  type SymbolTable,
  type TreatyDocument,
} from '../model';

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
  symbols: SymbolTable;
  citations: readonly CitingReference[];
}


/**
 * `copy` detaches the strings kept from the text (see `detach`); an index worker passes them
 * as they are, since posting the summary to the main thread copies them anyway.
 */
export function summarise(doc: TreatyDocument, catalogue: Catalogue, pool?: Map<string, string>, copy: (s: string) => string = detach): DocumentSummary {
  const lines = new LineIndex(doc.text);
  // No key holds undefined: an index worker posts the summary as JSON, which drops such keys,
  // and a summary must read the same whichever thread made it.
  const summary: DocumentSummary = {
    symbols: buildSymbolTable(doc, catalogue, lines, { copy, pool }),
    citations: citingReferences(doc, lines, copy),
  };
  if (doc.title !== undefined) summary.title = copy(doc.title);
  if (doc.instrumentId !== undefined) summary.instrumentId = doc.instrumentId;
  if (doc.language !== undefined) summary.language = doc.language;
  return summary;
}

/** The document's references to other instruments (its own references cite only itself). */
export function citingReferences(doc: TreatyDocument, lines: LineIndex = new LineIndex(doc.text), copy: (s: string) => string = detach): CitingReference[] {
  const out: CitingReference[] = [];
  for (const ref of doc.references) {
    if (!ref.instrument) continue;
    const { cited, title, id } = ref.instrument;
    out.push({
      instrument: { cited: copy(cited), title: copy(title), ...(id === undefined ? {} : { id }) },
      key: citationKey(ref.instrument),
      range: rangeOf(lines, ref),
      targets: ref.targets.map((t) => t.eId),
      numbers: (ref.numbers ?? []).map((n) => ({ eId: n.eId, range: rangeOf(lines, n) })),
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


function rangeOf(lines: LineIndex, span: Span): LineRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}
