// The workspace's provisions, indexed for "Find similar provisions" (see model/similar.ts for
// the measure). Every open document and every treaty-like file in the workspace and library
// folders is parsed (the workspace caches parses per version and modification time) and
// indexed once per parse, so a second search costs only the look-ups.
import type { Provision, TreatyDocument } from '../model';
import { indexDocument, queryOf, rankSimilar, related, type DocumentIndex, type SimilarHit } from '../model/similar';
import { normaliseUri } from './fileSystem';
import type { ParsedDocument, Workspace } from './workspace';

export interface SimilarProvision extends SimilarHit<string> {
  /** The document's URI (also `key`). */
  uri: string;
}

export class SimilarityIndex {
  private readonly indexes = new WeakMap<TreatyDocument, DocumentIndex>();

  constructor(
    private readonly ws: Workspace,
    private readonly openUris: () => readonly string[],
  ) {}

  /** Every document to search: open ones (their editor text) and files on disk, each once. */
  async documents(): Promise<ParsedDocument[]> {
    const out: ParsedDocument[] = [];
    const seen = new Set<string>();
    for (const uri of this.openUris()) {
      const parsed = this.ws.get(uri);
      if (parsed && !seen.has(normaliseUri(uri))) out.push(parsed), seen.add(normaliseUri(uri));
    }
    for (const entry of await this.ws.files()) {
      if (seen.has(normaliseUri(entry.uri))) continue;
      const parsed = await this.ws.load(entry.uri);
      if (parsed) out.push(parsed), seen.add(normaliseUri(entry.uri));
    }
    return out;
  }

  private indexOf(doc: TreatyDocument): DocumentIndex {
    let index = this.indexes.get(doc);
    if (!index) this.indexes.set(doc, (index = indexDocument(doc)));
    return index;
  }

  /** Provisions worded like `p` (in `doc` at `uri`), best first; never `p`, its ancestors or its parts. */
  async similar(doc: TreatyDocument, uri: string, p: Provision, limit = 20): Promise<SimilarProvision[]> {
    const self = normaliseUri(uri);
    const docs = await this.documents();
    const indexes = docs.map((d) => ({ key: d.uri, index: this.indexOf(d.doc) }));
    if (!docs.some((d) => normaliseUri(d.uri) === self)) indexes.push({ key: uri, index: this.indexOf(doc) });
    const hits = rankSimilar(queryOf(doc, p), indexes, {
      limit,
      exclude: (key, q) => normaliseUri(key) === self && related(p, q),
    });
    return hits.map((h) => ({ ...h, uri: h.key }));
  }
}
