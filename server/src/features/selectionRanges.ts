// Smart selection: reference → point → paragraph → article → chapter → part → document,
// each step the next enclosing provision, trimmed of the blank lines that follow it.
import type { Position, SelectionRange } from 'vscode-languageserver-protocol';
import { provisionAt, referenceAt, type Span, type TreatyDocument } from '../model';
import { termUseAt } from '../model/definitions';
import { linesOf, toRange } from './convert';

export function selectionRanges(doc: TreatyDocument, positions: Position[]): SelectionRange[] {
  const lines = linesOf(doc);
  return positions.map((position) => {
    const offset = lines.offsetAt(position);
    const spans: Span[] = [];
    const ref = referenceAt(doc, offset);
    const use = ref ? undefined : termUseAt(doc, offset);
    if (ref) spans.push({ start: ref.start, end: ref.end });
    else if (use) spans.push(use.span);
    for (let p: ReturnType<typeof provisionAt> | undefined = provisionAt(doc, offset); p; p = p.parent) {
      spans.push(p.kind === 'document' ? { start: 0, end: doc.text.length } : trim(doc.text, p));
    }
    // Innermost first; each range must lie inside the next and differ from it.
    const chain: Span[] = [];
    for (const s of spans) {
      const last = chain[chain.length - 1];
      if (offset < s.start || offset > s.end) continue; // a blank line after a provision is not in it
      if (last && (s.start > last.start || s.end < last.end)) continue;
      if (last && s.start === last.start && s.end === last.end) continue;
      chain.push(s);
    }
    if (chain.length === 0) chain.push({ start: offset, end: offset });
    let parent: SelectionRange | undefined;
    for (let i = chain.length - 1; i >= 0; i--) parent = { range: toRange(lines, chain[i]), parent };
    return parent!;
  });
}

function trim(text: string, span: Span): Span {
  let end = Math.min(span.end, text.length);
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}
