// "Find similar provisions": which provisions, in any of many treaties, are worded most like
// this one.
//
// Comparing one provision with every other by word diff would be too slow for a workspace of
// hundreds of treaties (tens of thousands of provisions), so it runs in two steps:
//
// 1. Candidates, from an inverted index of word 3-grams ("shingles"). Each provision's wording
//    becomes the set of its three-word runs ("shall render assistance", "render assistance
//    without", …), each hashed to a 32-bit number. Every document keeps a map shingle →
//    provisions that contain it, so the provisions sharing any shingle with the query are
//    found with one map look-up per query shingle and per document, and their overlap is
//    counted on the way: the Jaccard index |A ∩ B| / |A ∪ B| of the two shingle sets. Shared
//    three-word runs mean shared phrasing, not just shared vocabulary ("the Parties shall").
//    Each document's index is built once and kept while the document is unchanged.
// 2. Ranking: the best candidates by Jaccard are scored again with the figure `compare`
//    reports (`similarity` in compare.ts: words in common in order), so the list and the diff
//    editor quote the same number.
import type { Provision, TreatyDocument } from './types';
import { walk } from './query';
import { WORD, provisionBody, similarityOfWords, words } from './compare';
import { lowerBound } from './lines';

/** The provisions worth comparing: what a reader would quote. */
const INDEXED = new Set(['article', 'paragraph', 'point', 'recital']);
/** Shorter texts ("(a) ratification;") match too much to be worth listing. */
const MIN_WORDS = 6;
const SHINGLE = 3;

export interface IndexedProvision {
  provision: Provision;
  /** Sorted, distinct shingle hashes. (Words are not kept: re-read for the few candidates.) */
  shingles: Uint32Array;
}

export interface DocumentIndex {
  doc: TreatyDocument;
  provisions: IndexedProvision[];
  /** shingle → indexes into `provisions` (each at most once). */
  postings: Map<number, number[]>;
}

/** 32-bit FNV-1a of a word. */
function wordHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One hash for three consecutive word hashes (FNV over them, then murmur3's finaliser to spread the bits). */
function shingleHash(a: number, b: number, c: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The distinct three-word shingles of a word list, hashed and sorted. */
export function shingles(ws: readonly string[]): Uint32Array {
  return shinglesOfHashes(ws.map(wordHash), 0, ws.length);
}

function shinglesOfHashes(hashes: ArrayLike<number>, from: number, to: number): Uint32Array {
  const set = new Set<number>();
  const n = to - from;
  if (n > 0 && n < SHINGLE) set.add(shingleHash(hashes[from], n > 1 ? hashes[from + 1] : 0, 0));
  for (let i = from; i + SHINGLE <= to; i++) set.add(shingleHash(hashes[i], hashes[i + 1], hashes[i + 2]));
  return Uint32Array.from(set).sort();
}

/**
 * The document's words once, with where each starts, so that every provision's shingles are
 * taken from a slice of one list instead of re-reading its text (an article's text holds its
 * paragraphs', which hold their points').
 */
function tokenise(text: string): { starts: Int32Array; hashes: Uint32Array } {
  const starts: number[] = [];
  const hashes: number[] = [];
  // Same tokens as `words` (compare.ts): lower case keeps offsets for the scripts treaties use.
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  for (const m of lower.matchAll(WORD)) {
    starts.push(same ? m.index : 0);
    hashes.push(wordHash(m[0]));
  }
  return { starts: Int32Array.from(starts), hashes: Uint32Array.from(hashes) };
}

export function indexDocument(doc: TreatyDocument): DocumentIndex {
  const provisions: IndexedProvision[] = [];
  const postings = new Map<number, number[]>();
  const tokens = tokenise(doc.text);
  // Lower-casing changed the length (rare: a few letters such as "İ"): read each text instead.
  const offsetsKnown = doc.text.toLowerCase().length === doc.text.length;
  for (const p of walk(doc.root)) {
    if (!INDEXED.has(p.kind)) continue;
    let sh: Uint32Array;
    if (offsetsKnown) {
      const from = lowerBound(tokens.starts, Math.min(Math.max(p.bodyStart, p.start), p.end));
      const to = lowerBound(tokens.starts, p.end);
      if (to - from < MIN_WORDS) continue;
      sh = shinglesOfHashes(tokens.hashes, from, to);
    } else {
      const ws = words(provisionBody(doc, p));
      if (ws.length < MIN_WORDS) continue;
      sh = shingles(ws);
    }
    const at = provisions.length;
    provisions.push({ provision: p, shingles: sh });
    for (const s of sh) {
      const list = postings.get(s);
      if (list) list.push(at);
      else postings.set(s, [at]);
    }
  }
  return { doc, provisions, postings };
}

export interface SimilarQuery {
  words: string[];
  shingles: Uint32Array;
}

export function queryOf(doc: TreatyDocument, p: Provision): SimilarQuery {
  const ws = words(provisionBody(doc, p));
  return { words: ws, shingles: shingles(ws) };
}

export interface SimilarHit<K> {
  key: K;
  provision: Provision;
  doc: TreatyDocument;
  /** Jaccard index of the shingle sets (the candidate score). */
  jaccard: number;
  /** The `compare` figure: 2·common words / total words. */
  ratio: number;
}

export interface RankOptions<K> {
  /** How many results to return. */
  limit?: number;
  /** How many candidates (best by Jaccard) are scored by word diff. */
  candidates?: number;
  /** Leave out a provision (the query itself, its article, its paragraphs). */
  exclude?: (key: K, p: Provision) => boolean;
}

/** The provisions of the indexed documents worded most like the query, best first. */
export function rankSimilar<K>(query: SimilarQuery, indexes: ReadonlyArray<{ key: K; index: DocumentIndex }>, options: RankOptions<K> = {}): SimilarHit<K>[] {
  const limit = options.limit ?? 20;
  const maxCandidates = Math.max(limit, options.candidates ?? 60);
  if (query.shingles.length === 0) return [];
  const candidates: Array<{ key: K; index: DocumentIndex; at: number; jaccard: number }> = [];
  for (const { key, index } of indexes) {
    const shared = new Map<number, number>();
    for (const s of query.shingles) {
      const list = index.postings.get(s);
      if (list) for (const at of list) shared.set(at, (shared.get(at) ?? 0) + 1);
    }
    for (const [at, n] of shared) {
      const entry = index.provisions[at];
      if (options.exclude?.(key, entry.provision)) continue;
      const jaccard = n / (query.shingles.length + entry.shingles.length - n);
      candidates.push({ key, index, at, jaccard });
    }
  }
  candidates.sort((a, b) => b.jaccard - a.jaccard);
  const hits = candidates.slice(0, maxCandidates).map((c): SimilarHit<K> => {
    const entry = c.index.provisions[c.at];
    return {
      key: c.key,
      provision: entry.provision,
      doc: c.index.doc,
      jaccard: c.jaccard,
      ratio: similarityOfWords(query.words, words(provisionBody(c.index.doc, entry.provision))).ratio,
    };
  });
  hits.sort((a, b) => b.ratio - a.ratio || b.jaccard - a.jaccard);
  return hits.slice(0, limit);
}

/** True when `a` is `b`, or one contains the other: a provision is not "similar" to its own paragraphs. */
export function related(a: Provision, b: Provision): boolean {
  for (let q: Provision | undefined = a; q; q = q.parent) if (q === b) return true;
  for (let q: Provision | undefined = b; q; q = q.parent) if (q === a) return true;
  return false;
}
