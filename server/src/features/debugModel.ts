// `pacta/debugModel`: the model the server holds for a document, as canonical JSON, so a
// test can compare it with a fresh parse of the same text (incremental edits must give the
// same model). Served only when the client enables it (initializationOptions.debugModel or
// PACTA_DEBUG_MODEL=1): it exposes nothing secret, but it is not an API.
import { labelStart, walk, type TreatyDocument } from '../model';

export const DEBUG_MODEL_METHOD = 'pacta/debugModel';

export interface CanonicalModel {
  /** Length and FNV-1a hash of the text the model was parsed from: shows the texts agree. */
  textLength: number;
  textHash: string;
  title: string | null;
  /** Every provision in document order: [eId, kind, num, heading, start, end, labelStart, labelEnd]. */
  outline: Array<[string, string, string | null, string | null, number, number, number, number]>;
  /** Every reference: [start, end, text, resolved, targets as "instrument#eId"]. */
  references: Array<[number, number, string, boolean, string[]]>;
}

export function canonicalModel(doc: TreatyDocument): CanonicalModel {
  return {
    textLength: doc.text.length,
    textHash: fnv1a(doc.text),
    title: doc.title ?? null,
    outline: [...walk(doc.root)].map((p) => [
      p.eId,
      p.kind,
      p.num ?? null,
      p.heading ?? null,
      p.start,
      p.end,
      labelStart(p),
      p.labelEnd,
    ]),
    references: doc.references.map((r) => [
      r.start,
      r.end,
      r.text,
      r.resolved,
      r.targets.map((t) => `${t.instrument ?? ''}#${t.eId}`),
    ]),
  };
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
