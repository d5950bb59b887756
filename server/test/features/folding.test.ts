import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { foldingRanges } from '../../src/features/folding';
import { parseTreaty } from '../../src/model';
import { REPO } from '../helpers/paths';
import { lineOf, readCorpus } from '../helpers/text';

const SHOWCASE = fs.readFileSync(path.join(REPO, 'samples/forms-showcase.treaty.txt'), 'utf8');

describe('folding ranges', () => {
  const doc = parseTreaty(SHOWCASE);
  const ranges = foldingRanges(doc);
  const byStart = new Map(ranges.map((r) => [r.startLine, r]));

  it('folds an article from its number line to its last line of text', () => {
    const r = byStart.get(lineOf(SHOWCASE, 'Article 4\nRegular exchange'));
    assert.ok(r, 'Article 4 folds');
    assert.equal(r.endLine, lineOf(SHOWCASE, '2. A State Party that is asked for data'));
    assert.equal(r.collapsedText, 'Article 4 — Regular exchange of data');
    assert.equal(r.kind, 'region');
  });

  it('folds the preamble, parts, chapters, annexes and final clauses, each around what it holds', () => {
    const preamble = ranges.find((r) => r.collapsedText === 'Preamble');
    assert.ok(preamble);
    assert.ok(preamble.endLine >= lineOf(SHOWCASE, 'Have agreed as follows:') - 1);
    const part = byStart.get(lineOf(SHOWCASE, 'PART I\n'))!;
    const chapter = byStart.get(lineOf(SHOWCASE, 'CHAPTER I\n'))!;
    assert.ok(part && chapter);
    assert.ok(part.endLine >= chapter.endLine, 'the Part holds its chapter');
    assert.ok(chapter.endLine >= lineOf(SHOWCASE, 'Article 4\nRegular exchange'));
    assert.ok(ranges.some((r) => r.collapsedText?.startsWith('Annex I')));
    assert.ok(ranges.some((r) => r.collapsedText === 'Final clauses'));
    // No two ranges start on one line, no range is empty, and they come in line order.
    assert.equal(new Set(ranges.map((r) => r.startLine)).size, ranges.length);
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
    assert.deepEqual([...ranges].sort((a, b) => a.startLine - b.startLine), ranges);
  });

  it('folds every part, section and article of the VCLT', () => {
    const text = readCorpus('vclt_1969_en.txt');
    const f = foldingRanges(parseTreaty(text));
    assert.equal(f.filter((r) => /^Part [IVX]+/.test(r.collapsedText ?? '')).length, 8);
    assert.ok(f.filter((r) => /^Article \d+/.test(r.collapsedText ?? '')).length >= 80);
  });
});
