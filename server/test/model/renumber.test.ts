// Renumbering: the changes touch only number characters (plus the inserted or removed
// article), every reference follows its provision, and what cannot follow is reported.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTreaty, type TreatyDocument } from '../../src/model';
import {
  RenumberRefusal,
  applyChanges,
  checkRenumbering,
  describeFinding,
  labelNumberSpan,
  mapOffset,
  planRenumbering,
  type CitingDocument,
  type RenumberOperation,
  type TextChange,
} from '../../src/model/renumber';
import { lines } from '../helpers/text';

const DRAFT = lines(
  'Convention on Testing Renumbering',
  '',
  'Article 1',
  'Scope',
  '',
  '1. This Convention applies as set out in Article 2 and Article 3, paragraph 2.',
  '2. The measures under the preceding paragraph are those of Articles 2 to 4.',
  '',
  'Article 2',
  '',
  'The Parties shall act as provided in paragraph 2 of Article 3 and in Article 4(1)(a).',
  '',
  'Article 3',
  '',
  '1. Each Party shall report.',
  '2. Reports under paragraph 1 go to the depositary named in Article 5.',
  '',
  'Article 4',
  '',
  '1. The following applies:',
  '(a) first item;',
  '(b) second item under subparagraph (a).',
  '2. Article 2 is not affected.',
  '',
  'Article 5',
  '',
  'The depositary acts under the preceding Article and under Articles 1, 2 and 3.',
  '',
);

function parse(text: string): TreatyDocument {
  return parseTreaty(text);
}

function run(text: string, op: (doc: TreatyDocument) => RenumberOperation, citing: Array<{ key: string; text: string }> = []) {
  const doc = parse(text);
  const others: CitingDocument[] = citing.map((c) => {
    const d = parse(c.text);
    return { key: c.key, doc: d, citesHome: (r) => r.instrument?.title === 'Convention on Testing Renumbering' };
  });
  const plan = planRenumbering({ home: { key: 'home', doc }, citing: others }, op(doc));
  const check = checkRenumbering(plan, parse);
  const after = applyChanges(text, plan.changes.get('home') ?? []);
  const afterOthers = citing.map((c) => applyChanges(c.text, plan.changes.get(c.key) ?? []));
  return { doc, plan, check, after, afterOthers, messages: check.findings.map(describeFinding) };
}

/** Every change replaces only a number (or inserts/removes a whole article). */
function onlyNumbers(text: string, changes: readonly TextChange[]): void {
  for (const c of changes) {
    if (c.kind !== 'number') continue;
    assert.match(text.slice(c.start, c.end), /^(?:\d+(?: ?bis)?|[IVXLC]+|[a-z]{1,2}|[\u2460-\u2473])$/, `changed “${text.slice(c.start, c.end)}”`);
    assert.match(c.newText, /^(?:\d+(?: ?bis)?|[IVXLC]+|[a-z]{1,2}|[\u2460-\u2473])$/);
  }
}

