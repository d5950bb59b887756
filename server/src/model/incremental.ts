// Re-parsing after an edit without reading the whole text again.
//
// A keystroke in a 5 MB treaty used to cost a full parse (seconds). Most keystrokes land in
// the body of one article and change neither the outline nor any reference: then the
// article (from its heading to the next provision's heading) is parsed alone, before and
// after the edit, and the citations around it are scanned, before and after. When the
// article keeps its shape (the same paragraphs and points, numbers, headings) and the
// citations are the same, each reading the same text from the same provision, every
// resolution in the document is unchanged too: the held model is kept, with the offsets of
// the article updated and everything after it shifted. When the citations differ (a digit
// typed in "Article 1"), the article's are resolved anew, provided none of them looks back at
// earlier citations ("that article") and what looks back after the article cannot see them.
// Anything else (a new paragraph, an edit across a heading, a language's own citation forms)
// is a full parse: correctness first.
//
// The previous model is reused in place: after `reparseTreaty(prev, …)` the caller must not
// read `prev` again (its provisions and references now carry the new text's offsets).
import type { Provision, Reference, Span, TreatyDocument } from './types';
import { parseTreaty, type ParseOptions } from './parse';
import { parseStructure } from './structure';
import { resolveCitations, scanReferenceAnchors } from './references';
import type { Citation } from './citations';
import { packFor } from './languages';
import { DEFAULT_CATALOGUE, type Catalogue } from './catalogue';
import { detectLanguage, languageNote } from './language';
import { firstReferenceFrom, provisionAt } from './query';
import { lineEndAt, lineStartAt } from './lines';
import { ChunkedText, textOf, withSource, type TextLike } from './text';

/** One edit, or several composed: [start, oldEnd) of the old text became [start, newEnd) of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** How often each path was taken (for tests and benchmarks): `full` by reason. */
export interface IncrementalStats {
  fast: number;
  full: number;
  reasons: Record<string, number>;
}

export const incrementalStats: IncrementalStats = { fast: 0, full: 0, reasons: {} };

export function resetIncrementalStats(): void {
  incrementalStats.fast = 0;
  incrementalStats.full = 0;
  incrementalStats.reasons = {};
}

/** The language guess and the language note read at most this far into the text (language.ts). */
const LANGUAGE_SAMPLE = 20_000;

/**
 * The model of `text`, equal to `parseTreaty(text, options)`, reusing `prev` (the model of the
 * text before `change`) when the edit allows it. `options` must be those `prev` was parsed with.
 * Without `change` the changed span is found by comparing the texts.
 */
export function reparseTreaty(prev: TreatyDocument, text: string | ChunkedText, options: ParseOptions = {}, change?: TextChange): TreatyDocument {
  const ch = change ?? changeBetween(prev.text, text.toString());
  let result: TreatyDocument | string;
  try {
    result = tryIncremental(prev, text, options, ch);
  } catch (err) {
    // A bug here must cost speed, not correctness.
    result = `error: ${err instanceof Error ? err.message : String(err)}`;
  }
  let doc: TreatyDocument;
  if (typeof result !== 'string') {
    incrementalStats.fast++;
    doc = result;
  } else {
    incrementalStats.full++;
    incrementalStats.reasons[result] = (incrementalStats.reasons[result] ?? 0) + 1;
    doc = parseText(text, options);
  }
  if (doc !== prev) lineage.set(doc, { from: new WeakRef(prev), fromId: modelId(prev), change: ch, reresolved: reresolvedIn.get(doc) });
  return doc;
}

/** The region whose references the fast path resolved anew (new Reference objects), in the new text. */
const reresolvedIn = new WeakMap<TreatyDocument, Span>();

/** Which model each re-parsed one replaced, and the edit between their texts. Weak: a chain of versions must not keep old texts alive. */
const lineage = new WeakMap<TreatyDocument, { from: WeakRef<TreatyDocument>; fromId: number; change: TextChange; reresolved?: Span }>();

const modelIds = new WeakMap<TreatyDocument, number>();
let nextModelId = 1;

/**
 * A number for `doc`, never reused: what is derived from a model can be kept under it after the
 * model itself is collected (the replaced model often is, between a keystroke and the next request).
 */
