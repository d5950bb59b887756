// Comparing provisions: the word diff and similarity figure on the 1961-style and 2024-style
// samples (Article 4 repeats Article 1(2) with one added phrase), and "find similar" over the
// samples and the real corpus.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTreaty, type TreatyDocument } from '../../src/model';
import { diffArrays } from 'diff';
import { changes, compareProvisions, lcsLength, percent, provisionBody, renderWordDiff, similarity, wordDiff, words } from '../../src/model/compare';
import { indexDocument, queryOf, rankSimilar, related, shingles } from '../../src/model/similar';
import { REPO } from '../helpers/paths';
import { readCorpus } from '../helpers/text';

function sample(name: string): TreatyDocument {
  return parseTreaty(fs.readFileSync(path.join(REPO, 'samples', name), 'utf8'));
}

const T1961 = sample('compare/friendship-treaty-1961-style.treaty.txt');
const T2024 = sample('compare/partnership-treaty-2024-style.treaty.txt');
const ADDED = ', in accordance with Article 51 of the Charter of the United Nations and with the laws of both Contracting Parties,';

describe('the samples for comparing', () => {
  it('are a 6-article treaty and a treaty whose Article 4 follows the first one\'s Article 1(2)', () => {
    assert.equal([...T1961.byId.values()].filter((p) => p.kind === 'article').length, 6);
    assert.ok(T1961.byId.get('art_1__para_2'));
    assert.ok(T2024.byId.get('art_4'));
  });
});

describe('word diff and similarity of two provisions', () => {
  const a = T1961.byId.get('art_1__para_2')!;
  const b = T2024.byId.get('art_4')!;

  it('compares wording only: no number, no heading', () => {
    assert.match(provisionBody(T1961, a), /^If one of the Contracting Parties/);
    assert.match(provisionBody(T2024, b), /^If one of the Contracting Parties/);
  });

  it('finds the one added phrase and nothing removed', () => {
    const c = compareProvisions(T1961, a, T2024, b);
    assert.deepEqual(changes(c.parts, 'removed'), []);
    assert.deepEqual(changes(c.parts, 'added'), [ADDED.trim()]);
    const rendered = renderWordDiff(c.parts);
    assert.ok(rendered.includes(`at once{+${ADDED} +}give it`), rendered);
  });

  it('scores it 2 × common words / all words: 2·45/(45+65)', () => {
    const c = compareProvisions(T1961, a, T2024, b);
    assert.equal(c.similarity.common, 45);
    assert.equal(c.similarity.leftWords, 45);
    assert.equal(c.similarity.rightWords, 45 + words(ADDED).length);
    assert.equal(c.similarity.ratio, (2 * 45) / (45 + 65));
    assert.equal(percent(c.similarity.ratio), '82%');
  });

  it('renders removals and replacements the way git --word-diff=plain does', () => {
    assert.equal(renderWordDiff(wordDiff('the Parties shall consult', 'the Parties may consult')), 'the Parties [-shall-]{+may+} consult');
    assert.equal(renderWordDiff(wordDiff('a b c', 'a c')), 'a [-b -]c');
  });

  it('counts the words in common as jsdiff\'s edit script does (longest common subsequence)', () => {
    // Deterministic pseudo-random word lists over a small vocabulary, so many words repeat.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 6;
    for (let k = 0; k < 200; k++) {
      const a = Array.from({ length: next() * 3 }, () => 'w' + next());
      const b = Array.from({ length: next() * 3 }, () => 'w' + next());
      const common = diffArrays(a, b).filter((c) => !c.added && !c.removed).reduce((n, c) => n + c.value.length, 0);
      assert.equal(lcsLength(a, b), common, `${a} / ${b}`);
    }
    assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['b', 'd', 'a']), 2);
  });

  it('counts words without case or punctuation, Chinese characters one by one', () => {
    assert.deepEqual(words('The State\'s "rights", (a) 51.'), ['the', "state's", 'rights', 'a', '51']);
    assert.deepEqual(words('이 협약은 국가간의 조약에'), ['이', '협약은', '국가간의', '조약에']);
    assert.deepEqual(words('第五十一條'), ['第', '五', '十', '一', '條']);
    assert.equal(similarity('Same words.', 'same WORDS').ratio, 1);
    assert.equal(similarity('alpha beta', 'gamma delta').ratio, 0);
    assert.equal(similarity('', '').ratio, 1);
    assert.equal(percent(0.996), '99%', 'not identical, so not 100%');
  });
});

describe('find similar provisions', () => {
  const corpus = ['vclt_1969_en.txt', 'un_charter_en.txt', 'north_atlantic_treaty_1949_en.txt'].map((f) => parseTreaty(readCorpus(f)));
  const docs: Array<[string, TreatyDocument]> = [
    ['2024', T2024],
    ['1961', T1961],
    ...corpus.map((d, i): [string, TreatyDocument] => [`corpus-${i}`, d]),
  ];
  const indexes = docs.map(([key, doc]) => ({ key, index: indexDocument(doc) }));

  it('ranks the 1961 Article 1(2) first for the 2024 Article 4, with the figure compare reports', () => {
    const q = T2024.byId.get('art_4')!;
    const hits = rankSimilar(queryOf(T2024, q), indexes, { limit: 5, exclude: (key, p) => key === '2024' && related(p, q) });
    assert.equal(hits[0].key, '1961');
    assert.equal(hits[0].provision.eId, 'art_1__para_2');
    assert.equal(hits[0].ratio, compareProvisions(T2024, q, T1961, hits[0].provision).similarity.ratio);
    // Its article, which holds the clause and one more paragraph, comes next.
    assert.equal(hits[1].provision.eId, 'art_1');
    assert.ok(hits.every((h, i) => i === 0 || hits[i - 1].ratio >= h.ratio), 'best first');
  });

  it('never offers the provision itself, or what contains it or what it contains', () => {
    const q = T1961.byId.get('art_1')!;
    const hits = rankSimilar(queryOf(T1961, q), indexes, { limit: 10, exclude: (key, p) => key === '1961' && related(p, q) });
    assert.ok(!hits.some((h) => h.key === '1961' && h.provision.eId.startsWith('art_1')), JSON.stringify(hits.map((h) => h.provision.eId)));
  });

  it('finds the NATO treaty\'s Article 51 language for a text that echoes it', () => {
    const echo = parseTreaty('Pact\n\nArticle 1\n\nin exercise of the right of individual or collective self-defence recognised by Article 51 of the Charter of the United Nations, will assist the Party so attacked');
    const hits = rankSimilar(queryOf(echo, echo.byId.get('art_1')!), indexes, { limit: 3 });
    assert.equal(hits[0].key, 'corpus-2');
    assert.match(hits[0].provision.eId, /^art_5(__para_1)?$/);
  });

  it('hashes shingles of three words, and short texts whole', () => {
    assert.equal(shingles(['a', 'b', 'c', 'd']).length, 2);
    assert.equal(shingles(['a', 'b']).length, 1);
    assert.equal(shingles([]).length, 0);
    assert.deepEqual([...shingles(['x', 'y', 'z', 'x', 'y', 'z'])].length, 3, 'distinct');
  });

  it('answers from an index of a large treaty without re-reading every provision', () => {
    const unclos = indexDocument(parseTreaty(readCorpus('unclos_1982_en.txt')));
    assert.ok(unclos.provisions.length > 1500);
    const q = T2024.byId.get('art_5')!;
    const hits = rankSimilar(queryOf(T2024, q), [{ key: 'unclos', index: unclos }], { limit: 3 });
    assert.ok(hits.length <= 3);
  });
});
