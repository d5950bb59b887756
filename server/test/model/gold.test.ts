// Precision and recall of the reference recogniser against references annotated by hand
// (server/test/fixtures/gold). The bar: at least 97% found with the right targets and
// at most 2% of reported references wrong, over all annotated texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldFiles, scoreGold } from '../support/gold';

test('hand-annotated references: recall >= 97%, precision >= 98%', () => {
  let gold = 0;
  let predicted = 0;
  let correct = 0;
  let found = 0;
  for (const f of goldFiles()) {
    const s = scoreGold(f);
    gold += s.gold;
    predicted += s.predicted;
    correct += s.correct;
    found += Math.round(s.recall * s.gold);
    console.log(`# ${s.file}: ${s.gold} gold, ${s.predicted} found, precision ${(100 * s.precision).toFixed(1)}%, recall ${(100 * s.recall).toFixed(1)}%`);
    for (const m of s.missed) console.log(`#   missed ${m.line}: ${m.text}`);
    for (const m of s.wrong) console.log(`#   wrong ${m.line}: ${m.text} -> ${m.got}`);
  }
  assert.ok(gold >= 150, `at least 150 annotated references (have ${gold})`);
  const precision = correct / predicted;
  const recall = found / gold;
  console.log(`# overall: ${gold} gold, precision ${(100 * precision).toFixed(1)}%, recall ${(100 * recall).toFixed(1)}%`);
  assert.ok(recall >= 0.97, `recall ${recall}`);
  assert.ok(precision >= 0.98, `precision ${precision}`);
});
