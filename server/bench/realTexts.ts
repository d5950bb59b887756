// Real treaty texts from ../shared/corpus (read in place, never copied): parse + resolve,
// in-process hover and definition on UNCLOS, and the heap the UNCLOS model holds.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTreaty, type TreatyDocument } from '../src/model';
import { definition } from '../src/features/definition';
import { hover } from '../src/features/hover';
import { linesOf } from '../src/features/convert';
import { modelHeapPerChar } from './heap';
import { median, medianSample, mb, ms, percentile, section, size, table, timeSync, type Sample } from './util';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
export const UNCLOS = path.join(CORPUS, 'unclos_1982_en.txt');

const FILES = ['unclos_1982_en.txt', 'vclt_1969_en.txt', 'un_charter_en.txt', 'north_atlantic_treaty_1949_en.txt', 'vclt_1969_ko_partial.txt'];

export interface RealTextsOptions {
  runs: number;
  /** Rounds of hover/definition over every 10th UNCLOS reference. */
  rounds: number;
}

export function runRealTexts(opts: RealTextsOptions): void {
  section('Real texts: parse + resolve (../shared/corpus)');
  if (!existsSync(CORPUS)) {
    console.log(`(skipped: ${CORPUS} not found)`);
    return;
  }
  const rows: Array<Array<string | number>> = [];
  for (const file of FILES) {
    const full = path.join(CORPUS, file);
    if (!existsSync(full)) continue;
    const text = readFileSync(full, 'utf8');
    // At least 15 runs, after 5 warm-ups: UNCLOS comes first, and 3 warm-ups left the
    // optimising compiler half done (its median was twice its best).
    const runs = Math.max(15, Math.round((opts.runs * 100_000) / Math.max(text.length, 100_000)));
    for (let i = 0; i < 5; i++) parseTreaty(text); // warm-up
    const samples: Sample[] = [];
    let doc: TreatyDocument | undefined;
    for (let i = 0; i < runs; i++) {
      const r = timeSync(() => parseTreaty(text));
      doc = r.result;
      samples.push(r.sample);
    }
    const med = medianSample(samples);
    const articles = [...doc!.byId.values()].filter((p) => p.kind === 'article').length;
    const best = Math.min(...samples.map((s) => s.cpu));
    rows.push([file, size(text.length), articles, doc!.references.length, runs, ms(med.wall), ms(med.cpu), ms(best), `${(text.length / 1e6 / (med.cpu / 1000)).toFixed(1)} MB/s`]);
  }
  console.log(table(['text', 'size', 'articles', 'references', 'runs', 'wall', 'cpu', 'best cpu', 'throughput (cpu)'], rows));

  // Hover and definition on UNCLOS: every 10th reference, each asked many times.
  const text = readFileSync(UNCLOS, 'utf8');
  const unclos = parseTreaty(text);
  const lines = linesOf(unclos);
  const positions = unclos.references.filter((_, i) => i % 10 === 0).map((r) => lines.positionAt(r.start + 1));
  const uri = 'file:///unclos.treaty.txt';
  const hoverTimes: number[] = [];
  const defTimes: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    for (const pos of positions) {
      hoverTimes.push(timeSync(() => hover(unclos, pos)).sample.wall);
      defTimes.push(timeSync(() => definition(unclos, uri, pos)).sample.wall);
    }
  }
  console.log('');
  console.log(`UNCLOS, ${positions.length} reference positions × ${opts.rounds} rounds, in process (no LSP transport):`);
  console.log('');
  console.log(
    table(
      ['request', 'p50', 'p99', 'max'],
      [
        ['hover', ms(median(hoverTimes)), ms(percentile(hoverTimes, 99)), ms(Math.max(...hoverTimes))],
        ['definition', ms(median(defTimes)), ms(percentile(defTimes, 99)), ms(Math.max(...defTimes))],
      ],
    ),
  );

  const perChar = modelHeapPerChar(text);
  console.log('');
  console.log(`Heap held by the UNCLOS model (with its line index): ${mb(perChar * text.length)} for ${size(text.length)} of text, ${perChar.toFixed(2)} bytes per character beyond the text.`);
}
