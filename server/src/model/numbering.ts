// Numbering faults: Article 5 after Article 3, two Articles 4, paragraphs 1, 2, 4.
// Pure functions over the provision tree. Deliberately conservative, because a false
// fault on a real treaty is worse than a missed one:
//   - articles are checked through their instrument (the main text, each annex), as
//     they are numbered; parts, chapters, sections and subsections among their siblings;
//     paragraphs and points only inside articles (resolutions and final acts restart
//     their paragraph numbers in ways the structure does not mark);
//   - a number that starts again from the first ("Article 1" of an appended protocol the
//     parser did not recognise) starts a new run instead of being a fault;
//   - a sequence with an unnumbered or unreadable number ("11.2") is not checked.
import type { Provision, ProvisionKind, Span, TreatyDocument } from './types';
import { intToRoman, romanToInt } from './headings';
import { LineIndex } from './lines';
import { provisionLabel } from './render';
import { labelStart } from './query';

export type NumberingFaultKind = 'gap' | 'duplicate' | 'order' | 'start';

export interface NumberingFault {
  kind: NumberingFaultKind;
  /** The provision whose number is at fault. */
  provision: Provision;
  /** The number's characters in its heading (the whole first label line when not found). */
  span: Span;
  /** The number the provision would have in sequence, in the sequence's own style ("6", "IV", "c"). */
  expected?: string;
  /** For duplicates: the earlier provision with the same number. */
  other?: Provision;
  message: string;
}

export type Scheme = 'arabic' | 'roman' | 'letter';

/** A numbering scheme and the case the text writes it in ("IV" or "iv", "C" or "c"). */
interface Style {
  scheme: Scheme;
  upper: boolean;
}

interface Value {
  value: number;
  /** "bis", "ter", "A" …: an inserted provision, numbered after its base. */
  suffix: string;
}

const CONTAINERS: ProvisionKind[] = ['part', 'title', 'chapter', 'section', 'subsection'];
const ATTACHMENTS: ProvisionKind[] = ['annex', 'protocol', 'attachment'];

/**
 * Every numbering fault in the document, in document order. `lines`: the document's line index
 * when the caller holds one (re-reading a 5 MB text for line numbers cost 10 ms a round).
 */
