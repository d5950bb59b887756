// What a number that names a missing provision was probably meant to be: the provision
// numbered just before or just after it (an article was inserted or removed), or the
// last one when the number runs past the end ("Article 25" in a text of 23 articles).
// No guessing beyond that: a suggestion that is often wrong is worse than none.
import type { NumberToken, Provision, ProvisionKind, TreatyDocument } from '../model';
import { parseNumber, type Scheme } from '../model/numbering';

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
  const scheme = /^\d/.test(token.num) ? 'arabic' : kind === 'point' ? 'letter' : 'roman';
  const wanted = parseNumber(token.num, scheme) ?? (scheme === 'roman' ? parseNumber(token.num, 'letter') : undefined);
  if (!wanted) return [];
  const schemeUsed = parseNumber(token.num, scheme) ? scheme : 'letter';
  const siblings = numberedSiblings(doc, segments.join('__'), kind, scope, schemeUsed);
  if (!siblings) return [];

  const out: Provision[] = [];
  const add = (p: Provision | undefined) => {
    if (p && !out.includes(p)) out.push(p);
  };
  add(siblings.byValue.get(wanted.value - 1));
  add(siblings.byValue.get(wanted.value + 1));
  if (wanted.value > siblings.maxValue) add(siblings.max);
  return out.slice(0, MAX_CANDIDATES).sort((a, b) => a.start - b.start);
}

interface Numbered {
  /** The first provision in text order carrying each value. */
  byValue: Map<number, Provision>;
  /** The first provision carrying the highest value. */
  max: Provision;
  maxValue: number;
}

/**
 * Sibling lists by value, built once per provision tree: a document with many broken
 * references asks for the same list each time, and walking every article per reference made
 * diagnostics grow with broken references × articles. Keyed by the root: an incremental
 * re-parse that keeps the provisions (and so their numbers) keeps the root, a full parse makes
 * a new one. Candidates are sorted by offsets read when asked, so shifted offsets are current.
 */
const numberedMemo = new WeakMap<Provision, Map<string, Numbered | null>>();

function numberedSiblings(doc: TreatyDocument, parentId: string, kind: ProvisionKind, scope: Provision | undefined, scheme: Scheme): Numbered | null {
  let lists = numberedMemo.get(doc.root);
  if (!lists) numberedMemo.set(doc.root, (lists = new Map()));
  const key = `${parentId}|${kind}|${scope?.eId ?? ''}|${scheme}`;
  const known = lists.get(key);
  if (known !== undefined) return known;
  let result: Numbered | null = null;
  for (const p of siblingsOf(doc, parentId, kind, scope)) {
    const v = p.num ? parseNumber(p.num, scheme) : undefined;
    if (!v || v.suffix) continue;
    if (!result) result = { byValue: new Map(), max: p, maxValue: v.value };
    if (!result.byValue.has(v.value)) result.byValue.set(v.value, p);
    if (v.value > result.maxValue) {
      result.max = p;
      result.maxValue = v.value;
    }
  }
  lists.set(key, result);
  return result;
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
