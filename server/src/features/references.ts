// Find All References: every place that cites a provision — in this document and in the
// other documents of the workspace — including lists and ranges that contain it
// ("Articles 3 to 7" cites Article 5) and relative forms that resolve to it ("this
// Article", "the preceding paragraph").
//
// What counts as citing provision P:
//   - a reference one of whose targets is P;
//   - when P is an article, paragraph or point, also a reference to something inside P:
//     "Article 4(2)" cites Article 4 (which articles rely on Article 4 includes those that
//     rely on one of its paragraphs), but not the other way round: "Article 4" does not
//     cite Article 4(2). Parts, chapters, sections and annexes count only references to
//     themselves — "Part XI" would otherwise be cited by every article it holds;
//   - a reference whose written numbers name P ("Part XI, section 4" names Part XI).
// Where a written number names P, the location is those number characters (what a
// renumbering rewrites); otherwise it is the whole reference.
//
// Closed files of a large workspace come as summaries (`SummarySource`): only their references
// to other instruments, with positions, and the workspace's answer to which document each
// citation finds. Other files can cite a provision only through such references, so the
// same rule applies to them without their text.
import type { Location, Position, Range } from 'vscode-languageserver-protocol';
import {
  labelSpan,
  numberTargetAt,
  provisionAt,
  referenceAt,
  resolveReference,
  type InstrumentCitation,
  type InstrumentLookup,
  type Provision,
  type Reference,
  type Resolution,
  type Span,
  type TreatyDocument,
} from '../model';
import { mayCite } from './citedIndex';
import { linesOf, toRange } from './convert';

/** A document whose references are searched, with the lookup that resolves its citations of other instruments. */
export interface SourceDocument {
  uri: string;
  doc: TreatyDocument;
  lookup?: InstrumentLookup;
}

/** A reference to another instrument in a summarised file (workspace/summary.ts `CitingReference`). */
export interface SummaryReference {
  instrument: InstrumentCitation;
  key: string;
  range: Range;
  /** eIds of the targets in the cited instrument. */
  targets: readonly string[];
  numbers: ReadonlyArray<{ eId: string; range: Range }>;
}

/** A closed file, known by its references to other instruments. */
export interface SummarySource {
  uri: string;
  citations: readonly SummaryReference[];
  /** The URI of the document the citation finds, as the workspace resolves it (undefined: none). */
  locate: (ref: SummaryReference) => string | undefined;
}

/** What workspace-wide searches go through: parsed documents (open ones, tests) and summarised files. */
export type WorkspaceSource = SourceDocument | SummarySource;

function isParsed(src: WorkspaceSource): src is SourceDocument {
  return (src as SourceDocument).doc !== undefined;
}

/** A provision asked about, with the document it lives in. */
export interface Subject {
  uri: string;
  doc: TreatyDocument;
  provision: Provision;
}

/** One place that cites a subject. */
export interface Citation {
  uri: string;
  doc: TreatyDocument;
  span: Span;
  ref: Reference;
}

/** One place in a summarised file that cites a subject: a position, no text. */
export interface SummaryCitation {
  uri: string;
  range: Range;
}

/** Kinds whose references include references to what they contain. */
const DEEP = new Set(['article', 'paragraph', 'point']);

/**
 * The provisions asked about at a position: on a heading ("Article 4", its caption, a
 * paragraph number), that provision; on a reference, the provision named by the number
 * under the cursor, or else every provision the reference cites. Empty elsewhere.
 */
export function subjectsAt(doc: TreatyDocument, uri: string, position: Position, lookup?: InstrumentLookup): Subject[] {
  const offset = linesOf(doc).offsetAt(position);
  const ref = referenceAt(doc, offset);
  if (ref) {
    const res = resolveReference(doc, ref, lookup);
    const named = numberTargetAt(doc, ref, res, offset)?.target;
    if (named?.provision) return [{ uri: named.uri ?? uri, doc: named.doc ?? doc, provision: named.provision }];
    const out: Subject[] = [];
    for (const t of res.targets) {
      if (!t.provision || out.some((s) => s.provision === t.provision)) continue;
      out.push({ uri: t.uri ?? uri, doc: t.doc ?? doc, provision: t.provision });
    }
    return out;
  }
  const heading = headingAt(doc, offset);
  return heading ? [{ uri, doc, provision: heading }] : [];
}