export function modelId(doc: TreatyDocument): number {
  let id = modelIds.get(doc);
  if (id === undefined) modelIds.set(doc, (id = nextModelId++));
  return id;
}

/**
 * The model `doc` was re-parsed from (`doc` undefined when it has been collected; `id` is its
 * `modelId`), and the edit between their texts: what is kept per model (e.g. its line index)
 * can be updated rather than rebuilt. `reresolved`: where the references are new objects (the
 * edited article's, resolved anew), in `doc`'s text; elsewhere they are the old ones, shifted.
 */
export function editedFrom(doc: TreatyDocument): { doc?: TreatyDocument; id: number; change: TextChange; reresolved?: Span } | undefined {
  const entry = lineage.get(doc);
  return entry && { doc: entry.from.deref(), id: entry.fromId, change: entry.change, reresolved: entry.reresolved };
}

/**
 * The span of `doc`'s text that changed since the version with `modelId` `id` — the edits and
 * the references resolved anew, each carried forward through the later edits — or undefined
 * when the chain of versions is lost.
 */
export function changedSince(doc: TreatyDocument, id: number): Span | undefined {
  const steps: Array<{ change: TextChange; reresolved?: Span }> = [];
  let cur: TreatyDocument | undefined = doc;
  for (;;) {
    if (!cur || steps.length > 256) return undefined;
    const from = editedFrom(cur);
    if (!from) return undefined;
    steps.push(from);
    if (from.id === id) break;
    cur = from.doc;
  }
  // Oldest first: each step's span, in its own text, is mapped through every later edit.
  steps.reverse();
  let dirty: Span | undefined;
  for (const { change, reresolved } of steps) {
    if (dirty) dirty = { start: mapOffset(dirty.start, change), end: mapOffset(dirty.end, change) };
    const here = { start: change.start, end: change.newEnd };
    dirty = union(dirty ?? here, here);
    if (reresolved) dirty = union(dirty, reresolved);
  }
  return dirty;
}

/**
 * `changedSince`, widened to whole lines: what a feature that keeps per-line results (the
 * outline, diagnostics) must build again.
 */
export function changedLinesSince(doc: TreatyDocument, id: number): Span | undefined {
  const changed = changedSince(doc, id);
  if (!changed) return undefined;
  const text = textOf(doc);
  return { start: lineStartAt(text, changed.start), end: lineEndAt(text, changed.end) };
}

/**
 * `parseTreaty` of a text given as a string or as chunks. A model parsed from chunks keeps them
 * (`withSource`): they carry what their maker knew, such as the line starts.
 */
export function parseText(text: string | ChunkedText, options: ParseOptions = {}): TreatyDocument {
  const doc = parseTreaty(text.toString(), options);
  return typeof text === 'string' ? doc : withSource(doc, text);
}

/** Where an offset of the text before `change` is after it (inside the replaced span: its end). */
function mapOffset(at: number, change: TextChange): number {
  if (at <= change.start) return at;
  if (at >= change.oldEnd) return at + change.newEnd - change.oldEnd;
  return change.newEnd;
}

