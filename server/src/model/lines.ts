// Offset <-> (line, UTF-16 column) conversion, LSP-style (0-based lines).
// Lines end at \n, \r\n or a lone \r, as LSP defines them.
import type { TextLike } from './text';

export interface LinePosition {
  line: number;
  character: number;
}

export class LineIndex {
  /** Typed: half the size of a number array, and no spare room (80,000 lines in 5 MB). */
  private readonly starts: Uint32Array;
  /**
   * The text's length, not the text: features/convert.ts keeps the last index built after its
   * document is gone (to shift it after the next edit), and it must not keep a 5 MB text alive.
   */
  private readonly textLength: number;

  /** The index of `text`; or (for `afterEdit`) of a text of `textLength` with these line starts. */
  constructor(text: string);
  constructor(starts: Uint32Array, textLength: number);
  constructor(text: string | Uint32Array, textLength?: number) {
    if (typeof text !== 'string') {
      this.starts = text;
      this.textLength = textLength!;
      return;
    }
    this.textLength = text.length;
    const starts = [0];
    if (!text.includes('\r')) {
      // Only \n ends lines: the native search is several times faster than reading each character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = Uint32Array.from(starts);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = Uint32Array.from(starts);
  }

  /** See `lineIndexAfterEdit`. */
  static afterEdit(old: LineIndex, change: { start: number; oldEnd: number; newEnd: number }, text: TextLike): LineIndex {
    const starts = old.starts;
    const delta = change.newEnd - change.oldEnd;
    // A start s depends on the characters at s - 1 and s only.
    const from = Math.max(0, change.start - 1);
    const head = countAtMost(starts, from);
    const middle: number[] = [];
    let i = from;
    for (const end = Math.min(text.length, change.newEnd + 2); i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        middle.push(i + 1);
      } else if (c === 10) middle.push(i + 1);
    }
    // Old starts whose two characters lie past everything read.
    const tail = countAtMost(starts, i - delta);
    const out = new Uint32Array(head + middle.length + starts.length - tail);
    out.set(starts.subarray(0, head));
    out.set(middle, head);
    for (let k = tail, j = head + middle.length; k < starts.length; k++, j++) out[j] = starts[k] + delta;
    return new LineIndex(out, text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.textLength));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** The offset where a line starts (0 <= line < lineCount). */
  lineStart(line: number): number {
    return this.starts[line];
  }

  offsetAt(pos: LinePosition): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.textLength;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.textLength;
    return Math.max(start, Math.min(start + pos.character, next));
  }
}

/**
 * The LineIndex of `text`, made from `old` (the index of the text before the edit `change`)
 * instead of reading the whole text: starts before the edit are kept, those after it shifted,
 * only the edited lines are read (features/convert.ts, after model/incremental.ts).
 */
export function lineIndexAfterEdit(old: LineIndex, change: { start: number; oldEnd: number; newEnd: number }, text: TextLike): LineIndex {
  return LineIndex.afterEdit(old, change, text);
}

/** The first index in ascending `a` whose value is >= `x` (`a.length` when none is). */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted `starts` are <= `x`. */
function countAtMost(starts: Uint32Array, x: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the line holding `at` starts (after a LF, CR or CRLF). */
export function lineStartAt(text: TextLike, at: number): number {
  let i = at;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** Where the line holding `at` ends: its line break, or the end of the text. */
export function lineEndAt(text: TextLike, at: number): number {
  let i = Math.min(at, text.length);
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

const WORD_CHAR = /[\p{L}\p{N}]/uy;

/**
 * How many UTF-16 units the letter or digit (Unicode L or N) at `i` takes, 2 beyond the first
 * plane; 0 when there is none. ASCII by its code, the rest by the Unicode class at that position:
 * what splitting words by hand (symbols, defined terms) reads instead of a regex per word.
 */
export function wordUnits(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c !== c) return 0; // past the end
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text) ? WORD_CHAR.lastIndex - i : 0;
}

/** `\s` of a regex, for one UTF-16 unit, without making a one-character string to test. */
export function isRegexSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