describe('F2: one provision gets a new number', () => {
  test('an article: its heading and every number that names it, nothing else', () => {
    const r = run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3')!, num: '30' }));
    onlyNumbers(DRAFT, r.plan.changes.get('home')!);
    assert.equal(r.after, DRAFT
      .replace('Article 3\n', 'Article 30\n')
      .replace('Article 3, paragraph 2', 'Article 30, paragraph 2')
      .replace('paragraph 2 of Article 3 ', 'paragraph 2 of Article 30 ')
      .replace('Articles 1, 2 and 3.', 'Articles 1, 2 and 30.'));
    // "Articles 2 to 4" still covers the same three articles, though it now reads oddly.
    assert.deepEqual(r.check.findings.map((f) => f.kind), ['reads-differently']);
    assert.match(r.messages[0], /“Articles 2 to 4” still covers Article 2, Article 30 \(at present Article 3\) and Article 4/);
  });

  test('a paragraph: its label and the references that name it, relative ones too', () => {
    const r = run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3__para_1')!, num: '7' }));
    assert.equal(r.after, DRAFT.replace('1. Each Party', '7. Each Party').replace('under paragraph 1 go', 'under paragraph 7 go'));
    assert.deepEqual(r.check.findings, []);
  });

  test('a point', () => {
    const r = run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_4__para_1__point_a')!, num: 'c' }));
    assert.equal(r.after, DRAFT.replace('(a) first', '(c) first').replace('subparagraph (a)', 'subparagraph (c)').replace('Article 4(1)(a)', 'Article 4(1)(c)'));
    assert.deepEqual(r.check.findings, []);
  });

  test('an annex article given the number a bare reference in the annex meant for the main text: reported, not rewritten', () => {
    // In an annex "article 5" names the main text's Article 5 only while the annex has none
    // (UNCLOS Annex VI, article 41: "article 313"). Keeping it would take words the user did not ask for.
    const text = lines(
      'Convention on Testing Annexes', '', 'Article 1', '', 'Text.', '', 'Article 5', '', 'Amendments are made by a conference.', '',
      'ANNEX I', 'STATUTE OF THE PANEL', '', 'Article 1', '', 'The panel sits.', '', 'Article 2', '', 'This Statute may be amended only in accordance with article 5.', '',
    );
    const r = run(text, (d) => ({ op: 'renumber', provision: d.byId.get('annex_I__art_2')!, num: '5' }));
    assert.equal(r.after, text.replace('Article 2\n\nThis Statute', 'Article 5\n\nThis Statute'));
    assert.deepEqual(r.messages, ['“article 5” named Article 5; it will name Annex I, Article 5 (at present Annex I, Article 2)']);
  });

  test('an existing number is refused with the reason', () => {
    assert.throws(
      () => run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3')!, num: '4' })),
      (e: unknown) => e instanceof RenumberRefusal && /Article 4 already exists/.test(e.message) && /Insert Article/.test(e.message),
    );
  });

  test('a number the model cannot read back is refused', () => {
    for (const bad of ['4x', 'four', '', '12345']) {
      assert.throws(() => run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3')!, num: bad })), RenumberRefusal, bad);
    }
    // "b." would turn paragraph 1 into a point.
    assert.throws(() => run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3__para_1')!, num: 'b' })), RenumberRefusal);
  });

  test('"bis" numbers and roman numbers are numbers', () => {
    const r = run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_2')!, num: '1 bis' }));
    assert.match(r.after, /^Article 1 bis$/m);
    assert.match(r.after, /as set out in Article 1 bis and/);
    assert.deepEqual(r.check.findings.filter((f) => f.kind !== 'reads-differently'), []);
    const roman = 'Treaty\n\nArticle I\n\nText.\n\nArticle II\n\nAs in Article I.\n';
    const r2 = run(roman, (d) => ({ op: 'renumber', provision: d.byId.get('art_I')!, num: 'IX' }));
    assert.equal(r2.after, 'Treaty\n\nArticle IX\n\nText.\n\nArticle II\n\nAs in Article IX.\n');
  });

  test('the same number is no change', () => {
    const r = run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3')!, num: ' 3 ' }));
    assert.deepEqual(r.plan.changes.get('home'), []);
  });

  test('references in another document that cites this one by title follow, and only those', () => {
    const other = lines(
      'Protocol to the Convention on Testing Renumbering',
      '',
      'Article 1',
      '',
      'Article 3 of the Convention on Testing Renumbering applies, and so does Article 3 of this Protocol.',
      '',
      'Article 3',
      '',
      'Text.',
    );
    const r = run(DRAFT, (d) => ({ op: 'renumber', provision: d.byId.get('art_3')!, num: '30' }), [{ key: 'other', text: other }]);
    assert.equal(r.afterOthers[0], other.replace('Article 3 of the Convention', 'Article 30 of the Convention'));
    assert.deepEqual(r.check.findings.filter((f) => f.key === 'other'), []);
  });

  test('circled paragraph numbers stay circled in the heading', () => {
    const text = 'Treaty\n\nArticle 1\n\n① First.\n② Second, as paragraph 1 says.\n';
    const r = run(text, (d) => ({ op: 'renumber', provision: d.byId.get('art_1__para_1')!, num: '3' }));
    assert.equal(r.after, 'Treaty\n\nArticle 1\n\n③ First.\n② Second, as paragraph 3 says.\n');
  });
});

describe('Insert Article', () => {
  test('after the current article: a new heading, the following articles and their references move up by one', () => {
    const r = run(DRAFT, (d) => ({ op: 'insertArticle', offset: d.byId.get('art_2')!.start + 12 }));
    assert.equal(r.plan.inserted?.label, 'Article 3');
    const want = DRAFT
      .replace('Article 4(1)(a).', 'Article 5(1)(a).')
      .replace('\n\nArticle 3\n', '\n\nArticle 3\n\nArticle 4\n')
      .replace('\n\nArticle 4\n\n1. The following', '\n\nArticle 5\n\n1. The following')
      .replace('\n\nArticle 5\n\nThe depositary', '\n\nArticle 6\n\nThe depositary')
      .replace('Article 3, paragraph 2', 'Article 4, paragraph 2')
      .replace('Articles 2 to 4', 'Articles 2 to 5')
      .replace('paragraph 2 of Article 3', 'paragraph 2 of Article 4')
      .replace('named in Article 5', 'named in Article 6')
      .replace('Articles 1, 2 and 3', 'Articles 1, 2 and 4');
    assert.equal(r.after, want);
    // The range now also covers the new article: reported, as the only change of meaning.
    assert.deepEqual(r.messages, ['“Articles 2 to 4” (to be written “Articles 2 to 5”) will also cover the new Article 3']);
  });

  test('a range that ends at the insertion point keeps its meaning; "the preceding Article" after it is reported', () => {
    const r = run(DRAFT, (d) => ({ op: 'insertArticle', offset: d.byId.get('art_4')!.start + 1 }));
    assert.match(r.after, /\n\nArticle 5\n\nArticle 6\n\nThe depositary acts under the preceding Article/);
    assert.deepEqual(r.check.findings.map((f) => f.kind), ['covers-inserted']);
    assert.match(r.messages[0], /“the preceding Article” named Article 4; it will name the new Article 5/);
  });

  test('before the first article when the cursor is above it', () => {
    const r = run(DRAFT, (d) => ({ op: 'insertArticle', offset: 3 }));
    assert.match(r.after, /^Convention on Testing Renumbering\n\nArticle 1\n\nArticle 2\nScope\n/);
    assert.match(r.after, /as set out in Article 3 and Article 4, paragraph 2/);
  });

  test('the heading is written like the current one', () => {
    const text = 'Treaty\n\n## ARTICLE 1\n\nText.\n\n## ARTICLE 2\n\nAs in ARTICLE 1.\n';
    const r = run(text, (d) => ({ op: 'insertArticle', offset: d.byId.get('art_1')!.start }));
    assert.equal(r.after, 'Treaty\n\n## ARTICLE 1\n\nText.\n\n## ARTICLE 2\n\n## ARTICLE 3\n\nAs in ARTICLE 1.\n');
  });

  test('articles of an annex are numbered on their own', () => {
    const text = lines('Treaty', '', 'Article 1', '', 'See Article 2 and Annex I, article 1.', '', 'Article 2', '', 'Text.', '', 'ANNEX I', '', 'Article 1', '', 'See article 2 of this Annex.', '', 'Article 2', '', 'Text.', '');
    const r = run(text, (d) => ({ op: 'insertArticle', offset: d.byId.get('annex_I__art_1')!.start + 2 }));
    assert.equal(r.plan.inserted?.label, 'Annex I, Article 2');
    assert.match(r.after, /See Article 2 and Annex I, article 1\./);
    assert.match(r.after, /See article 3 of this Annex\./);
    assert.match(r.after, /\nArticle 2\n\nArticle 3\n\nText\.\n$/);
  });

  test('CRLF texts get CRLF', () => {
    const text = DRAFT.replace(/\n/g, '\r\n');
    const r = run(text, (d) => ({ op: 'insertArticle', offset: d.byId.get('art_5')!.start + 1 }));
    assert.match(r.after, /\r\n\r\nArticle 6\r\n$/);
    assert.ok(!/[^\r]\n/.test(r.after));
  });
});

describe('Remove Article', () => {
  test('removes the article, renumbers the following, reports references to it and leaves them as written', () => {
    const r = run(DRAFT, (d) => ({ op: 'removeArticle', article: d.byId.get('art_3')! }));
    assert.ok(!r.after.includes('Each Party shall report'));
    assert.match(r.after, /Article 2 and Article 3, paragraph 2\./, 'a reference to the removed article is not rewritten');
    assert.match(r.after, /\n\nArticle 3\n\n1\. The following applies/);
    assert.match(r.after, /in Article 3\(1\)\(a\)\./);
    assert.match(r.after, /\n\nArticle 4\n\nThe depositary acts/);
    const removed = r.check.findings.filter((f) => f.kind === 'cites-removed').map((f) => f.ref.text);
    assert.deepEqual(removed, ['Article 3, paragraph 2', 'Articles 2 to 4', 'paragraph 2 of Article 3', 'Articles 1, 2 and 3']);
    assert.match(r.messages[0], /“Article 3, paragraph 2” cites Article 3\(2\), which is removed — not changed; left as written it will name Article 3\(2\)/);
  });

  test('a cross-heading over the removed article goes with it', () => {
    const text = lines('Treaty', '', 'Article 1', '', 'Text one.', '', 'Voting', '', 'Article 2', '', 'Text two.', '', 'Procedure', '', 'Article 3', '', 'Text three.', '');
    const r = run(text, (d) => ({ op: 'removeArticle', article: d.byId.get('art_2')! }));
    assert.equal(r.after, lines('Treaty', '', 'Article 1', '', 'Text one.', '', 'Procedure', '', 'Article 2', '', 'Text three.', ''));
  });

  test('the last article goes with the blank lines before the end', () => {
    const r = run(DRAFT, (d) => ({ op: 'removeArticle', article: d.byId.get('art_5')! }));
    assert.ok(r.after.endsWith('2. Article 2 is not affected.\n\n'));
    assert.deepEqual(r.check.findings.map((f) => f.ref.text), ['Article 5']);
  });
});

describe('Renumber sequentially', () => {
  test('gaps and duplicates become 1, 2, 3…; references follow their article', () => {
    const text = lines('Treaty', '', 'Article 1', '', 'See Article 4 and Article 9.', '', 'Article 4', '', 'Text.', '', 'Article 4', '', 'Text.', '', 'Article 9', '', 'See Articles 1 to 4.', '');
    const r = run(text, () => ({ op: 'sequential', kind: 'article' }));
    assert.equal(r.after, lines('Treaty', '', 'Article 1', '', 'See Article 2 and Article 4.', '', 'Article 2', '', 'Text.', '', 'Article 3', '', 'Text.', '', 'Article 4', '', 'See Articles 1 to 2.', ''));
    assert.deepEqual(r.check.findings, []);
  });

  test('paragraphs of one article', () => {
    const text = lines('Treaty', '', 'Article 1', '', '1. One.', '3. Three, after paragraph 1.', '4. Four, after paragraph 3.', '');
    const r = run(text, (d) => ({ op: 'sequential', kind: 'paragraph', within: d.byId.get('art_1')! }));
    assert.equal(r.after, lines('Treaty', '', 'Article 1', '', '1. One.', '2. Three, after paragraph 1.', '3. Four, after paragraph 2.', ''));
  });

  test('an already sequential text gives no change', () => {
    const r = run(DRAFT, () => ({ op: 'sequential', kind: 'article' }));
    assert.deepEqual(r.plan.changes.get('home'), []);
  });
});

test('the number spans of headings and labels', () => {
  const text = 'Treaty\n\nArticle 8 bis — Crime of aggression\n\n1. Text.\n\nCHAPTER VII\n\nArt. 9.\n\n(a) x\n';
  const doc = parse(text);
  const at = (eId: string) => {
    const s = labelNumberSpan(doc, doc.byId.get(eId)!);
    return s && text.slice(s.start, s.end);
  };
  assert.equal(at('art_8bis'), '8 bis');
  assert.equal(at('art_8bis__para_1'), '1');
  assert.equal(at('chp_VII'), 'VII');
  assert.equal(at('art_9'), '9');
});

test('offsets map through the changes', () => {
  const changes: TextChange[] = [
    { start: 2, end: 3, newText: '10', kind: 'number' },
    { start: 5, end: 5, newText: 'xx', kind: 'insert' },
    { start: 8, end: 10, newText: '', kind: 'delete' },
  ];
  assert.equal(mapOffset(changes, 1), 1);
  assert.equal(mapOffset(changes, 2), 2);
  assert.equal(mapOffset(changes, 4), 5);
  assert.equal(mapOffset(changes, 5), 8);
  assert.equal(mapOffset(changes, 8), undefined);
  assert.equal(mapOffset(changes, 10), 11);
  assert.equal(applyChanges('abcdefghijkl', changes), 'ab10dexxfgh' + 'kl');
});