function union(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The span where two texts differ: their common prefix and suffix left out. */
export function changeBetween(oldText: string, newText: string): TextChange {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** `first` then `second` (whose offsets are in the text `first` produced), as one change. */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  const d1 = first.newEnd - first.oldEnd;
  const d2 = second.newEnd - second.oldEnd;
  // Where the untouched tail begins in the middle text.
  const cut = Math.max(first.newEnd, second.oldEnd);
  return { start: Math.min(first.start, second.start), oldEnd: cut - d1, newEnd: cut + d2 };
}

function tryIncremental(prev: TreatyDocument, text: string | ChunkedText, options: ParseOptions, ch: TextChange): TreatyDocument | string {
  // Both texts are read in spans only: a ChunkedText is never joined on this path.
  const old = textOf(prev);
  const delta = text.length - old.length;
  if (!(ch.start >= 0 && ch.start <= ch.oldEnd && ch.oldEnd <= old.length && ch.newEnd - ch.oldEnd === delta)) return 'inconsistent change';
  if (ch.start === ch.oldEnd && ch.start === ch.newEnd) return old.length === text.length && old.toString() === text.toString() ? successor(prev, text) : 'inconsistent change';
  // Cheap guards against a wrong change: the text around it must agree.
  if (old.slice(Math.max(0, ch.start - 64), ch.start) !== text.slice(Math.max(0, ch.start - 64), ch.start)) return 'inconsistent change';
  if (old.slice(ch.oldEnd, ch.oldEnd + 64) !== text.slice(ch.newEnd, ch.newEnd + 64)) return 'inconsistent change';

  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  if (ch.start < LANGUAGE_SAMPLE && languageOf(text.slice(0, LANGUAGE_SAMPLE), options) !== prev.language) return 'language';

  const article = articleBefore(prev.root, ch.start);
  if (!article) return 'not in an article';
  const r0 = article.start;
  if (ch.start <= r0) return 'touches the heading line';
  const next = nextProvision(article);
  const r1 = next ? next.start : old.length;
  if (next && ch.oldEnd > lineStartAt(old, r1) - 1) return 'touches the next heading';

  // The region, and enough after it for the next heading's line and what it looks ahead at.
  const xOld = next ? lineEndAt(old, lineEndAt(old, r1) + 1) : old.length;
  const xNew = xOld + delta;
  const r1New = r1 + delta;
  const oldSlice = parseSlice(old.slice(r0, xOld), prev.language);
  const newSlice = parseSlice(text.slice(r0, xNew), prev.language);

  // The article parsed alone must be what the full parse made of it (else context mattered)…
  const oldNodes = preorder(article);
  const oldAlone = sliceArticle(oldSlice, next, r1 - r0);
  if (!oldAlone || !sameShape(article, oldAlone, true, r0)) return 'slice differs';
  // …and after the edit it must keep its shape.
  const newAlone = sliceArticle(newSlice, next, r1New - r0);
  if (!newAlone || !sameShape(article, newAlone, false, r0)) return 'structure changed';
  const newNodes = preorder(newAlone);

  // The citations in the region, before and after: the same, read from the same provisions.
  const before = anchors(oldSlice, catalogue, r1 - r0);
  const after = anchors(newSlice, catalogue, r1New - r0);
  if (typeof before === 'string') return before;
  if (typeof after === 'string') return after;
  // "the Charter" means the last full title written before it: no title may come or go.
  if (touchesTitle(old, r0, r1, ch.start, ch.oldEnd, catalogue.entries) || touchesTitle(text, r0, r1New, ch.start, ch.newEnd, catalogue.entries)) return 'instrument title';
  const sameCitations = sameAnchors(before, after, oldSlice, newSlice, indexOf(preorder(oldAlone)), indexOf(newNodes));
  if (!sameCitations) {
    // Other citations (a digit typed in "Article 1"): resolved anew, when nothing depends on
    // what was cited before them and nothing after the region depends on what they cite.
    if (packFor(prev.language)) return 'references changed (language forms)';
    for (const a of after) {
      const c = a.citation;
      if (!c) return 'references changed (this Statute)';
      if (c.continues || c.scope?.kind === 'that' || c.deixis?.kind === 'that') return 'references changed (looks back)';
    }
  }

  // The old references in the region, each on its anchor (or all replaced).
  const refs = prev.references;
  const i0 = firstReferenceFrom(refs, r0);
  const i1 = firstReferenceFrom(refs, r1);
  if (!sameCitations && !lookBacksAfterAreSafe(text, r1New, refs, i1, delta)) return 'references changed (looked back at after)';
  if (i0 > 0 && refs[i0 - 1].end > r0) return 'reference crosses the region';
  if (i1 > i0 && refs[i1 - 1].end > r1) return 'reference crosses the region';
  const refShift: number[] = [];
  if (sameCitations) {
    const shifts = new Map<number, Anchor>();
    for (let i = 0; i < before.length; i++) shifts.set(before[i].start + r0, after[i]);
    const byStart = new Map(before.map((a) => [a.start + r0, a]));
    for (let i = i0; i < i1; i++) {
      const r = refs[i];
      const a = byStart.get(r.start);
      if (!a || a.end + r0 !== r.end) return 'reference without anchor';
      refShift.push(shifts.get(r.start)!.start - a.start);
    }
  }

  // Every check passed: update in place.
  const oldEnd = article.end;
  for (let i = 0; i < oldNodes.length; i++) {
    const o = oldNodes[i];
    const n = newNodes[i];
    o.start = n.start + r0;
    o.end = n.end + r0;
    o.labelEnd = n.labelEnd + r0;
    o.bodyStart = n.bodyStart + r0;
  }
  const newEnd = article.end;
  for (let q = article; q.parent; q = q.parent) {
    const parent = q.parent;
    if (parent.kind !== 'document') {
      // Containers closed with the article end where it ends; the others after it.
      if (parent.end === oldEnd) parent.end = newEnd;
      else if (parent.end >= r1) parent.end += delta;
    }
    const siblings = parent.children;
    for (let k = siblings.indexOf(q) + 1; k < siblings.length; k++) shiftTree(siblings[k], delta);
  }
  prev.root.end = text.length;
  for (let i = i1; i < refs.length; i++) shiftReference(refs[i], delta);
  const doc = successor(prev, text);
  if (sameCitations) for (let i = i0; i < i1; i++) shiftReference(refs[i], refShift[i - i0]);
  else {
    const citations = after.map((a) => shiftCitation(a.citation!, r0));
    const fresh = resolveCitations(doc, catalogue, citations);
    // findReferences keeps references from overlapping; the scanners never make them overlap here.
    for (let i = 1; i < fresh.length; i++) if (fresh[i].start < fresh[i - 1].end) return 'overlapping references';
    refs.splice(i0, i1 - i0, ...fresh);
    reresolvedIn.set(doc, { start: r0, end: r1New });
  }
  return doc;
}

/** A new model object with `prev`'s fields and the text `text` (prev's own text is not read: it may be chunks). */
function successor(prev: TreatyDocument, text: string | ChunkedText): TreatyDocument {
  const doc = {} as TreatyDocument;
  for (const key of Object.keys(prev) as Array<keyof TreatyDocument>) if (key !== 'text') (doc as unknown as Record<string, unknown>)[key] = prev[key];
  if (typeof text === 'string') {
    doc.text = text;
    return doc;
  }
  return withSource(doc, text);
}

function languageOf(text: string, options: ParseOptions): string | undefined {
  // As parseTreaty decides it.
  const setting = options.language && options.language !== 'auto' ? options.language.toLowerCase() : undefined;
  const language = languageNote(text) ?? setting ?? detectLanguage(text).code;
  return language !== 'und' ? language : undefined;
}

/** The article whose region (heading to the next provision's heading) holds `offset`. */
function articleBefore(root: Provision, offset: number): Provision | undefined {
  let p = root;
  for (;;) {
    const children = p.children;
    let lo = 0;
    let hi = children.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].start < offset) (found = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const c = children[found];
    if (c.kind === 'article') return c;
    if (c.kind === 'paragraph' || c.kind === 'point' || c.kind === 'recital' || c.kind === 'preamble' || c.kind === 'conclusions') return undefined;
    p = c;
  }
}

