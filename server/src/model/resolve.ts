// Resolving a reference's targets to provisions, in this document or in the document of
// another instrument (found by the workspace through `InstrumentLookup`).
import type { InstrumentCitation, Provision, Reference, Span, TreatyDocument } from './types';
import { provisionLabel } from './render';

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

/**
 * The provision named by the number of `ref` under `offset` — "53" in "article 53 or 64", "5" in
 * "paragraph 2 of Article 5" — with the span of that number; undefined off a number, or when the
 * number names no provision found. `res` is the reference's resolution (another instrument's
 * numbers are looked up in its document).
 */
export function numberTargetAt(doc: TreatyDocument, ref: Reference, res: Resolution, offset: number): { span: Span; target: ResolvedTarget } | undefined {
  const token = ref.numbers?.find((n) => n.start <= offset && offset <= n.end);
  if (!token) return undefined;
  const external = ref.instrument ? res.targets.find((t) => t.doc) : undefined;
  if (ref.instrument && !external) return undefined;
  const provision = token.provision ?? external?.doc?.byId.get(token.eId);
  if (!provision) return undefined;
  return {
    span: { start: token.start, end: token.end },
    target: { eId: token.eId, instrument: external ? external.instrument : null, doc: external?.doc ?? doc, uri: external?.uri, provision },
  };
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
    problem: missing.length ? `the ${ref.instrument.title} has no ${missing.map((t) => describeMissing(found.doc, t.eId)).join(', no ')}` : undefined,
  };
}

/** "Article 200; the last is Article 111", in the renderer's words, from a missing eId. */
function describeMissing(doc: TreatyDocument, eId: string): string {
  const parts = eId.split('__');
  let parent: Provision | undefined = doc.root;
  let k = 0;
  for (; k < parts.length - 1; k++) {
    const next: Provision | undefined = doc.byId.get(parts.slice(0, k + 1).join('__'));
    if (!next) break;
    parent = next;
  }
  const wanted = parts[k];
  const sep = wanted.indexOf('_');
  const word = WORDS[wanted.slice(0, sep)] ?? wanted.slice(0, sep);
  const num = wanted.slice(sep + 1);
  const name = `${word} ${num}`;
  const siblings = parent.kind === 'document'
    ? [...doc.byId.values()].filter((p) => p.eId.startsWith(wanted.slice(0, sep) + '_') && !p.eId.includes('__'))
    : parent.children.filter((c) => c.eId.startsWith(parent!.eId + '__' + wanted.slice(0, sep) + '_'));
  const where = parent.kind === 'document' ? '' : ` in ${provisionLabel(parent)}`;
  const last = siblings[siblings.length - 1];
  return last ? `${name}${where}; the last is ${provisionLabel(last)}` : `${name}${where}`;
}

const WORDS: Record<string, string> = {
  art: 'Article',
  para: 'paragraph',
  point: 'point',
  chp: 'Chapter',
  part: 'Part',
  sec: 'Section',
  subsec: 'Subsection',
  annex: 'Annex',
  title: 'Title',
};
