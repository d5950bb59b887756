// Finding things in a parsed document by offset or id.
import type { Provision, ProvisionKind, Reference, Span, TreatyDocument } from './types';

/**
 * The document and every kind from an article up: what folds and what workspace symbols list.
 * Paragraphs, points and recitals are too many for either.
 */
export const ARTICLE_AND_ABOVE: ReadonlySet<ProvisionKind> = new Set<ProvisionKind>([
  'document', 'preamble', 'part', 'title', 'chapter', 'section', 'subsection', 'article', 'annex', 'protocol', 'attachment', 'conclusions',
]);

/** Where `p`'s label (its number and heading lines) starts: where it starts, the root where its title line does. */
export function labelStart(p: Provision): number {
  return p.labelStart ?? p.start;
}

/**
 * `p`'s label as a span, made on each call: the model keeps only `labelEnd`, since a span
 * object per provision cost a quarter of a byte per character of text.
 */
export function labelSpan(p: Provision): Span {
  return { start: labelStart(p), end: p.labelEnd };
}

/**
 * The first index in `refs` (text order, never overlapping, so starts and ends both ascend)
 * whose range's `edge` is at or after `at`; `refs.length` when none is.
 */
export function firstReferenceFrom(refs: readonly Reference[], at: number, edge: 'start' | 'end' = 'start'): number {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid][edge] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The reference whose range contains `offset` (ends inclusive, so a cursor just after a word counts). */
export function referenceAt(doc: TreatyDocument, offset: number): Reference | undefined {
  const refs = doc.references;
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** The innermost provision whose range contains `offset`. */
export function provisionAt(doc: TreatyDocument, offset: number): Provision {
  return provisionAtFrom(doc.root, offset);
}

/** The innermost provision under `from` (inclusive) whose range contains `offset`. */
export function provisionAtFrom(from: Provision, offset: number): Provision {
  let p = from;
  for (;;) {
    const child = findChild(p.children, offset);
    if (!child) return p;
    p = child;
  }
}

function findChild(children: Provision[], offset: number): Provision | undefined {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** Every provision in document order. */
export function* walk(p: Provision): Generator<Provision> {
  // One generator and a stack: nested `yield*` passed each provision up through one generator
  // per level (an index of 500 treaties spent 6 % of its time there).
  const stack: Provision[] = [p];
  for (let q = stack.pop(); q !== undefined; q = stack.pop()) {
    yield q;
    for (let i = q.children.length - 1; i >= 0; i--) stack.push(q.children[i]);
  }
}
