// Defined terms: where a text defines a term ("“treaty” means …", "hereinafter referred to
// as “the Parties”", "(hereinafter “the Commission”)") and where it then uses it. Pure and
// linear in the length of the text: one scan for quotations, one for "hereinafter", one
// tokenisation for the uses.
import type { Provision, Span, TreatyDocument } from './types';
import { labelSpan, provisionAt } from './query';
import { lineStartAt, wordUnits } from './lines';
import { changedLinesSince, modelId } from './incremental';
import { textOf, type TextLike } from './text';

export type DefinitionForm = 'means' | 'hereinafter' | 'parenthesis';

export interface DefinedTerm {
  /** The term as the definition writes it, without quotes: "treaty", "the Parties". */
  term: string;
  /** The term as written (inside its quotes, when it has them). */
  span: Span;
  /** The innermost provision holding the definition. */
  provision: Provision;
  /** The defining text: the point or paragraph the term opens, else its sentence. */
  definition: Span;
  form: DefinitionForm;
  /** Uses inside this span resolve to this definition ("For the purposes of this Part": the Part). */
  scope: Span;
}

export interface TermUse {
  span: Span;
  term: DefinedTerm;
}

export interface DefinedTerms {
  /** In text order. */
  terms: DefinedTerm[];
  /** In text order, never overlapping each other, a reference, or a defining quotation. */
  uses: TermUse[];
}

