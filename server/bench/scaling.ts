// Scaling: parse + resolve time per MB of synthetic treaty from 100 KB to 20 MB. The goal
// is a flat column: no step of the model may grow faster than the text. Also the heap the
// model holds per character at each size, and a CPU profile of the largest parse.
import { parseTreaty } from '../src/model';
import { machineFloor, printFloor } from './floor';
import { modelHeapPerChar } from './heap';
import { profile } from './profile';
import { generateTreaty } from './synthetic';
import { medianSample, ms, section, size, table, timeSync, type Sample } from './util';

export interface ScalingOptions {
  sizes: number[];
  runs: (chars: number) => number;
  /** Size whose parse is profiled; none when undefined. */
  profileSize?: number;
}

export async function runScaling(opts: ScalingOptions): Promise<void> {
  section('Scaling: parse + resolve per MB (synthetic treaty, seed 42)');
  console.log('parseTreaty(text): structure, citations, resolution. Median over the runs after one warm-up;');
  console.log('"per MB" divides by the text size in millions of characters. Flat is the goal.');
  console.log('');
  const rows: Array<Array<string | number>> = [];
  const measured = new Map<number, { cpu: number; faults: number | undefined; heapPerChar: number }>();
  for (const chars of opts.sizes) {
    const t = generateTreaty({ targetChars: chars, seed: 42, markdown: false });
    const runs = opts.runs(chars);
    const samples: Sample[] = [];
    let refs = 0;
    for (let i = 0; i <= runs; i++) {
      const r = timeSync(() => parseTreaty(t.text));
      refs = r.result.references.length;
      if (i > 0) samples.push(r.sample);
    }
    const med = medianSample(samples);
    const megs = t.text.length / 1e6;
    const heapPerChar = modelHeapPerChar(t.text);
    measured.set(chars, { cpu: med.cpu, faults: med.faults, heapPerChar });
    rows.push([
      size(t.text.length),
      t.articles,
      refs,
      runs,
      ms(med.wall),
      ms(med.cpu),
      ms(med.wall / megs),
      ms(med.cpu / megs),
      `${(megs / (med.cpu / 1000)).toFixed(1)} MB/s`,
      heapPerChar.toFixed(2),
    ]);
  }
  console.log(table(['size', 'articles', 'references', 'runs', 'wall', 'cpu', 'wall per MB', 'cpu per MB', 'throughput (cpu)', 'heap B/char'], rows));

  if (opts.profileSize) {
    const t = generateTreaty({ targetChars: opts.profileSize, seed: 42, markdown: false });
    const m = measured.get(opts.profileSize);
    printFloor(machineFloor(t.text), t.text.length, m?.cpu, m ? m.heapPerChar * t.text.length : undefined, m?.faults);
    const p = await profile(() => void parseTreaty(t.text), 3);
    console.log('');
    console.log(`CPU profile of parseTreaty on the ${size(t.text.length)} treaty (3 runs, self time per run, top functions):`);
    console.log('');
    console.log(
      table(
        ['function', 'where', 'self per run', 'share'],
        p.hot.map((h) => [h.name, h.where, ms(h.selfMs), `${(h.share * 100).toFixed(1)}%`]),
        2,
      ),
    );
    console.log(`(CPU ${ms(p.totalMs)} per profiled run; shares from sample counts; the profiler slows the code down a little)`);
  }
}
