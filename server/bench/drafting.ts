// The drafter's features on UNCLOS (the largest text of the corpus): diagnostics (every
// reference resolved, numbering checked), "cited by N" lenses and Find All References on an
// article, in process, with the other corpus texts as the workspace they search.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTreaty } from '../src/model';
import { numberingFaults } from '../src/model/numbering';
import { codeLenses } from '../src/features/codeLens';
import { findings } from '../src/features/diagnostics';
import { references, type SourceDocument } from '../src/features/references';
import { linesOf } from '../src/features/convert';
import { CORPUS, UNCLOS } from './realTexts';
import { median, ms, percentile, section, table, timeSync } from './util';

export function runDrafting(opts: { runs: number }): void {
  section('Drafting: diagnostics, lenses, references (UNCLOS, in process)');
  if (!existsSync(UNCLOS)) {
    console.log(`(skipped: ${UNCLOS} not found)`);
    return;
  }
  const text = readFileSync(UNCLOS, 'utf8');
  const doc = parseTreaty(text);
  const uri = 'file:///unclos.treaty.txt';
  const sources: SourceDocument[] = [{ uri, doc }];
  for (const f of ['un_charter_en.txt', 'vclt_1969_en.txt', 'north_atlantic_treaty_1949_en.txt']) {
    const p = path.join(CORPUS, f);
    if (existsSync(p)) sources.push({ uri: `file:///${f}`, doc: parseTreaty(readFileSync(p, 'utf8')) });
  }
  const heading = linesOf(doc).positionAt(doc.byId.get('art_287')!.start);
  const rows: Array<Array<string | number>> = [];
  const measure = (label: string, fn: () => unknown) => {
    for (let i = 0; i < 2; i++) fn(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < opts.runs; i++) times.push(timeSync(fn).sample.cpu);
    rows.push([label, opts.runs, ms(median(times)), ms(percentile(times, 99))]);
  };
  measure('numbering faults', () => numberingFaults(doc));
  measure('diagnostics (all kinds)', () => findings(doc));
  measure(`code lenses (${[...doc.byId.values()].filter((p) => p.kind === 'article').length} articles, ${sources.length} documents)`, () => codeLenses(doc, uri, sources));
  measure('references on "Article 287"', () => references(doc, uri, heading, sources, true));
  console.log(table(['request', 'runs', 'cpu p50', 'cpu p99'], rows));
}
