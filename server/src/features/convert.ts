// Offsets (model) -> LSP positions and ranges. Shared by every feature.
import type { Position, Range } from 'vscode-languageserver-protocol';
import { LineIndex, type Span, type TreatyDocument } from '../model';
import { editedFrom, modelId } from '../model/incremental';
import { lineIndexAfterEdit } from '../model/lines';
import { chunksOf, textOf } from '../model/text';

const indexes = new WeakMap<TreatyDocument, LineIndex>();
/**
 * The index built last, by model id, held strongly: the model a keystroke replaced is often
 * collected before a request asks for the new one's lines, and reading 5 MB again costs 5–10 ms.
 * One only, and a LineIndex holds its line starts, not its text (4 bytes a line).
 */
let last: { id: number; lines: LineIndex } | undefined;

/** The LineIndex of a parsed document, built once per document object. */
export function linesOf(doc: TreatyDocument): LineIndex {
  let lines = indexes.get(doc);
  if (!lines) {
    // After a keystroke, the previous version's index shifted: a 5 MB text is not read again.
    const from = editedFrom(doc);
    const before = from && ((from.doc && indexes.get(from.doc)) ?? (last?.id === from.id ? last.lines : undefined));
    // An open document's text comes with its line starts (openDocument.ts keeps them per edit).
    lines = chunksOf(doc)?.lines ?? (before ? lineIndexAfterEdit(before, from.change, textOf(doc)) : new LineIndex(doc.text));
    indexes.set(doc, lines);
    last = { id: modelId(doc), lines };
  }
  return lines;
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toPosition(lines: LineIndex, offset: number): Position {
  return lines.positionAt(offset);
}

/** True when `inner` lies within `outer` (LSP requires this of a symbol's selectionRange). */
export function containsRange(outer: Range, inner: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
