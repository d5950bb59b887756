// Diagnostics: broken and ambiguous references, numbering faults, and references to other
// instruments whose text is missing or lacks the cited provision. `findings` works on the
// model (offsets) so code actions and the CLI share it; `diagnostics` turns findings into
// LSP diagnostics at the severities the user chose.
//
// Quiet on purpose — a false warning on a real treaty teaches people to ignore them all:
//   - a relative reference ("the preceding paragraph") that does not resolve is reported
//     only inside an article: elsewhere (preambles, resolutions, final acts) the structure
//     does not count the paragraphs the text means;
//   - a text with no articles at all (a note, a memo) gets no broken-reference reports:
//     its references are not meant for its own provisions;
//   - a reference inside an editorial note in square brackets — a line such as
//     "[… Articles 15–63 not transcribed in this excerpt …]" — is about the text, not in it;
//     and the articles such a note names are left out on purpose: references to them and
//     the gap they leave in the numbering are not faults of the excerpt.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-protocol';
import {
  provisionAt,
  provisionLabel,
  resolveReference,
  type InstrumentLookup,
  type NumberToken,
  type Provision,
  type Reference,
  type Span,
  type TreatyDocument,
} from '../model';
import { numberingFaults, type NumberingFault } from '../model/numbering';
import { changedLinesSince, modelId } from '../model/incremental';
import { firstReferenceFrom, labelSpan, labelStart } from '../model/query';
import { isRegexSpace } from '../model/lines';
import { textOf } from '../model/text';
import { candidatesFor } from './candidates';
import { linesOf, toRange } from './convert';

export type DiagnosticLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';
export type FindingKind = 'brokenReference' | 'ambiguousReference' | 'numbering' | 'instrumentNotFound' | 'brokenExternalReference';

export interface DiagnosticsOptions {
  levels: Readonly<Record<FindingKind, DiagnosticLevel>>;
  /** Reference texts, eIds or instrument titles not to report (compared without case or extra spaces). */
  ignore: readonly string[];
  /**
   * `pacta.diagnostics.maxPerDocument`: `diagnostics` gives the first this many findings in text
   * order and one more diagnostic saying how many it leaves out; the rest are counted, never worded.
   * Undefined: all of them (the CLI, code actions).
   */
  maxPerDocument?: number;
}

export const DEFAULT_DIAGNOSTICS_OPTIONS: DiagnosticsOptions = {
  levels: { brokenReference: 'warning', ambiguousReference: 'warning', numbering: 'warning', instrumentNotFound: 'info', brokenExternalReference: 'warning' },
  ignore: [],
};

/** One edit of a quick fix: only the number characters of a reference change. */
export interface NumberEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: NumberEdit[];
  /** Always false: a candidate is a guess (kept for clients that look for it). */
  preferred: boolean;
}

export interface Finding {
  kind: FindingKind;
  span: Span;
  message: string;
  /** What goes into `pacta.diagnostics.ignore` to silence this finding. */
  ignoreKey: string;
  fixes: Fix[];
  ref?: Reference;
  fault?: NumberingFault;
  /** Other places worth showing with the finding (the earlier of two Articles 4). */
  related?: Array<{ span: Span; message: string }>;
}

const SEVERITY: Record<Exclude<DiagnosticLevel, 'off'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  info: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

/**
 * A finding before it is worded: enough to filter, sort and count it. Wording (the model's
 * explanation, "Did you mean" candidates, line numbers) is left to `word`, so findings a
 * capped list drops cost only their detection. `word` is given the document as it is now: a
 * finding kept from an earlier version (see `FindingsMemo`) must not hold that version's text.
 */
interface PendingFinding {
  kind: FindingKind;
  span: Span;
  ignoreKey: string;
  ref?: Reference;
  fault?: NumberingFault;
  word(doc: TreatyDocument): Finding;
}

/** How many places an ambiguous reference lists (line numbers and related locations): linear, not references × twins. */
const TWINS_LISTED = 3;

/**
 * Every finding of the enabled kinds that the ignore list does not silence, in text order.
 * With `within`, only those whose span touches it (ends inclusive: a cursor just after
 * "Article 25" still touches it).
 */