/** The provision whose number/heading lines hold `offset` (ends inclusive), if any. */
export function headingAt(doc: TreatyDocument, offset: number): Provision | undefined {
  for (let q: Provision | undefined = provisionAt(doc, offset); q && q.kind !== 'document'; q = q.parent) {
    const start = q.start;
    const end = q.labelEnd;
    if (end > start && start <= offset && offset <= end) return q;
  }
  return undefined;
}

/** Every citation of the subject in the given documents, in document order per document. */
export function citationsOf(subject: Subject, sources: readonly SourceDocument[]): Citation[] {
  const out: Citation[] = [];
  for (const src of sources) {
    // In the subject's own document, only the references the index says may cite it are looked at.
    const own = src.doc === subject.doc;
    for (const ref of own ? mayCite(src.doc, subject.provision, DEEP.has(subject.provision.kind)) : src.doc.references) {
      // A reference can only cite another document through its instrument, and this one only internally.
      if (!ref.instrument && !own) continue;
      // An internal reference's targets are its own: no Resolution built for each of 20,000 references.
      const res = ref.instrument ? resolveReference(src.doc, ref, src.lookup) : undefined;
      for (const span of citingSpans(ref, res, subject)) out.push({ uri: src.uri, doc: src.doc, span, ref });
    }
  }
  return out;
}

/** Every citation of the subject in summarised files, in document order per file. */
export function summaryCitationsOf(subject: Subject, sources: readonly SummarySource[]): SummaryCitation[] {
  const out: SummaryCitation[] = [];
  for (const src of sources) {
    for (const ref of src.citations) {
      if (src.locate(ref) !== subject.uri) continue;
      for (const range of summarySpans(ref, subject)) out.push({ uri: src.uri, range });
    }
  }
  return out;
}

/**
 * For each article of `doc`, how many citations of it the sources hold (for "cited by N"): the
 * places Find All References lists, counted in one pass over every reference instead of one
 * search per article, and without making those places (20,000 in a 5 MB treaty).
 */
export function articleCitationCounts(doc: TreatyDocument, uri: string, sources: readonly WorkspaceSource[]): Map<Provision, number> {
  const out = new Map<Provision, number>();
  const add = (article: Provision, n: number) => {
    if (n > 0) out.set(article, (out.get(article) ?? 0) + n);
  };
  for (const src of sources) {
    if (!isParsed(src)) {
      for (const ref of src.citations) {
        if (src.locate(ref) !== uri) continue;
        const articles: Provision[] = [];
        for (const eId of ref.targets) {
          const p = doc.byId.get(eId);
          if (p) pushArticle(articles, p);
        }
        for (const article of articles) add(article, summarySpans(ref, { uri, doc, provision: article }).length);
      }
      continue;
    }
    // One array for every reference (20,000 in a 5 MB treaty): a reference touches one article or a few.
    const articles: Provision[] = [];
    for (const ref of src.doc.references) {
      if (!ref.instrument && src.doc !== doc) continue;
      // An internal reference's targets are its own: no Resolution built for it (as in citationsOf).
      const res = ref.instrument ? resolveReference(src.doc, ref, src.lookup) : undefined;
      articles.length = 0;
      if (res) {
        for (const t of res.targets) if (t.provision && t.doc === doc) pushArticle(articles, t.provision);
      } else for (const t of ref.targets) if (t.provision) pushArticle(articles, t.provision);
      if (ref.numbers && src.doc === doc) for (const n of ref.numbers) if (n.provision) pushArticle(articles, n.provision);
      for (const article of articles) add(article, citingSpans(ref, res, { uri, doc, provision: article }).length);
    }
  }
  return out;
}

