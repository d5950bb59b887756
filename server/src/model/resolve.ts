// Resolving a reference's targets to provisions, in this document or in the document of
// another instrument (found by the workspace through `InstrumentLookup`).
import type { InstrumentCitation, Provision, Reference, TreatyDocument } from './types';

/** Finds the parsed text of a cited instrument, when the workspace has one. */
export type InstrumentLookup = (citation: InstrumentCitation) => { doc: TreatyDocument; uri: string } | undefined;

export interface ResolvedTarget {
  eId: string;
  instrument: string | null;
  /** The document the target lives in (this one for internal references). */
  doc?: TreatyDocument;
  /** The uri of that document, for external targets. */
  uri?: string;
  provision?: Provision;
}

export interface Resolution {
  targets: ResolvedTarget[];
  /** Set when some target could not be found: why, in words for a person. */
  problem?: string;
  /** For external references: whether the cited instrument's text was found at all. */
  instrumentFound?: boolean;
}

export function resolveReference(doc: TreatyDocument, ref: Reference, lookup?: InstrumentLookup): Resolution {
  if (!ref.instrument) {
    return {
      targets: ref.targets.map((t) => ({ eId: t.eId, instrument: null, doc, provision: t.provision })),
      problem: ref.problem,
    };
  }
  const found = lookup?.(ref.instrument);
  if (!found) {
    return {
      targets: ref.targets.map((t) => ({ eId: t.eId, instrument: t.instrument })),
      instrumentFound: false,
      problem: `the text of the ${ref.instrument.title} is not open, in the workspace, or in a pacta.library folder`,
    };
  }
  const targets = ref.targets.map((t) => ({
    eId: t.eId,
    instrument: t.instrument,
    doc: found.doc,
    uri: found.uri,
    provision: found.doc.byId.get(t.eId),
  }));
  const missing = targets.filter((t) => !t.provision);
  return {
    targets,
    instrumentFound: true,
    problem: missing.length
      ? `the ${ref.instrument.title} has no ${missing.map((t) => t.eId).join(', ')}`
      : undefined,
  };
}
