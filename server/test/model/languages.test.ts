// Structure and references in the languages of server/src/model/languages: the Korean VCLT
// excerpt from the corpus (scored against a hand annotation), and per language a short
// treaty written for this test (not an authentic text): headings → outline ids, each
// citation form → its exact targets, and look-alikes that must not be references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseTreaty, walk, detectLanguage, type TreatyDocument } from '../../src/model';
import { chineseToInt, asciiDigits } from '../../src/model/languages/numerals';
import { languagePatterns } from '../../src/model/multilingualCitations';
import { packHeadingPatterns } from '../../src/model/languages/headingRows';
import { readCorpus } from '../support/corpus';
import { scoreGold } from '../support/gold';

// --- helpers -----------------------------------------------------------------------------

function ref(d: TreatyDocument, text: string, occurrence = 1) {
  let at = -1;
  for (let k = 0; k < occurrence; k++) at = d.text.indexOf(text, at + 1);
  assert.ok(at >= 0, `text "${text}" is in the test document`);
  const r = d.references.find((x) => x.start <= at && at < x.end);
  assert.ok(r, `a reference at "${text}" (found: ${d.references.map((x) => x.text).join(' | ')})`);
  return r;
}

function targets(d: TreatyDocument, text: string, occurrence = 1): string[] {
  return ref(d, text, occurrence).targets.map((t) => (t.instrument ? `${t.instrument}#${t.eId}` : t.eId));
}

/** No reference overlaps the first occurrence of `text`. */
function noReference(d: TreatyDocument, text: string): void {
  const at = d.text.indexOf(text);
  assert.ok(at >= 0, `text "${text}" is in the test document`);
  const hit = d.references.find((r) => r.start < at + text.length && at < r.end);
  assert.equal(hit, undefined, `"${text}" is not a reference (got "${hit?.text}")`);
}

type Case = [text: string, expected: string[], occurrence?: number];

function formsTest(lang: string, d: TreatyDocument, cases: Case[]): void {
  for (const [text, expected, occ] of cases) {
    test(`${lang}: "${text}" -> ${expected.join(', ')}`, () => {
      assert.deepEqual(targets(d, text, occ), expected);
    });
  }
}

function ids(d: TreatyDocument): Set<string> {
  return new Set([...walk(d.root)].map((p) => p.eId));
}

const CHARTER = 'Charter of the United Nations';

// --- Korean: the VCLT excerpt in the corpus -----------------------------------------------

test('Korean VCLT excerpt: every hand-annotated reference, nothing else', () => {
  const s = scoreGold(path.resolve(__dirname, '../fixtures/languages/vclt_1969_ko_partial.json'));
  console.log(`# ${s.file}: ${s.gold} annotated, ${s.predicted} found, precision ${(100 * s.precision).toFixed(1)}%, recall ${(100 * s.recall).toFixed(1)}%`);
  for (const m of s.missed) console.log(`#   missed ${m.line}: ${m.text}`);
  for (const m of s.wrong) console.log(`#   wrong ${m.line}: ${m.text} -> ${m.got} (expected ${m.expected})`);
  assert.equal(s.gold, 30);
  assert.deepEqual(s.missed, []);
  assert.deepEqual(s.wrong, []);
});

test('Korean VCLT excerpt: the attested forms and look-alikes', () => {
  const d = parseTreaty(readCorpus('vclt_1969_ko_partial.txt'));
  assert.equal(d.language, 'ko');
  assert.deepEqual(targets(d, '제65조 3항'), ['art_65__para_3']);
  assert.deepEqual(targets(d, '제65조1항'), ['art_65__para_1']);
  assert.deepEqual(targets(d, '제77조1항(e)'), ['art_77__para_1__point_e']);
  assert.deepEqual(targets(d, '국제연합헌장 제33조'), [`${CHARTER}#art_33`]);
  assert.equal(ref(d, '국제연합헌장 제33조').text, '국제연합헌장 제33조');
  assert.deepEqual(targets(d, '상기 1항의 규정'), ['art_2__para_1']);
  assert.deepEqual(targets(d, '상기 전항'), ['art_80__para_1']);
  const list = ref(d, '제49조, 제50조, 제51조 또는 제52조');
  assert.equal(list.text, '제49조, 제50조, 제51조 또는 제52조');
  assert.equal(list.form, 'list');
  assert.equal(list.resolved, false, 'Articles 49–52 are not in this copy');
  assert.match(list.problem ?? '', /no Article 49/);
  noReference(d, '제3국');
  noReference(d, '제 당사국');
  noReference(d, '제국가');
  noReference(d, '제5조의 조정관');
  // The heading's own number is the heading; the citations in its bracket are citations.
  assert.deepEqual(targets(d, '제65조 및 제67조'), ['art_65', 'art_67']);
  assert.equal(d.references.some((r) => r.text === '제68조'), false);
});

