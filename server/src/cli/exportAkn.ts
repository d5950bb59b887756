// `pacta export FILE --akn [-o OUT]`: the treaty as Akoma Ntoso 3.0 XML, on stdout or in OUT.
import { toAkomaNtoso, type AknResult, type InstrumentLookup, type TreatyDocument } from '../model';

export function exportAkn(doc: TreatyDocument, lookup: InstrumentLookup, now = new Date()): AknResult {
  return toAkomaNtoso(doc, { lookup, generated: now.toISOString().slice(0, 10) });
}
