// An open document's text as chunks, so that a keystroke does not copy the whole text.
//
// A string is immutable: each version of a 5 MB text made by joining the old one around an
// edit is a new 5 MB string, and V8 gives every string above 128 KB fresh memory of its own.
// On a VM where touching a new page costs ~13 µs, that copy alone is 15–20 ms a keystroke.
// Here an edit replaces the one chunk it falls in (chunks stay far below 128 KB, in memory V8
// reuses); the whole text is joined only when something reads `toString()`.
// `TextLike` is what readers of a span need: a string is one, and so is a ChunkedText.
import type { LineIndex } from './lines';
import type { TreatyDocument } from './types';

/** What a reader of part of a text needs; both `string` and `ChunkedText` are one. */
export interface TextLike {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
}

/** Chunks are cut at this many UTF-16 units and split when an edit doubles one. */
const CHUNK = 16_384;

export class ChunkedText implements TextLike {
  readonly length: number;
  /** Its line starts, when whoever made this version has them (openDocument.ts): no one reads the text for them again. */
  lines: LineIndex | undefined;
  private joined: string | undefined;
  /** The chunk `charCodeAt` read last: reads come in runs. */
  private hit = 0;

  private constructor(
    private readonly chunks: readonly string[],
    /** Where each chunk starts; one entry more than chunks (the length). */
    private readonly starts: readonly number[],
    whole?: string,
  ) {
    this.length = starts[starts.length - 1];
    this.joined = whole;
  }

  static of(text: string): ChunkedText {
    const chunks: string[] = [];
    const starts: number[] = [0];
    for (let i = 0; i < text.length; i += CHUNK) {
      chunks.push(text.slice(i, i + CHUNK));
      starts.push(Math.min(text.length, i + CHUNK));
    }
    return new ChunkedText(chunks, starts, text);
  }

  /** The text with [start, end) replaced by `insert`; this one is unchanged. */
  edit(start: number, end: number, insert: string): ChunkedText {
    const s = clamp(start, 0, this.length);
    const e = clamp(end, s, this.length);
    if (this.chunks.length === 0) return ChunkedText.of(insert);
    // The chunks the edit touches: from the one holding s to the one holding e (an edit at a
    // chunk's end joins that chunk, so no empty chunk is ever made in between).
    const a = this.chunkAt(s, true);
    const b = this.chunkAt(e, true);
    const head = this.chunks[a].slice(0, s - this.starts[a]);
    const tail = this.chunks[b].slice(e - this.starts[b]);
    const middle = head + insert + tail;
    const pieces: string[] = [];
    // An edit that makes a chunk too large (a paste) is cut again into chunks of CHUNK.
    if (middle.length <= 2 * CHUNK) {
      if (middle.length > 0) pieces.push(middle);
    } else for (let i = 0; i < middle.length; i += CHUNK) pieces.push(middle.slice(i, i + CHUNK));
    const chunks = [...this.chunks.slice(0, a), ...pieces, ...this.chunks.slice(b + 1)];
    const starts = this.starts.slice(0, a + 1);
    let at = starts[a];
    for (const p of pieces) starts.push((at += p.length));
    const delta = insert.length - (e - s);
    for (let k = b + 2; k < this.starts.length; k++) starts.push(this.starts[k] + delta);
    return new ChunkedText(chunks, starts);
  }

  slice(start = 0, end = this.length): string {
    if (this.joined !== undefined) return this.joined.slice(start, end);
    const s = relative(start, this.length);
    const e = Math.max(s, relative(end, this.length));
    if (s === e) return '';
    const a = this.chunkAt(s, false);
    const b = this.chunkAt(e, true);
    if (a === b) return this.chunks[a].slice(s - this.starts[a], e - this.starts[a]);
    const parts = [this.chunks[a].slice(s - this.starts[a])];
    for (let k = a + 1; k < b; k++) parts.push(this.chunks[k]);
    parts.push(this.chunks[b].slice(0, e - this.starts[b]));
    return parts.join('');
  }

  charCodeAt(index: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(index);
    let k = this.hit;
    if (!(index >= this.starts[k] && index < this.starts[k + 1])) {
      // As String.prototype.charCodeAt: NaN reads 0, fractions are cut towards 0.
      index = index !== index ? 0 : Math.trunc(index);
      if (!(index >= 0 && index < this.length)) return NaN;
      this.hit = k = this.chunkAt(index, false);
    }
    return this.chunks[k].charCodeAt(index - this.starts[k]);
  }

  /** The whole text as one string, joined once. */
  toString(): string {
    return (this.joined ??= this.chunks.join(''));
  }

  /** Whether the text has been joined (tests, benchmarks). */
  get isJoined(): boolean {
    return this.joined !== undefined;
  }

  /**
   * The chunk holding `offset`; at a boundary between two chunks, the earlier one when
   * `preferEarlier`, else the later (an offset at the very end: the last chunk).
   */
  private chunkAt(offset: number, preferEarlier: boolean): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (preferEarlier ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Whether `text` has `s` at `at` (String.prototype.startsWith, without a slice for chunks). */
export function writesAt(text: TextLike, s: string, at: number): boolean {
  if (typeof text === 'string') return text.startsWith(s, at);
  if (at < 0 || at + s.length > text.length) return false;
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

/** A slice bound as String.prototype.slice reads it: NaN is 0, fractions cut, negatives from the end. */
function relative(x: number, length: number): number {
  const i = x !== x ? 0 : Math.trunc(x);
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

// --- a model's text -----------------------------------------------------------------------------

const sources = new WeakMap<TreatyDocument, ChunkedText>();

/**
 * Gives `doc` the text `source`: `doc.text` joins it on first read (and keeps the string), and
 * `textOf(doc)` reads it without joining. For models of an open document after an edit.
 */
export function withSource(doc: TreatyDocument, source: ChunkedText): TreatyDocument {
  sources.set(doc, source);
  Object.defineProperty(doc, 'text', { get: () => source.toString(), enumerable: true, configurable: true });
  return doc;
}

/** The chunks the model's text came from, if it came from chunks. */
export function chunksOf(doc: TreatyDocument): ChunkedText | undefined {
  return sources.get(doc);
}

/** The model's text, to read spans of: its chunks when it has them, else its string. */
export function textOf(doc: TreatyDocument): TextLike {
  const source = sources.get(doc);
  return source && !source.isJoined ? source : doc.text;
}