// --- Korean: a text written for this test -------------------------------------------------

const KO = `예시 협력 조약

이 조약의 당사국은 다음과 같이 합의하였다.

제1장  총칙

제1조 (목적)
이 조약은 제3조 내지 제5조 및 제2조에 규정된 사항에 적용된다.

제2조 (정의)
① 이 조약의 목적상,
(a) "당사국"이라 함은 이 조약에 기속되는 국가를 말한다.
(b) "제3국"이라 함은 당사국이 아닌 국가를 말한다.
② 상기 1항의 규정은 제1조의 적용을 방해하지 아니한다.

제3조 (관계)
① 이 조의 어떠한 규정도 제2조 제1항을 제한하지 아니한다.
② 전항은 제4조 2항에 따라 적용된다.
③ 제2조1항(b) 및 하기 4항은 그대로 적용된다.
④ 본조는 조약 4조와 국제연합헌장 제51조(유엔헌장 제51조)에 따라 해석된다.

제2장  최종조항

제4조 (사무국)
① 사무국을 설치한다.
② 제 당사국은 매년 4조 원을 부담한다.
③ 이 장은 제1조부터 제3조까지의 규정과 함께 적용된다.

제5조 (발효)
이 조약은 서명한 날에 발효한다.
`;

const ko = parseTreaty(KO);

test('Korean: 제N장 chapters, 제N조 (heading) articles, ① paragraphs, (a) points', () => {
  assert.equal(ko.language, 'ko');
  for (const id of ['chp_1', 'chp_2', 'art_1', 'art_3__para_4', 'art_2__para_1__point_b', 'art_5']) assert.ok(ids(ko).has(id), id);
  assert.equal(ko.byId.get('art_3')?.heading, '관계');
});

formsTest('ko', ko, [
  // A range and a list item in one citation: every item carries its own 제…조.
  ['제3조 내지 제5조 및 제2조', ['art_3', 'art_4', 'art_5', 'art_2']],
  ['상기 1항', ['art_2__para_1']],
  ['제1조의 적용', ['art_1']],
  ['이 조의', ['art_3']],
  ['제2조 제1항', ['art_2__para_1']],
  ['전항은', ['art_3__para_1']],
  ['제4조 2항', ['art_4__para_2']],
  ['제2조1항(b)', ['art_2__para_1__point_b']],
  ['하기 4항', ['art_3__para_4']],
  ['본조는', ['art_3']],
  ['조약 4조', ['art_4']],
  ['국제연합헌장 제51조', [`${CHARTER}#art_51`]],
  ['유엔헌장 제51조', [`${CHARTER}#art_51`]],
  ['이 장은', ['chp_2']],
  ['제1조부터 제3조까지', ['art_1', 'art_2', 'art_3']],
]);

test('Korean look-alikes: 제3국, 제 당사국, an amount "4조 원"', () => {
  noReference(ko, '제3국');
  noReference(ko, '제 당사국');
  noReference(ko, '4조 원');
});

// --- French ---------------------------------------------------------------------------------

const FR = `Convention d'illustration sur la coopération

Les Parties à la présente Convention sont convenues de ce qui suit :

TITRE PREMIER
DISPOSITIONS GÉNÉRALES

Chapitre I
Objet

Article premier
Objet
La présente Convention s'applique aux matières visées aux articles 3 à 5 et aux articles 2 et 4.

Article 2
Définitions
1. Aux fins de la présente Convention :
a) « Partie » s'entend d'un État lié par elle ;
b) « Secrétariat » s'entend de l'organe créé par l'article 4.
2. Le paragraphe 1 du présent article ne porte pas atteinte à l'article premier.

Article 3
1. Rien dans le présent article ne limite l'article précédent.
2. Le paragraphe précédent s'applique sous réserve du paragraphe 2 de l'article 4.
3. L'alinéa a) du paragraphe 1 de l'article 2 s'applique ; voir aussi l'article 2, paragraphe 1, alinéa b).

TITRE II
DISPOSITIONS FINALES

Article 4
1. Un Secrétariat est créé, comme le prévoit l'article 2 de la présente Convention.
2. Le Secrétariat agit conformément à l'article 51 de la Charte des Nations Unies et à l'article 5 de la Convention de Genève.
3. Chaque Partie informe l'autre Partie de son point de vue.

Article 5
Les Parties se réunissent chaque année.
Le deuxième alinéa de l'article 5 s'applique au présent titre et aux articles 1er, 2 et 3.

ANNEXE
Procédure
1. Les demandes sont adressées au Secrétariat.
`;

