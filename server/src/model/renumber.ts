// Renumbering provisions. Given the document whose provisions change ("home"), the
// documents that cite it, and an operation (renumber one provision, insert or remove an
// article, renumber sequentially), computes the text changes: the number characters of
// the headings and of every written number that names a renumbered provision — nothing
// else. `checkRenumbering` then parses the result and lists every reference whose meaning
// would change (a range that now also covers an inserted article, a reference to a removed
// one, "the preceding Article" next to the change), so that nothing changes silently.
import type { Provision, ProvisionKind, Reference, Span, TreatyDocument } from './types';
import { intToRoman, matchHeading, matchListLabel, romanToInt } from './headings';
import { idNum } from './structure';
import { labelStart, provisionAt, walk } from './query';
import { lineEndAt, lineStartAt } from './lines';
import { enclosingAttachment, provisionLabel } from './render';

export interface TextChange {
  start: number;
  /** exclusive */
  end: number;
  newText: string;
  /** A number rewritten in place, an inserted article, a removed one. */
  kind: 'number' | 'insert' | 'delete';
  /** For numbers: in a heading or list label, or in a reference. */
  role?: 'heading' | 'reference';
}

export interface RenumberDocument {
  /** Whatever identifies the document to the caller (its URI). */
  key: string;
  doc: TreatyDocument;
}

export interface CitingDocument extends RenumberDocument {
  /** Whether an external reference of this document cites the home document. */
  citesHome: (ref: Reference) => boolean;
}

export interface RenumberInput {
  home: RenumberDocument;
  /** Other documents whose external references may cite the home document. */
  citing?: CitingDocument[];
}

export type RenumberOperation =
  /** F2: give one provision a new number (as the user typed it). */
  | { op: 'renumber'; provision: Provision; num: string }
  /** A new article after the one at `offset` (before the first when `offset` is before every article). */
  | { op: 'insertArticle'; offset: number }
  | { op: 'removeArticle'; article: Provision }
  /** Articles 1, 2, 3… in each numbering scope (or only in `within`); paragraphs 1, 2, 3… of each article (or of `within`). */
  | { op: 'sequential'; kind: 'article' | 'paragraph'; within?: Provision };

/** An operation that cannot be done, with the reason in words for a person. */
export class RenumberRefusal extends Error {
  override name = 'RenumberRefusal';
}

export interface Renumbered {
  provision: Provision;
  from: string;
  /** The number as it will be written. */
  to: string;
}

export interface RenumberPlan {
  input: RenumberInput;
  /** Per document key: sorted, non-overlapping changes. */
  changes: Map<string, TextChange[]>;
  renumbered: Renumbered[];
  /** The inserted article: where its text goes in the home document, and what it is. */
  inserted?: { offset: number; text: string; headingOffset: number; num: string; label: string };
  removed?: Provision;
}

// --- numbers in headings --------------------------------------------------------------