/** The first provision after `p`'s subtree in document order. */
function nextProvision(p: Provision): Provision | undefined {
  for (let q = p; q.parent; q = q.parent) {
    const siblings = q.parent.children;
    const k = siblings.indexOf(q);
    if (k + 1 < siblings.length) return siblings[k + 1];
  }
  return undefined;
}



function parseSlice(slice: string, language: string | undefined): TreatyDocument {
  const doc = parseStructure(slice);
  if (language) doc.language = language;
  return doc;
}

/** The slice's article, when the slice parsed as: that article, then (if any) the next provision where it was. */
function sliceArticle(slice: TreatyDocument, next: Provision | undefined, nextStart: number): Provision | undefined {
  const kids = slice.root.children;
  if (slice.title !== undefined || !kids.length || kids[0].kind !== 'article') return undefined;
  if (!next) return kids.length === 1 ? kids[0] : undefined;
  const second = kids[1];
  if (kids.length < 2 || second.start !== nextStart || second.kind !== next.kind || second.num !== next.num) return undefined;
  return kids[0];
}

/**
 * Same provisions, numbers, headings and (below the article) ordinals and eIds; with `offsets`,
 * also the same ranges once `base` is added.
 */
function sameShape(full: Provision, alone: Provision, offsets: boolean, base: number): boolean {
  const fullNodes = preorder(full);
  const aloneNodes = preorder(alone);
  if (fullNodes.length !== aloneNodes.length) return false;
  const fullIndex = indexOf(fullNodes);
  const aloneIndex = indexOf(aloneNodes);
  if (full.num !== alone.num || full.heading !== alone.heading || full.kind !== alone.kind) return false;
  for (let i = 0; i < fullNodes.length; i++) {
    const f = fullNodes[i];
    const a = aloneNodes[i];
    if (f.kind !== a.kind || f.num !== a.num || f.heading !== a.heading || f.children.length !== a.children.length) return false;
    if (i > 0) {
      // Below the article eIds carry its eId (with the annex prefix alone lacks).
      if (f.ordinal !== a.ordinal || !a.eId.startsWith(alone.eId) || f.eId !== full.eId + a.eId.slice(alone.eId.length)) return false;
      if (fullIndex.get(f.parent!) !== aloneIndex.get(a.parent!)) return false;
    }
    if (offsets) {
      if (f.start !== a.start + base || f.end !== a.end + base) return false;
      if (f.labelEnd !== a.labelEnd + base) return false;
      if (f.bodyStart !== a.bodyStart + base) return false;
    }
  }
  return true;
}

