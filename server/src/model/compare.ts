// Comparing the wording of two provisions: a word-level diff and a similarity figure.
//
// The diff is jsdiff's `diffWords` (Myers' algorithm on words and the spaces between them),
// so punctuation and spacing stay as written. The figure is computed on words alone:
//
//   similarity = 2 × (words the two texts have in common, in order) / (words in A + words in B)
//
// "In common, in order" is the longest common subsequence (LCS) of the two word lists, with
// case and punctuation ignored. Only its length is needed, so it is computed here by dynamic
// programming on word ids (two rows of integers) rather than by jsdiff, which builds a whole
// edit script and was 100 times slower on unlike texts — and "find similar" scores dozens. It is 1 for the same wording, 0 for
// no word in common, and falls with every word added, removed or changed: a 40-word clause
// repeated with a 6-word phrase added scores 2·40/(40+46) ≈ 0.93. It is the ratio Python's
// difflib reports, counted in words rather than characters, so a reader can check it by hand.
import { diffWords } from 'diff';
import type { Provision, TreatyDocument } from './types';
import { provisionText } from './render';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level differences that turn `a` into `b`. */
export function wordDiff(a: string, b: string): DiffPart[] {
  return diffWords(a, b).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** `[-removed-]{+added+}` around the changes, as `git diff --word-diff=plain` prints them. */
export function renderWordDiff(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.kind === 'added' ? `{+${p.text}+}` : p.kind === 'removed' ? `[-${p.text}-]` : p.text)).join('');
}

/** The added or removed passages alone, trimmed: "and in accordance with Article 51". */
export function changes(parts: readonly DiffPart[], kind: 'added' | 'removed'): string[] {
  return parts.filter((p) => p.kind === kind).map((p) => p.text.trim()).filter((t) => t.length > 0);
}

/**
 * The words of a text for comparison: lower case, punctuation dropped, numbers kept.
 * Chinese and Japanese characters count one by one, since those scripts do not space words.
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** A word: one Chinese or Japanese character, or a run of letters, marks and digits ("state's" is one). */
export const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

export interface Similarity {
  /** 2·common / (leftWords + rightWords), from 0 to 1. */
  ratio: number;
  /** Words in common, in order (the longest common subsequence). */
  common: number;
  leftWords: number;
  rightWords: number;
}

export function similarity(a: string, b: string): Similarity {
  return similarityOfWords(words(a), words(b));
}

export function similarityOfWords(a: readonly string[], b: readonly string[]): Similarity {
  if (a.length === 0 && b.length === 0) return { ratio: 1, common: 0, leftWords: 0, rightWords: 0 };
  const common = lcsLength(a, b);
  return { ratio: (2 * common) / (a.length + b.length), common, leftWords: a.length, rightWords: b.length };
}

/** Length of the longest common subsequence of two word lists: O(|a|·|b|) time, O(|b|) space. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Words as small integers: comparing numbers in the inner loop, not strings.
  const ids = new Map<string, number>();
  const id = (w: string) => {
    let n = ids.get(w);
    if (n === undefined) ids.set(w, (n = ids.size));
    return n;
  };
  const x = Int32Array.from(a, id);
  const y = Int32Array.from(b, id);
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    for (let j = 0; j < y.length; j++) {
      cur[j + 1] = xi === y[j] ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

/** "93%": the ratio as readers quote it, never rounded up to 100% unless identical. */
export function percent(ratio: number): string {
  const p = Math.round(ratio * 100);
  return `${ratio < 1 && p === 100 ? 99 : p}%`;
}

/**
 * What a provision says, without its number and heading lines: "Article 4 / Mutual
 * assistance" is not part of the wording two treaties share or differ in. Lines are kept;
 * blank lines dropped.
 */
export function provisionBody(doc: TreatyDocument, p: Provision): string {
  const start = Math.min(Math.max(p.bodyStart, p.start), p.end);
  const body = provisionText(doc, { ...p, start }, Number.MAX_SAFE_INTEGER).text;
  // A provision whose words are all on its label line (a point "(a) text") still has them.
  return body || provisionText(doc, p, Number.MAX_SAFE_INTEGER).text;
}

export interface Comparison {
  parts: DiffPart[];
  similarity: Similarity;
}

/** The two provisions' wording compared: diff from `a` to `b`, and the similarity figure. */
export function compareProvisions(aDoc: TreatyDocument, a: Provision, bDoc: TreatyDocument, b: Provision): Comparison {
  const at = provisionBody(aDoc, a);
  const bt = provisionBody(bDoc, b);
  return { parts: wordDiff(at, bt), similarity: similarity(at, bt) };
}
