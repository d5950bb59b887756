// Semantic tokens for what the TextMate grammar cannot know: whether a reference resolves,
// whether it is relative or cites another instrument, and which words are defined terms.
//
// Mapping (standard token types, plus Pacta's own modifiers):
//   reference to a provision of this text     variable                (+ relative, + unresolved)
//   reference into another instrument          namespace               (+ unresolved when its text is found but lacks the provision)
//   defined term where it is defined           type + declaration + definition
//   use of a defined term                      type
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { resolveReference, textOf, type InstrumentLookup, type Span, type TextLike, type TreatyDocument } from '../model';
import { definedTerms } from '../model/definitions';
import { linesOf } from './convert';

export const TOKEN_TYPES = ['variable', 'namespace', 'type'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'definition', 'relative', 'unresolved'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/**
 * The classified spans in text order as columns (no object per token: a 5 MB treaty has
 * 20,000 references). References, defined terms and their uses each come in text order, so
 * they are merged rather than sorted; at one start a reference goes first, then a term, then a
 * use, and a span starting inside the one before it (kept or not) is dropped.
 */
interface Classified {
  count: number;
  start: Int32Array;
  end: Int32Array;
  type: Uint8Array;
  bits: Uint8Array;
}

/** Each type's index in the legend, and each modifier's bit. */
const TYPE = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
const BIT = Object.fromEntries(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<TokenModifier, number>;

function classify(doc: TreatyDocument, lookup?: InstrumentLookup, range?: Span): Classified {
  const from = range?.start ?? 0;
  const to = range?.end ?? textOf(doc).length;
  const inRange = (s: Span) => s.end > from && s.start < to;
  const refs = doc.references;
  const { terms, uses } = definedTerms(doc);
  // Sized for every span at once (typed: allocated zeroed and touched only as far as filled).
  const cap = refs.length + terms.length + uses.length;
  const out: Classified = { count: 0, start: new Int32Array(cap), end: new Int32Array(cap), type: new Uint8Array(cap), bits: new Uint8Array(cap) };
  let r = 0;
  let t = 0;
  let u = 0;
  let prevEnd = -1;
  const add = (span: Span, type: number, bits: number) => {
    if (!inRange(span)) return;
    const keep = out.count === 0 || span.start >= prevEnd;
    prevEnd = span.end;
    if (!keep) return;
    out.start[out.count] = span.start;
    out.end[out.count] = span.end;
    out.type[out.count] = type;
    out.bits[out.count++] = bits;
  };
  while (r < refs.length || t < terms.length || u < uses.length) {
    const rs = r < refs.length ? refs[r].start : Infinity;
    const ts = t < terms.length ? terms[t].span.start : Infinity;
    const us = u < uses.length ? uses[u].span.start : Infinity;
    if (rs <= ts && rs <= us) {
      const ref = refs[r++];
      if (!inRange(ref)) continue;
      let bits = ref.relative ? BIT.relative : 0;
      if (ref.instrument) {
        const res = resolveReference(doc, ref, lookup);
        if (res.instrumentFound && res.targets.some((x) => !x.provision)) bits |= BIT.unresolved;
        add(ref, TYPE.namespace, bits);
      } else add(ref, TYPE.variable, ref.resolved ? bits : bits | BIT.unresolved);
    } else if (ts <= us) add(terms[t++].span, TYPE.type, BIT.declaration | BIT.definition);
    else add(uses[u++].span, TYPE.type, 0);
  }
  return out;
}

/** LSP's encoding: five integers per token, relative to the previous one, one line per token. */
export function semanticTokens(doc: TreatyDocument, lookup?: InstrumentLookup, range?: Range): SemanticTokens {
  const lines = linesOf(doc);
  const span = range ? { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) } : undefined;
  const c = classify(doc, lookup, span);
  const text = textOf(doc);
  // Sized once for one line a token: grown by push, 100,000 numbers (a 5 MB treaty) were
  // copied over and over into fresh memory, whose first touch is the slow part here.
  let data: number[] = new Array<number>(5 * c.count);
  let n = 0;
  let prevLine = 0;
  let prevChar = 0;
  const emit = (start: number, end: number, line: number, character: number, k: number) => {
    if (n === data.length) data = data.concat(new Array<number>(data.length >> 1 || 5)); // tokens across lines
    data[n++] = line - prevLine;
    data[n++] = line === prevLine ? character - prevChar : character;
    data[n++] = end - start;
    data[n++] = c.type[k];
    data[n++] = c.bits[k];
    prevLine = line;
    prevChar = character;
  };
  // The tokens come in text order: the line of each is found by walking on from the last one's.
  let line = c.count ? lines.positionAt(c.start[0]).line : 0;
  for (let k = 0; k < c.count; k++) {
    let start = c.start[k];
    let end = c.end[k];
    while (line + 1 < lines.lineCount && lines.lineStart(line + 1) <= start) line++;
    // Most tokens end before their line's break: no character of theirs needs reading but the
    // blanks at their ends. The rest go through perLine.
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
    if (end < next - 1 || (end === next - 1 && text.charCodeAt(end - 1) !== 13)) {
      while (start < end && isBlank(text.charCodeAt(start))) start++;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
      if (end > start) emit(start, end, line, start - lines.lineStart(line), k);
      continue;
    }
    for (const piece of perLine(text, { start, end })) {
      const at = lines.positionAt(piece.start);
      emit(piece.start, piece.end, at.line, at.character, k);
    }
  }
  data.length = n;
  return { data };
}

/** A token that crosses a line break becomes one token per line (most clients cannot take multi-line tokens). */
function perLine(text: TextLike, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      push(out, text, start, i);
      start = i + 1;
    }
  }
  push(out, text, start, span.end);
  return out;
}

/** Adds [start, end) without the spaces and tabs at its ends, unless nothing is left. */
function push(out: Span[], text: TextLike, start: number, end: number): void {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
