// The structure parser on the real treaty texts in ../shared/corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTreaty, walk, outlineName, type Provision, type TreatyDocument } from '../../src/model';
import { readCorpus } from '../support/corpus';

const count = (doc: TreatyDocument, pred: (p: Provision) => boolean) => [...walk(doc.root)].filter(pred).length;
const topLevelArticles = (doc: TreatyDocument) => count(doc, (p) => p.kind === 'article' && /^art_[^_]+$/.test(p.eId));

test('UN Charter: preamble, 111 articles in 19 chapters', () => {
  const doc = parseTreaty(readCorpus('un_charter_en.txt'));
  assert.equal(doc.title, 'Charter of the United Nations');
  assert.equal(count(doc, (p) => p.kind === 'chapter'), 19);
  assert.equal(topLevelArticles(doc), 111);
  assert.equal(doc.root.children[0].kind, 'preamble');
  const chVII = doc.byId.get('chp_VII')!;
  assert.match(outlineName(chVII), /^Chapter VII — Action with respect to threats to the peace/i);
  assert.ok(chVII.children.some((c) => c.eId === 'art_51'), 'Article 51 sits in Chapter VII');
  assert.equal(outlineName(doc.byId.get('art_51')!), 'Article 51', 'no dash without a heading');
  // Lettered items "a." are points; numbered paragraphs "1." are paragraphs.
  assert.ok(doc.byId.get('art_13__para_1__point_b'));
  assert.ok(doc.byId.get('art_52__para_3'));
});

test('VCLT: 85 headed articles in 8 parts, sections per part, and the Annex', () => {
  const doc = parseTreaty(readCorpus('vclt_1969_en.txt'));
  assert.equal(count(doc, (p) => p.kind === 'part'), 8);
  assert.equal(topLevelArticles(doc), 85);
  assert.equal(outlineName(doc.byId.get('art_31')!), 'Article 31 — General rule of interpretation');
  assert.ok(doc.byId.get('part_V__sec_2'), 'sections restart in each part');
  assert.ok(doc.byId.get('art_2__para_1__point_a'));
  assert.ok(doc.byId.get('art_3__point_a'), 'points straight under an article');
  const annex = doc.byId.get('annex_1')!;
  assert.equal(annex.kind, 'annex');
  assert.ok(doc.byId.get('annex_1__para_2__point_a'));
  assert.ok(doc.byId.get('conclusions'));
});

test('North Atlantic Treaty: 14 articles; unnumbered paragraphs counted by position', () => {
  const doc = parseTreaty(readCorpus('north_atlantic_treaty_1949_en.txt'));
  assert.equal(topLevelArticles(doc), 14);
  assert.equal(doc.byId.get('art_5__para_2')?.kind, 'paragraph');
  assert.equal(doc.byId.get('art_5__para_2')?.num, undefined);
  assert.equal(doc.byId.get('art_6')?.heading, undefined, 'a sentence running into a list is not a heading');
  assert.ok(doc.byId.get('art_6__point_ii'));
});

test('UNCLOS: 320 articles in 17 parts; each annex numbers its own articles', () => {
  const doc = parseTreaty(readCorpus('unclos_1982_en.txt'));
  assert.equal(count(doc, (p) => p.kind === 'part'), 17);
  assert.equal(topLevelArticles(doc), 320);
  assert.equal(count(doc, (p) => p.kind === 'annex'), 9);
  for (const id of ['part_XI__sec_4__subsec_A', 'annex_VII__art_1', 'annex_VII__art_3__point_b', 'annex_VI__art_17__para_2', 'annex_V__sec_2', 'art_1__para_1__point_5__point_a__point_ii']) {
    assert.ok(doc.byId.get(id), `${id} exists`);
  }
  const annexVII = doc.byId.get('annex_VII')!;
  assert.equal(annexVII.children.filter((c) => c.kind === 'article').length, 13);
  assert.notEqual(doc.byId.get('annex_VII__art_1'), doc.byId.get('art_1'));
});

test('Korean VCLT: 제N조 articles, 제N부 parts, 부속서 annex', () => {
  const doc = parseTreaty(readCorpus('vclt_1969_ko_partial.txt'));
  assert.equal(doc.title, '조약법에 관한 비엔나협약');
  assert.equal(topLevelArticles(doc), 36);
  assert.equal(doc.byId.get('art_1')?.heading, '협약의 범위');
  assert.equal(doc.byId.get('art_8')?.heading, '권한없이 행한 행위의 추인');
  assert.ok(doc.byId.get('art_85'));
  assert.ok(doc.byId.get('art_2__para_1__point_a'), 'circled ① paragraphs with (a) points');
  assert.equal(count(doc, (p) => p.kind === 'part'), 5);
  assert.equal(doc.byId.get('annex_1')?.kind, 'annex');
});
