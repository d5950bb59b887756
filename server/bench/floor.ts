// The machine's floor for target 1, measured as the issue states it ("reading, decoding,
// splitting into lines and one regex scan of 5 MB take about 20 ms in Node"), plus what the
// first touch of fresh memory costs here: a parse must place its model in newly mapped pages.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, ms, table, timeSync } from './util';

export interface Floor {
  read: number;
  split: number;
  scan: number;
  /** read + split + scan, each a median CPU time. */
  total: number;
  /** CPU microseconds to fault in one fresh 4 KB page. */
  pageMicros: number;
}

/** Where a treaty is cited: "Article 5", "articles 3", "paragraph 2", "Annex VII". */
const CITATION = /\b(?:[Aa]rticles?|[Pp]aragraphs?|Annex)\s+[0-9IVXLC]+/g;

const PAGE = 4096;

export function machineFloor(text: string, runs = 7): Floor {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-floor-'));
  try {
    const file = join(dir, 'treaty.txt');
    writeFileSync(file, text);
    const read: number[] = [];
    const split: number[] = [];
    const scan: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const r = timeSync(() => readFileSync(file, 'utf8'));
      const s = timeSync(() => r.result.split('\n').length);
      const c = timeSync(() => {
        let n = 0;
        CITATION.lastIndex = 0;
        while (CITATION.exec(r.result)) n++;
        return n;
      });
      if (i === 0) continue; // warm-up
      read.push(r.sample.cpu);
      split.push(s.sample.cpu);
      scan.push(c.sample.cpu);
    }
    const pages: number[] = [];
    for (let i = 0; i < 3; i++) {
      // Above V8's large-object size an ArrayBuffer is freshly mapped memory: writing one byte
      // per page faults each page in, as a growing heap does.
      const t = timeSync(() => {
        const bytes = new Uint8Array(64 * 1024 * 1024);
        for (let at = 0; at < bytes.length; at += PAGE) bytes[at] = 1;
        return bytes.length / PAGE;
      });
      pages.push((t.sample.cpu * 1000) / t.result);
    }
    const f = { read: median(read), split: median(split), scan: median(scan) };
    return { ...f, total: f.read + f.split + f.scan, pageMicros: median(pages) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printFloor(floor: Floor, chars: number, parseCpuMs: number | undefined, keptBytes: number | undefined, parseFaults?: number): void {
  const megs = chars / 1e6;
  console.log('');
  console.log(`The floor of target 1 on this machine, as the issue states it (about 20 ms for 5 MB where it was written),`);
  console.log(`on the same ${megs.toFixed(2)} MB text; median CPU over 7 runs:`);
  console.log('');
  console.log(
    table(
      ['step', 'cpu'],
      [
        ['read and decode the file (readFileSync, UTF-8)', ms(floor.read)],
        ['split into lines', ms(floor.split)],
        ['one regex scan for citations', ms(floor.scan)],
        ['the floor', ms(floor.total)],
      ],
    ),
  );
  const kept = keptBytes === undefined ? '' : `; the ${(keptBytes / 1e6).toFixed(1)} MB a model of this text keeps cost ${ms(((keptBytes / PAGE) * floor.pageMicros) / 1000)} in faults alone`;
  console.log('');
  console.log(`First touch of a fresh 4 KB page: ${floor.pageMicros.toFixed(1)} µs CPU${kept}.`);
  if (parseFaults !== undefined) {
    // The heap's pages go back to the system after a collection, so each parse faults its memory in again.
    console.log(
      `A parse of this text touched ${Math.round(parseFaults).toLocaleString('en')} fresh pages (median minor faults per run, the table's runs): ${ms((parseFaults * floor.pageMicros) / 1000)} of its CPU at that price.`,
    );
  }
  if (parseCpuMs !== undefined) {
    console.log(
      `Target 1 (100 MB/s) allows ${ms(10 * megs)} for this text: ${((10 * megs) / floor.total).toFixed(1)}× the floor here. parseTreaty took ${ms(parseCpuMs)}: ${(parseCpuMs / floor.total).toFixed(1)}× the floor.`,
    );
  }
}