const fr = parseTreaty(FR);

test('French: TITRE PREMIER, Chapitre I, Article premier, ANNEXE', () => {
  assert.equal(fr.language, 'fr');
  for (const id of ['title_1', 'title_II', 'chp_I', 'art_1', 'art_2__para_1__point_b', 'art_5__para_2', 'annex_1', 'annex_1__para_1']) assert.ok(ids(fr).has(id), id);
  assert.equal(fr.byId.get('title_1')?.heading, 'DISPOSITIONS GÉNÉRALES');
  assert.equal(fr.byId.get('art_1')?.heading, 'Objet');
  assert.equal(parseTreaty('Traité\n\nArticle 1er\nTexte.\n').byId.get('art_1')?.kind, 'article', '"Article 1er" is article 1');
});

formsTest('fr', fr, [
  ['articles 3 à 5', ['art_3', 'art_4', 'art_5']],
  ['articles 2 et 4', ['art_2', 'art_4']],
  ["article 4.", ['art_4']],
  ['paragraphe 1 du présent article', ['art_2__para_1']],
  ["article premier", ['art_1']],
  ['présent article ne limite', ['art_3']],
  ["l'article précédent", ['art_2']],
  ['Le paragraphe précédent', ['art_3__para_1']],
  ["paragraphe 2 de l'article 4", ['art_4__para_2']],
  ["alinéa a) du paragraphe 1 de l'article 2", ['art_2__para_1__point_a']],
  ["article 2, paragraphe 1, alinéa b)", ['art_2__para_1__point_b']],
  ['article 51 de la Charte des Nations Unies', [`${CHARTER}#art_51`]],
  ['article 5 de la Convention de Genève', ['Convention de Genève#art_5']],
  ["Le deuxième alinéa de l'article 5", ['art_5__para_2']],
  ['présent titre', ['title_II']],
  ['articles 1er, 2 et 3', ['art_1', 'art_2', 'art_3']],
  ['article 2 de la présente Convention', ['art_2']],
]);

test('French: spans, and "Partie" and "point de vue" are no references', () => {
  // A numbered citation starts at its unit word, as in English; a deictic one at its article.
  assert.equal(ref(fr, 'article 51 de la Charte').text, 'article 51 de la Charte des Nations Unies');
  assert.equal(ref(fr, 'Le paragraphe précédent').text, 'Le paragraphe précédent');
  noReference(fr, "Chaque Partie informe l'autre Partie de son point de vue");
  noReference(fr, 'La présente Convention');
});

// --- Spanish -------------------------------------------------------------------------------

const ES = `Tratado ilustrativo de cooperación

Las Partes en el presente Tratado han convenido en lo siguiente:

CAPÍTULO I
Disposiciones generales

Artículo 1
El presente Tratado se aplica a las materias previstas en los artículos 3 a 5 y en los artículos 2 y 4.

Artículo 2
1. A los efectos del presente Tratado:
a) "Parte" significa un Estado obligado por él;
b) "Secretaría" significa el órgano creado por el artículo 4.
2. El párrafo 1 del presente artículo no afecta al artículo 1.

Artículo 3
1. Nada en el presente artículo limita el artículo anterior.
2. El párrafo anterior se aplica sin perjuicio del párrafo 2 del artículo 4.
3. Se aplica el inciso a) del párrafo 1 del artículo 2; véase también el artículo 2, párrafo 1, apartado b).

CAPÍTULO II
Disposiciones finales

Artículo 4
1. Se crea una Secretaría.
2. La Secretaría actúa de conformidad con el artículo 51 de la Carta de las Naciones Unidas.
3. Cada Parte notificará a la otra Parte sus puntos de contacto.

Artículo 5
Las Partes se reúnen una vez al año.
El segundo párrafo del presente artículo se aplica también al presente capítulo.
`;

const es = parseTreaty(ES);

test('Spanish: CAPÍTULO I, Artículo 1, numbered paragraphs and lettered points', () => {
  assert.equal(es.language, 'es');
  for (const id of ['chp_I', 'chp_II', 'art_1', 'art_2__para_1__point_b', 'art_4__para_3', 'art_5__para_2']) assert.ok(ids(es).has(id), id);
  assert.equal(es.byId.get('chp_I')?.heading, 'Disposiciones generales');
});

