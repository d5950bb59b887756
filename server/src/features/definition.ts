// Go to Definition on a reference: the cited provision(s), in this or another document.
import type { Location, LocationLink, Position } from 'vscode-languageserver-protocol';
import { referenceAt, resolveReference, type InstrumentLookup, type TreatyDocument } from '../model';
import { containsRange, linesOf, toRange } from './convert';
import { termDefinition } from './definedTerms';

/**
 * One link per target that exists: `targetRange` is the whole provision (what VS Code
 * previews), `targetSelectionRange` its number/heading line (where the cursor lands).
 * `null` when the position is not on a reference.
 */
export function definition(
  doc: TreatyDocument,
  uri: string,
  position: Position,
  lookup?: InstrumentLookup,
): LocationLink[] | null {
  const lines = linesOf(doc);
  const ref = referenceAt(doc, lines.offsetAt(position));
  // Not on a reference: perhaps on a defined term, which jumps to its definition.
  if (!ref) return termDefinition(doc, uri, position);
  const origin = toRange(lines, ref.range);
  const links: LocationLink[] = [];
  for (const t of resolveReference(doc, ref, lookup).targets) {
    if (!t.provision) continue;
    const targetDoc = t.doc ?? doc;
    const targetLines = linesOf(targetDoc);
    const targetRange = toRange(targetLines, t.provision.range);
    let targetSelectionRange = toRange(targetLines, t.provision.labelRange);
    if (!containsRange(targetRange, targetSelectionRange)) targetSelectionRange = { start: targetRange.start, end: targetRange.start };
    links.push({
      originSelectionRange: origin,
      targetUri: t.uri ?? uri,
      targetRange,
      targetSelectionRange,
    });
  }
  return links;
}

/** For clients without `linkSupport`: plain locations at the label line. */
export function toLocations(links: LocationLink[]): Location[] {
  return links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
}
