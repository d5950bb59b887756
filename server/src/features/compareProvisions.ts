// Comparing provisions across treaties, as the client's commands need it: the provisions a
// document offers to compare, a provision's wording (for the diff editor's two sides), the
// comparison itself, and similar provisions ranked for a quick pick.
import type { Position } from 'vscode-languageserver-protocol';
import { labelSpan, outlineName, provisionAt, provisionLabel, walk, type Provision, type TreatyDocument } from '../model';
import { compareProvisions, percent, provisionBody, renderWordDiff, changes } from '../model/compare';
import type { SimilarHit } from '../model/similar';
import { linesOf, toRange } from './convert';

/** Kinds a reader compares: what has wording of its own. */
const COMPARABLE = new Set(['article', 'paragraph', 'point', 'recital', 'annex', 'attachment', 'preamble']);

export interface ProvisionChoice {
  eId: string;
  /** "Article 1(2)" */
  label: string;
  /** "Article 31 — General rule of interpretation" */
  name: string;
  /** The first words of its text. */
  preview: string;
  depth: number;
}

function preview(doc: TreatyDocument, p: Provision, length = 90): string {
  const text = provisionBody(doc, p).replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const cut = text.lastIndexOf(' ', length);
  return text.slice(0, cut > length * 0.6 ? cut : length) + ' …';
}

/** The provisions of a document one can compare, in document order. */
export function provisionChoices(doc: TreatyDocument): ProvisionChoice[] {
  const out: ProvisionChoice[] = [];
  for (const p of walk(doc.root)) {
    if (!COMPARABLE.has(p.kind)) continue;
    let depth = 0;
    for (let q = p.parent; q && q.kind !== 'document'; q = q.parent) if (COMPARABLE.has(q.kind)) depth++;
    out.push({ eId: p.eId, label: provisionLabel(p), name: outlineName(p), preview: preview(doc, p), depth });
  }
  return out;
}

/** The provision the cursor is in, as a reader would quote it: the innermost comparable one. */
export function comparableAt(doc: TreatyDocument, position: Position): Provision | undefined {
  for (let p: Provision | undefined = provisionAt(doc, linesOf(doc).offsetAt(position)); p; p = p.parent) {
    if (COMPARABLE.has(p.kind)) return p;
  }
  return undefined;
}

export interface ProvisionTextResult {
  eId: string;
  label: string;
  /** "Treaty of … › Article 1(2)" */
  path: string;
  title?: string;
  /** The wording, without the number and heading lines. */
  text: string;
}

export interface ComparisonResult {
  /** `[-removed-]{+added+}` word diff from the first provision to the second. */
  diff: string;
  added: string[];
  removed: string[];
  similarity: number;
  /** "82%" */
  percent: string;
  commonWords: number;
  leftWords: number;
  rightWords: number;
}

export function comparison(aDoc: TreatyDocument, a: Provision, bDoc: TreatyDocument, b: Provision): ComparisonResult {
  const c = compareProvisions(aDoc, a, bDoc, b);
  return {
    diff: renderWordDiff(c.parts),
    added: changes(c.parts, 'added'),
    removed: changes(c.parts, 'removed'),
    similarity: c.similarity.ratio,
    percent: percent(c.similarity.ratio),
    commonWords: c.similarity.common,
    leftWords: c.similarity.leftWords,
    rightWords: c.similarity.rightWords,
  };
}

export interface SimilarResult {
  uri: string;
  eId: string;
  label: string;
  /** The document's title, when it has one. */
  title?: string;
  similarity: number;
  percent: string;
  preview: string;
  /** The provision's number/heading line, to open it at. */
  range: ReturnType<typeof toRange>;
}

export function similarResults(hits: ReadonlyArray<SimilarHit<string>>): SimilarResult[] {
  return hits.map((h) => ({
    uri: h.key,
    eId: h.provision.eId,
    label: provisionLabel(h.provision),
    title: h.doc.title,
    similarity: h.ratio,
    percent: percent(h.ratio),
    preview: preview(h.doc, h.provision),
    range: toRange(linesOf(h.doc), labelSpan(h.provision)),
  }));
}
