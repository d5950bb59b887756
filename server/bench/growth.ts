// `npm run bench` section: how parse time grows on adversarial input (adversarial.ts).
import { FAMILIES, measureGrowth } from './adversarial';

export function printGrowth(n = 100_000): void {
  console.log('');
  console.log('Adversarial input, parseTreaty CPU time at n and 8n characters (median of 3; linear is ×8, the test allows ×24):');
  console.log('| family | n | time at n | time at 8n | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const f of FAMILIES) {
    const g = measureGrowth(f, n);
    console.log(`| ${f.name} | ${(g.n / 1000).toFixed(0)}k | ${g.smallMs.toFixed(1)} ms | ${g.bigMs.toFixed(1)} ms | ×${g.ratio.toFixed(1)} |`);
  }
}