export function numberingFaults(doc: TreatyDocument, lines: LineIndex = new LineIndex(doc.text)): NumberingFault[] {
  const out: NumberingFault[] = [];
  const check = (list: Provision[], startMatters: boolean) => out.push(...sequenceFaults(doc, lines, list, startMatters));

  // Articles through each instrument scope: the main text and every annex.
  check(articlesIn(doc.root), false);
  for (const p of doc.root.children) if (ATTACHMENTS.includes(p.kind)) check(articlesIn(p), false);

  const visit = (p: Provision): void => {
    for (const kind of CONTAINERS) check(p.children.filter((c) => c.kind === kind), false);
    if (p.kind === 'article' || p.kind === 'paragraph' || p.kind === 'point') {
      check(p.children.filter((c) => c.kind === 'paragraph'), true);
      check(p.children.filter((c) => c.kind === 'point'), true);
    }
    p.children.forEach(visit);
  };
  visit(doc.root);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The articles of one instrument scope in document order, not descending into annexes. */
function articlesIn(scope: Provision): Provision[] {
  const list: Provision[] = [];
  const visit = (p: Provision) => {
    for (const c of p.children) {
      if (c.kind === 'article') list.push(c);
      else if (!ATTACHMENTS.includes(c.kind)) visit(c);
    }
  };
  visit(scope);
  return list;
}

function sequenceFaults(doc: TreatyDocument, lines: LineIndex, list: Provision[], startMatters: boolean): NumberingFault[] {
  if (list.length === 0 || list.some((p) => !p.num)) return [];
  // "I, III" reads as roman (one number skipped), not as the letters i and iii: of the
  // schemes that read every number, the one with the fewest faults and smallest jumps wins.
  let best: { faults: NumberingFault[]; score: number } | undefined;
  for (const scheme of ['arabic', 'letter', 'roman'] as const) {
    const values = list.map((p) => parseNumber(p.num!, scheme));
    if (values.some((v) => v === undefined)) continue;
    const vs = values as Value[];
    const upper = /^[A-Z]/.test(list[0].num!.trim());
    const faults = faultsOf(doc, lines, list, vs, { scheme, upper }, startMatters);
    let jumps = Math.abs(vs[0].value - 1);
    for (let i = 1; i < vs.length; i++) jumps += Math.abs(vs[i].value - vs[i - 1].value - 1);
    const score = faults.length * 1e6 + jumps;
    if (!best || score < best.score) best = { faults, score };
  }
  return best?.faults ?? [];
}

function faultsOf(doc: TreatyDocument, lines: LineIndex, list: Provision[], values: Value[], scheme: Style, startMatters: boolean): NumberingFault[] {
  const faults: NumberingFault[] = [];
  const fault = (kind: NumberingFaultKind, p: Provision, message: string, extra: Partial<NumberingFault> = {}) =>
    faults.push({ kind, provision: p, span: numberSpan(doc, p), message, ...extra });

  const first = list[0];
  if (startMatters && values[0].value !== 1 && !values[0].suffix) {
    const kindWord = first.kind === 'paragraph' ? 'paragraph' : 'point';
    const holder = first.parent && first.parent.kind !== 'document' ? ` of ${provisionLabel(first.parent)}` : '';
    const missing = describeRange(1, values[0].value - 1, scheme);
    fault('start', first, `${provisionLabel(first)} is the first ${kindWord}${holder}: ${missing} missing`, { expected: format(1, scheme) });
  }

  // The run so far: its numbers (for duplicates) and the last base value.
  let seen = new Map<string, Provision>([[key(values[0]), first]]);
  let last = values[0].value;
  for (let i = 1; i < list.length; i++) {
    const p = list[i];
    const v = values[i];
    const prev = list[i - 1];
    const earlier = seen.get(key(v));
    if (startsAgain(values, i, seen.size)) {
      // Numbering starts again: a new instrument or list the structure did not mark.
      seen = new Map([[key(v), p]]);
      last = 1;
      continue;
    }
    if (earlier) {
      fault('duplicate', p, `${provisionLabel(p)} is numbered twice: an earlier ${provisionLabel(earlier)} is on line ${lines.positionAt(numberSpan(doc, earlier).start).line + 1}`, {
        other: earlier,
        expected: v.suffix ? undefined : format(last + 1, scheme),
      });
    } else if (v.value > last + 1) {
      fault('gap', p, `${provisionLabel(p)} follows ${provisionLabel(prev)}: ${describeRange(last + 1, v.value - 1, scheme)} skipped`, {
        expected: v.suffix ? undefined : format(last + 1, scheme),
      });
    } else if (v.value < last || (v.value === last && !v.suffix)) {
      fault('order', p, `${provisionLabel(p)} follows ${provisionLabel(prev)}: the numbers go back (the next would be ${format(last + 1, scheme)})`, {
        expected: format(last + 1, scheme),
      });
    }
    seen.set(key(v), seen.get(key(v)) ?? p);
    last = Math.max(last, v.value);
  }
  return faults;
}

/**
 * "1, 2, 3, 1, 2": a second run, not a duplicate — when the run before it has at least
 * two numbers and the new one goes on with 2 (or the list ends). "1, 1, 2" stays a duplicate.
 */
function startsAgain(values: Value[], i: number, runLength: number): boolean {
  const v = values[i];
  if (v.value !== 1 || v.suffix || runLength < 2) return false;
  const next = values[i + 1];
  return !next || (next.value === 2 && !next.suffix);
}

function key(v: Value): string {
  return `${v.value}|${v.suffix.toLowerCase()}`;
}

/** "number 4 is", "numbers 4 and 5 are", "numbers 15 to 63 are". */
function describeRange(from: number, to: number, scheme: Style): string {
  if (from === to) return `number ${format(from, scheme)} is`;
  if (to === from + 1) return `numbers ${format(from, scheme)} and ${format(to, scheme)} are`;
  return `numbers ${format(from, scheme)} to ${format(to, scheme)} are`;
}

/** A value in the sequence's own style. Roman and letters follow the case of the text's numbers. */
function format(n: number, style: Style): string {
  if (style.scheme === 'arabic') return String(n);
  const s = style.scheme === 'roman' ? intToRoman(n) : letters(n);
  return style.upper ? s.toUpperCase() : s;
}

function letters(n: number): string {
  // a … z, then aa, bb … (the doubled style treaties use after z).
  const base = String.fromCharCode(96 + (((n - 1) % 26) + 1));
  return base.repeat(Math.floor((n - 1) / 26) + 1);
}

/** Reads a printed number in one scheme; undefined when it is not written that way. */
export function parseNumber(num: string, scheme: Scheme): Value | undefined {
  const s = num.trim();
  if (scheme === 'arabic') {
    const m = /^(\d{1,5})(?:\s*([A-Za-z]+))?$/.exec(s);
    return m ? { value: Number(m[1]), suffix: m[2] ?? '' } : undefined;
  }
  if (scheme === 'roman') {
    const m = /^([IVXLCDM]+|[ivxlcdm]+)(?:\s+([A-Za-z]+))?$/.exec(s);
    if (!m) return undefined;
    const v = romanToInt(m[1]);
    // Only well-formed numerals ("IIII" and "IC" are not).
    if (!v || intToRoman(v) !== m[1].toLowerCase()) return undefined;
    return { value: v, suffix: m[2] ?? '' };
  }
  const m = /^([A-Za-z])\1*$/.exec(s);
  if (!m) return undefined;
  return { value: (m[1].toLowerCase().charCodeAt(0) - 96) + 26 * (s.length - 1), suffix: '' };
}

/** Where the number is written in the provision's heading. */
export function numberSpan(doc: TreatyDocument, p: Provision): Span {
  const start = labelStart(p);
  const label = doc.text.slice(start, p.labelEnd);
  const nl = label.search(/[\r\n]/);
  const line = nl < 0 ? label : label.slice(0, nl);
  if (p.num) {
    const pattern = p.num.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
    // Digits may touch letters ("제64조"); a roman or letter number may not ("VII" in "VIII").
    const edge = /^\d/.test(p.num.trim()) ? '\\d' : '\\p{L}\\p{N}';
    const m = new RegExp(`(?<![${edge}])${pattern}(?![${edge}])`, 'iu').exec(line);
    if (m) return { start: start + m.index, end: start + m.index + m[0].length };
  }
  const trimmed = line.trimEnd();
  return { start, end: start + Math.max(trimmed.length, 0) };
}