export function findings(doc: TreatyDocument, lookup?: InstrumentLookup, options: DiagnosticsOptions = DEFAULT_DIAGNOSTICS_OPTIONS, within?: Span): Finding[] {
  return pendingFindings(doc, lookup, options, within).map((f) => f.word(doc));
}

/** What the structure alone decides: the same for every version an incremental re-parse keeps the provisions of. */
interface StructureFacts {
  duplicates: Map<string, Provision[]>;
  hasArticles: boolean;
}

const structureFacts = new WeakMap<Provision, StructureFacts>();

/** Keyed by the root: a re-parse that keeps the provisions keeps the root; a full parse makes a new one. */
function factsOf(doc: TreatyDocument): StructureFacts {
  let facts = structureFacts.get(doc.root);
  if (!facts) {
    facts = { duplicates: duplicateIds(doc), hasArticles: doc.byId.has('art_1') || [...doc.byId.values()].some((p) => p.kind === 'article') };
    structureFacts.set(doc.root, facts);
  }
  return facts;
}

/**
 * The findings of the last version checked, kept for the next: after a keystroke inside an
 * article, `reparseTreaty` keeps the provisions and the references outside the article (the
 * same objects, their offsets shifted in place), so only the references on the lines the
 * edits touched (and those resolved anew) are checked again, and a 5 MB treaty is not walked
 * per keystroke. Anything that could change more (a full parse, other severities, an
 * editorial note naming other articles, a line count that moves the line numbers a numbering
 * message quotes) checks the whole document. Lists are sparse: findings, not references.
 */
interface FindingsMemo {
  /** `modelId` of the version these were found in. */
  id: number;
  key: string;
  omitted: string;
  lineCount: number;
  /** References standing in an editorial note (never reported; own ones may leave articles out). */
  notes: Reference[];
  /** References to other instruments: looked up again every round (their texts come and go). */
  external: Reference[];
  /** Findings of references to this document's own provisions. */
  own: PendingFinding[];
  /** Numbering faults with their spans relative to the provision's label (labels do not change while the provisions are kept). */
  faults: Array<{ fault: NumberingFault; from: number; to: number }>;
}

const findingsMemo = new WeakMap<Provision, FindingsMemo>();

