// The model's public surface. Nothing here imports LSP or VS Code.
export * from './types';
export { LineIndex, lineIndexAfterEdit, type LinePosition } from './lines';
export { ChunkedText, textOf, withSource, type TextLike } from './text';
export { parseTreaty, type ParseOptions } from './parse';
export { provisionLabel, outlineName, ownName, provisionPath, provisionText, ordinalWord, type ProvisionText } from './render';
export { referenceAt, provisionAt, walk, labelSpan, labelStart, ARTICLE_AND_ABOVE } from './query';
export { Catalogue, DEFAULT_CATALOGUE, WELL_KNOWN_INSTRUMENTS, normaliseName, type CatalogueEntry } from './catalogue';
export { numberTargetAt, resolveReference, type InstrumentLookup, type ResolvedTarget, type Resolution } from './resolve';
export { toAkomaNtoso, AKN_NAMESPACE, type AknOptions, type AknResult, type AknStats } from './akomaNtoso';
export { workIdentity, type WorkIdentity } from './akomaNtosoIri';
export { detectLanguage, languageNote, type TextLanguage } from './language';
export { LANGUAGE_PACKS, packFor, type LanguagePack } from './languages';
export { buildSymbolTable, entryPath, entryRange, splitWords, symbolWords, STOP_WORDS, type LineRange, type SymbolEntry, type SymbolTable, type SymbolTableOptions } from './symbols';
