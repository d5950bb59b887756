// Folding: each part, chapter, section, article, annex, the preamble and the final clauses
// fold from their heading line to their last line of text.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-protocol';
import { ARTICLE_AND_ABOVE, labelStart, outlineName, textOf, walk, type TextLike, type TreatyDocument } from '../model';
import { isRegexSpace } from '../model/lines';
import { linesOf } from './convert';

export function foldingRanges(doc: TreatyDocument): FoldingRange[] {
  const lines = linesOf(doc);
  const out: FoldingRange[] = [];
  const taken = new Set<number>();
  const text = textOf(doc);
  for (const p of walk(doc.root)) {
    if (p.kind === 'document' || !ARTICLE_AND_ABOVE.has(p.kind)) continue; // the whole text needs no fold
    const startLine = lines.positionAt(labelStart(p)).line;
    // A provision's range runs up to the next heading; blank lines before it do not fold with it.
    const endLine = lines.positionAt(lastTextOffset(text, p.start, p.end)).line;
    // Clients keep one range per start line; the outermost (seen first) is the one to keep.
    if (endLine <= startLine || taken.has(startLine)) continue;
    taken.add(startLine);
    out.push({ startLine, endLine, kind: FoldingRangeKind.Region, collapsedText: outlineName(p) });
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}

/** The offset of the last non-blank character in [start, end), or start. */
function lastTextOffset(text: TextLike, start: number, end: number): number {
  let i = Math.min(end, text.length) - 1;
  while (i > start && isRegexSpace(text.charCodeAt(i))) i--;
  return Math.max(i, start);
}