formsTest('es', es, [
  ['artículos 3 a 5', ['art_3', 'art_4', 'art_5']],
  ['artículos 2 y 4', ['art_2', 'art_4']],
  ['artículo 4.', ['art_4']],
  ['párrafo 1 del presente artículo', ['art_2__para_1']],
  ['artículo 1.', ['art_1']],
  ['presente artículo limita', ['art_3']],
  ['artículo anterior', ['art_2']],
  ['El párrafo anterior', ['art_3__para_1']],
  ['párrafo 2 del artículo 4', ['art_4__para_2']],
  ['inciso a) del párrafo 1 del artículo 2', ['art_2__para_1__point_a']],
  ['artículo 2, párrafo 1, apartado b)', ['art_2__para_1__point_b']],
  ['artículo 51 de la Carta de las Naciones Unidas', [`${CHARTER}#art_51`]],
  ['El segundo párrafo del presente artículo', ['art_5__para_2']],
  ['presente capítulo', ['chp_II']],
]);

test('Spanish: "Parte" (a party) and "presente Tratado" are no references', () => {
  noReference(es, 'Cada Parte notificará a la otra Parte');
  noReference(es, 'El presente Tratado se aplica');
});

// --- Russian -------------------------------------------------------------------------------

const RU = `Договор о сотрудничестве (учебный текст)

Стороны настоящего Договора договорились о нижеследующем:

Глава I
Общие положения

Статья 1
Настоящий Договор применяется к вопросам, указанным в статьях 3–5 и в статьях 2 и 4.

Статья 2
1. Для целей настоящего Договора:
а) «Сторона» означает государство, связанное им;
б) «Секретариат» означает орган, учрежденный статьей 4.
2. Пункт 1 настоящей статьи не затрагивает статью 1.

Статья 3
1. Ничто в настоящей статье не ограничивает предыдущую статью.
2. Предыдущий пункт применяется с учетом пункта 2 статьи 4.
3. Применяется подпункт «а» пункта 1 статьи 2; см. также ст. 2.

Глава II
Заключительные положения

Статья 4
1. Учреждается Секретариат.
2. Секретариат действует в соответствии со ст. 51 Устава ООН и со статьей 2 Устава Организации Объединенных Наций.
3. При этом часть 1 статьи 3 применяется в полном объеме.
4. Глава государства каждой Стороны уведомляет другую Сторону.

Статья 5
Статьи с 1 по 3 применяются с учетом пунктов 1 и 2 статьи 4.
Настоящая статья, как и статья 2 настоящего Договора, толкуется согласно статье 3 документа.
`;

const ru = parseTreaty(RU);

test('Russian: Глава I, Статья N, "1." paragraphs and Cyrillic "а)" points', () => {
  assert.equal(ru.language, 'ru');
  for (const id of ['chp_I', 'chp_II', 'art_1', 'art_2__para_1__point_а', 'art_2__para_1__point_б', 'art_4__para_4', 'art_5']) assert.ok(ids(ru).has(id), id);
  assert.equal(ru.byId.get('chp_II')?.heading, 'Заключительные положения');
});

formsTest('ru', ru, [
  ['статьях 3–5', ['art_3', 'art_4', 'art_5']],
  ['статьях 2 и 4', ['art_2', 'art_4']],
  ['статьей 4.', ['art_4']],
  ['Пункт 1 настоящей статьи', ['art_2__para_1']],
  ['статью 1', ['art_1']],
  ['настоящей статье', ['art_3']],
  ['предыдущую статью', ['art_2']],
  ['Предыдущий пункт', ['art_3__para_1']],
  ['пункта 2 статьи 4', ['art_4__para_2']],
  ['подпункт «а» пункта 1 статьи 2', ['art_2__para_1__point_а']],
  ['ст. 2.', ['art_2']],
  ['ст. 51 Устава ООН', [`${CHARTER}#art_51`]],
  ['статьей 2 Устава Организации Объединенных Наций', [`${CHARTER}#art_2`]],
  ['часть 1 статьи 3', ['art_3__para_1']],
  ['Статьи с 1 по 3', ['art_1', 'art_2', 'art_3']],
  ['пунктов 1 и 2 статьи 4', ['art_4__para_1', 'art_4__para_2']],
  ['Настоящая статья', ['art_5']],
  ['статья 2 настоящего Договора', ['art_2']],
  // A lower-case "документа" ("of the document") is the text itself, as in news reports.
  ['статье 3 документа', ['art_3']],
]);

test('Russian: the genitive instrument is part of the span; "Глава государства" is no reference', () => {
  assert.equal(ref(ru, 'ст. 51 Устава ООН').text, 'ст. 51 Устава ООН');
  assert.equal(ref(ru, 'ст. 51 Устава ООН').instrument?.id, 'un-charter');
  noReference(ru, 'Глава государства');
  noReference(ru, 'Настоящий Договор применяется');
});

