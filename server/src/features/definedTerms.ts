// Hover and Go to Definition on a use of a defined term ("treaty", "the Parties"): the
// fallbacks of hover.ts and definition.ts when the position is not on a reference.
import { MarkupKind, type Hover, type LocationLink, type Position } from 'vscode-languageserver-protocol';
import { provisionLabel, provisionText, type TreatyDocument } from '../model';
import { termUseAt, type DefinedTerm } from '../model/definitions';
import { containsRange, linesOf, toRange } from './convert';

/** The definition of the term used at `position`, or null when no defined term is there. */
export function termHover(doc: TreatyDocument, position: Position, maxLength = 1200): Hover | null {
  const lines = linesOf(doc);
  const use = termUseAt(doc, lines.offsetAt(position));
  if (!use) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: termMarkdown(doc, use.term, maxLength) },
    range: toRange(lines, use.span),
  };
}

/** “term” — defined in Article 2(1)(a), then the defining text quoted. */
export function termMarkdown(doc: TreatyDocument, t: DefinedTerm, maxLength = 1200): string {
  // The renderer names the provision and cuts the text; the span is the definition itself.
  const body = provisionText(doc, { ...t.provision, start: t.definition.start, end: t.definition.end }, maxLength);
  const out = [`**“${escape(t.term)}”** — defined in ${escape(provisionLabel(t.provision) || 'this text')}`];
  if (body.text) out.push(body.text.split('\n').map((l) => `> ${escape(l)}`).join('\n>\n'));
  if (body.cut) out.push(`… (cut: ${body.text.length} of ${body.fullLength} characters shown)`);
  return out.join('\n\n');
}

/** Go to Definition on a use: the defining quotation, previewing the whole definition. */
export function termDefinition(doc: TreatyDocument, uri: string, position: Position): LocationLink[] | null {
  const lines = linesOf(doc);
  const use = termUseAt(doc, lines.offsetAt(position));
  if (!use) return null;
  const targetRange = toRange(lines, {
    start: Math.min(use.term.definition.start, use.term.span.start),
    end: Math.max(use.term.definition.end, use.term.span.end),
  });
  const targetSelectionRange = toRange(lines, use.term.span);
  return [
    {
      originSelectionRange: toRange(lines, use.span),
      targetUri: uri,
      targetRange,
      targetSelectionRange: containsRange(targetRange, targetSelectionRange) ? targetSelectionRange : targetRange,
    },
  ];
}

/** Treaty text is not Markdown (same rule as hover.ts). */
function escape(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c)
    .replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2');
}