function preorder(p: Provision): Provision[] {
  const out: Provision[] = [];
  const visit = (q: Provision) => {
    out.push(q);
    for (const c of q.children) visit(c);
  };
  visit(p);
  return out;
}

function indexOf(nodes: Provision[]): Map<Provision, number> {
  return new Map(nodes.map((p, i) => [p, i]));
}

interface Anchor {
  start: number;
  end: number;
  text: string;
  /** Undefined for a "this Statute" span. */
  citation?: Citation;
  /** The parsed citation with its offsets made relative: equal keys resolve alike. */
  key: string;
}

/** Citations and "this Statute" spans starting in the slice's region, in order. */
function anchors(slice: TreatyDocument, catalogue: Catalogue, regionEnd: number): Anchor[] | string {
  const { citations, selfReferences } = scanReferenceAnchors(slice, catalogue);
  const out: Anchor[] = [];
  for (const c of citations) {
    if (c.start >= regionEnd) continue;
    if (c.end > regionEnd) return 'citation crosses the region';
    const base = c.start;
    const key = JSON.stringify(c, (k, v: unknown) => ((k === 'start' || k === 'end') && typeof v === 'number' ? v - base : v));
    out.push({ start: c.start, end: c.end, text: slice.text.slice(c.start, c.end), key, citation: c });
  }
  for (const s of selfReferences) {
    if (s.start >= regionEnd) continue;
    if (s.end > regionEnd) return 'citation crosses the region';
    out.push({ start: s.start, end: s.end, text: slice.text.slice(s.start, s.end), key: 'self' });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The same citations, each read from the same provision (by position in the article). */
function sameAnchors(before: Anchor[], after: Anchor[], oldSlice: TreatyDocument, newSlice: TreatyDocument, oldIndex: Map<Provision, number>, newIndex: Map<Provision, number>): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a.key !== b.key || a.text !== b.text) return false;
    if (contextOf(oldSlice, oldIndex, a.start) !== contextOf(newSlice, newIndex, b.start)) return false;
  }
  return true;
}

/** A citation of the slice, in the whole text's offsets. */
function shiftCitation(c: Citation, d: number): Citation {
  return JSON.parse(JSON.stringify(c), (k, v: unknown) => ((k === 'start' || k === 'end') && typeof v === 'number' ? v + d : v)) as Citation;
}

/**
 * Whether the citations after the region that look back ("that article") still find what
 * they found, whatever the region now cites: each must look back at an article, and a plain
 * "Article N" of this document must stand between the region and the first of them (it sets
 * what "that article" means, and reads nothing before it). `refs` still has the old offsets.
 */
