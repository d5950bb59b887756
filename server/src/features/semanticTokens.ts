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

export interface SemanticToken {
  span: Span;
  type: TokenType;
  modifiers: TokenModifier[];
}

/** The classified spans of a document (within `range` when given), in text order. */
export function semanticTokenSpans(doc: TreatyDocument, lookup?: InstrumentLookup, range?: Span): SemanticToken[] {
  const from = range?.start ?? 0;
  const to = range?.end ?? textOf(doc).length;
  const inRange = (s: Span) => s.end > from && s.start < to;
  const out: SemanticToken[] = [];
  for (const ref of doc.references) {
    if (!inRange(ref)) continue;
    const modifiers: TokenModifier[] = [];
    if (ref.relative) modifiers.push('relative');
    if (ref.instrument) {
      const r = resolveReference(doc, ref, lookup);
      if (r.instrumentFound && r.targets.some((t) => !t.provision)) modifiers.push('unresolved');
      out.push({ span: ref, type: 'namespace', modifiers });
    } else {
      if (!ref.resolved) modifiers.push('unresolved');
      out.push({ span: ref, type: 'variable', modifiers });
    }
  }
  const terms = definedTerms(doc);
  for (const t of terms.terms) if (inRange(t.span)) out.push({ span: t.span, type: 'type', modifiers: ['declaration', 'definition'] });
  for (const u of terms.uses) if (inRange(u.span)) out.push({ span: u.span, type: 'type', modifiers: [] });
  out.sort((a, b) => a.span.start - b.span.start);
  // Tokens may not overlap: a later one starting inside an earlier one is dropped.
  return out.filter((t, i) => i === 0 || t.span.start >= out[i - 1].span.end);
}

/** LSP's encoding: five integers per token, relative to the previous one, one line per token. */
export function semanticTokens(doc: TreatyDocument, lookup?: InstrumentLookup, range?: Range): SemanticTokens {
  const lines = linesOf(doc);
  const span = range ? { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) } : undefined;
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const text = textOf(doc);
  for (const token of semanticTokenSpans(doc, lookup, span)) {
    const type = TOKEN_TYPES.indexOf(token.type);
    let bits = 0;
    for (const m of token.modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
    for (const piece of perLine(text, token.span)) {
      const start = lines.positionAt(piece.start);
      const length = piece.end - piece.start;
      if (length <= 0) continue;
      data.push(start.line - prevLine, start.line === prevLine ? start.character - prevChar : start.character, length, type, bits);
      prevLine = start.line;
      prevChar = start.character;
    }
  }
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
