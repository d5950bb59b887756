import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTreaty } from '../../src/model';
import { numberingFaults } from '../../src/model/numbering';
import { lines } from '../helpers/text';
import { readCorpus } from '../support/corpus';

function faultsOf(text: string) {
  const doc = parseTreaty(text);
  return numberingFaults(doc).map((f) => ({ kind: f.kind, at: text.slice(f.span.start, f.span.end), message: f.message, expected: f.expected }));
}

/** A text of headed articles with the given numbers, each with one sentence. */
function articles(...nums: string[]): string {
  return lines('Convention on Numbering', '', ...nums.flatMap((n) => [`Article ${n}`, '', `Text of article ${n}.`, '']));
}

describe('numbering faults', () => {
  it('finds a gap: Article 5 after Article 3', () => {
    assert.deepEqual(faultsOf(articles('1', '2', '3', '5')), [
      { kind: 'gap', at: '5', message: 'Article 5 follows Article 3: number 4 is skipped', expected: '4' },
    ]);
  });

  it('names several skipped numbers', () => {
    assert.equal(faultsOf(articles('1', '4'))[0].message, 'Article 4 follows Article 1: numbers 2 and 3 are skipped');
    assert.equal(faultsOf(articles('1', '9'))[0].message, 'Article 9 follows Article 1: numbers 2 to 8 are skipped');
  });

  it('finds two Articles 4, naming the line of the first', () => {
    const text = articles('1', '2', '3', '4', '4', '5');
    const [f] = faultsOf(text);
    assert.equal(f.kind, 'duplicate');
    assert.equal(f.message, 'Article 4 is numbered twice: an earlier Article 4 is on line 15');
    assert.equal(text.split('\n')[14], 'Article 4');
    assert.equal(faultsOf(text).length, 1, 'Article 5 after the second Article 4 is in order');
  });

  it('finds numbers that go back', () => {
    const f = faultsOf(articles('1', '2', '3', '7', '4'));
    assert.deepEqual(f.map((x) => x.kind), ['gap', 'order']);
    assert.equal(f[1].message, 'Article 4 follows Article 7: the numbers go back (the next would be 8)');
  });

  it('finds paragraphs 1, 2, 4 and a list that does not start at 1, with the span on the number', () => {
    const text = lines('Pact', '', 'Article 1', '', '1. One.', '2. Two.', '4. Four.', '', 'Article 2', '', '(b) Bee.', '(c) Sea.');
    const f = faultsOf(text);
    assert.deepEqual(f.map((x) => [x.kind, x.at, x.message]), [
      ['gap', '4', 'Article 1(4) follows Article 1(2): number 3 is skipped'],
      ['start', 'b', 'Article 2(b) is the first point of Article 2: number a is missing'],
    ]);
  });

  it('accepts inserted articles (8 bis, 8 ter) and roman, lettered and doubled-letter numbering', () => {
    assert.deepEqual(faultsOf(articles('7', '8', '8 bis', '8 ter', '9')), []);
    const text = lines(
      'Pact', '', 'PART I', '', 'Article 1', '', '(a) a.', '(b) b.', '(c) c.', '', 'PART II', '', 'Article 2', '',
      '1. One:', '(i) one;', '(ii) two;', '(iii) three.', '', 'PART III', '', 'Article 3', '', 'Text.',
    );
    assert.deepEqual(faultsOf(text), []);
    const points = lines('Pact', '', 'Article 1', '', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `(${c}) item;`), '(aa) item;', '(bb) item.');
    assert.deepEqual(faultsOf(points), []);
  });

  it('reports a skipped roman part in the text\'s own numerals', () => {
    const text = lines('Pact', '', 'PART I', '', 'Article 1', '', 'Text.', '', 'PART III', '', 'Article 2', '', 'Text.');
    assert.deepEqual(faultsOf(text).map((f) => [f.at, f.message]), [['III', 'Part III follows Part I: number II is skipped']]);
  });

  it('takes a restart at 1 for a new instrument, not a duplicate', () => {
    assert.deepEqual(faultsOf(articles('1', '2', '3', '1', '2')), []);
    assert.equal(faultsOf(articles('1', '1', '2'))[0].kind, 'duplicate');
  });

  it('checks each annex on its own and does not check paragraphs outside articles', () => {
    const text = lines(
      'Pact', '', 'Article 1', '', 'Text.', '', 'Article 2', '', 'Text.', '',
      'ANNEX I', '', 'Article 1', '', 'Text.', '', 'Article 3', '', 'Text.', '',
      'ANNEX II', '', '1. One.', '2. Two.', '1. One again.',
    );
    assert.deepEqual(faultsOf(text).map((f) => f.message), ['Annex I, Article 3 follows Annex I, Article 1: number 2 is skipped']);
  });

  it('finds nothing in the English texts of the corpus', () => {
    for (const file of ['un_charter_en.txt', 'vclt_1969_en.txt', 'north_atlantic_treaty_1949_en.txt', 'unclos_1982_en.txt']) {
      assert.deepEqual(faultsOf(readCorpus(file)), [], file);
    }
  });

  it('finds the three gaps of the partial Korean VCLT, on the numbers in 제64조, 제4절, 제6부', () => {
    const f = faultsOf(readCorpus('vclt_1969_ko_partial.txt'));
    assert.deepEqual(f.map((x) => [x.at, x.message]), [
      ['64', 'Article 64 follows Article 14: numbers 15 to 63 are skipped'],
      ['4', 'Part 2, Section 4 follows Part 2, Section 1: numbers 2 and 3 are skipped'],
      ['6', 'Part 6 follows Part 2: numbers 3 to 5 are skipped'],
    ]);
  });

  it('never throws and keeps spans inside the text', () => {
    for (const text of ['', 'Article', 'Article 3\nArticle 3\nArticle 3', '1.\n1.\n1.', 'Article 0\n\nArticle 99999', '\u0000Article 2\r\nArticle 1']) {
      const doc = parseTreaty(text);
      for (const f of numberingFaults(doc)) assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end);
    }
  });
});
