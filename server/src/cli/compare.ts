// `pacta compare FILE#EID OTHER#EID [--json]`: the word diff from the first provision to the
// second (`[-removed-]{+added+}`) and their similarity (model/compare.ts explains the figure).
import { provisionLabel, walk, type Provision, type TreatyDocument } from '../model';
import { comparison, type ComparisonResult } from '../features/compareProvisions';

export interface ProvisionSpec {
  file: string;
  eId: string;
}

/** "treaty.txt#art_1__para_2" → file and eId (split at the last "#", so a path may hold one). */
export function parseSpec(arg: string): ProvisionSpec | undefined {
  const at = arg.lastIndexOf('#');
  if (at <= 0 || at === arg.length - 1) return undefined;
  return { file: arg.slice(0, at), eId: arg.slice(at + 1).trim() };
}

/** Why an eId is not in a document, with the ids it does have nearby, for the error message. */
export function missingProvision(doc: TreatyDocument, file: string, eId: string): string {
  const articles = [...walk(doc.root)].filter((p) => p.kind === 'article').map((p) => p.eId);
  const parent = eId.includes('__') ? doc.byId.get(eId.slice(0, eId.lastIndexOf('__'))) : undefined;
  const hint = parent
    ? `; ${provisionLabel(parent)} has ${parent.children.map((c) => c.eId).join(', ') || 'no paragraphs or points'}`
    : articles.length
      ? `; its articles run from ${articles[0]} to ${articles[articles.length - 1]}`
      : '';
  return `${file} has no provision ${eId}${hint} (see pacta outline --json ${file})`;
}

export interface CompareSide {
  spec: ProvisionSpec;
  doc: TreatyDocument;
}

/** "Article 4 — Mutual assistance", "Article 1(2)". */
function nameOf(p: Provision): string {
  return p.heading ? `${provisionLabel(p)} — ${p.heading}` : provisionLabel(p);
}

export function compareText(a: CompareSide, b: CompareSide, json: boolean): string {
  const pa = a.doc.byId.get(a.spec.eId)!;
  const pb = b.doc.byId.get(b.spec.eId)!;
  const result: ComparisonResult = comparison(a.doc, pa, b.doc, pb);
  if (json) {
    const side = (s: CompareSide, p: typeof pa) => ({ file: s.spec.file, eId: s.spec.eId, label: provisionLabel(p), title: s.doc.title ?? null });
    return JSON.stringify({ left: side(a, pa), right: side(b, pb), ...result }, null, 2);
  }
  return [
    `--- ${a.spec.file}#${a.spec.eId}  ${nameOf(pa)}`,
    `+++ ${b.spec.file}#${b.spec.eId}  ${nameOf(pb)}`,
    result.diff,
    '',
    `similarity: ${result.percent} (${result.commonWords} words in common, in order, of ${result.leftWords} and ${result.rightWords})`,
  ].join('\n');
}
