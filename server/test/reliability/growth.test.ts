// Time stays linear in input size: for each adversarial family (server/bench/adversarial.ts)
// the CPU time of parseTreaty at 8n is less than 8 × 3 times the time at n. A pattern that
// backtracks catastrophically, or a loop that rescans, grows 64× or more and fails here.
// Growth ratios, never absolute times: the machine may be slow or busy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILIES, measureGrowth } from '../../bench/adversarial';

const N = 40_000;
const LIMIT = 8 * 3;

describe('parse time grows linearly on adversarial input', () => {
  for (const family of FAMILIES) {
    it(family.name, () => {
      let g = measureGrowth(family, N);
      // One retry: a garbage collection or another process's burst can land in one timing.
      if (g.ratio >= LIMIT) g = measureGrowth(family, N, 5);
      console.log(`# ${family.name}: ${g.smallMs.toFixed(1)} ms at ${g.n} chars, ${g.bigMs.toFixed(1)} ms at ${8 * g.n}: ×${g.ratio.toFixed(1)}`);
      assert.ok(g.ratio < LIMIT, `${family.name}: ×${g.ratio.toFixed(1)} from n to 8n (linear is ×8, the limit ×${LIMIT})`);
    });
  }
});