function pendingFindings(doc: TreatyDocument, lookup: InstrumentLookup | undefined, options: DiagnosticsOptions, within?: Span): PendingFinding[] {
  const on = (k: FindingKind) => options.levels[k] !== 'off';
  const touches = (span: Span) => !within || (span.end >= within.start && span.start <= within.end);
  const { duplicates: allDuplicates, hasArticles } = factsOf(doc);
  const duplicates = on('ambiguousReference') ? allDuplicates : new Map<string, Provision[]>();
  const lines = linesOf(doc);

  // The memo is for whole-document checks (diagnostics); a check `within` a span is small anyway.
  const key = JSON.stringify(options.levels);
  const id = modelId(doc);
  let memo = within ? undefined : findingsMemo.get(doc.root);
  /** The lines of the text checked again ([1, 0]: none). */
  let dirty: Span = { start: 1, end: 0 };
  if (memo && memo.key !== key) memo = undefined;
  if (memo && memo.id !== id) {
    const changed = changedLinesSince(doc, memo.id);
    if (changed) dirty = changed;
    else memo = undefined;
  }
  const isDirty = (span: Span) => span.end >= dirty.start && span.start <= dirty.end;

  // The references to look at: all of them, or with a memo those on the dirty lines.
  const refs = doc.references;
  const from = memo ? firstReferenceFrom(refs, dirty.start, 'end') : 0;
  let to = memo ? from : refs.length;
  if (memo) while (to < refs.length && refs[to].start <= dirty.end) to++;

  const notes: Reference[] = memo ? memo.notes.filter((r) => !isDirty(r)) : [];
  const looked: Reference[] = [];
  for (let i = from; i < to; i++) {
    const ref = refs[i];
    if (!touches(ref)) continue;
    if (inEditorialNote(doc, ref, lines)) notes.push(ref);
    else looked.push(ref);
  }
  if (memo) notes.sort((a, b) => a.start - b.start);
  const omitted = omittedArticles(notes);
  const omittedKey = JSON.stringify(omitted);
  if (memo && memo.omitted !== omittedKey) {
    // An editorial note now names other articles: what is reported elsewhere changes too.
    findingsMemo.delete(doc.root);
    return pendingFindings(doc, lookup, options, within);
  }

  const external: Reference[] = memo ? memo.external.filter((r) => !isDirty(r)) : [];
  const own: PendingFinding[] = memo ? memo.own.filter((f) => !isDirty(f.span)) : [];
  const context = { on, hasArticles, omitted, duplicates };
  for (const ref of looked) {
    if (ref.instrument) external.push(ref);
    else {
      const found = ownFinding(doc, ref, context);
      if (found) own.push(found);
    }
  }

  const out: PendingFinding[] = [...own];
  // Another instrument's text may come or go between two checks: always looked up again.
  for (const ref of external) {
    const found = externalFinding(doc, ref, lookup, on);
    if (found) out.push(found);
  }

  let faults: FindingsMemo['faults'] = [];
  if (on('numbering')) {
    // A fault's number stands on its label's line: kept unless an edit touched that line.
    const kept = memo?.faults.map(({ fault, from: f, to: t }) => {
      const at = labelStart(fault.provision);
      return { fault: { ...fault, span: { start: at + f, end: at + t } }, from: f, to: t };
    });
    const reusable = kept && !kept.some(({ fault }) => isDirty(fault.span) || (fault.kind === 'duplicate' && memo!.lineCount !== lines.lineCount));
    if (kept && reusable) faults = kept;
    else {
      faults = numberingFaults(doc, lines).map((fault) => ({
        fault,
        from: fault.span.start - labelStart(fault.provision),
        to: fault.span.end - labelStart(fault.provision),
      }));
    }
    for (const { fault } of faults) {
      if (!touches(fault.span)) continue;
      if (omitted.length && gapIsOmitted(fault, omitted)) continue;
      out.push(numberingFinding(fault));
    }
  }
  if (!within) findingsMemo.set(doc.root, { id, key, omitted: omittedKey, lineCount: lines.lineCount, notes, external, own, faults });

  const ignored = new Set(options.ignore.map(normalise));
  return out
    .filter((f) => !ignored.size || !ignoreKeys(f).some((k) => ignored.has(normalise(k))))
    .sort((a, b) => a.span.start - b.span.start);
}

/** A reference to another instrument: its text not found, or the provision missing from it. */
function externalFinding(doc: TreatyDocument, ref: Reference, lookup: InstrumentLookup | undefined, on: (k: FindingKind) => boolean): PendingFinding | undefined {
  const instrument = ref.instrument!;
  const res = resolveReference(doc, ref, lookup);
  if (res.instrumentFound === false) {
    if (!on('instrumentNotFound')) return undefined;
    return {
      kind: 'instrumentNotFound',
      span: ref,
      ignoreKey: instrument.title,
      ref,
      word: () => ({
        kind: 'instrumentNotFound',
        span: ref,
        message: sentence(res.problem ?? `the text of the ${instrument.title} is not available`),
        ignoreKey: instrument.title,
        fixes: [],
        ref,
      }),
    };
  }
  if (!res.problem || !on('brokenExternalReference')) return undefined;
  const problem = res.problem;
  return referenceFinding('brokenExternalReference', ref, () => {
    const target = res.targets.find((t) => t.doc)?.doc;
    const fixes = target ? numberFixes(ref, target, (eId) => !target.byId.has(eId), undefined) : [];
    return { message: withSuggestions(problem, fixes), fixes };
  });
}

/** A finding on a whole reference, silenced by its text; `word` gives what varies. */
function referenceFinding(kind: FindingKind, ref: Reference, word: (now: TreatyDocument) => Pick<Finding, 'message' | 'fixes' | 'related'>): PendingFinding {
  const ignoreKey = squash(ref.text);
  // The reference is its own span, shifted in place by an incremental re-parse: a kept finding stays where its reference is.
  return { kind, span: ref, ignoreKey, ref, word: (now) => ({ kind, span: ref, ignoreKey, ref, ...word(now) }) };
}