/** Adds the article holding `p` to `into`, once. */
function pushArticle(into: Provision[], p: Provision): void {
  for (let q: Provision | undefined = p; q; q = q.parent) {
    if (q.kind === 'article') {
      if (!into.includes(q)) into.push(q);
      return;
    }
  }
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

/**
 * The places in `ref` that cite the subject: the numbers naming it, else the whole reference.
 * `res` undefined: an internal reference of the subject's own document (its targets are its own).
 */
function citingSpans(ref: Reference, res: Resolution | undefined, subject: Subject): readonly Span[] {
  const target = subject.provision;
  const numbers = ref.numbers;
  if (numbers !== undefined) {
    const instrumentDoc = ref.instrument && res ? res.targets.find((t) => t.doc)?.doc : undefined;
    let spans: Span[] | undefined;
    for (const n of numbers) {
      const named = n.provision ?? (instrumentDoc !== undefined && instrumentDoc === subject.doc ? instrumentDoc.byId.get(n.eId) : undefined);
      if (named === target) (spans ??= []).push(n);
    }
    if (spans) return spans;
  }
  const deep = DEEP.has(target.kind);
  if (!res) {
    for (const t of ref.targets) if (t.provision && cites(target, deep, t.provision)) return [ref];
    return NO_SPANS;
  }
  for (const t of res.targets) if (t.provision && (t.doc ?? undefined) === subject.doc && cites(target, deep, t.provision)) return [ref];
  return NO_SPANS;
}

/** Whether a reference to `p` cites `target` (`deep`: also when `p` is inside it). */
function cites(target: Provision, deep: boolean, p: Provision): boolean {
  // A provision outside the target's span cannot be inside it: most are ruled out without walking up.
  return p === target || (deep && p.start >= target.start && p.end <= target.end && contains(target, p));
}

/** `citingSpans` for a summarised reference whose instrument is the subject's document. */
function summarySpans(ref: SummaryReference, subject: Subject): Range[] {
  const target = subject.provision;
  const ranges: Range[] = [];
  for (const n of ref.numbers) if (subject.doc.byId.get(n.eId) === target) ranges.push(n.range);
  if (ranges.length) return ranges;
  const deep = DEEP.has(target.kind);
  for (const eId of ref.targets) {
    const p = subject.doc.byId.get(eId);
    if (p && (p === target || (deep && contains(target, p)))) return [ref.range];
  }
  return [];
}

function contains(outer: Provision, inner: Provision): boolean {
  for (let q: Provision | undefined = inner; q; q = q.parent) if (q === outer) return true;
  return false;
}

/**
 * textDocument/references: the citations of every subject at the position, plus the
 * subjects' headings when `includeDeclaration`. Null when the position is on nothing citable.
 */
export function references(
  doc: TreatyDocument,
  uri: string,
  position: Position,
  sources: readonly WorkspaceSource[],
  includeDeclaration: boolean,
  lookup?: InstrumentLookup,
): Location[] | null {
  const subjects = subjectsAt(doc, uri, position, lookup);
  if (!subjects.length) return null;
  const parsed = sources.filter(isParsed);
  const summaries = sources.filter((s): s is SummarySource => !isParsed(s));
  const locations: Location[] = [];
  const seen = new Set<string>();
  const push = (u: string, range: Range) => {
    const key = `${u}#${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    locations.push({ uri: u, range });
  };
  for (const s of subjects) {
    if (includeDeclaration) push(s.uri, toRange(linesOf(s.doc), labelSpan(s.provision)));
    // A subject in a summarised file is cited by that file's own references too, which its summary leaves out.
    const own = parsed.some((p) => p.uri === s.uri) ? [] : [{ uri: s.uri, doc: s.doc }];
    for (const c of citationsOf(s, [...parsed, ...own])) push(c.uri, toRange(linesOf(c.doc), c.span));
    for (const c of summaryCitationsOf(s, summaries)) push(c.uri, c.range);
  }
  return locations;
}