const SUFFIX_WORDS = 'bis|ter|quater|quinquies|sexies|septies|octies|novies|decies';
const ARTICLE_NUM = new RegExp(
  String.raw`^(?:#{1,6}[ \t]+)?(?:ARTICLE|Article|ART\.|Art\.)[ \t]*(\d+[A-Z]?|[IVXLCDM]+\b|premier|first)((?:[ \t]*(?:-[ \t]*)?(?:${SUFFIX_WORDS}))?)`,
);
const CONTAINER_NUM =
  /^(?:#{1,6}[ \t]+)?(?:PART|Part|TITLE|Title|CHAPTER|Chapter|SECTION|Section|SUBSECTION|Subsection|Sub-section|ANNEX|Annex|APPENDIX|Appendix|PROTOCOL|Protocol)[ \t]+(?:No\.?[ \t]*)?(\d+|[IVXLCDM]+\b|[A-Z]\b)/;
const KOREAN_NUM = /^(?:#{1,6}[ \t]+)?제[ \t]*(\d+)[ \t]*(?:조(?!의)|부|장|절|관)/;
const LIST_NUM = /^\(?(\d+|[a-z]+|[A-Z])/;

/** The kinds whose numbers Pacta rewrites. */
const RENUMBERABLE = new Set<ProvisionKind>(['article', 'paragraph', 'point', 'part', 'title', 'chapter', 'section', 'subsection', 'annex']);

/** Patterns the reference grammar reads for each kind: a new number must be one of them. */
const NUMBER_SHAPE: Partial<Record<ProvisionKind, RegExp>> = {
  article: new RegExp(String.raw`^(?:\d{1,4}(?:[ \t]?(?:${SUFFIX_WORDS})|[A-Z])?|[IVXLC]{1,7})$`),
  paragraph: /^\d{1,3}$/,
  point: /^(?:[a-z]{1,2}|[ivx]{1,6}|\d{1,2})$/,
  part: /^(?:[IVXLC]{1,7}|\d{1,3})$/,
  title: /^(?:[IVXLC]{1,7}|\d{1,3})$/,
  chapter: /^(?:[IVXLC]{1,7}|\d{1,3})$/,
  section: /^(?:\d{1,3}|[A-Z])$/,
  subsection: /^(?:[A-Z]|\d{1,2})$/,
  annex: /^(?:[IVXLC]{1,7}|\d{1,2}|[A-Z])$/,
};

const EXAMPLES: Partial<Record<ProvisionKind, string>> = {
  article: '5, 5 bis, 5A or V',
  paragraph: '1 to 999',
  point: 'a, b, aa, iv',
  part: 'XI or 11',
  title: 'IV or 4',
  chapter: 'VII or 7',
  section: '4 or B',
  subsection: 'A or 2',
  annex: 'VII, 7 or B',
};

const ID_WORD: Partial<Record<ProvisionKind, string>> = {
  article: 'art',
  paragraph: 'para',
  point: 'point',
  part: 'part',
  title: 'title',
  chapter: 'chp',
  section: 'sec',
  subsection: 'subsec',
  annex: 'annex',
};



/** The number as the structure parser cleans it ("first" → "1", "8bis" → "8 bis"). */
function cleanHeadingNum(num: string, suffix: string): string {
  const n = /^(premier|first)$/i.test(num) ? '1' : num;
  const s = suffix.replace(/[\s-]+/g, '');
  return s ? `${n} ${s}` : n;
}

/**
 * Where the number of a provision is written in its heading or list label ("4" in
 * "Article 4 — Heading", "2" in "2.", "a" in "(a)"), or undefined when it has none that
 * can be rewritten. Checked against the parsed number, so a wrong span is never edited.
 */
export function labelNumberSpan(doc: TreatyDocument, p: Provision): Span | undefined {
  if (!p.num || !RENUMBERABLE.has(p.kind)) return undefined;
  const text = doc.text;
  const start = labelStart(p);
  const line = text.slice(start, lineEndAt(text, start));
  const at = (index: number, length: number): Span => ({ start: start + index, end: start + index + length });
  if (p.kind === 'paragraph' || p.kind === 'point') {
    const label = matchListLabel(line);
    if (!label) return undefined;
    if (label.style === 'circled') return label.num === p.num ? at(0, 1) : undefined;
    const m = LIST_NUM.exec(line);
    if (!m || m[1].toLowerCase() !== p.num.toLowerCase()) return undefined;
    return at(m[0].length - m[1].length, m[1].length);
  }
  const same = (written: string) => idNum(p.kind, written) === idNum(p.kind, p.num!);
  if (p.kind === 'article') {
    const m = ARTICLE_NUM.exec(line);
    if (m) {
      const numAt = m[0].length - m[1].length - m[2].length;
      if (same(cleanHeadingNum(m[1], m[2]))) return at(numAt, m[1].length + m[2].length);
      if (same(cleanHeadingNum(m[1], ''))) return at(numAt, m[1].length);
    }
  } else {
    const m = CONTAINER_NUM.exec(line);
    if (m && same(m[1])) return at(m[0].length - m[1].length, m[1].length);
  }
  const k = KOREAN_NUM.exec(line);
  if (k && same(k[1])) return at(k.index + k[0].indexOf(k[1], k[0].indexOf('제') + 1), k[1].length);
  return undefined;
}

/** The label line of `p` with its number replaced by `written`, read back by the model's own patterns. */
function readBack(doc: TreatyDocument, p: Provision, span: Span, written: string): string | undefined {
  const text = doc.text;
  const start = labelStart(p);
  const end = lineEndAt(text, start);
  const before = text.slice(start, end);
  const after = text.slice(start, span.start) + written + text.slice(span.end, end);
  if (p.kind === 'paragraph' || p.kind === 'point') {
    const was = matchListLabel(before);
    const now = matchListLabel(after);
    // The style must stay: "2." renamed "b." would turn a paragraph into a point.
    if (!was || !now || (now.style !== was.style && now.alternative !== was.style && was.alternative !== now.style)) return undefined;
    return now.num;
  }
  const h = matchHeading(after.trim());
  return h && h.kind === p.kind ? h.num : undefined;
}

/** What goes into the heading for a new number: digits, or a circled digit for "①" labels. */
function headingText(doc: TreatyDocument, p: Provision, span: Span, num: string): string {
  const old = doc.text.slice(span.start, span.end);
  if (/^[\u2460-\u2473]$/.test(old)) {
    const n = Number(num);
    if (!Number.isInteger(n) || n < 1 || n > 20) throw new RenumberRefusal(`${provisionLabel(p)} is numbered ①–⑳; ${num} cannot be written that way`);
    return String.fromCharCode(0x245f + n);
  }
  return num;
}

/** A number in a reference, rewritten in the way it was written ("8bis" stays without a space). */
function tokenText(written: string, num: string): string {
  if (/^\d+[a-z]+$/.test(written) && /^\d+\s+[a-z]+$/.test(num)) return num.replace(/\s+/g, '');
  return num;
}

// --- number arithmetic ------------------------------------------------------------------

interface NumParts {
  int: number;
  /** " bis", "A" — kept when a number moves up or down. */
  suffix: string;
  roman: boolean;
}

function splitNum(num: string): NumParts | undefined {
  // Prefix matches and a slice: no backtracking however long the input.
  const d = /^\d+/.exec(num);
  if (d) return { int: Number(d[0]), suffix: num.slice(d[0].length), roman: false };
  const r = /^[IVXLCDM]+/.exec(num);
  const int = r ? romanToInt(r[0]) : undefined;
  if (r && int !== undefined) return { int, suffix: num.slice(r[0].length), roman: true };
  return undefined;
}

function joinNum(parts: Pick<NumParts, 'roman'>, int: number, suffix = ''): string {
  return (parts.roman ? intToRoman(int).toUpperCase() : String(int)) + suffix;
}

function partsOf(p: Provision): NumParts {
  const parts = p.num ? splitNum(p.num) : undefined;
  if (!parts) throw new RenumberRefusal(`${provisionLabel(p)} is not numbered in a way Pacta can count (“${p.num ?? ''}”)`);
  return parts;
}

// --- scopes -------------------------------------------------------------------------------

function isAttachment(p: Provision): boolean {
  return p.kind === 'annex' || p.kind === 'protocol' || p.kind === 'attachment';
}

/** The articles of one numbering scope (the main text, or one annex), in document order. */
export function articlesIn(scope: Provision): Provision[] {
  const out: Provision[] = [];
  const visit = (q: Provision) => {
    for (const c of q.children) {
      if (c.kind === 'article') out.push(c);
      else if (!isAttachment(c)) visit(c);
    }
  };
  visit(scope);
  return out;
}

/** Every numbering scope of articles: the main text and each annex or protocol that has articles. */
function articleScopes(doc: TreatyDocument): Provision[] {
  const scopes = [doc.root];
  for (const p of walk(doc.root)) if (isAttachment(p) && articlesIn(p).length) scopes.push(p);
  return scopes;
}

function scopeOf(p: Provision, doc: TreatyDocument): Provision {
  return enclosingAttachment(p) ?? doc.root;
}

/** The eId `p` would have with another number. */
function eIdWith(p: Provision, num: string): string {
  const word = ID_WORD[p.kind] ?? p.kind;
  const cut = p.eId.lastIndexOf('__');
  const prefix = cut < 0 ? '' : p.eId.slice(0, cut + 2);
  return `${prefix}${word}_${idNum(p.kind, num)}`;
}

// --- planning -----------------------------------------------------------------------------

/** Computes the changes for an operation; throws RenumberRefusal when it cannot be done. */
export function planRenumbering(input: RenumberInput, operation: RenumberOperation): RenumberPlan {
  const doc = input.home.doc;
  switch (operation.op) {
    case 'renumber':
      return planRename(input, operation.provision, operation.num);
    case 'insertArticle':
      return planInsert(input, operation.offset);
    case 'removeArticle':
      return planRemove(input, operation.article);
    case 'sequential': {
      const numbers = new Map<Provision, string>();
      if (operation.kind === 'article') {
        const scopes = operation.within ? [operation.within] : articleScopes(doc);
        for (const scope of scopes) {
          const list = articlesIn(scope);
          const roman = list.length > 0 && !!list[0].num && /^[IVXLCDM]+$/.test(list[0].num);
          list.forEach((a, i) => numbers.set(a, joinNum({ roman }, i + 1)));
        }
      } else {
        const holders = operation.within ? [operation.within] : [...walk(doc.root)].filter((p) => p.kind === 'article' || isAttachment(p));
        for (const holder of holders) {
          holder.children.filter((c) => c.kind === 'paragraph' && c.num).forEach((c, i) => numbers.set(c, String(i + 1)));
        }
      }
      return build(input, numbers);
    }
  }
}

function planRename(input: RenumberInput, p: Provision, typed: string): RenumberPlan {
  const doc = input.home.doc;
  const what = provisionLabel(p);
  const span = labelNumberSpan(doc, p);
  if (!span) throw new RenumberRefusal(`${what} has no number in its heading that Pacta can rewrite`);
  const written = typed.trim().replace(/\s+/g, ' ');
  const shape = NUMBER_SHAPE[p.kind];
  const canonical = shape && shape.test(written) ? readBack(doc, p, span, headingText(doc, p, span, written)) : undefined;
  if (canonical === undefined) {
    throw new RenumberRefusal(`“${written}” is not a number Pacta can read for ${what} (for example ${EXAMPLES[p.kind] ?? 'a number'})`);
  }
  if (idNum(p.kind, canonical) === idNum(p.kind, p.num!)) return build(input, new Map());
  const clash = doc.byId.get(eIdWith(p, canonical));
  if (clash && clash !== p) {
    // Refused rather than merged: two provisions with one number would make every reference
    // to that number ambiguous. Making room is what "Insert Article…" is for.
    throw new RenumberRefusal(
      `${provisionLabel(clash)} already exists. Renumbering ${what} to ${written} would give two provisions the same number; ` +
        `choose a free number, or use “Pacta: Insert Article…” / “Pacta: Renumber Articles Sequentially” to shift the numbering`,
    );
  }
  return build(input, new Map([[p, written]]));
}

function planInsert(input: RenumberInput, offset: number): RenumberPlan {
  const doc = input.home.doc;
  const text = doc.text;
  const at = provisionAt(doc, Math.max(0, Math.min(offset, text.length)));
  let current: Provision | undefined;
  for (let q: Provision | undefined = at; q; q = q.parent) if (q.kind === 'article') current = q;
  const scope = current ? scopeOf(current, doc) : (enclosingAttachment(at) ?? doc.root);
  const list = articlesIn(scope);
  if (!list.length) throw new RenumberRefusal('there is no article here to insert a new one after; write “Article 1” first');
  // Outside an article (a chapter heading, the final clauses): after the last article before the cursor.
  if (!current) current = [...list].reverse().find((a) => a.start <= offset);
  const index = current ? list.indexOf(current) : -1;
  const template = current ?? list[0];
  const templateParts = partsOf(template);
  const newInt = current ? templateParts.int + 1 : templateParts.int;
  const num = joinNum(templateParts, newInt);
  const numbers = new Map<Provision, string>();
  for (const a of list.slice(index + 1)) {
    const parts = partsOf(a);
    numbers.set(a, joinNum(parts, parts.int + 1, parts.suffix));
  }
  // The new heading is written like the one it follows: "Article 5", "ARTICLE 5", "## Art. 5.".
  const span = labelNumberSpan(doc, template);
  if (!span) throw new RenumberRefusal(`${provisionLabel(template)} has no number in its heading that Pacta can read`);
  const templateStart = labelStart(template);
  const line = text.slice(templateStart, lineEndAt(text, templateStart));
  const rest = text.slice(span.end, templateStart + line.length);
  const tail = /^조/.test(rest) ? '조' : /^\.\s*$/.test(rest) ? '.' : '';
  const heading = text.slice(templateStart, span.start) + num + tail;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  let inserted: NonNullable<RenumberPlan['inserted']>;
  if (current) {
    const offsetAt = lineEndAt(text, current.end);
    inserted = { offset: offsetAt, text: eol + eol + heading, headingOffset: 2 * eol.length, num, label: '' };
  } else {
    const offsetAt = lineStartAt(text, labelStart(list[0]));
    inserted = { offset: offsetAt, text: heading + eol + eol, headingOffset: 0, num, label: '' };
  }
  inserted.label = (scope.kind === 'document' ? '' : `${provisionLabel(scope)}, `) + `Article ${num}`;
  checkUnique(list, numbers, new Set([idNum('article', num)]));
  const plan = build(input, numbers, undefined, { start: inserted.offset, end: inserted.offset, newText: inserted.text, kind: 'insert' });
  plan.inserted = inserted;
  return plan;
}

function planRemove(input: RenumberInput, article: Provision): RenumberPlan {
  const doc = input.home.doc;
  const text = doc.text;
  if (article.kind !== 'article') throw new RenumberRefusal(`${provisionLabel(article)} is not an article`);
  const list = articlesIn(scopeOf(article, doc));
  const numbers = new Map<Provision, string>();
  for (const a of list.slice(list.indexOf(article) + 1)) {
    const parts = partsOf(a);
    if (parts.int <= 1 && !parts.suffix) throw new RenumberRefusal(`${provisionLabel(a)} cannot be numbered one lower`);
    numbers.set(a, joinNum(parts, parts.int - 1, parts.suffix));
  }
  checkUnique(list.filter((a) => a !== article), numbers, new Set());
  // From its heading line (and the cross-heading over it, "Voting" in the Charter) to the
  // next non-blank line: the article and the blank lines after it. Left behind, a
  // cross-heading would become text of the article before.
  let start = lineStartAt(text, labelStart(article));
  for (let above = crossHeadingAbove(doc, start); above !== undefined; above = crossHeadingAbove(doc, start)) start = above;
  let end = lineEndAt(text, article.end);
  let next = end;
  for (;;) {
    if (next >= text.length) {
      end = text.length;
      break;
    }
    next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    const lineEnd = lineEndAt(text, next);
    if (text.slice(next, lineEnd).trim()) {
      end = next;
      break;
    }
    next = lineEnd;
  }
  const plan = build(input, numbers, { start, end }, { start, end, newText: '', kind: 'delete' });
  plan.removed = article;
  return plan;
}

/** The start of a cross-heading line just above `lineStart` (blank lines between), if there is one. */
function crossHeadingAbove(doc: TreatyDocument, lineStart: number): number | undefined {
  const text = doc.text;
  let end = lineStart;
  for (;;) {
    if (end === 0) return undefined;
    end--; // the line break before
    if (text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
    const start = lineStartAt(text, end);
    const line = text.slice(start, end);
    if (!line.trim()) {
      end = start;
      continue;
    }
    const at = start + (line.length - line.trimStart().length);
    const p = provisionAt(doc, at);
    // Not the text of an article, recital or final clause, and no heading of its own.
    const inText = ['article', 'paragraph', 'point', 'recital', 'preamble', 'conclusions'].includes(p.kind);
    const label = labelStart(p);
    const heading = label <= at && at < Math.max(p.labelEnd, label + 1);
    return inText || heading || p.kind === 'document' && at < p.labelEnd ? undefined : start;
  }
}

/** Refuses a numbering that would give two articles of one scope the same number. */
function checkUnique(list: Provision[], numbers: Map<Provision, string>, taken: Set<string>): void {
  for (const a of list) {
    const id = idNum('article', numbers.get(a) ?? a.num ?? '');
    if (taken.has(id) && a.num) throw new RenumberRefusal(`after the change two articles would be numbered ${numbers.get(a) ?? a.num}; renumber the articles sequentially first`);
    taken.add(id);
  }
}

/** The changes that give each provision in `numbers` its new number, in every document. */
function build(input: RenumberInput, numbers: Map<Provision, string>, removedSpan?: Span, extra?: TextChange): RenumberPlan {
  const home = input.home;
  const renumbered: Renumbered[] = [];
  const homeChanges: TextChange[] = extra ? [extra] : [];
  const outside = (s: Span) => !removedSpan || s.end <= removedSpan.start || s.start >= removedSpan.end;
  for (const [p, num] of numbers) {
    if (idNum(p.kind, num) === idNum(p.kind, p.num ?? '')) continue;
    const span = labelNumberSpan(home.doc, p);
    if (!span) throw new RenumberRefusal(`${provisionLabel(p)} has no number in its heading that Pacta can rewrite`);
    renumbered.push({ provision: p, from: p.num ?? '', to: num });
    homeChanges.push({ ...span, newText: headingText(home.doc, p, span, num), kind: 'number', role: 'heading' });
  }
  const changed = new Map(renumbered.map((r) => [r.provision, r.to]));
  for (const ref of home.doc.references) {
    if (ref.instrument) continue;
    // In the main text a number of a reference that does not resolve as a whole ("Article 4,
    // paragraph 9" where Article 4 has no paragraph 9) still names its article by eId.
    const mainText = !enclosingAttachment(provisionAt(home.doc, ref.start));
    for (const t of ref.numbers ?? []) {
      const named = t.provision ?? (mainText ? home.doc.byId.get(t.eId) : undefined);
      const to = named && changed.get(named);
      if (to !== undefined && to !== '' && outside(t)) homeChanges.push({ start: t.start, end: t.end, newText: tokenText(t.num, to), kind: 'number', role: 'reference' });
    }
  }
  const changes = new Map<string, TextChange[]>();
  changes.set(home.key, sortChanges(homeChanges));
  for (const other of input.citing ?? []) {
    const list: TextChange[] = [];
    for (const ref of other.doc.references) {
      if (!ref.instrument || !other.citesHome(ref)) continue;
      for (const t of ref.numbers ?? []) {
        const p = home.doc.byId.get(t.eId);
        const to = p && changed.get(p);
        if (to) list.push({ start: t.start, end: t.end, newText: tokenText(t.num, to), kind: 'number', role: 'reference' });
      }
    }
    if (list.length) changes.set(other.key, sortChanges(list));
  }
  return { input, changes, renumbered: renumbered.sort((a, b) => a.provision.start - b.provision.start) };
}

function sortChanges(list: TextChange[]): TextChange[] {
  list.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < list.length; i++) {
    if (list[i].start < list[i - 1].end) throw new RenumberRefusal('internal error: two changes overlap; nothing was changed');
  }
  return list;
}

// --- applying and mapping ---------------------------------------------------------------

export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.start) + c.newText;
    at = c.end;
  }
  return out + text.slice(at);
}

