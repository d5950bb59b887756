// Aligning two language versions of one treaty, provision by provision.
//
// Versions of a treaty share its numbering, not its words, so provisions are paired by eId
// (`art_2__para_1__point_a` is the same point in the English and the Korean text). Container
// numbers are compared as numbers, since one version may print "PART II" and another "제2부".
// Either version may lack provisions (a partial translation, a draft behind the other), so
// every pair may have one side only; the differences that matter to a reader — an article
// missing in one version, an article or paragraph with a different number of paragraphs or
// points — are reported with where they are.
import type { Provision, ProvisionKind, Span, TreatyDocument } from './types';
import { labelSpan, walk } from './query';

export type Side = 'left' | 'right';

export interface AlignedPair {
  /** The eId both versions share, container numbers in Arabic figures (`part_2__sec_1`). */
  key: string;
  left?: Provision;
  right?: Provision;
}

/** A run of consecutive articles one version has and the other lacks. */
export interface MissingArticles {
  kind: 'missing';
  /** The version that lacks them. */
  lacking: Side;
  /** The articles, in the version that has them, in document order. */
  provisions: Provision[];
  /** Where they would stand in the lacking version: the heading of the next (or last) article it has. */
  at: Span;
}

/** An article or paragraph whose paragraphs or points differ in number between the versions. */
export interface CountDifference {
  kind: 'count';
  unit: 'paragraph' | 'point';
  left: Provision;
  right: Provision;
  leftCount: number;
  rightCount: number;
}

export type StructuralDifference = MissingArticles | CountDifference;

export interface Alignment {
  left: TreatyDocument;
  right: TreatyDocument;
  /** Every provision of either version, paired: left document order, then what only the right has. */
  pairs: AlignedPair[];
  byKey: Map<string, AlignedPair>;
  differences: StructuralDifference[];
}

const CONTAINERS = new Set(['part', 'title', 'chp', 'chapter', 'sec', 'subsec', 'annex', 'protocol']);

/** The eId with container numbers in Arabic figures: `part_XI__sec_4` → `part_11__sec_4`. */
export function alignmentKey(eId: string): string {
  return eId
    .split('__')
    .map((seg) => {
      const sep = seg.indexOf('_');
      if (sep < 0) return seg;
      const word = seg.slice(0, sep);
      const num = seg.slice(sep + 1);
      if (!CONTAINERS.has(word) || !/^[IVXLCDM]+$/.test(num)) return seg;
      const value = romanValue(num);
      return value ? `${word}_${value}` : seg;
    })
    .join('__');
}

function romanValue(s: string): number | undefined {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const cur = v[s[i]];
    const next = v[s[i + 1]] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total > 0 && total < 4000 ? total : undefined;
}

export function alignDocuments(left: TreatyDocument, right: TreatyDocument): Alignment {
  const byKey = new Map<string, AlignedPair>();
  const pairs: AlignedPair[] = [];
  const add = (p: Provision, side: Side) => {
    if (p.kind === 'document' || !p.eId) return;
    const key = alignmentKey(p.eId);
    let pair = byKey.get(key);
    if (!pair) {
      pair = { key };
      byKey.set(key, pair);
      pairs.push(pair);
    }
    // A repeated eId (rare: a text numbering two articles alike) pairs its first occurrence.
    pair[side] ??= p;
  };
  for (const p of walk(left.root)) add(p, 'left');
  for (const p of walk(right.root)) add(p, 'right');
  const alignment: Alignment = { left, right, pairs, byKey, differences: [] };
  alignment.differences = [...missingArticles(alignment, 'right'), ...missingArticles(alignment, 'left'), ...countDifferences(alignment)];
  alignment.differences.sort((a, b) => firstStart(a) - firstStart(b));
  return alignment;
}

function firstStart(d: StructuralDifference): number {
  if (d.kind === 'count') return d.left.start;
  return d.lacking === 'left' ? d.at.start : d.provisions[0].start;
}

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** Runs of articles the `lacking` version does not have, from the version that has them. */
function missingArticles(a: Alignment, lacking: Side): MissingArticles[] {
  const having = other(lacking);
  const articles = [...walk(a[having].root)].filter((p) => p.kind === 'article');
  const out: MissingArticles[] = [];
  let run: Provision[] = [];
  const flush = (nextPresent: Provision | undefined, prevPresent: Provision | undefined) => {
    if (!run.length) return;
    const anchor = nextPresent ?? prevPresent;
    const at = anchor ? labelSpan(anchor) : { start: 0, end: 0 };
    out.push({ kind: 'missing', lacking, provisions: run, at });
    run = [];
  };
  let prevPresent: Provision | undefined;
  for (const art of articles) {
    const counterpart = a.byKey.get(alignmentKey(art.eId))?.[lacking];
    if (counterpart) {
      flush(counterpart, prevPresent);
      prevPresent = counterpart;
    } else run.push(art);
  }
  flush(undefined, prevPresent);
  return out;
}

/** Articles and paragraphs present in both versions whose paragraphs or points differ in number. */
function countDifferences(a: Alignment): CountDifference[] {
  const out: CountDifference[] = [];
  for (const pair of a.pairs) {
    const { left, right } = pair;
    if (!left || !right) continue;
    if (left.kind !== 'article' && left.kind !== 'paragraph') continue;
    for (const unit of ['paragraph', 'point'] as const) {
      const lc = countChildren(left, unit);
      const rc = countChildren(right, unit);
      if (lc !== rc) out.push({ kind: 'count', unit, left, right, leftCount: lc, rightCount: rc });
    }
  }
  return out;
}

function countChildren(p: Provision, kind: ProvisionKind): number {
  return p.children.filter((c) => c.kind === kind).length;
}

export interface Counterpart {
  provision: Provision;
  /** False when the provision itself is missing and this is the nearest enclosing one that exists. */
  exact: boolean;
}

/**
 * The provision in the other version that stands where `p` stands in its own: the same
 * eId, or — when the other version lacks it — the nearest enclosing provision it has
 * (a missing point falls back to its paragraph, then its article). Undefined when not even
 * the article exists there.
 */
export function counterpart(a: Alignment, p: Provision, from: Side): Counterpart | undefined {
  const to = other(from);
  let exact = true;
  for (let q: Provision | undefined = p; q && q.kind !== 'document'; q = q.parent) {
    const found = a.byKey.get(alignmentKey(q.eId))?.[to];
    if (found) return { provision: found, exact };
    exact = false;
    // Never fall back past an article: a different article's text would mislead.
    if (q.kind === 'article') return undefined;
  }
  return undefined;
}

/** The differences as the given side sees them, for messages: its own counts first. */
export function sideOf(d: CountDifference, side: Side): { own: Provision; ownCount: number; otherCount: number } {
  return side === 'left'
    ? { own: d.left, ownCount: d.leftCount, otherCount: d.rightCount }
    : { own: d.right, ownCount: d.rightCount, otherCount: d.leftCount };
}
