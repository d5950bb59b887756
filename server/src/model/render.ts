// The one renderer of provision names. Hover, completion, outline and diagnostics all
// name provisions through these functions, so a provision reads the same everywhere.
import { isRegexSpace } from './lines';
import { textOf } from './text';
import type { Provision, ProvisionKind, TreatyDocument } from './types';

const KIND_WORD: Partial<Record<ProvisionKind, string>> = {
  part: 'Part',
  title: 'Title',
  chapter: 'Chapter',
  section: 'Section',
  subsection: 'Subsection',
  article: 'Article',
  annex: 'Annex',
  protocol: 'Protocol',
  paragraph: 'Paragraph',
  recital: 'Recital',
};

const ORDINALS = [
  'zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth',
  'nineteenth', 'twentieth',
];

export function ordinalWord(n: number): string {
  return ORDINALS[n] ?? `${n}th`;
}

/** "Article 4", "Chapter VII", "Annex VII" — the provision alone, without its ancestors. */
export function ownName(p: Provision): string {
  switch (p.kind) {
    case 'document':
      return 'Document';
    case 'preamble':
      return 'Preamble';
    case 'conclusions':
      return 'Final clauses';
    case 'point':
      return `(${p.num ?? p.ordinal})`;
    case 'paragraph':
      return p.num ? `Paragraph ${p.num}` : `${capitalise(ordinalWord(p.ordinal))} paragraph`;
    case 'attachment':
      return p.heading ?? `Attachment ${p.num ?? p.ordinal}`;
    case 'recital':
      return `Recital ${p.ordinal}`;
    default: {
      const word = KIND_WORD[p.kind] ?? capitalise(p.kind);
      return p.num ? `${word} ${p.num}` : word;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ancestors(p: Provision): Provision[] {
  const out: Provision[] = [];
  for (let q = p.parent; q && q.kind !== 'document'; q = q.parent) out.unshift(q);
  return out;
}

/** The attachment (annex, protocol) a provision lies in, if any. */
export function enclosingAttachment(p: Provision): Provision | undefined {
  for (let q: Provision | undefined = p; q; q = q.parent) {
    if (q.kind === 'annex' || q.kind === 'protocol' || q.kind === 'attachment') return q;
  }
  return undefined;
}

/**
 * The citation-style label: "Article 4(1)(a)", "Article 51, second paragraph",
 * "Annex VII, Article 4(1)", "Part XI, Section 4", "Chapter VII", "Preamble, recital 3".
 */
export function provisionLabel(p: Provision): string {
  if (p.kind === 'paragraph' || p.kind === 'point') {
    const article = nearest(p, 'article');
    let label = article ? provisionLabel(article) : '';
    const chain: Provision[] = [];
    for (let q: Provision | undefined = p; q && q !== article && q.kind !== 'document'; q = q.parent) {
      if (q.kind === 'paragraph' || q.kind === 'point') chain.unshift(q);
      else break;
    }
    let unnumbered = '';
    for (const q of chain) {
      if (q.kind === 'paragraph' && !q.num) unnumbered = `${ordinalWord(q.ordinal)} paragraph`;
      else label += `(${q.num ?? q.ordinal})`;
    }
    if (!article) {
      const holder = chain.length ? chain[0].parent : undefined;
      const prefix = holder && holder.kind !== 'document' ? provisionLabel(holder) + ', ' : '';
      label = prefix + (chain[0]?.kind === 'paragraph' ? 'paragraph ' : 'point ') + label.replace(/^\(|\)$/g, '');
      label = prefix + chain.map((q, i) => (i === 0 ? `${q.kind === 'paragraph' ? 'paragraph' : 'point'} ${q.num ?? q.ordinal}` : `(${q.num ?? q.ordinal})`)).join('');
    }
    return unnumbered ? `${label}, ${unnumbered}` : label;
  }
  if (p.kind === 'recital') return `Preamble, recital ${p.ordinal}`;
  const att = p.kind === 'annex' || p.kind === 'protocol' || p.kind === 'attachment' ? undefined : enclosingAttachment(p);
  const own = ownName(p);
  if (p.kind === 'section' || p.kind === 'subsection') {
    // Sections restart in each part, so a section is only named fully with its part.
    const part = nearest(p, 'part') ?? nearest(p, 'annex');
    const sec = p.kind === 'subsection' ? nearest(p, 'section') : undefined;
    return [part && ownName(part), sec && ownName(sec), own].filter(Boolean).join(', ');
  }
  return att ? `${ownName(att)}, ${own}` : own;
}

function nearest(p: Provision, kind: ProvisionKind): Provision | undefined {
  for (let q = p.parent; q; q = q.parent) if (q.kind === kind) return q;
  return undefined;
}

/** Outline name: "Article 31 — General rule of interpretation"; no dash without a heading. */
export function outlineName(p: Provision): string {
  if (p.kind === 'document') return p.heading ?? 'Document';
  const own = ownName(p);
  if (p.kind === 'attachment') return own;
  return p.heading ? `${own} — ${p.heading}` : own;
}

/** Where a provision sits: "Charter of the United Nations › Chapter VII › Article 51". */
export function provisionPath(doc: TreatyDocument, p: Provision): string {
  // Paragraphs and points are named by their label, which already names their article.
  const inArticle = p.kind === 'paragraph' || p.kind === 'point';
  const parts = ancestors(p)
    .filter((q) => q.kind !== 'paragraph' && q.kind !== 'point' && !(inArticle && q.kind === 'article'))
    .filter((q) => !(inArticle && (q.kind === 'annex' || q.kind === 'protocol') && provisionLabel(p).startsWith(ownName(q))))
    .map(ownName);
  if (p.kind === 'paragraph' || p.kind === 'point') parts.push(provisionLabel(p));
  else parts.push(ownName(p));
  if (doc.title) parts.unshift(doc.title);
  return parts.join(' › ');
}

export interface ProvisionText {
  text: string;
  /** True when the text was cut to the limit. */
  cut: boolean;
  /** The length of the full text, in characters. */
  fullLength: number;
}

/**
 * The provision's text, lines trimmed and blank lines dropped, cut at `maxLength` on a word
 * boundary. Only the part shown is built as a string; the rest is counted in place (a hover
 * on "Part XI" used to normalise 100 KB to show 1,200 characters).
 */
export function provisionText(doc: TreatyDocument, p: Provision, maxLength = 1200): ProvisionText {
  const text = textOf(doc);
  const end = Math.min(p.end, text.length);
  // The count of a span is kept per parsed document: hovering "Part XI" again reads 1,200 characters.
  let counts = fullLengths.get(doc);
  if (!counts) fullLengths.set(doc, (counts = new Map()));
  const key = `${p.start}:${end}`;
  const known = counts.get(key);
  // Enough to find the last space at or before maxLength.
  const wanted = maxLength + 1;
  const parts: string[] = [];
  let built = 0;
  let total = 0;
  let pos = Math.max(0, p.start);
  while (pos <= end && (known === undefined || built < wanted)) {
    // The line [pos, lineEnd): lines end at \n, \r\n or a lone \r.
    let lineEnd = pos;
    while (lineEnd < end) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      lineEnd++;
    }
    let a = pos;
    let b = lineEnd;
    while (a < b && isRegexSpace(text.charCodeAt(a))) a++;
    while (b > a && isRegexSpace(text.charCodeAt(b - 1))) b--;
    if (a < b) {
      if (total > 0) {
        total++;
        if (built < wanted) {
          parts.push('\n');
          built++;
        }
      }
      total += b - a;
      if (built < wanted) {
        const take = Math.min(b, a + (wanted - built));
        parts.push(text.slice(a, take));
        built += take - a;
      }
    }
    if (lineEnd >= end) break;
    pos = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 && lineEnd + 1 < end ? 2 : 1);
  }
  const shown = parts.join('');
  if (known !== undefined) total = known;
  else counts.set(key, total);
  if (total <= maxLength) return { text: shown, cut: false, fullLength: total };
  let cutAt = shown.lastIndexOf(' ', maxLength);
  if (cutAt < maxLength * 0.6) cutAt = maxLength;
  return { text: shown.slice(0, cutAt).trimEnd(), cut: true, fullLength: total };
}

/** Counted lengths per document (a new parse is a new document, so nothing goes stale). */
const fullLengths = new WeakMap<TreatyDocument, Map<string, number>>();