// --- Chinese (simplified) --------------------------------------------------------------------

const ZH = `合作示范条约

缔约双方议定如下：

第一章　总则

第一条
本条约适用于第三条至第五条以及第二条和第四条所述事项。

第二条
一、为本条约的目的：
（一）"缔约方"指受本条约约束的国家；
（二）"秘书处"指依第四条设立的机构。
二、本条第一款不影响第一条的适用。

第三条
一、本条的任何规定均不限制前条。
二、前款的适用以第四条第二款为限。
三、第二条第一款第一项同样适用。

第二章　最后条款

第四条
一、设立秘书处。
二、秘书处依照《联合国宪章》第五十一条及联合国宪章第二条行事。
三、缔约一方不得与第三国缔结损害另一方的协定。

第四条之二
本公约第一条不受影响。

第五条　本条约自签署之日起生效，有效期为十年。
`;

const zh = parseTreaty(ZH);

test('Chinese: 第一章 chapters, 第N条 with Chinese numerals, 一、 paragraphs, （一） points, 第四条之二', () => {
  assert.equal(zh.language, 'zh');
  for (const id of ['chp_1', 'chp_2', 'art_1', 'art_2__para_1__point_2', 'art_3__para_3', 'art_4-2', 'art_5']) assert.ok(ids(zh).has(id), id);
  assert.equal(zh.byId.get('chp_1')?.heading, '总则');
  // "第五条　本条约…。": the label is the number; the article's text follows on the same line.
  const art5 = zh.byId.get('art_5')!;
  assert.equal(zh.text.slice(art5.start, art5.labelEnd), '第五条');
  assert.match(zh.text.slice(art5.start, art5.end), /有效期为十年。$/);
});

formsTest('zh', zh, [
  // The range runs in document order, so it takes in 第四条之二.
  ['第三条至第五条以及第二条和第四条', ['art_3', 'art_4', 'art_4-2', 'art_5', 'art_2', 'art_4']],
  ['第四条设立', ['art_4']],
  ['本条第一款', ['art_2__para_1']],
  ['第一条的适用', ['art_1']],
  ['本条的任何', ['art_3']],
  ['前条', ['art_2']],
  ['前款', ['art_3__para_1']],
  ['第四条第二款', ['art_4__para_2']],
  ['第二条第一款第一项', ['art_2__para_1__point_1']],
  ['《联合国宪章》第五十一条', [`${CHARTER}#art_51`]],
  ['联合国宪章第二条', [`${CHARTER}#art_2`]],
  ['本公约第一条', ['art_1']],
]);

test('Chinese: 第三国 ("third State") and 本条约 alone are no references', () => {
  noReference(zh, '第三国');
  noReference(zh, '本条约适用于');
});

// --- Chinese (traditional) -------------------------------------------------------------------

const ZH_HANT = `示範憲章

第一章
宗旨

第一條
本憲章之目的見第二條及第三條。

第二條
一、各會員國應履行其義務。
二、前項義務不受本條第三項以外之限制。
三、本憲章第一條仍適用。

第三條
依第二條第二項及第五十二條第三項之規定。

第十二條
第十一條至第十二條、本章。
`;

test('Chinese (traditional): 第N條, 第N項, 本條, 前項, 本憲章, 第五十二條第三項', () => {
  const d = parseTreaty(ZH_HANT);
  assert.equal(d.language, 'zh');
  for (const id of ['chp_1', 'art_1', 'art_2__para_3', 'art_3', 'art_12']) assert.ok(ids(d).has(id), id);
  assert.deepEqual(targets(d, '本章'), ['chp_1']);
  const range = ref(d, '第十一條至第十二條');
  assert.equal(range.form, 'range');
  assert.match(range.problem ?? '', /no Article 11/);
  assert.deepEqual(targets(d, '第二條及第三條'), ['art_2', 'art_3']);
  assert.deepEqual(targets(d, '前項'), ['art_2__para_1']);
  assert.deepEqual(targets(d, '本條第三項'), ['art_2__para_3']);
  assert.deepEqual(targets(d, '本憲章第一條'), ['art_1']);
  assert.deepEqual(targets(d, '第二條第二項'), ['art_2__para_2']);
  const missing = ref(d, '第五十二條第三項');
  assert.equal(missing.text, '第五十二條第三項');
  assert.equal(missing.resolved, false);
  assert.match(missing.problem ?? '', /no Article 52/);
});