const MAX_TERM = 80;
/** Uses are looked for of the first this many defined terms. */
const MAX_MATCHED_TERMS = 1000;
/** How far a definition's sentence is looked for on either side of the term. */
const SENTENCE_LIMIT = 2000;
const OPEN_TO_CLOSE: Record<string, string> = { '“': '”', '"': '"', '‘': '’', '«': '»', '„': '“”', "'": "'" };
// Straight single quotes are apostrophes far more often than quotes: only "hereinafter" takes them.
const QUOTED = /([“"‘«„])([^“”"‘’«»„\n]{1,80})([”"’»“])/g;
// What may stand between a quoted term and its defining verb, each piece tried at one
// position only (sticky) and read in turn by `definesAfter`, so nothing backtracks.
const NEXT_QUOTE = /[“"‘«„][^“”"‘’«»„\n]{1,80}[”"’»“]/y;
const LIST_SEPARATOR = /\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)/y;
const ASIDE = /\s*\([^()\n]{0,80}\)/y;
const COMMA_ASIDE = /\s*,[^,.;:\n]{0,80},/y;
const DEFINING_VERB = /\s+(?:shall\s+)?(?:means?|includes?|refers?\s+to|is\s+defined\s+as|has\s+the\s+meaning)\b/y;
const ANY_WORD = /\s+[\p{L}’'-]+/uy;

// "hereinafter" / "hereafter", then (separately, so no pattern backtracks) the naming verb;
// and "referred to hereinafter as".
const HEREINAFTER = /\b(?:hereinafter|hereafter)\b/gi;
const NAMING_VERB = /[ \t]+(?:referred[ \t]+to|called|designated|named|termed|known)(?:[ \t]+as)?\b/iy;
const REFERRED_HEREINAFTER = /\breferred[ \t]+to[ \t]+(?:hereinafter|hereafter)[ \t]+as\b/gi;
const BEFORE_TERM = /[\s:,]*/y;
const AFTER_HEREINAFTER_QUOTED = /(the\s+)?([“"‘'«„])([^\n“”"«»„]{1,80}?)([”"’'»“])/y;
const AFTER_HEREINAFTER_WORDS = /((?:the\s+)?\p{L}[\p{L}’'-]*(?:[ \t]+\p{L}[\p{L}’'-]*){0,5})(?=[ \t]*[.,;:)])/yu;
/** `(“the Commission”)`, `(the “Commission”)`: a proper name defined in passing. */
const PARENTHESISED = /\(\s*(the\s+)?([“"«])((?:the\s+)?\p{Lu}[^“”"«»\n]{0,60}?)([”"»])\s*\)/gu;
const PURPOSES =
  /\bfor\s+the\s+purposes?\s+of\b[^.;]{0,80}?\b(?:this|the\s+present)\s+(Convention|Treaty|Agreement|Charter|Protocol|Statute|Covenant|Pact|Constitution|Part|Chapter|Section|Subsection|Annex|[Aa]rticle|[Pp]aragraph|[Ss]ubparagraph)\b/giu;

const cache = new WeakMap<TreatyDocument, DefinedTerms>();

/**
 * The last terms found per provision tree (keyed by the root, which an incremental re-parse
 * keeps with every provision object): after an edit that writes no quotation mark and no
 * "hereinafter" near it, the terms are the same and only the uses on the edited lines are looked
 * for again (`afterEdit`), without joining an open document's chunks into one string.
 */
interface TermsMemo {
  id: number;
  length: number;
  found: DefinedTerms;
}
const memo = new WeakMap<Provision, TermsMemo>();

/** How often the terms came from an earlier version (`afterEdit`) and how often from the whole text (tests, benchmarks). */
export const definedTermsStats = { afterEdit: 0, whole: 0 };

/** The defined terms of a document and their uses, computed once per parsed document. */
export function definedTerms(doc: TreatyDocument): DefinedTerms {
  let found = cache.get(doc);
  if (found) return found;
  const last = memo.get(doc.root);
  if (last) found = afterEdit(doc, last);
  if (found) definedTermsStats.afterEdit++;
  else {
    definedTermsStats.whole++;
    const terms = findDefinitions(doc);
    found = { terms, uses: findUses(doc, terms) };
  }
  cache.set(doc, found);
  memo.set(doc.root, { id: modelId(doc), length: textOf(doc).length, found });
  return found;
}

/** The use of a defined term at `offset` (ends inclusive, like `referenceAt`). */
export function termUseAt(doc: TreatyDocument, offset: number): TermUse | undefined {
  const uses = definedTerms(doc).uses;
  let lo = 0;
  let hi = uses.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = uses[mid];
    if (offset < u.span.start) hi = mid - 1;
    else if (offset > u.span.end) lo = mid + 1;
    else return u;
  }
  return undefined;
}

/** The key uses are matched under: the term without a leading "the". */
export function termKey(term: string): string {
  return term.replace(/^the\s+/i, '').replace(/\s+/g, ' ').trim();
}

// --- definitions ---------------------------------------------------------------------------

export function findDefinitions(doc: TreatyDocument): DefinedTerm[] {
  const text = doc.text;
  const out: DefinedTerm[] = [];
  const add = (term: string, start: number, form: DefinitionForm): void => {
    const clean = term.replace(/\s+/g, ' ').trim();
    if (!termKey(clean) || clean.length > MAX_TERM || !/\p{L}/u.test(clean)) return;
    out.push(makeTerm(doc, clean, { start, end: start + term.length }, form));
  };

  // A quotation inside a list already read ("“a”, “b” and “c” mean") shares the list's answer,
  // so a long list is read once, not once per quotation.
  let list = { end: -1, defines: false };
  for (const m of text.matchAll(QUOTED)) {
    if (!OPEN_TO_CLOSE[m[1]].includes(m[3])) continue;
    if (m.index >= list.end) list = definesAfter(text, m.index + m[0].length);
    if (list.defines) add(m[2], m.index + 1, 'means');
  }

  // Where a term may follow: after "hereinafter" (with whether a naming verb was written) …
  const afterWords: Array<{ at: number; named: boolean }> = [];
  for (const m of text.matchAll(HEREINAFTER)) {
    NAMING_VERB.lastIndex = m.index + m[0].length;
    const verb = NAMING_VERB.exec(text);
    afterWords.push({ at: verb ? NAMING_VERB.lastIndex : m.index + m[0].length, named: !!verb });
  }
  // … and after "referred to hereinafter as".
  for (const m of text.matchAll(REFERRED_HEREINAFTER)) afterWords.push({ at: m.index + m[0].length, named: true });
  for (const { at: after, named } of afterWords) {
    BEFORE_TERM.lastIndex = after;
    BEFORE_TERM.exec(text);
    const at = BEFORE_TERM.lastIndex;
    AFTER_HEREINAFTER_QUOTED.lastIndex = at;
    const q = AFTER_HEREINAFTER_QUOTED.exec(text);
    if (q && OPEN_TO_CLOSE[q[2]].includes(q[4])) {
      const innerStart = at + (q[1]?.length ?? 0) + 1;
      add(q[3], innerStart, 'hereinafter');
      continue;
    }
    // Unquoted ("hereinafter referred to as specialized agencies.") only after a naming verb,
    // so "as hereinafter provided" defines nothing.
    if (!named) continue;
    AFTER_HEREINAFTER_WORDS.lastIndex = at;
    const w = AFTER_HEREINAFTER_WORDS.exec(text);
    if (w) add(w[1], at, 'hereinafter');
  }

  for (const m of text.matchAll(PARENTHESISED)) {
    if (!OPEN_TO_CLOSE[m[2]].includes(m[4])) continue;
    add(m[3], m.index + m[0].indexOf(m[2]) + 1, 'parenthesis');
  }

  out.sort((a, b) => a.span.start - b.span.start);
  // The same quotation found by two patterns ("(hereinafter “X”)") counts once, as the first found.
  return out.filter((t, i) => i === 0 || t.span.start !== out[i - 1].span.start);
}

/**
 * After a quoted term at `at`: more quoted terms ("“ratification”, “acceptance” and
 * “approval”"), an aside ("(…)", ", referred to in paragraph 5,"), up to four words ("in any
 * accounting year"), then "means", "includes", "refers to", "is defined as".
 */
function definesAfter(text: string, at: number): { end: number; defines: boolean } {
  for (;;) {
    const sep = stickyEnd(LIST_SEPARATOR, text, at);
    const quote = sep === undefined ? undefined : stickyEnd(NEXT_QUOTE, text, sep);
    if (quote === undefined) break;
    at = quote;
  }
  const end = at;
  at = stickyEnd(ASIDE, text, at) ?? at;
  at = stickyEnd(COMMA_ASIDE, text, at) ?? at;
  for (let words = 0; ; words++) {
    if (stickyEnd(DEFINING_VERB, text, at) !== undefined) return { end, defines: true };
    const next = words < 4 ? stickyEnd(ANY_WORD, text, at) : undefined;
    if (next === undefined) return { end, defines: false };
    at = next;
  }
}

function stickyEnd(re: RegExp, text: string, at: number): number | undefined {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : undefined;
}

function makeTerm(doc: TreatyDocument, term: string, span: Span, form: DefinitionForm): DefinedTerm {
  const provision = provisionAt(doc, span.start);
  return {
    term,
    span,
    provision,
    definition: definitionSpan(doc, provision, span),
    form,
    scope: form === 'means' ? purposeScope(doc, provision, span.start) : { start: span.end, end: textOf(doc).length },
  };
}

/** A point or paragraph that opens with the term is the definition; otherwise its sentence is. */
function definitionSpan(doc: TreatyDocument, p: Provision, term: Span): Span {
  const opensWithIt = p.kind === 'point' || p.kind === 'paragraph' || p.kind === 'recital';
  if (opensWithIt && term.start - Math.max(p.bodyStart, p.start) < 200) return { start: p.start, end: p.end };
  // Read through textOf, character by character: an open document's chunks are not joined.
  const at = charAt(textOf(doc));
  // A sentence is looked for within a bounded distance, so one huge paragraph stays linear.
  const from = Math.max(p.start, term.start - SENTENCE_LIMIT);
  const to = Math.min(p.end, term.end + SENTENCE_LIMIT);
  let start = term.start;
  while (start > from && !/[.;:\n]/.test(at(start - 1))) start--;
  while (start < term.start && /\s/.test(at(start))) start++;
  let end = term.end;
  while (end < to && at(end) !== '\n' && !(/[.;]/.test(at(end)) && /\s|$/.test(at(end + 1)))) end++;
  if (end < p.end && /[.;]/.test(at(end))) end++;
  return { start, end };
}

/** The character at an index ('' past the end), as `text[i] ?? ''` reads a string. */
function charAt(text: TextLike): (i: number) => string {
  return (i) => (i >= 0 && i < text.length ? text.slice(i, i + 1) : '');
}

/** "For the purposes of this Part, …" limits a definition to the Part; the default is the whole text. */
function purposeScope(doc: TreatyDocument, p: Provision, at: number): Span {
  const whole = { start: 0, end: textOf(doc).length };
  let holder: Provision = p;
  while (holder.parent && !['article', 'annex', 'protocol', 'attachment', 'preamble', 'document'].includes(holder.kind)) {
    holder = holder.parent;
  }
  const from = Math.max(holder.start, at - 600);
  let unit: string | undefined;
  for (const m of textOf(doc).slice(from, at).matchAll(PURPOSES)) unit = m[1].toLowerCase();
  if (!unit) return whole;
  const kind = (
    {
      part: 'part',
      chapter: 'chapter',
      section: 'section',
      subsection: 'subsection',
      annex: 'annex',
      article: 'article',
      paragraph: 'paragraph',
      subparagraph: 'point',
    } as Record<string, string>
  )[unit];
  if (!kind) return whole;
  for (let q: Provision | undefined = p; q; q = q.parent) if (q.kind === kind) return { start: q.start, end: q.end };
  return whole;
}

// --- after an edit ------------------------------------------------------------------------

/** How far before the edited lines a definition may start and still reach them. */
const DEFINITION_REACH = 1000;
/** How far before the edited lines uses are looked for again (a use of several words may reach them). */
const USE_REACH = 1000;
/** Where a run of blanks or letters this long makes the reaches above unsafe, everything is read again. */
const LONG_RUN = /[\s:,]{20}|[\p{L}’'-]{100}/u;
// afterEdit reads both reaches from one slice that starts USE_REACH back.
if (DEFINITION_REACH > USE_REACH) throw new Error('definitions.ts: DEFINITION_REACH may not exceed USE_REACH');
/** What every definition starts with: an opening quotation mark or "hereinafter"/"hereafter". */
const DEFINITION_MARK = /[“"‘«„]|here(?:in)?after/i;

/**
 * The terms and uses of `doc` from those of an earlier version of its provision tree, when the
 * edits since wrote no definition mark within DEFINITION_REACH of the edited lines: the terms
 * are the same (their spans shifted; definition and scope read again) and only the uses within
 * USE_REACH of those lines are looked for again. Undefined when that cannot be known, or a term,
 * a use or a scope lies across the edited lines' edges: then everything is read again.
 */
function afterEdit(doc: TreatyDocument, last: TermsMemo): DefinedTerms | undefined {
  const dirty = changedLinesSince(doc, last.id);
  if (!dirty) return undefined;
  const text = textOf(doc);
  const delta = text.length - last.length;
  // The edited lines in the old text end here; every offset past it moved by delta.
  const oldEnd = dirty.end - delta;
  const moved = (x: number): number | undefined => (x <= dirty.start ? x : x >= oldEnd ? x + delta : undefined);
  const movedSpan = (span: Span): Span | undefined => {
    const start = moved(span.start);
    const end = moved(span.end);
    return start === undefined || end === undefined ? undefined : { start, end };
  };

  // One slice holds all this reads: from a line start USE_REACH before the edited lines (no later
  // than DEFINITION_REACH before them, where definitions are looked for) to USE_REACH past them.
  const reach = lineStartAt(text, Math.max(0, dirty.start - USE_REACH));
  const window = text.slice(reach, Math.min(text.length, dirty.end + USE_REACH));
  const upToEdit = window.slice(0, dirty.end - reach);
  if (DEFINITION_MARK.test(upToEdit.slice(Math.max(0, dirty.start - DEFINITION_REACH) - reach)) || LONG_RUN.test(upToEdit)) return undefined;

  const terms: DefinedTerm[] = [];
  const renamed = new Map<DefinedTerm, DefinedTerm>();
  for (const t of last.found.terms) {
    const span = movedSpan(t.span);
    const scope = movedSpan(t.scope);
    if (!span || !scope) return undefined;
    const now = makeTerm(doc, t.term, span, t.form);
    // A scope the edit changed ("For the purposes of this Part" within its reach) changes which
    // definition uses anywhere name.
    if (now.scope.start !== scope.start || now.scope.end !== scope.end) return undefined;
    terms.push(now);
    renamed.set(t, now);
  }
  const matcher = useMatcher(terms);
  if (!matcher) return { terms, uses: [] };

  // Uses are looked for again from `reach`, a line start far enough before the edited lines.
  const before: TermUse[] = [];
  const after: TermUse[] = [];
  for (const u of last.found.uses) {
    const term = renamed.get(u.term)!;
    if (u.span.end <= reach) before.push({ span: { start: u.span.start, end: u.span.end }, term });
    else if (u.span.start >= oldEnd) after.push({ span: { start: u.span.start + delta, end: u.span.end + delta }, term });
    else if (u.span.start < reach || u.span.end > oldEnd) return undefined;
  }
  const blocked = blockedSpans(doc, terms, reach, Math.min(text.length, dirty.end + 1));
  // The words up to the edited lines' end, and past it for uses that would run on (then all is read again).
  const found = scanUses(window, reach, reach, dirty.end, matcher, blocked);
  if (found.length && found[found.length - 1].span.end > dirty.end) return undefined;
  return { terms, uses: [...before, ...found, ...after] };
}

/**
 * What a use may not overlap, sorted, of those that reach into [from, to): quoted defining terms,
 * references, and the title and heading lines ("Article 5", "Use of terms").
 */
function blockedSpans(doc: TreatyDocument, terms: readonly DefinedTerm[], from: number, to: number): Span[] {
  const within = (s: Span) => s.end > from && s.start < to;
  const out: Span[] = [];
  for (const t of terms) if (within(t.span)) out.push(t.span);
  for (const r of doc.references) if (within(r)) out.push(r);
  const labels = (p: Provision): void => {
    const label = labelSpan(p);
    if (label.end > label.start && within(label)) out.push(label);
    for (const c of p.children) if (c.end >= from && c.start < to) labels(c);
  };
  labels(doc.root);
  return out.sort((a, b) => a.start - b.start);
}

// --- uses ----------------------------------------------------------------------------------

interface Variant {
  words: string[];
  /** The lower-case key of the definitions this spelling belongs to. */
  key: string;
}

function findUses(doc: TreatyDocument, terms: DefinedTerm[]): TermUse[] {
  const matcher = useMatcher(terms);
  if (!matcher) return [];
  const text = doc.text;
  return scanUses(text, 0, 0, text.length, matcher, blockedSpans(doc, terms, -Infinity, Infinity));
}

/** What uses are matched with: the terms by key, their spellings by first word. */
interface UseMatcher {
  byKey: Map<string, DefinedTerm[]>;
  byFirst: Map<string, Variant[]>;
  firstUnits: Set<number>;
  shortest: number;
  longest: number;
}

function useMatcher(terms: readonly DefinedTerm[]): UseMatcher | undefined {
  if (terms.length === 0) return undefined;
  const byKey = new Map<string, DefinedTerm[]>();
  const byFirst = new Map<string, Variant[]>();
  const seen = new Set<string>();
  // A treaty defines tens of terms, a few hundred at most; a text with thousands of
  // "definitions" is not one, and matching them all would no longer be linear.
  for (const t of terms.slice(0, MAX_MATCHED_TERMS)) {
    const key = termKey(t.term).toLowerCase();
    const list = byKey.get(key);
    if (list) list.push(t);
    else byKey.set(key, [t]);
    for (const words of variants(termKey(t.term))) {
      const spelled = words.join(' ');
      if (seen.has(spelled)) continue;
      seen.add(spelled);
      const first = byFirst.get(words[0]);
      if (first) first.push({ words, key });
      else byFirst.set(words[0], [{ words, key }]);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const firstUnits = new Set<number>();
  let shortest = Infinity;
  let longest = 0;
  for (const w of byFirst.keys()) {
    firstUnits.add(w.charCodeAt(0));
    shortest = Math.min(shortest, w.length);
    longest = Math.max(longest, w.length);
  }
  return { byKey, byFirst, firstUnits, shortest, longest };
}

/**
 * The uses whose first word starts in [from, to), read from `text`, which holds the document's
 * text from offset `base` on; `blocked` (sorted, in document offsets) may not be overlapped.
 */
function scanUses(text: string, base: number, from: number, to: number, m: UseMatcher, blocked: readonly Span[]): TermUse[] {
  let b = 0;
  // The words are read one at a time by code, and the ones after a word only when a term starts
  // with it: no array of every word (80,000 in UNCLOS) and no string per word is made. A word
  // whose first unit or length no term's first word has is passed over unread.
  const uses: TermUse[] = [];
  let at = from - base;
  for (let t = nextWord(text, at); t && t.start + base < to; t = nextWord(text, at)) {
    at = t.end;
    const length = t.end - t.start;
    // A possessive ("Party’s") is two units longer than the word it is matched as.
    if (!m.firstUnits.has(text.charCodeAt(t.start)) || length < m.shortest || length > m.longest + 2) continue;
    const first = text.slice(t.start, t.end);
    const candidates = m.byFirst.get(first) ?? m.byFirst.get(stripPossessive(first));
    if (!candidates) continue;
    const tokens: Span[] = [t];
    for (const v of candidates) {
      const matched = matchWords(text, tokens, v.words);
      if (matched === undefined) continue;
      const span = { start: t.start + base, end: matched + base };
      while (b < blocked.length && blocked[b].end <= span.start) b++;
      if (b < blocked.length && blocked[b].start < span.end) break;
      const term = pick(m.byKey.get(v.key)!, span.start);
      if (term) {
        uses.push({ span, term });
        // The next word is the one after the last word of the use.
        at = tokens[v.words.length - 1].end;
      }
      break;
    }
  }
  return uses;
}

/**
 * The end of the match of `words` at `tokens[0]`, or undefined. `tokens` holds the words read
 * so far from there and is extended as needed. Words are separated by spaces or one line break.
 */
function matchWords(text: string, tokens: Span[], words: string[]): number | undefined {
  for (let k = 0; k < words.length; k++) {
    if (k === tokens.length) {
      const next = nextWord(text, tokens[k - 1].end);
      if (!next) return undefined;
      tokens.push(next);
    }
    const t = tokens[k];
    const w = text.slice(t.start, t.end);
    const last = k === words.length - 1;
    if (w !== words[k] && !(last && stripPossessive(w) === words[k])) return undefined;
    if (k > 0 && !spacesAndOneBreak(text, tokens[k - 1].end, t.start)) return undefined;
    if (last) return w === words[k] ? t.end : t.start + words[k].length;
  }
  return undefined;
}

/**
 * The first word at or after `from`: a run of letters and digits (Unicode L and N), runs joined
 * by ’ ' or - between two of them; found by code, ASCII by its value, the rest by the Unicode
 * class at that position. `definitions.test.ts` holds it equal to the word pattern on any text.
 */
export function nextWord(text: string, from: number): Span | undefined {
  let i = from;
  while (i < text.length && !wordUnits(text, i)) i++;
  if (i >= text.length) return undefined;
  const start = i;
  for (;;) {
    for (let w = wordUnits(text, i); w; w = wordUnits(text, i)) i += w;
    const c = text.charCodeAt(i);
    if ((c === 0x2019 || c === 39 || c === 45) && wordUnits(text, i + 1)) i++;
    else return { start, end: i };
  }
}

/** True when text[from, to) is spaces and tabs with at most one line break among them. */
function spacesAndOneBreak(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) breaks++;
    } else if (c !== 32 && c !== 9) return false;
  }
  return breaks <= 1;
}

/** The word without a final "’s" / "'s" (by code: this runs for every word of the text). */
function stripPossessive(word: string): string {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  const q = word.charCodeAt(n - 2);
  return q === 0x2019 || q === 39 ? word.slice(0, n - 2) : word;
}

/** Spellings a use may take: a lower-case term may open a sentence; the last word may be singular or plural. */
function variants(key: string): string[][] {
  const words = key.split(' ');
  const firsts = [words[0]];
  if (/^\p{Ll}/u.test(words[0])) firsts.push(words[0].charAt(0).toUpperCase() + words[0].slice(1));
  const out: string[][] = [];
  for (const f of firsts) {
    const base = [f, ...words.slice(1)];
    for (const lastForm of inflections(base[base.length - 1])) out.push([...base.slice(0, -1), lastForm]);
  }
  return out;
}

function inflections(word: string): string[] {
  if (word.length < 3 || !/\p{L}$/u.test(word)) return [word];
  const out = new Set([word]);
  if (/ies$/.test(word)) out.add(word.slice(0, -3) + 'y');
  else if (/[^aeiou]y$/.test(word)) out.add(word.slice(0, -1) + 'ies');
  else if (/(?:s|x|ch|sh)$/.test(word)) {
    if (/[^s]s$/.test(word)) out.add(word.slice(0, -1));
    else out.add(word + 'es');
  } else out.add(word + 's');
  return [...out];
}

/** The definition a use at `at` refers to: the narrowest scope holding it, then the nearest before it. */
function pick(candidates: DefinedTerm[], at: number): DefinedTerm | undefined {
  let best: DefinedTerm | undefined;
  for (const t of candidates) {
    if (at < t.scope.start || at >= t.scope.end) continue;
    if (!best) {
      best = t;
      continue;
    }
    const width = t.scope.end - t.scope.start;
    const bestWidth = best.scope.end - best.scope.start;
    if (width < bestWidth || (width === bestWidth && t.span.start <= at && t.span.start > best.span.start)) best = t;
  }
  return best;
}
