// Entry point: text -> TreatyDocument (structure, then references resolved against it).
import type { TreatyDocument } from './types';
import { parseStructure } from './structure';
import { findReferences } from './references';
import { otherInstrumentReferences } from './summaryReferences';
import { Catalogue, DEFAULT_CATALOGUE } from './catalogue';
import { detectLanguage, languageNote } from './language';

export interface ParseOptions {
  catalogue?: Catalogue;
  /**
   * The text's language ("fr", "ko", …), e.g. from a setting; undefined or "auto" detects it.
   * A `pacta: language=…` note in the text's first lines still wins: it is the most specific.
   */
  language?: string;
  /**
   * 'otherInstruments': only the references that cite another instrument, the rest left
   * unresolved (what a workspace summary keeps: summaryReferences.ts). Paragraphs, points and
   * recitals then have no eId and are not in byId (a summary lists articles and up). Not a
   * model for the editor, nor one for reparseTreaty to start from. Default 'all'.
   */
  references?: 'all' | 'otherInstruments';
}

export function parseTreaty(text: string, options: ParseOptions = {}): TreatyDocument {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const summary = options.references === 'otherInstruments';
  const doc = parseStructure(text, catalogue, { listIds: !summary });
  if (doc.title) doc.instrumentId = catalogue.identify(doc.title)?.id;
  const setting = options.language && options.language !== 'auto' ? options.language.toLowerCase() : undefined;
  const language = languageNote(text) ?? setting ?? detectLanguage(text).code;
  if (language !== 'und') doc.language = language;
  doc.references = summary ? otherInstrumentReferences(doc, catalogue) : findReferences(doc, catalogue);
  return doc;
}