interface OwnContext {
  on: (k: FindingKind) => boolean;
  hasArticles: boolean;
  omitted: Interval[];
  duplicates: Map<string, Provision[]>;
}

/** A reference to this document's own provisions that does not resolve, or resolves to one of several provisions with one number. */
function ownFinding(doc: TreatyDocument, ref: Reference, c: OwnContext): PendingFinding | undefined {
  if (!ref.resolved) {
    if (!c.on('brokenReference') || !c.hasArticles) return undefined;
    if (ref.relative && !insideArticle(doc, ref)) return undefined;
    if (c.omitted.length && citesOnlyOmitted(doc, ref, c.omitted)) return undefined;
    // Worded once: the candidates depend on the provisions alone, and the spans are the reference's own (kept current).
    let worded: Pick<Finding, 'message' | 'fixes'> | undefined;
    return referenceFinding('brokenReference', ref, (now) => {
      if (!worded) {
        const fixes = numberFixes(ref, now, (eId) => !now.byId.has(eId), enclosingScope(now, ref));
        worded = { message: withSuggestions(ref.problem ?? 'this reference does not resolve', fixes), fixes };
      }
      return worded;
    });
  }
  const twins = c.duplicates.size ? ambiguousToken(ref, c.duplicates) : undefined;
  if (!twins) return undefined;
  return referenceFinding('ambiguousReference', ref, (now) => {
    // Only the first few twins are named: every reference to one of n twins naming all n costs n².
    const listed = twins.length <= TWINS_LISTED + 1 ? twins : twins.slice(0, TWINS_LISTED);
    const lines = linesOf(now);
    const where = listed.map((p) => String(lines.positionAt(labelStart(p)).line + 1));
    const rest = twins.length - listed.length;
    const lineList = rest ? `${where.join(', ')} and ${count(rest)} more` : listWords(where);
    return {
      message: `“${squash(ref.text)}” is ambiguous: ${provisionLabel(twins[0])} occurs ${times(twins.length)} (lines ${lineList}); it is read as the one on line ${where[0]}`,
      fixes: [],
      related: listed.map((p) => ({ span: labelSpan(p), message: provisionLabel(p) })),
    };
  });
}

function numberingFinding(fault: NumberingFault): PendingFinding {
  const ignoreKey = fault.provision.eId;
  return {
    kind: 'numbering',
    span: fault.span,
    ignoreKey,
    fault,
    word: () => ({
      kind: 'numbering',
      span: fault.span,
      message: sentence(fault.message),
      ignoreKey,
      fixes: [],
      fault,
      related: fault.other ? [{ span: labelSpan(fault.other), message: `the earlier ${provisionLabel(fault.other)}` }] : undefined,
    }),
  };
}

/**
 * LSP diagnostics for a document: `source` "pacta", `code` the finding kind. Past
 * `options.maxPerDocument` findings, one Information diagnostic (code `moreNotShown`), at the
 * first finding left out, says how many more there are.
 */
export function diagnostics(doc: TreatyDocument, uri: string, lookup?: InstrumentLookup, options: DiagnosticsOptions = DEFAULT_DIAGNOSTICS_OPTIONS): Diagnostic[] {
  const all = pendingFindings(doc, lookup, options);
  const max = options.maxPerDocument ?? Infinity;
  if (all.length <= max) return all.map((f) => diagnosticFor(doc, uri, f.word(doc), options));
  const out = all.slice(0, max).map((f) => diagnosticFor(doc, uri, f.word(doc), options));
  out.push(moreNotShown(doc, all[max].span, max, all.length - max));
  return out;
}

/** The note that ends a capped list of diagnostics. */
function moreNotShown(doc: TreatyDocument, at: Span, shown: number, more: number): Diagnostic {
  return {
    range: toRange(linesOf(doc), at),
    severity: DiagnosticSeverity.Information,
    source: 'pacta',
    code: 'moreNotShown',
    message:
      `Pacta shows the first ${count(shown)} problems in this document; ${count(more)} more, from here to the end, are not shown. ` +
      'Fix those shown, or raise the setting pacta.diagnostics.maxPerDocument, to see the rest.',
  };
}

