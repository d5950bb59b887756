// Parallel language versions in the model: alignment by eId, structural differences, notes,
// language, and when two texts are proposed as versions of one treaty. On the real VCLT in
// English and the partial Korean translation, and on the samples written for Pacta.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTreaty, provisionLabel, type TreatyDocument } from '../../src/model';
import { alignDocuments, alignmentKey, counterpart, type CountDifference, type MissingArticles } from '../../src/model/alignment';
import { documentLanguage, languageName, numberingMatch, pactaNotes, parallelNote, proposeParallel } from '../../src/model/parallel';
import { REPO } from '../helpers/paths';
import { lines, readCorpus } from '../helpers/text';

const EN = parseTreaty(readCorpus('vclt_1969_en.txt'));
const KO = parseTreaty(readCorpus('vclt_1969_ko_partial.txt'));

function sample(name: string): TreatyDocument {
  return parseTreaty(fs.readFileSync(path.join(REPO, 'samples', name), 'utf8'));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `art_${from + i}`);

describe('alignment of the VCLT in English and in the partial Korean translation', () => {
  const a = alignDocuments(EN, KO);
  const missing = a.differences.filter((d): d is MissingArticles => d.kind === 'missing');

  it('reports Articles 15–63 as one run missing in the Korean version, and nothing missing in the English', () => {
    assert.equal(missing.length, 1, JSON.stringify(missing.map((m) => [m.lacking, m.provisions.map((p) => p.eId)])));
    const [run] = missing;
    assert.equal(run.lacking, 'right');
    assert.deepEqual(run.provisions.map((p) => p.eId), range(15, 63));
    // In the Korean text the gap is where Article 64 begins.
    assert.match(KO.text.slice(run.at.start, run.at.end), /^제64조/);
  });

  it('pairs the articles both have, their paragraphs and their points, by eId', () => {
    for (const eId of [...range(1, 14), ...range(64, 85)]) {
      const pair = a.byKey.get(eId);
      assert.ok(pair?.left && pair.right, `${eId} should be in both versions`);
    }
    const point = a.byKey.get('art_2__para_1__point_h');
    assert.ok(point?.left && point.right);
    assert.match(KO.text.slice(point.right.start, point.right.end), /제3국/);
    assert.match(EN.text.slice(point.left.start, point.left.end), /third State/);
  });

  it('pairs parts numbered in Roman figures in one version and Arabic in the other', () => {
    assert.equal(alignmentKey('part_II__sec_1'), 'part_2__sec_1');
    assert.equal(alignmentKey('annex_VII__art_3__para_1__point_b'), 'annex_7__art_3__para_1__point_b');
    assert.equal(alignmentKey('art_4__para_1__point_iv'), 'art_4__para_1__point_iv', 'points keep their Roman numerals');
    const part2 = a.byKey.get('part_2');
    assert.equal(part2?.left?.eId, 'part_II');
    assert.equal(part2?.right?.eId, 'part_2');
  });

  it('finds the counterpart of a provision, falling back to the nearest one the other version has', () => {
    const en = EN.byId.get('art_7__para_2__point_b')!;
    const found = counterpart(a, en, 'left');
    assert.equal(found?.provision.eId, 'art_7__para_2__point_b');
    assert.equal(found?.exact, true);
    assert.equal(counterpart(a, EN.byId.get('art_31')!, 'left'), undefined, 'Article 31 is not in the Korean text');
    const back = counterpart(a, KO.byId.get('art_66__point_a')!, 'right');
    assert.equal(back?.provision.eId, 'art_66__point_a');
  });

  it('reports paragraph and point counts that differ only where both versions have the provision', () => {
    const counts = a.differences.filter((d): d is CountDifference => d.kind === 'count');
    for (const d of counts) assert.ok(a.byKey.get(alignmentKey(d.left.eId))?.right, `${d.left.eId} is in both`);
    for (const d of counts) assert.notEqual(d.leftCount, d.rightCount);
  });

  it('is the same alignment read from the other side', () => {
    const b = alignDocuments(KO, EN);
    const run = b.differences.find((d): d is MissingArticles => d.kind === 'missing');
    assert.equal(run?.lacking, 'left');
    assert.deepEqual(run?.provisions.map((p) => p.eId), range(15, 63));
  });
});

describe('alignment of the illustrative disaster-relief agreement (English and Korean samples)', () => {
  const en = sample('parallel/disaster-relief.en.treaty.txt');
  const ko = sample('parallel/disaster-relief.ko.treaty.txt');
  const a = alignDocuments(en, ko);

  it('has the same five articles, and Article 3 has a paragraph the Korean text lacks', () => {
    assert.equal(a.differences.filter((d) => d.kind === 'missing').length, 0);
    const counts = a.differences.filter((d): d is CountDifference => d.kind === 'count');
    assert.deepEqual(
      counts.map((d) => [provisionLabel(d.left), d.unit, d.leftCount, d.rightCount]),
      [['Article 3', 'paragraph', 3, 2]],
    );
  });

  it('links the English text to the Korean one by its note', () => {
    assert.deepEqual(parallelNote(en.text), ['disaster-relief.ko.treaty.txt']);
    assert.deepEqual(parallelNote(ko.text), []);
    assert.equal(documentLanguage(en), 'en');
    assert.equal(documentLanguage(ko), 'ko');
  });
});

