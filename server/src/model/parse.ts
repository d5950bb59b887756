// Entry point: text -> TreatyDocument (structure, then references resolved against it).
import type { TreatyDocument } from './types';
import { parseStructure } from './structure';
import { findReferences } from './references';
import { Catalogue, DEFAULT_CATALOGUE } from './catalogue';

export interface ParseOptions {
  catalogue?: Catalogue;
}

export function parseTreaty(text: string, options: ParseOptions = {}): TreatyDocument {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const doc = parseStructure(text, catalogue);
  if (doc.title) doc.instrumentId = catalogue.identify(doc.title)?.id;
  doc.references = findReferences(doc, catalogue);
  return doc;
}