function lookBacksAfterAreSafe(text: TextLike, from: number, refs: Reference[], after: number, delta: number): boolean {
  const found = looksBackFrom(text, from);
  if (found === undefined) return false;
  if (!found.length) return true;
  const first = found[0];
  let resetEnd = -1;
  for (let i = after; i < refs.length && refs[i].end + delta <= first.index; i++) {
    const r = refs[i];
    const t = r.targets[0];
    if (r.instrument === null && r.form === 'single' && (r.numbers?.length ?? 0) > 0 && r.targets.length === 1 && t.provision?.kind === 'article' && !LOOKS_BACK_WORD.test(r.text)) {
      resetEnd = r.end + delta;
      break;
    }
  }
  if (resetEnd < 0) return false;
  for (const m of found) if (!/^(?:articles?|arts?)$/i.test(m.word)) return false;
  return true;
}

/** A span of this many characters is searched at a time, with OVERLAP more for a match that starts near its end. */
const WINDOW = 65_536;
const OVERLAP = 512;

/**
 * The LOOKS_BACK matches from `from` on (their offsets and cited kinds), reading the text a
 * window at a time, so chunks are not joined; undefined when a window cannot tell (a match
 * could run past its overlap: some 500 blank characters in a row), which the caller treats as unsafe.
 */
function looksBackFrom(text: TextLike, from: number): Array<{ index: number; word: string }> | undefined {
  const out: Array<{ index: number; word: string }> = [];
  for (let pos = from; pos < text.length; pos += WINDOW) {
    // One character before the window, so that \b sees what precedes its first word.
    const lead = pos > 0 ? 1 : 0;
    const slice = text.slice(pos - lead, pos + WINDOW + OVERLAP);
    const last = pos + WINDOW + OVERLAP >= text.length;
    // A match longer than OVERLAP is almost all blanks; only then could the window cut one off.
    if (!last && /\s{256}/.test(slice.slice(lead + WINDOW))) return undefined;
    LOOKS_BACK.lastIndex = lead;
    for (let m = LOOKS_BACK.exec(slice); m && m.index < lead + WINDOW; m = LOOKS_BACK.exec(slice)) out.push({ index: pos - lead + m.index, word: m[1] });
  }
  return out;
}

const LOOKS_BACK_WORD = /\b(?:that|said|aforesaid|aforementioned|latter|former)\b/i;

/**
 * Citations that read what was cited before them ("paragraph 2 of that article", "that
 * article"): a wider net than the grammar's, so none is missed.
 */
const LOOKS_BACK = /\b(?:that|said|aforesaid|aforementioned|latter|former)\s+((?:sub-?)?(?:articles?|arts?\b|paragraphs?|paras?\b|points?|chapters?|parts?|sections?|annex|annexes|titles?|resolutions?))/gi;

/** Where a citation stands, as a position in the article's pre-order (-1: between provisions). */
function contextOf(slice: TreatyDocument, index: Map<Provision, number>, offset: number): number {
  const p = provisionAt(slice, offset);
  if (p === slice.root) return -1;
  return index.get(p) ?? -2;
}

/** Whether a catalogue title is written across or next to the edited span [from, to). */
function touchesTitle(text: TextLike, r0: number, r1: number, from: number, to: number, entries: ReadonlyArray<{ title: string }>): boolean {
  let longest = 0;
  for (const e of entries) longest = Math.max(longest, e.title.length);
  const start = Math.max(r0, from - longest);
  const window = text.slice(start, Math.min(r1, to + longest)).toLowerCase();
  for (const e of entries) {
    const t = e.title.toLowerCase();
    for (let i = window.indexOf(t); i >= 0; i = window.indexOf(t, i + 1)) {
      // Titles wholly before or after the edit are the same text as before.
      if (start + i <= to && start + i + t.length >= from) return true;
    }
  }
  return false;
}

// Spans after the edit are shifted in place: a 5 MB text has some 30,000 provisions and
// 20,000 references, and new objects for each would cost more than the rest of the re-parse.
function shiftTree(p: Provision, d: number): void {
  shiftSpan(p, d);
  p.labelEnd += d;
  p.bodyStart += d;
  for (const c of p.children) shiftTree(c, d);
}

function shiftReference(r: Reference, d: number): void {
  if (d === 0) return;
  shiftSpan(r, d);
  if (r.numbers) for (const t of r.numbers) shiftSpan(t, d);
}

function shiftSpan(s: Span, d: number): void {
  s.start += d;
  s.end += d;
}
