// `npm run bench`: speed and memory figures, printed, never asserted.
// Parse + resolve on the real texts, one hover and one definition on UNCLOS, and
// the heap the model of UNCLOS holds.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseTreaty, type TreatyDocument } from '../src/model';
import { hover } from '../src/features/hover';
import { definition } from '../src/features/definition';
import { linesOf } from '../src/features/convert';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}

function timeParse(text: string, runs: number): number[] {
  for (let i = 0; i < 3; i++) parseTreaty(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    parseTreaty(text);
    times.push(performance.now() - t);
  }
  return times;
}

function row(cells: Array<string | number>): string {
  return '| ' + cells.join(' | ') + ' |';
}

console.log(`Pacta benchmark — Node ${process.version}, ${process.platform}/${process.arch}`);
console.log('');
console.log(row(['text', 'size', 'articles', 'references', 'parse+resolve median', 'min', 'throughput']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
for (const file of ['unclos_1982_en.txt', 'vclt_1969_en.txt', 'un_charter_en.txt', 'north_atlantic_treaty_1949_en.txt', 'vclt_1969_ko_partial.txt']) {
  const text = readFileSync(path.join(CORPUS, file), 'utf8');
  const times = timeParse(text, file.startsWith('unclos') ? 30 : 60);
  const doc = parseTreaty(text);
  const articles = [...doc.byId.values()].filter((p) => p.kind === 'article').length;
  const med = median(times);
  console.log(row([file, `${(text.length / 1024).toFixed(0)} KB`, articles, doc.references.length, `${med.toFixed(2)} ms`, `${Math.min(...times).toFixed(2)} ms`, `${(text.length / 1e6 / (med / 1000)).toFixed(1)} MB/s`]));
}

// Hover and definition on UNCLOS: every 10th reference, each asked many times.
const unclosText = readFileSync(path.join(CORPUS, 'unclos_1982_en.txt'), 'utf8');
const unclos: TreatyDocument = parseTreaty(unclosText);
const lines = linesOf(unclos);
const positions = unclos.references.filter((_, i) => i % 10 === 0).map((r) => lines.positionAt(r.range.start + 1));
const uri = 'file:///unclos.treaty.txt';
const hoverTimes: number[] = [];
const defTimes: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const pos of positions) {
    let t = performance.now();
    hover(unclos, pos);
    hoverTimes.push(performance.now() - t);
    t = performance.now();
    definition(unclos, uri, pos);
    defTimes.push(performance.now() - t);
  }
}
console.log('');
console.log(`UNCLOS, ${positions.length} reference positions x 20 rounds (in process, no LSP transport):`);
console.log(`  hover:      median ${(median(hoverTimes) * 1000).toFixed(1)} µs, p99 ${(percentile(hoverTimes, 99) * 1000).toFixed(1)} µs`);
console.log(`  definition: median ${(median(defTimes) * 1000).toFixed(1)} µs, p99 ${(percentile(defTimes, 99) * 1000).toFixed(1)} µs`);

if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep = parseTreaty(unclosText); // the text itself is already on the heap: this is the model beyond it
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log('');
  console.log(`Heap held by the UNCLOS model: ${((after - before) / 1e6).toFixed(1)} MB for ${(unclosText.length / 1e6).toFixed(2)} M characters of text (${((after - before) / unclosText.length).toFixed(2)} bytes per character beyond the text)`);
  void keep;
} else {
  console.log('(run with --expose-gc for the heap figure)');
}