test('Chinese numerals', () => {
  assert.equal(chineseToInt('五十一'), 51);
  assert.equal(chineseToInt('十一'), 11);
  assert.equal(chineseToInt('二十'), 20);
  assert.equal(chineseToInt('一百零三'), 103);
  assert.equal(chineseToInt('三百二十'), 320);
  assert.equal(chineseToInt('二〇一'), 201);
  assert.equal(chineseToInt('条'), undefined);
  assert.equal(asciiDigits('٥١'), '51');
  assert.equal(asciiDigits('５１'), '51');
});

// --- Arabic -------------------------------------------------------------------------------

const AR = `معاهدة تعاون توضيحية

إن الأطراف في هذه المعاهدة قد اتفقت على ما يلي:

الفصل الأول
أحكام عامة

المادة 1
تنطبق هذه المعاهدة على المسائل المشار إليها في المواد من 3 إلى 5 وفي المادتين 2 و4.

المادة 2
1- لأغراض هذه المعاهدة:
(أ) يقصد بالطرف دولة ملزمة بها؛
(ب) يقصد بالأمانة الهيئة المنشأة بموجب المادة 4.
2- لا تخل الفقرة 1 من هذه المادة بالمادة ١.

المادة 3
1- لا يحد أي حكم في هذه المادة من نطاق المادة السابقة.
2- تنطبق الفقرة السابقة رهناً بالفقرة 2 من المادة 4.
3- تنطبق الفقرة الفرعية (أ) من الفقرة 1 من المادة 2.

الفصل الثاني
أحكام ختامية

المادة 4
1- تنشأ أمانة.
2- تعمل الأمانة وفقاً للمادة 51 من ميثاق الأمم المتحدة.
3- لا ينقل أي طرف أي مادة كيميائية.

المادة ٥
تنطبق المواد ١ إلى ٣ على الفصل الثاني.
`;

const ar = parseTreaty(AR);

test('Arabic: الفصل الأول (spelled ordinal), المادة N and المادة ٥, "1-" paragraphs, "(أ)" points', () => {
  assert.equal(ar.language, 'ar');
  for (const id of ['chp_1', 'chp_2', 'art_1', 'art_2__para_1__point_أ', 'art_2__para_1__point_ب', 'art_4__para_3', 'art_5']) assert.ok(ids(ar).has(id), id);
  assert.equal(ar.byId.get('chp_2')?.heading, 'أحكام ختامية');
});

formsTest('ar', ar, [
  ['المواد من 3 إلى 5', ['art_3', 'art_4', 'art_5']],
  ['المادتين 2 و4', ['art_2', 'art_4']],
  ['المادة 4.', ['art_4']],
  ['الفقرة 1 من هذه المادة', ['art_2__para_1']],
  ['بالمادة ١', ['art_1']],
  ['هذه المادة من', ['art_3']],
  ['المادة السابقة', ['art_2']],
  ['الفقرة السابقة', ['art_3__para_1']],
  ['بالفقرة 2 من المادة 4', ['art_4__para_2']],
  ['الفقرة الفرعية (أ) من الفقرة 1 من المادة 2', ['art_2__para_1__point_أ']],
  ['للمادة 51 من ميثاق الأمم المتحدة', [`${CHARTER}#art_51`]],
  ['المواد ١ إلى ٣', ['art_1', 'art_2', 'art_3']],
  ['الفصل الثاني.', ['chp_2']],
]);

test('Arabic: "مادة كيميائية" (a chemical substance) and "هذه المعاهدة" are no references', () => {
  noReference(ar, 'مادة كيميائية');
  noReference(ar, 'هذه المعاهدة على');
});

// --- German --------------------------------------------------------------------------------

const DE = `Beispielvertrag über Zusammenarbeit

Die Vertragsparteien dieses Vertrags sind wie folgt übereingekommen:

Kapitel I
Allgemeine Bestimmungen

Artikel 1
Zweck
Dieser Vertrag gilt für die in den Artikeln 2 bis 4 sowie in Artikel 2 und 4 genannten Angelegenheiten.

Artikel 2
Begriffsbestimmungen
(1) Im Sinne dieses Vertrags
a) bezeichnet „Vertragspartei" einen gebundenen Staat;
b) bezeichnet „Sekretariat" das nach Artikel 4 errichtete Organ.
(2) Absatz 1 dieses Artikels berührt Artikel 1 nicht.

Artikel 3
(1) Dieser Artikel beschränkt nicht den vorstehenden Artikel.
(2) Der vorstehende Absatz gilt vorbehaltlich des Absatzes 2 des Artikels 4.
(3) Artikel 2 Absatz 1 Buchstabe a gilt entsprechend.

Kapitel II
Schlussbestimmungen

Artikel 4
(1) Ein Sekretariat wird errichtet.
(2) Das Sekretariat handelt im Einklang mit Artikel 51 der UN-Charta und Artikel 2 der Charta der Vereinten Nationen.
(3) Jede Vertragspartei trägt einen Teil der Kosten.

Artikel 8 bis
Die Artikel 1 bis 3 gelten auch für Artikel 8 bis.
`;

