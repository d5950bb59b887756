// Go to Definition on a reference: the cited provision(s), in this or another document.
import type { Location, LocationLink, Position } from 'vscode-languageserver-protocol';
import { labelSpan, numberTargetAt, referenceAt, resolveReference, type InstrumentLookup, type TreatyDocument } from '../model';
import { containsRange, linesOf, toRange } from './convert';
import { termDefinition } from './definedTerms';

/**
 * One link per target that exists: `targetRange` is the whole provision (what VS Code
 * previews), `targetSelectionRange` its number/heading line (where the cursor lands). On a
 * number of the reference, only the provision that number names ("53" in "article 53 or 64"
 * goes to Article 53, as Find All References asks about it). `null` when the position is not on
 * a reference.
 */
export function definition(
  doc: TreatyDocument,
  uri: string,
  position: Position,
  lookup?: InstrumentLookup,
): LocationLink[] | null {
  const lines = linesOf(doc);
  const offset = lines.offsetAt(position);
  const ref = referenceAt(doc, offset);
  // Not on a reference: perhaps on a defined term, which jumps to its definition.
  if (!ref) return termDefinition(doc, uri, position);
  const res = resolveReference(doc, ref, lookup);
  const named = numberTargetAt(doc, ref, res, offset);
  const origin = toRange(lines, named ? named.span : ref);
  const links: LocationLink[] = [];
  for (const t of named ? [named.target] : res.targets) {
    if (!t.provision) continue;
    const targetDoc = t.doc ?? doc;
    const targetLines = linesOf(targetDoc);
    const targetRange = toRange(targetLines, t.provision);
    let targetSelectionRange = toRange(targetLines, labelSpan(t.provision));
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