/** One finding as an LSP diagnostic. */
export function diagnosticFor(doc: TreatyDocument, uri: string, f: Finding, options: DiagnosticsOptions): Diagnostic {
  const lines = linesOf(doc);
  const level = options.levels[f.kind];
  const d: Diagnostic = {
    range: toRange(lines, f.span),
    severity: SEVERITY[level === 'off' ? 'hint' : level],
    source: 'pacta',
    code: f.kind,
    message: f.message,
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({ location: { uri, range: toRange(lines, r.span) }, message: r.message }));
  }
  return d;
}

/** Everything a finding may be silenced by: its text, the eIds it names, the cited instrument. */
function ignoreKeys(f: Pick<Finding, 'ignoreKey' | 'ref' | 'fault'>): string[] {
  const keys = [f.ignoreKey];
  if (f.ref) {
    keys.push(f.ref.text);
    for (const t of f.ref.targets) keys.push(t.eId);
    for (const n of f.ref.numbers ?? []) keys.push(n.eId);
    if (f.ref.instrument) keys.push(f.ref.instrument.title, f.ref.instrument.cited);
  }
  if (f.fault) keys.push(provisionLabel(f.fault.provision));
  return keys;
}

/**
 * One fix per candidate for each number that names a missing provision: the number
 * characters change to the candidate's number and nothing else does.
 */
function numberFixes(ref: Reference, target: TreatyDocument, missing: (eId: string) => boolean, scope: Provision | undefined): Fix[] {
  const tokens = ref.numbers ?? [];
  const fixes: Fix[] = [];
  for (const token of tokens) {
    if (!missing(token.eId)) continue;
    // A number under a missing provision ("2" in "Article 30(2)" when there is no Article 30) has no scope to look in.
    const parentId = token.eId.split('__').slice(0, -1).join('__');
    if (parentId && missing(parentId)) continue;
    const candidates = candidatesFor(target, token, scope).filter((c) => keepsRangeInOrder(ref, token, c, target));
    for (const c of candidates) {
      if (!c.num) continue;
      fixes.push({ title: `Change to ${provisionLabel(c)}`, edits: [{ span: token, newText: c.num }], preferred: false });
    }
  }
  // Never "preferred": a candidate is a guess, and Auto Fix must not apply a guess unasked.
  return fixes;
}

/** In "Articles 2 to 12", 12 may only become a number after 2. */
function keepsRangeInOrder(ref: Reference, token: NumberToken, candidate: Provision, target: TreatyDocument): boolean {
  if (ref.form !== 'range') return true;
  for (const other of ref.numbers ?? []) {
    if (other === token) continue;
    const p = other.provision ?? target.byId.get(other.eId);
    if (!p || p.kind !== candidate.kind) continue;
    if (other.start < token.start && p.start >= candidate.start) return false;
    if (other.start > token.start && p.start <= candidate.start) return false;
  }
  return true;
}

function withSuggestions(problem: string, fixes: Fix[]): string {
  const names = [...new Set(fixes.map((f) => f.title.replace(/^Change to /, '')))];
  const base = sentence(problem);
  return names.length ? `${base}. Did you mean ${listWords(names, 'or')}?` : base;
}

/** The annex a reference stands in, whose own articles a bare "article 3" means first. */
function enclosingScope(doc: TreatyDocument, ref: Reference): Provision | undefined {
  for (let q: Provision | undefined = provisionAt(doc, ref.start); q; q = q.parent) {
    if (q.kind === 'annex' || q.kind === 'protocol' || q.kind === 'attachment') return q;
  }
  return undefined;
}

type Interval = [number, number];

/** Main-text article numbers that editorial notes say the text leaves out ("[… 제15조 - 제63조 생략 …]"). */
function omittedArticles(inNotes: readonly Reference[]): Interval[] {
  const out: Interval[] = [];
  for (const ref of inNotes) {
    if (ref.instrument) continue;
    const nums = (ref.numbers ?? []).filter((n) => /^art_\d+$/.test(n.eId)).map((n) => Number(n.eId.slice(4)));
    if (!nums.length) continue;
    if (ref.form === 'range') out.push([Math.min(...nums), Math.max(...nums)]);
    else for (const n of nums) out.push([n, n]);
  }
  return out;
}

