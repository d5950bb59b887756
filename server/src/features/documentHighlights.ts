// Document highlights: on a heading or a reference, the provision's heading and every
// place in this file that cites it — the same rule as Find All References, one file only.
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-protocol';
import { labelStart, type InstrumentLookup, type TreatyDocument } from '../model';
import { linesOf, toRange } from './convert';
import { citationsOf, subjectsAt } from './references';

export function documentHighlights(doc: TreatyDocument, uri: string, position: Position, lookup?: InstrumentLookup): DocumentHighlight[] | null {
  const subjects = subjectsAt(doc, uri, position, lookup);
  if (!subjects.length) return null;
  const lines = linesOf(doc);
  const out: DocumentHighlight[] = [];
  const seen = new Set<string>();
  const push = (start: number, end: number, kind: DocumentHighlightKind) => {
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ range: toRange(lines, { start, end }), kind });
  };
  for (const s of subjects) {
    // The heading is where the provision is "written"; citations read it.
    if (s.doc === doc) push(labelStart(s.provision), s.provision.labelEnd, DocumentHighlightKind.Write);
    for (const c of citationsOf(s, [{ uri, doc, lookup }])) push(c.span.start, c.span.end, DocumentHighlightKind.Read);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
