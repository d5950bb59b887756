// Which references of a document name or target each of its provisions, kept across edits.
//
// Find All References after a keystroke walked all 20,000 references of a 5 MB treaty (10 ms of
// the answer). An incremental re-parse keeps the provision tree and every reference outside the
// edited article (shifted in place), so this index is kept per tree too: after an edit only the
// references in the changed span (`changedSince`) are added, and a reference the re-parse
// replaced is dropped when it is met (it is no longer in the document's list).
import type { Provision, Reference, TreatyDocument } from '../model';
import { firstReferenceFrom } from '../model/query';
import { changedSince, modelId } from '../model/incremental';

interface CitedIndex {
  /** The model the index is up to date with. */
  id: number;
  /** Internal references by each provision one of their targets or written numbers is. */
  byProvision: Map<Provision, Reference[]>;
  /** References to other instruments (they may resolve into this document too). */
  external: Reference[];
  indexed: WeakSet<Reference>;
}

const indexes = new WeakMap<Provision, CitedIndex>();

/**
 * The document's references that may cite `p` — every internal reference with a target or a
 * written number that is `p` (or, with `deep`, inside `p`), and every reference to another
 * instrument — in document order. A superset: the caller decides with the exact rule.
 */
export function mayCite(doc: TreatyDocument, p: Provision, deep: boolean): Reference[] {
  const index = indexOf(doc);
  const out: Reference[] = [];
  const seen = new Set<Reference>();
  const take = (list: Reference[]) => {
    // Pruned as they are read: references an edit replaced are gone from the document.
    let kept = 0;
    for (const r of list) {
      if (!isLive(doc, r)) continue;
      list[kept++] = r;
      if (!seen.has(r)) {
        seen.add(r);
        out.push(r);
      }
    }
    list.length = kept;
  };
  const visit = (q: Provision) => {
    const list = index.byProvision.get(q);
    if (list) take(list);
    if (deep) for (const c of q.children) visit(c);
  };
  visit(p);
  take(index.external);
  return out.sort((a, b) => a.start - b.start);
}

function indexOf(doc: TreatyDocument): CitedIndex {
  const id = modelId(doc);
  let index = indexes.get(doc.root);
  if (index && index.id !== id) {
    const changed = changedSince(doc, index.id);
    if (changed) {
      const refs = doc.references;
      for (let i = firstReferenceFrom(refs, changed.start, 'end'); i < refs.length && refs[i].start <= changed.end; i++) add(index, refs[i]);
      index.id = id;
    } else index = undefined;
  }
  if (!index) {
    index = { id, byProvision: new Map(), external: [], indexed: new WeakSet() };
    for (const r of doc.references) add(index, r);
    indexes.set(doc.root, index);
  }
  return index;
}

function add(index: CitedIndex, r: Reference): void {
  if (index.indexed.has(r)) return;
  index.indexed.add(r);
  if (r.instrument) {
    // Kept in document order: the changed span's references come after those before it only by chance.
    const list = index.external;
    let at = list.length;
    while (at > 0 && list[at - 1].start > r.start) at--;
    list.splice(at, 0, r);
    return;
  }
  const put = (p: Provision | undefined) => {
    if (!p) return;
    const list = index.byProvision.get(p);
    if (!list) index.byProvision.set(p, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  for (const t of r.targets) put(t.provision);
  if (r.numbers) for (const n of r.numbers) put(n.provision);
}

/** Whether `r` is still one of the document's references (an edit may have replaced it). */
function isLive(doc: TreatyDocument, r: Reference): boolean {
  const refs = doc.references;
  return refs[firstReferenceFrom(refs, r.start)] === r;
}
