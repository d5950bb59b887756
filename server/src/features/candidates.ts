// What a number that names a missing provision was probably meant to be: the provision
// numbered just before or just after it (an article was inserted or removed), or the
// last one when the number runs past the end ("Article 25" in a text of 23 articles).
// No guessing beyond that: a suggestion that is often wrong is worse than none.
import type { NumberToken, Provision, ProvisionKind, TreatyDocument } from '../model';
import { parseNumber } from '../model/numbering';

const WORD_KIND: Record<string, ProvisionKind> = {
  art: 'article',
  para: 'paragraph',
  point: 'point',
  chp: 'chapter',
  part: 'part',
  title: 'title',
  sec: 'section',
  subsec: 'subsection',
  annex: 'annex',
};

const ATTACHMENTS: ProvisionKind[] = ['annex', 'protocol', 'attachment'];
const MAX_CANDIDATES = 3;

/**
 * Candidates for a number token whose provision is missing in `doc`. `scope` is the annex
 * the reference stands in, when a bare article number means that annex's own articles.
 */
export function candidatesFor(doc: TreatyDocument, token: NumberToken, scope?: Provision): Provision[] {
  const segments = token.eId.split('__');
  const last = segments.pop()!;
  const word = last.slice(0, last.indexOf('_'));
  const kind = WORD_KIND[word];
  if (!kind) return [];
  const siblings = siblingsOf(doc, segments.join('__'), kind, scope);
  if (!siblings.length) return [];

  const scheme = /^\d/.test(token.num) ? 'arabic' : kind === 'point' ? 'letter' : 'roman';
  const wanted = parseNumber(token.num, scheme) ?? (scheme === 'roman' ? parseNumber(token.num, 'letter') : undefined);
  if (!wanted) return [];
  const schemeUsed = parseNumber(token.num, scheme) ? scheme : 'letter';
  const valued = siblings
    .map((p) => ({ p, v: p.num ? parseNumber(p.num, schemeUsed) : undefined }))
    .filter((x): x is { p: Provision; v: NonNullable<typeof x.v> } => !!x.v && !x.v.suffix);
  if (!valued.length) return [];

  const out: Provision[] = [];
  const add = (p: Provision | undefined) => {
    if (p && !out.includes(p)) out.push(p);
  };
  add(valued.find((x) => x.v.value === wanted.value - 1)?.p);
  add(valued.find((x) => x.v.value === wanted.value + 1)?.p);
  const max = valued.reduce((a, b) => (b.v.value > a.v.value ? b : a));
  if (wanted.value > max.v.value) add(max.p);
  return out.slice(0, MAX_CANDIDATES).sort((a, b) => a.range.start - b.range.start);
}

/** The provisions of `kind` among which the missing one would stand. */
function siblingsOf(doc: TreatyDocument, parentId: string, kind: ProvisionKind, scope: Provision | undefined): Provision[] {
  if (parentId) {
    const parent = doc.byId.get(parentId);
    if (!parent) return [];
    return kind === 'article' ? inScope(parent, kind) : parent.children.filter((c) => c.kind === kind);
  }
  if (kind === 'annex') return doc.root.children.filter((c) => c.kind === 'annex');
  if (kind === 'article' && scope) {
    const own = inScope(scope, kind);
    if (own.length) return own;
  }
  return inScope(doc.root, kind);
}

/** Provisions of a kind through one instrument scope (the main text or one annex). */
function inScope(scope: Provision, kind: ProvisionKind): Provision[] {
  const list: Provision[] = [];
  const visit = (p: Provision) => {
    for (const c of p.children) {
      if (c.kind === kind) list.push(c);
      else if (!ATTACHMENTS.includes(c.kind) && c.kind !== 'article') visit(c);
    }
  };
  visit(scope);
  return list;
}
