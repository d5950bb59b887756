// Inlay hints: the cited article's heading after a bare reference,
// "Article 31 ‹General rule of interpretation›", so a reader need not look it up.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-protocol';
import {
  provisionPath,
  resolveReference,
  textOf,
  type TextLike,
  type InstrumentLookup,
  type Provision,
  type Reference,
  type TreatyDocument,
} from '../model';
import { linesOf, toPosition } from './convert';

export interface InlayHintOptions {
  /** `pacta.inlayHints.maxLength`: longer headings are cut with "…". */
  maxLength: number;
}

export const DEFAULT_INLAY_HINT_OPTIONS: InlayHintOptions = { maxLength: 60 };

/** Hints for the references that end inside `range` (the whole document when omitted). */
export function inlayHints(
  doc: TreatyDocument,
  range?: Range,
  lookup?: InstrumentLookup,
  options: InlayHintOptions = DEFAULT_INLAY_HINT_OPTIONS,
): InlayHint[] {
  const lines = linesOf(doc);
  const from = range ? lines.offsetAt(range.start) : 0;
  const to = range ? lines.offsetAt(range.end) : textOf(doc).length;
  const hints: InlayHint[] = [];
  for (const ref of doc.references) {
    if (ref.end < from) continue;
    if (ref.end > to) break;
    const hint = hintFor(doc, ref, lookup, options);
    if (hint) hints.push({ ...hint, position: toPosition(lines, ref.end) });
  }
  return hints;
}

function hintFor(
  doc: TreatyDocument,
  ref: Reference,
  lookup: InstrumentLookup | undefined,
  options: InlayHintOptions,
): Omit<InlayHint, 'position'> | undefined {
  // A list or range names several provisions: one heading would mislead.
  if (ref.targets.length !== 1) return undefined;
  const target = resolveReference(doc, ref, lookup).targets[0];
  if (!target?.provision || !target.doc) return undefined;
  const headed = headedProvision(target.provision);
  if (!headed?.heading) return undefined;
  // "this Article", or "paragraph 2" inside the article it cites: the heading is right above.
  if (target.doc === doc && contains(headed, ref.start)) return undefined;
  if (alreadyFollowed(textOf(doc), ref.end, headed.heading)) return undefined;
  return {
    label: `‹${cut(headed.heading, options.maxLength)}›`,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: `${provisionPath(target.doc, headed)} — ${headed.heading}`,
  };
}

/** The provision whose heading a reference shows: the cited one, or for a paragraph or point, its article. */
function headedProvision(p: Provision): Provision | undefined {
  for (let q: Provision | undefined = p; q && q.kind !== 'document'; q = q.parent) {
    if (q.kind !== 'paragraph' && q.kind !== 'point') return q;
  }
  return undefined;
}

function contains(p: Provision, offset: number): boolean {
  return offset >= p.start && offset < p.end;
}

/** "Article 31 (General rule of interpretation)", "Article 31 — General rule …": the text already says it. */
function alreadyFollowed(text: TextLike, end: number, heading: string): boolean {
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return words(text.slice(end, end + heading.length + 16)).includes(words(heading));
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const at = s.lastIndexOf(' ', max - 1);
  return (at > max * 0.6 ? s.slice(0, at) : s.slice(0, max - 1)).trimEnd() + '…';
}