const de = parseTreaty(DE);

test('German: Kapitel I, Artikel N (with heading), Artikel 8 bis, (1) paragraphs, a) points', () => {
  assert.equal(de.language, 'de');
  for (const id of ['chp_I', 'chp_II', 'art_1', 'art_2__para_1__point_b', 'art_4__para_3', 'art_8bis']) assert.ok(ids(de).has(id), id);
  assert.equal(de.byId.get('art_1')?.heading, 'Zweck');
});

formsTest('de', de, [
  ['Artikeln 2 bis 4', ['art_2', 'art_3', 'art_4']],
  ['Artikel 2 und 4', ['art_2', 'art_4']],
  ['Artikel 4 errichtete', ['art_4']],
  ['Absatz 1 dieses Artikels', ['art_2__para_1']],
  ['Artikel 1 nicht', ['art_1']],
  ['Dieser Artikel', ['art_3']],
  ['den vorstehenden Artikel', ['art_2']],
  ['Der vorstehende Absatz', ['art_3__para_1']],
  ['Absatzes 2 des Artikels 4', ['art_4__para_2']],
  ['Artikel 2 Absatz 1 Buchstabe a', ['art_2__para_1__point_a']],
  ['Artikel 51 der UN-Charta', [`${CHARTER}#art_51`]],
  ['Artikel 2 der Charta der Vereinten Nationen', [`${CHARTER}#art_2`]],
  ['Artikel 1 bis 3', ['art_1', 'art_2', 'art_3']],
  ['Artikel 8 bis.', ['art_8bis']],
]);

test('German: "einen Teil der Kosten" and "dieses Vertrags" are no references', () => {
  noReference(de, 'Teil der Kosten');
  noReference(de, 'Im Sinne dieses Vertrags');
});

// --- Dutch ---------------------------------------------------------------------------------

const NL = `Voorbeeldverdrag inzake samenwerking

De Partijen bij dit Verdrag zijn het volgende overeengekomen:

Hoofdstuk 1
Algemene bepalingen

Artikel 1
Dit Verdrag is van toepassing op de in de artikelen 3 tot en met 5 en in de artikelen 2 en 4 genoemde onderwerpen.

Artikel 2
1. In dit Verdrag wordt verstaan onder:
a) Partij: een gebonden staat;
b) Secretariaat: het bij artikel 4 opgerichte orgaan.
2. Lid 1 van dit artikel laat artikel 1 onverlet.

Artikel 3
1. Niets in dit artikel beperkt het vorige artikel.
2. Het vorige lid is van toepassing onverminderd artikel 4, lid 2.
3. Artikel 2, lid 1, onder a), is van overeenkomstige toepassing, evenals het eerste lid.

Hoofdstuk 2
Slotbepalingen

Artikel 4
1. Er wordt een secretariaat opgericht.
2. Het secretariaat handelt in overeenstemming met artikel 51 van het Handvest van de Verenigde Naties.
3. Elk lid van het secretariaat is onafhankelijk.

Artikel 5
De Partijen komen jaarlijks bijeen.
Artikel 4, tweede lid, en artikel 5, tweede alinea, zijn van toepassing, zoals de artikelen 1 tot en met 3.
`;

const nl = parseTreaty(NL);

test('Dutch: Hoofdstuk N, Artikel N, numbered leden, a) points, unnumbered alinea', () => {
  assert.equal(nl.language, 'nl');
  for (const id of ['chp_1', 'chp_2', 'art_1', 'art_2__para_1__point_b', 'art_4__para_3', 'art_5__para_2']) assert.ok(ids(nl).has(id), id);
  assert.equal(nl.byId.get('chp_2')?.heading, 'Slotbepalingen');
});

formsTest('nl', nl, [
  ['artikelen 3 tot en met 5', ['art_3', 'art_4', 'art_5']],
  ['artikelen 2 en 4', ['art_2', 'art_4']],
  ['artikel 4 opgerichte', ['art_4']],
  ['Lid 1 van dit artikel', ['art_2__para_1']],
  ['artikel 1 onverlet', ['art_1']],
  ['dit artikel beperkt', ['art_3']],
  ['het vorige artikel', ['art_2']],
  ['Het vorige lid', ['art_3__para_1']],
  ['artikel 4, lid 2', ['art_4__para_2']],
  ['Artikel 2, lid 1, onder a)', ['art_2__para_1__point_a']],
  ['het eerste lid', ['art_3__para_1']],
  ['artikel 51 van het Handvest van de Verenigde Naties', [`${CHARTER}#art_51`]],
  ['Artikel 4, tweede lid', ['art_4__para_2']],
  ['artikel 5, tweede alinea', ['art_5__para_2']],
  ['artikelen 1 tot en met 3', ['art_1', 'art_2', 'art_3']],
]);