/**
 * Where an offset of the old text lies in the new one: undefined inside a removed span;
 * an offset inside a rewritten number goes to the number's start.
 */
export function mapOffset(changes: readonly TextChange[], offset: number): number | undefined {
  return offsetMapper(changes)(offset);
}

/**
 * `mapOffset` for many offsets: the running length difference is summed once and each
 * offset finds its change by binary search, so mapping every provision and reference of a
 * document costs n log n rather than n × changes.
 */
export function offsetMapper(changes: readonly TextChange[]): (offset: number) => number | undefined {
  // before[i]: how much the changes ahead of changes[i] lengthen the text.
  const before = new Array<number>(changes.length + 1);
  before[0] = 0;
  for (let i = 0; i < changes.length; i++) before[i + 1] = before[i] + changes[i].newText.length - (changes[i].end - changes[i].start);
  return (offset) => {
    // The last change starting at or before the offset: the only one that can hold it, since
    // the changes are sorted and do not overlap (an insertion sorts before a number at its place).
    let lo = 0;
    let hi = changes.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid].start <= offset) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return offset;
    const c = changes[i];
    if (c.kind === 'delete' && offset < c.end) return undefined;
    if (c.kind === 'number' && offset < c.end) return c.start + before[i];
    return offset + before[i + 1];
  };
}

