// The references a workspace summary keeps — those citing another instrument — without
// resolving the document's citations of itself (35-45 % of `findReferences` on the benchmark's
// treaties, and a summary throws them away).
//
// Why skipping the others changes nothing, as references.ts resolves (keep in step with it):
// - which citations there are does not depend on resolution: the scanners run before it;
// - a citation of another instrument is one with an instrument scope ("of the Charter …",
//   "of the Charter" after a full title: text, not chain state); its targets and numbers are
//   spelled from its own steps. The resolver's chain state ("that article", a continued
//   "and article 17", the last annex) is written only by citations of this document and read
//   only to resolve them: "paragraph 2 of that article" after "Article 5 of the Charter" names
//   the last article of THIS text, so it is never a reference to another instrument;
// - the one thing the others could change is `withoutOverlaps` dropping a reference that
//   overlaps an earlier one ("this Statute" references are only added where none is). The
//   scanners return citations in order and apart; when they do not (a merge of language and
//   English forms gone wrong), everything is resolved as usual and filtered.
// server/test/workspace/summaryParse.test.ts holds this against the full parse.
import type { Reference, TreatyDocument } from './types';
import type { Catalogue } from './catalogue';
import type { Citation } from './citations';
import { findReferences, resolveCitations, scanCitations } from './references';

export function otherInstrumentReferences(doc: TreatyDocument, catalogue: Catalogue): Reference[] {
  const citations = scanCitations(doc, catalogue);
  const external: Citation[] = [];
  let end = -1;
  let start = -1;
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    if (c.start < end || c.start < start) return findReferences(doc, catalogue).filter((r) => r.instrument);
    start = c.start;
    end = c.end;
    if (c.scope?.kind === 'instrument' && !c.foreign) external.push(c);
  }
  const out: Reference[] = [];
  // Resolved in order by one resolver, as findReferences would; an instrument scope may still
  // name this document ("Article 5 of the Charter of the United Nations" in the Charter).
  for (const r of resolveCitations(doc, catalogue, external)) if (r.instrument) out.push(r);
  return out;
}
