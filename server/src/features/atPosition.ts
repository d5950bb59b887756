// The reference under the cursor, as the list `Workspace.lookupFor` takes. Hover and Go to
// Definition resolve only that reference, so they need only the instrument it cites: asking
// for every instrument the document cites costs a pass over all its references and, while
// the workspace is being indexed, waits for the whole index.
import type { Position } from 'vscode-languageserver-protocol';
import { referenceAt, type Reference, type TreatyDocument } from '../model';
import { linesOf } from './convert';

export function referencesAtPosition(doc: TreatyDocument, position: Position): Reference[] {
  const ref = referenceAt(doc, linesOf(doc).offsetAt(position));
  return ref ? [ref] : [];
}