const within = (n: number, omitted: Interval[]) => omitted.some(([a, b]) => a <= n && n <= b);

/** True when every number of the reference that names a missing provision names an omitted article. */
function citesOnlyOmitted(doc: TreatyDocument, ref: Reference, omitted: Interval[]): boolean {
  const missing = (ref.numbers ?? []).filter((n) => !n.provision && !doc.byId.has(n.eId));
  return missing.length > 0 && missing.every((n) => /^art_\d+$/.test(n.eId) && within(Number(n.eId.slice(4)), omitted));
}

/** A gap in the main text's article numbers that the omitted articles account for. */
function gapIsOmitted(fault: NumberingFault, omitted: Interval[]): boolean {
  const p = fault.provision;
  if (fault.kind !== 'gap' || p.kind !== 'article' || !/^art_\d+$/.test(p.eId) || !fault.expected || !/^\d+$/.test(fault.expected)) return false;
  for (let n = Number(fault.expected); n < Number(p.eId.slice(4)); n++) if (!within(n, omitted)) return false;
  return true;
}

/** Whether the reference stands on a line that is wholly an editorial note: "[ … ]". */
function inEditorialNote(doc: TreatyDocument, ref: Reference, lines = linesOf(doc)): boolean {
  // Only the line's first and last visible characters are looked at: a line may be megabytes long.
  const text = textOf(doc);
  const pos = lines.positionAt(ref.start);
  let i = ref.start - pos.character;
  let j = pos.line + 1 < lines.lineCount ? lines.offsetAt({ line: pos.line + 1, character: 0 }) : text.length;
  while (i < j && isRegexSpace(text.charCodeAt(i))) i++;
  while (j > i && isRegexSpace(text.charCodeAt(j - 1))) j--;
  return i < j && text.charCodeAt(i) === 0x5b /* [ */ && text.charCodeAt(j - 1) === 0x5d /* ] */;
}

function insideArticle(doc: TreatyDocument, ref: Reference): boolean {
  for (let q: Provision | undefined = provisionAt(doc, ref.start); q; q = q.parent) if (q.kind === 'article') return true;
  return false;
}

/** eIds that more than one provision carries (two Articles 4 both get `art_4`). */
function duplicateIds(doc: TreatyDocument): Map<string, Provision[]> {
  // byId holds one provision per eId, so a provision it does not hold shares its eId: only
  // those eIds get lists (one list per provision was a third of the diagnostics' time at 5 MB).
  const doubled = new Set<string>();
  const provisions: Provision[] = [];
  const visit = (p: Provision) => {
    for (const c of p.children) {
      if (c.eId && doc.byId.get(c.eId) !== c) doubled.add(c.eId);
      provisions.push(c);
      visit(c);
    }
  };
  visit(doc.root);
  const all = new Map<string, Provision[]>();
  if (!doubled.size) return all;
  for (const p of provisions) {
    if (!doubled.has(p.eId)) continue;
    const list = all.get(p.eId);
    if (list) list.push(p);
    else all.set(p.eId, [p]);
  }
  for (const [id, list] of all) if (list.length < 2) all.delete(id);
  return all;
}

/** The provisions a reference's outermost doubled number could mean, if any. */
function ambiguousToken(ref: Reference, duplicates: Map<string, Provision[]>): Provision[] | undefined {
  let best: Provision[] | undefined;
  for (const n of ref.numbers ?? []) {
    const twins = duplicates.get(n.eId);
    if (twins && (!best || n.eId.length < best[0].eId.length)) best = twins;
  }
  return best;
}

function times(n: number): string {
  return n === 2 ? 'twice' : `${count(n)} times`;
}

/** 1000 -> "1,000", as the rest of Pacta's messages write numbers. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

function listWords(items: string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** The model's explanations are phrases ("this document has no Article 25"): capitalise them. */
function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function normalise(s: string): string {
  return squash(s).toLowerCase();
}