test('Dutch: "Elk lid van het secretariaat" (a member) and "dit Verdrag" are no references', () => {
  noReference(nl, 'Elk lid van het secretariaat');
  noReference(nl, 'Dit Verdrag is van toepassing');
});

// --- language detection and override ---------------------------------------------------------

test('detectLanguage: each test text, the English corpus, and a pacta note', () => {
  const expected: Array<[string, string]> = [[KO, 'ko'], [FR, 'fr'], [ES, 'es'], [RU, 'ru'], [ZH, 'zh'], [ZH_HANT, 'zh'], [AR, 'ar'], [DE, 'de'], [NL, 'nl']];
  for (const [text, code] of expected) assert.equal(detectLanguage(text).code, code, text.slice(0, 30));
  assert.equal(detectLanguage(readCorpus('un_charter_en.txt')).code, 'en');
  assert.equal(detectLanguage('% pacta: language=ko\nTreaty\n\nArticle 1\nText.').code, 'ko');
  assert.equal(detectLanguage('<!-- pacta: parallel=a.md; language=fr -->\nTreaty\n').code, 'fr');
});

test('the language: a note wins over the parse option, the option over detection', () => {
  // An English-looking text marked Korean reads Korean citations.
  const noted = parseTreaty('% pacta: language=ko\nTreaty\n\nArticle 1\nText.\n\nArticle 2\nSee 제1조.\n');
  assert.equal(noted.language, 'ko');
  assert.deepEqual(targets(noted, '제1조'), ['art_1']);
  const set = parseTreaty('Traité\n\nArticle 1\nTexte.\n\nArticle 2\nVoir le présent article.\n', { language: 'fr' });
  assert.equal(set.language, 'fr');
  assert.deepEqual(targets(set, 'le présent article'), ['art_2']);
  assert.equal(parseTreaty('% pacta: language=de\nx', { language: 'fr' }).language, 'de');
  assert.equal(parseTreaty('Treaty\n\nArticle 1\nThe text.\n', { language: 'auto' }).language, 'en');
});

test('English documents are read by the English grammar only', () => {
  const d = parseTreaty(readCorpus('north_atlantic_treaty_1949_en.txt'));
  assert.equal(d.language, 'en');
  assert.deepEqual(d.references.map((r) => r.text), ['Article 51 of the Charter of the United Nations', 'Article 5', 'Articles 3 and 5']);
});

test('never throws and keeps references sorted and apart, whatever the mix of words', () => {
  // Words from every pack, shuffled into lines: a cheap property test of the scanner.
  const words = [
    '제', '5', '조', '항', '상기', '1항', '이', '조', '第', '五十一', '条', '款', '本', '前', '《', '联合国宪章', '》', 'статья', 'статьи', 'пункт',
    '2', 'настоящей', 'ст.', 'Устава ООН', "l'article", 'article', 'paragraphe', 'du', 'présent', 'de la', 'Charte des Nations Unies', 'alinéa',
    'a)', '(b)', '«а»', 'المادة', '٥١', 'من', 'هذه', 'الفقرة', 'Artikel', 'Absatz', 'des', 'Artikels', 'bis', 'artikel', 'lid', 'onder',
    'tot en met', ',', ' ', '\n', '3–7', 'à', 'и', '및', '至', 'premier', '1er', 'VII', '(e)',
  ];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let round = 0; round < 200; round++) {
    let text = '';
    for (let i = 0; i < 60; i++) text += words[rand(words.length)] + (rand(3) ? ' ' : '');
    for (const language of ['ko', 'zh', 'ru', 'fr', 'es', 'ar', 'de', 'nl']) {
      const d = parseTreaty(text, { language });
      for (let i = 1; i < d.references.length; i++) {
        assert.ok(d.references[i - 1].end <= d.references[i].start, `${language}: references apart in ${JSON.stringify(text)}`);
      }
      for (const r of d.references) assert.equal(d.text.slice(r.start, r.end), r.text);
    }
  }
});

test('the languages’ built patterns compile and are many', () => {
  assert.ok(languagePatterns().length > 100);
  assert.ok(packHeadingPatterns().length > 30);
});