// --- checking -----------------------------------------------------------------------------

export type FindingKind = 'cites-removed' | 'covers-inserted' | 'changed' | 'lost' | 'reads-differently';

/** A reference whose meaning the change would alter: never silent, always reported. */
export interface Finding {
  /** The document key. */
  key: string;
  kind: FindingKind;
  /** The reference as it stands now. */
  ref: Reference;
  /** The same reference after the change, when it is still read as one. */
  refAfter?: Reference;
  /** What it names now (undefined: a target that does not resolve). */
  before: Array<Provision | undefined>;
  /** Of those, the ones the change removes. */
  gone: Provision[];
  /** What it will name, in the changed document, each with its present self when it has one. */
  after: Array<{ provision?: Provision; was?: Provision }>;
}

export interface CheckResult {
  findings: Finding[];
  /** The changed documents, parsed. */
  after: Map<string, TreatyDocument>;
}

/**
 * Applies the plan, parses the results with `parse`, and compares every reference that
 * cites the home document with what it cited before (identity: the provision itself, found
 * again through its position, the way Akoma Ntoso's wId survives a renumbering).
 */
export function checkRenumbering(plan: RenumberPlan, parse: (text: string, key: string) => TreatyDocument): CheckResult {
  const { home, citing = [] } = plan.input;
  const homeChanges = plan.changes.get(home.key) ?? [];
  const mapHome = offsetMapper(homeChanges);
  const newHome = homeChanges.length ? parse(applyChanges(home.doc.text, homeChanges), home.key) : home.doc;
  const after = new Map<string, TreatyDocument>([[home.key, newHome]]);

  // New provision -> the provision it was, by where its label lands.
  const oldAt = new Map<string, Provision>();
  for (const p of walk(home.doc.root)) {
    const o = mapHome(labelStart(p));
    if (o !== undefined) oldAt.set(`${p.kind}@${o}`, p);
  }
  const was = (q: Provision | undefined) => (q ? oldAt.get(`${q.kind}@${labelStart(q)}`) : undefined);
  const removed = (p: Provision | undefined) => {
    for (let q = p; q && plan.removed; q = q.parent) if (q === plan.removed) return true;
    return false;
  };

  const findings: Finding[] = [];
  const compare = (key: string, ref: Reference, nr: Reference | undefined, before: Array<Provision | undefined>, afterList: Array<Provision | undefined>) => {
    const mapped = afterList.map((q) => ({ provision: q, was: was(q) }));
    const base = { key, ref, refAfter: nr, before, after: mapped, gone: before.filter((p): p is Provision => removed(p)) };
    if (before.some(removed)) return findings.push({ ...base, kind: 'cites-removed' });
    if (!nr) {
      if (before.length) findings.push({ ...base, kind: 'lost' });
      return;
    }
    if (mapped.some((m) => m.provision && !m.was)) return findings.push({ ...base, kind: 'covers-inserted' });
    const same = before.length === mapped.length && before.every((p, i) => p === mapped[i].was) && ref.resolved === nr.resolved;
    if (!same) return findings.push({ ...base, kind: 'changed' });
    if (ref.form === 'range' && readsAsItCovers(ref) && !readsAsItCovers(nr)) findings.push({ ...base, kind: 'reads-differently' });
  };

  const byStart = (doc: TreatyDocument) => new Map(doc.references.map((r) => [r.start, r]));
  const newRefs = byStart(newHome);
  for (const ref of home.doc.references) {
    if (ref.instrument) continue;
    const start = mapHome(ref.start);
    if (start === undefined) continue; // inside the removed article
    const nr = newRefs.get(start);
    compare(
      home.key,
      ref,
      nr && !nr.instrument ? nr : undefined,
      ref.targets.map((t) => t.provision),
      nr ? nr.targets.map((t) => t.provision) : [],
    );
  }
  for (const other of citing) {
    const changes = plan.changes.get(other.key) ?? [];
    const newDoc = changes.length ? parse(applyChanges(other.doc.text, changes), other.key) : other.doc;
    if (changes.length) after.set(other.key, newDoc);
    const refs = byStart(newDoc);
    const map = offsetMapper(changes);
    for (const ref of other.doc.references) {
      if (!ref.instrument || !other.citesHome(ref)) continue;
      const nr = refs.get(map(ref.start) ?? -1);
      const cites = nr && nr.instrument && other.citesHome(nr) ? nr : undefined;
      compare(
        other.key,
        ref,
        cites,
        ref.targets.map((t) => home.doc.byId.get(t.eId)),
        cites ? cites.targets.map((t) => newHome.byId.get(t.eId)) : [],
      );
    }
  }
  return { findings, after };
}

