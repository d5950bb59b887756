// Offsets (model) -> LSP positions and ranges. Shared by every feature.
import type { Position, Range } from 'vscode-languageserver-protocol';
import { LineIndex, type Span, type TreatyDocument } from '../model';
import { editedFrom } from '../model/incremental';
import { lineIndexAfterEdit } from '../model/lines';

const indexes = new WeakMap<TreatyDocument, LineIndex>();

/** The LineIndex of a parsed document, built once per document object. */
export function linesOf(doc: TreatyDocument): LineIndex {
  let lines = indexes.get(doc);
  if (!lines) {
    // After a keystroke, the previous version's index shifted: a 5 MB text is not read again.
    const from = editedFrom(doc);
    const before = from && indexes.get(from.doc);
    lines = before ? lineIndexAfterEdit(before, from.change, doc.text) : new LineIndex(doc.text);
    indexes.set(doc, lines);
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
