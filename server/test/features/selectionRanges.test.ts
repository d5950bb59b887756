import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-protocol';
import { selectionRanges } from '../../src/features/selectionRanges';
import { LineIndex, parseTreaty } from '../../src/model';
import { REPO } from '../helpers/paths';
import { lineOf, positionOf } from '../helpers/text';

const SHOWCASE = fs.readFileSync(path.join(REPO, 'samples/forms-showcase.treaty.txt'), 'utf8');

function chain(r: SelectionRange): SelectionRange['range'][] {
  const out = [];
  for (let s: SelectionRange | undefined = r; s; s = s.parent) out.push(s.range);
  return out;
}

describe('selection ranges', () => {
  it('grows reference → point → paragraph → article → chapter → part → document', () => {
    const doc = parseTreaty(SHOWCASE);
    const lines = new LineIndex(SHOWCASE);
    const pos = positionOf(SHOWCASE, 'the hydrological and water-quality data', 1, 4);
    const [sel] = selectionRanges(doc, [pos]);
    const texts = chain(sel).map((r) => SHOWCASE.slice(lines.offsetAt(r.start), lines.offsetAt(r.end)));
    assert.equal(texts[0], '(a) the hydrological and water-quality data collected at their monitoring stations;');
    assert.match(texts[1], /^1\. The riparian States shall exchange[\s\S]*other hazards\.$/);
    assert.match(texts[2], /^Article 4\nRegular exchange of data[\s\S]*actually incurred\.$/);
    assert.match(texts[3], /^CHAPTER I\n/);
    assert.match(texts[4], /^PART I\n/);
    assert.equal(texts[texts.length - 1], SHOWCASE);
    // Each range holds the one before it.
    const offsets = chain(sel).map((r) => [lines.offsetAt(r.start), lines.offsetAt(r.end)]);
    for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i][0] <= offsets[i - 1][0] && offsets[i][1] >= offsets[i - 1][1]);
  });

  it('starts with the reference under the cursor', () => {
    const doc = parseTreaty(SHOWCASE);
    const lines = new LineIndex(SHOWCASE);
    const [sel] = selectionRanges(doc, [positionOf(SHOWCASE, 'Articles 3 to 7', 1, 10)]);
    assert.equal(SHOWCASE.slice(lines.offsetAt(sel.range.start), lines.offsetAt(sel.range.end)), 'Articles 3 to 7');
  });

  it('answers every position of a request, even on a blank line or past the end', () => {
    const doc = parseTreaty(SHOWCASE);
    const positions = [{ line: 0, character: 0 }, { line: lineOf(SHOWCASE, 'Article 4\nRegular') - 1, character: 0 }, { line: 100000, character: 5 }];
    const result = selectionRanges(doc, positions);
    assert.equal(result.length, 3);
    for (const r of result) assert.ok(chain(r).length >= 1);
  });
});