/**
 * "Articles 3 to 7" reads as it covers when the provisions it covers are numbered 3, 4, 5,
 * 6, 7; after a change it may cover the same provisions under numbers that say otherwise.
 */
function readsAsItCovers(ref: Reference): boolean {
  const parts = ref.targets.map((t) => (t.provision?.num ? splitNum(t.provision.num) : undefined));
  if (parts.length < 2 || parts.some((p) => !p || p.suffix)) return true; // nothing to judge by
  return parts.every((p, i) => p!.int === parts[0]!.int + i);
}

/** A finding in words: "“Articles 3 to 8” (now “Articles 3 to 7”) will also cover the new Article 5". */
export function describeFinding(f: Finding): string {
  const now = f.refAfter && f.refAfter.text !== f.ref.text ? ` (to be written “${f.refAfter.text}”)` : '';
  const quoted = `“${f.ref.text}”${now}`;
  const beforeNames = names(f.before.map((p) => (p ? provisionLabel(p) : undefined)));
  const afterNames = names(f.after.map((a) => afterName(a)));
  switch (f.kind) {
    case 'cites-removed': {
      const rest = f.after.length ? `; left as written it will name ${afterNames}` : '';
      return `${quoted} cites ${names(f.gone.map(provisionLabel))}, which ${f.gone.length > 1 ? 'are' : 'is'} removed — not changed${rest}`;
    }
    case 'covers-inserted': {
      const added = f.after.filter((a) => a.provision && !a.was).map(afterName);
      const also = f.before.length && f.before.every((p) => f.after.some((a) => a.was === p));
      return also ? `${quoted} will also cover ${names(added)}` : `${quoted} named ${beforeNames}; it will name ${afterNames}`;
    }
    case 'changed':
      return `${quoted} named ${beforeNames}; it will name ${afterNames}`;
    case 'lost':
      return `${quoted} will no longer be read as a reference`;
    case 'reads-differently':
      return `${quoted} still covers ${names(f.after.map(afterName))}, but its numbers no longer say so`;
  }
}

function afterName(a: { provision?: Provision; was?: Provision }): string | undefined {
  if (!a.provision) return undefined;
  const label = provisionLabel(a.provision);
  if (!a.was) return `the new ${label}`;
  const old = provisionLabel(a.was);
  return old === label ? label : `${label} (at present ${old})`;
}

function names(list: Array<string | undefined>): string {
  const shown = list.map((n) => n ?? 'a provision that does not exist');
  if (shown.length === 0) return 'nothing';
  if (shown.length > 4) return `${shown.slice(0, 2).join(', ')} … ${shown[shown.length - 1]} (${shown.length} provisions)`;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