describe('pacta: notes in the leading comment lines', () => {
  it('reads "% pacta:", "// pacta:" and "<!-- pacta: … -->" notes, with several values and settings', () => {
    assert.deepEqual(parallelNote('% pacta: parallel=vclt_1969_ko_partial.txt\nVienna Convention'), ['vclt_1969_ko_partial.txt']);
    assert.deepEqual(parallelNote('// pacta: parallel=a.txt, ../ru/b.txt\nTitle'), ['a.txt', '../ru/b.txt']);
    const md = pactaNotes('<!-- pacta: parallel=ko.md; language=en -->\n# Title');
    assert.deepEqual(md.get('parallel'), ['ko.md']);
    assert.deepEqual(md.get('language'), ['en']);
    assert.deepEqual(pactaNotes('% pacta: parallel=ko.txt language=en').get('language'), ['en']);
  });

  it('reads a note below an editorial note, but not one after the title', () => {
    assert.deepEqual(parallelNote(lines('[Illustrative draft — not an authentic treaty text.]', '% pacta: parallel=ko.txt', '', 'Title')), ['ko.txt']);
    assert.deepEqual(parallelNote(lines('Title', '% pacta: parallel=ko.txt')), []);
    assert.deepEqual(parallelNote(lines('Title', 'Article 1', 'pacta: parallel=ko.txt')), []);
  });

  it('ignores notes without a value', () => {
    assert.deepEqual(parallelNote('% pacta: parallel=\nTitle'), []);
    assert.deepEqual(parallelNote('% pacta:\nTitle'), []);
  });
});

describe('languages of versions', () => {
  it('takes the language the parser gives each version', () => {
    assert.equal(documentLanguage(parseTreaty('제1조\n\n이 협약은 국가간의 조약에 적용된다.')), 'ko');
    assert.equal(documentLanguage(parseTreaty('Статья 1\n\nНастоящая Конвенция применяется к договорам между государствами.')), 'ru');
    assert.equal(documentLanguage(EN), 'en');
    assert.equal(documentLanguage(parseTreaty('1. 2. 3.')), undefined);
  });

  it('names languages in English and prefers a language note', () => {
    assert.equal(languageName('ko'), 'Korean');
    assert.equal(languageName('ru-RU'), 'Russian');
    assert.equal(languageName('xx'), undefined);
    assert.equal(documentLanguage(parseTreaty('% pacta: language=ru\nTitle\n\nArticle 1\n\nText.')), 'ru');
  });
});

describe('proposing a link between two texts', () => {
  it('proposes the English and Korean VCLT: same instrument, other language, numbering contained', () => {
    const p = proposeParallel(EN, KO, 'Vienna Convention on the Law of Treaties');
    assert.ok(p);
    assert.deepEqual(p.match, { leftArticles: 85, rightArticles: 36, common: 36, containment: 1 });
    assert.match(p.reason, /Vienna Convention on the Law of Treaties/);
    assert.match(p.reason, /all 36 articles/);
  });

  it('does not propose texts of different instruments, or two texts in the same language', () => {
    const charter = parseTreaty(readCorpus('un_charter_en.txt'));
    assert.equal(proposeParallel(EN, charter), undefined);
    assert.equal(proposeParallel(EN, parseTreaty(readCorpus('vclt_1969_en.txt'))), undefined);
    // Same numbering but unknown instruments: nothing says they are one treaty.
    assert.equal(proposeParallel(sample('parallel/disaster-relief.en.treaty.txt'), sample('parallel/disaster-relief.ko.treaty.txt')), undefined);
  });

  it('measures how far numbering agrees', () => {
    const m = numberingMatch(EN, KO);
    assert.equal(m.common, 36);
    assert.equal(numberingMatch(EN, parseTreaty('')).containment, 0);
  });
});

describe('alignment never throws', () => {
  it('aligns empty texts, texts without articles and texts with repeated numbers', () => {
    const texts = ['', 'Title only', 'Article 1\n\nA.\n\nArticle 1\n\nB.', '1. a\n2. b', 'ANNEX\n\nArticle 1\n\nx'];
    for (const x of texts) for (const y of texts) {
      const a = alignDocuments(parseTreaty(x), parseTreaty(y));
      assert.ok(Array.isArray(a.differences));
    }
  });
});
