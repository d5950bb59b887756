// The server command behind "Pacta: Export as Akoma Ntoso": the XML of an open or
// workspace document, for the client to save next to it. Other LSP clients call it with
// workspace/executeCommand { command: "pacta.akomaNtoso", arguments: [uri] }.
import { toAkomaNtoso, type AknStats, type InstrumentLookup, type TreatyDocument } from '../model';

export const AKN_SERVER_COMMAND = 'pacta.akomaNtoso';

export interface AknExport {
  /** The Akoma Ntoso 3.0 XML. */
  xml: string;
  /** A file name for it next to the source: `charter.treaty.txt` → `charter.akn.xml`. */
  fileName: string;
  stats: AknStats;
}

export function exportAkomaNtoso(doc: TreatyDocument, uri: string, lookup: InstrumentLookup, now = new Date()): AknExport {
  const { xml, stats } = toAkomaNtoso(doc, { lookup, generated: now.toISOString().slice(0, 10) });
  return { xml, stats, fileName: aknFileName(uri) };
}

export function aknFileName(uri: string): string {
  const query = uri.search(/[?#]/);
  const path = query < 0 ? uri : uri.slice(0, query);
  let base = path.slice(path.lastIndexOf('/') + 1);
  try {
    base = decodeURIComponent(base);
  } catch {
    // keep it encoded
  }
  const stem = base.replace(/(\.treaty)?(\.(txt|md))?$/i, '').replace(/\.treaty$/i, '') || 'treaty';
  return `${stem}.akn.xml`;
}
