// Every English citation form the core issue names, on a small convention written for
// this test, each with the exact targets it must resolve to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Catalogue, parseTreaty, provisionAt, type Provision, type TreatyDocument } from '../../src/model';
import { joinsWithAndOr } from '../../src/model/citations';

const TEXT = `Convention on Illustrative Cooperation

The Parties to this Convention, wishing to test every form of citation,
Have agreed as follows:

PART I
GENERAL

CHAPTER I
Scope

Article 1
Scope
This Convention applies as set out in Articles 3 to 7 and in Articles 3, 5 and 7.

Article 2
Terms
1. For the purposes of this Convention:
(a) "Party" means a State bound by it;
(b) "Secretariat" means the body set up by Art. 4.
2. Paragraph 1 of this Article does not affect article 4 or Article 4(1)(a).

Article 3
1. Nothing in this Article limits the preceding Article.
2. The preceding paragraph applies subject to paragraph 3 of Article 5.
3. See Article 5, paragraph 2, and also Articles 3 to 7 inclusive.

CHAPTER II
Institutions

Article 4
1. A Secretariat is established:
(a) to keep the records;
(b) to report under paragraph 2 c) below.
2. The Secretariat shall:
(a) keep a list;
(b) publish it;
(c) circulate it, as provided in paragraph 4 (a) (i).
3. The foregoing Article governs procedure; subparagraph (a) of paragraph 1 is not affected.
4. The register shall contain:
(a) entries, which shall be:
(i) dated;
(ii) signed.

Article 5
1. Each Party may propose amendments:
(a) in writing;
(b) through the Secretariat.
2. This paragraph applies to every proposal under paragraph 1 (b) above, read with Article 7, paragraph 1(b).
3. Amendments require a majority, by 120 votes to 3, as on 1 January 2025 and in resolution 1368 (2001), at a cost of 5,000 units.

Article 6
The Parties shall meet once a year.
The second meeting shall review Articles 2, 4 (paragraph 2), 5, and 7.
The second paragraph of Article 6 also applies to this Chapter and this Part.

Article 7
1. This Convention is open for signature:
(a) at Geneva;
(b) at New York.
2. Subject to Chapter II, and to Part II, section 1, the provisions of article 2, paragraph 1(b) apply.

PART II
FINAL PROVISIONS

SECTION 1
Entry into force

Article 8
Article 51 of the Charter of the United Nations and Article 2, paragraph 3, of the Charter of the United Nations are not affected, nor is Article 36 of the Statute of the International Court of Justice. See Annex I and Annex I, article 2, paragraph 1, and Article 25.

Article 8 bis
The arrangements in article 8 bis apply.

ANNEX I
PROCEDURE

Article 1
The procedure in article 2 of this Annex applies.

Article 2
1. Requests go to the Secretariat.
2. Paragraph 1 applies mutatis mutandis.

IN WITNESS WHEREOF the undersigned have signed this Convention.
DONE at Geneva on 1 January 2025.
`;

const doc = parseTreaty(TEXT);

function ref(d: TreatyDocument, text: string, occurrence = 1) {
  let at = -1;
  for (let k = 0; k < occurrence; k++) at = d.text.indexOf(text, at + 1);
  assert.ok(at >= 0, `text "${text}" is in the test document`);
  const r = d.references.find((x) => x.start <= at && at < x.end);
  assert.ok(r, `a reference at "${text}"`);
  return r;
}

function targets(text: string, occurrence = 1): string[] {
  const r = ref(doc, text, occurrence);
  return r.targets.map((t) => (t.instrument ? `${t.instrument}#${t.eId}` : t.eId));
}

const cases: Array<[string, string[], number?]> = [
  ['Articles 3 to 7 and', ['art_3', 'art_4', 'art_5', 'art_6', 'art_7']],
  ['Articles 3, 5 and 7', ['art_3', 'art_5', 'art_7']],
  ['Art. 4', ['art_4']],
  ['article 4 or', ['art_4']],
  ['Article 4(1)(a)', ['art_4__para_1__point_a']],
  ['Paragraph 1 of this Article', ['art_2__para_1']],
  ['this Article limits', ['art_3']],
  ['the preceding Article', ['art_2']],
  ['The preceding paragraph', ['art_3__para_1']],
  ['paragraph 3 of Article 5', ['art_5__para_3']],
  ['Article 5, paragraph 2', ['art_5__para_2']],
  ['Articles 3 to 7 inclusive', ['art_3', 'art_4', 'art_5', 'art_6', 'art_7']],
  ['paragraph 2 c)', ['art_4__para_2__point_c']],
  ['paragraph 4 (a) (i)', ['art_4__para_4__point_a__point_i']],
  ['The foregoing Article', ['art_3']],
  ['subparagraph (a) of paragraph 1', ['art_4__para_1__point_a']],
  ['This paragraph applies', ['art_5__para_2']],
  ['paragraph 1 (b) above', ['art_5__para_1__point_b']],
  ['Article 7, paragraph 1(b)', ['art_7__para_1__point_b']],
  ['Articles 2, 4 (paragraph 2), 5, and 7', ['art_2', 'art_4__para_2', 'art_5', 'art_7']],
  ['The second paragraph of Article 6', ['art_6__para_2']],
  ['this Chapter', ['chp_II']],
  ['this Part', ['part_I']],
  ['Chapter II,', ['chp_II']],
  ['Part II, section 1', ['part_II__sec_1']],
  ['article 2, paragraph 1(b)', ['art_2__para_1__point_b']],
  ['Article 51 of the Charter of the United Nations', ['Charter of the United Nations#art_51']],
  ['Article 2, paragraph 3, of the Charter of the United Nations', ['Charter of the United Nations#art_2__para_3']],
  ['Article 36 of the Statute of the International Court of Justice', ['Statute of the International Court of Justice#art_36']],
  ['Annex I and', ['annex_I']],
  ['Annex I, article 2, paragraph 1', ['annex_I__art_2__para_1']],
  ['article 8 bis', ['art_8bis']],
  ['article 2 of this Annex', ['annex_I__art_2']],
  ['Paragraph 1 applies', ['annex_I__art_2__para_1']],
];

for (const [text, expected, occ] of cases) {
  test(`"${text}" -> ${expected.join(', ')}`, () => {
    assert.deepEqual(targets(text, occ), expected);
    assert.equal(ref(doc, text, occ).resolved, true);
  });
}

test('a list is a list and a range is a range', () => {
  assert.equal(ref(doc, 'Articles 3, 5 and 7').form, 'list');
  assert.equal(ref(doc, 'Articles 3 to 7 and').form, 'range');
  assert.equal(ref(doc, 'Article 51 of the Charter').form, 'single');
});

test('relative forms are marked relative', () => {
  assert.equal(ref(doc, 'The preceding paragraph').relative, true);
  assert.equal(ref(doc, 'Article 5, paragraph 2').relative, false);
});

test('an external reference names its instrument', () => {
  const r = ref(doc, 'Article 51 of the Charter of the United Nations');
  assert.equal(r.instrument?.title, 'Charter of the United Nations');
  assert.equal(r.text, 'Article 51 of the Charter of the United Nations');
});

test('dates, vote counts, amounts, resolution numbers and headings are not references', () => {
  const line = TEXT.indexOf('3. Amendments require');
  const lineEnd = TEXT.indexOf('\n', line);
  assert.deepEqual(doc.references.filter((r) => r.start >= line && r.end <= lineEnd), []);
  const heading = TEXT.indexOf('\nArticle 5\n') + 1;
  assert.equal(doc.references.some((r) => r.start === heading), false);
  assert.equal(doc.references.some((r) => r.text.startsWith('ANNEX') || r.text.startsWith('PART')), false);
});

test('an unresolved reference says why', () => {
  const r = ref(doc, 'Article 25');
  assert.equal(r.resolved, false);
  assert.equal(r.problem, 'this document has no Article 25; the last is Article 8 bis');
  const small = parseTreaty('Treaty\n\nArticle 1\n1. One.\n2. Two, see paragraph 5.\n');
  const p = small.references[0];
  assert.equal(p.problem, 'Article 1 has no paragraph 5; the last is paragraph 2');
});

test('Markdown and other heading layouts', () => {
  const md = parseTreaty('# Agreement on Examples\n\n## Article 1 — Purpose\n\nText.\n\n## Art. 2.\n\nSee Article 1.\n\nARTICLE III\nMore.\n\nArticle 4: Colon heading\n(1) One.\n(2) Two.\n1) x\n');
  assert.equal(md.title, 'Agreement on Examples');
  assert.equal(md.byId.get('art_1')?.heading, 'Purpose');
  assert.ok(md.byId.get('art_2'));
  assert.ok(md.byId.get('art_III'));
  assert.equal(md.byId.get('art_4')?.heading, 'Colon heading');
  assert.ok(md.byId.get('art_4__para_2'));
  assert.deepEqual(md.references.map((r) => r.targets.map((t) => t.eId)), [['art_1']]);
});

test('harder real-text forms: no space, "of that article", OCR slips, shared annex, roman after (h)', () => {
  const d = parseTreaty(`Agreement on Harder Cases

Article 1
1. Measures:
(h) listed here:
(i) first;
(ii) second;
(j) other;
(k) more;
(l) last.
2. Under article1, paragraph 1(h)(ii), and article 1, paragraph 1(1), and subparagraph (k) of that paragraph.

Article 2
Consistent with article 1 and for subparagraph (j) of that article; see Annex A, article 1 and article 2, and the Annex to the Agreement.

ANNEX A

Article 1
Text.

Article 2
Text.
`);
  const t = (s: string) => ref(d, s).targets.map((x) => x.eId);
  assert.deepEqual(t('article1, paragraph 1(h)(ii)'), ['art_1__para_1__point_h__point_ii']);
  assert.deepEqual(t('article 1, paragraph 1(1)'), ['art_1__para_1__point_l']);
  assert.deepEqual(t('subparagraph (k) of that paragraph'), ['art_1__para_1__point_k']);
  assert.deepEqual(t('subparagraph (j) of that article'), ['art_1__para_1__point_j']);
  assert.deepEqual(t('Annex A, article 1'), ['annex_A__art_1']);
  assert.deepEqual(t('article 2, and'), ['annex_A__art_2']);
  assert.deepEqual(t('Annex to the Agreement'), ['annex_A']);
  assert.ok(d.byId.get('art_1__para_1__point_j'), '(j) follows (h) as a letter; (i) and (ii) nest under (h)');
});

test('paragraph numbers alone on their line, in sequence', () => {
  const d = parseTreaty('Resolution on Examples\n\nResolution I\n\nPreamble text.\n\n1\n\nFirst operative text.\n\n2\n\nSecond, see paragraph 1.\n\n7\n');
  assert.deepEqual(d.references.map((r) => r.targets.map((x) => x.eId)), [['resolution_I__para_1']]);
  assert.equal(d.byId.get('resolution_I__para_3'), undefined, 'a number out of sequence is text');
});

test('a hard-wrapped first sentence is not a heading', () => {
  const d = parseTreaty('Pact\n\nArticle 1\n\nText.\n\nArticle 2\n\nA person with full\npowers signs.\n\nArticle 3\nScope\n\nText.\n');
  assert.equal(d.byId.get('art_2')?.heading, undefined);
  assert.equal(d.byId.get('art_3')?.heading, 'Scope');
});

test('an instrument alias with citation words never makes two references overlap (issue 6)', () => {
  const catalogue = new Catalogue([{ id: 'pact', title: 'Pact of the first', aliases: [] }]);
  const d = parseTreaty('Pact\n\nArticle 1\n\nText.\n\nArticle 2\n\nSee Article 2 of Pact of the first paragraph of Article 1 here.\n', { catalogue });
  // The earlier citation keeps "of Pact of the first"; "paragraph" has no number, so the next is "Article 1".
  assert.deepEqual(
    d.references.map((r) => [r.text, r.instrument?.title ?? null, r.targets.map((t) => t.eId)]),
    [
      ['Article 2 of Pact of the first', 'Pact of the first', ['art_2']],
      ['Article 1', null, ['art_1']],
    ],
  );
  for (let i = 1; i < d.references.length; i++) assert.ok(d.references[i - 1].end <= d.references[i].start);
});

test('a missing article in a numbering gap is explained by its neighbours; past the end, by the last', () => {
  const d = parseTreaty('Pact\n\nArticle 1\n\nText.\n\nArticle 2\n\nText.\n\nArticle 5\n\nSee Article 3, Article 9 and Article 4.\n\nArticle 6\n\nText.\n');
  const problem = (text: string) => d.references.find((r) => r.text === text)?.problem;
  assert.equal(problem('Article 3'), 'this document has no Article 3; the numbering goes from Article 2 to Article 5');
  assert.equal(problem('Article 4'), 'this document has no Article 4; the numbering goes from Article 2 to Article 5');
  assert.equal(problem('Article 9'), 'this document has no Article 9; the last is Article 6');
});

test('numbers that go back: the gap is still named by the nearest numbers around it', () => {
  const d = parseTreaty('Pact\n\nArticle 1\n\nText.\n\nArticle 5\n\nText.\n\nArticle 3\n\nSee Article 4.\n');
  assert.equal(d.references[0].problem, 'this document has no Article 4; the numbering goes from Article 3 to Article 5');
});

test('the gap that continues a citation ("and", ", or") is read in place as the pattern reads it', () => {
  const pattern = /^[ \t]*(?:,[ \t]*)?(?:and|or)[ \t]+$/;
  const gap = fc.string({ unit: fc.constantFrom(' ', '\t', ',', 'a', 'n', 'd', 'o', 'r', 'x', '\n'), maxLength: 12 });
  fc.assert(
    fc.property(fc.string({ maxLength: 3 }), gap, fc.string({ maxLength: 3 }), (before, mid, after) => {
      assert.equal(joinsWithAndOr(before + mid + after, before.length, before.length + mid.length), pattern.test(mid), JSON.stringify(mid));
    }),
    { numRuns: 20_000 },
  );
  assert.equal(joinsWithAndOr('Article 3, and article 5', 9, 15), true);
  assert.equal(joinsWithAndOr('Article 3 to article 5', 9, 13), false);
});

test('"this Statute" names the annex or protocol it stands in only when that one is so headed', () => {
  const d = parseTreaty(SELF_NAMING_MAIN + SELF_NAMING_PARTS.join(''));
  assert.deepEqual(
    d.references.filter((r) => SELF_NOUN.test(r.text)).map((r) => [r.text, r.start, r.targets.map((t) => t.eId)]),
    [
      // Not the main text's, Annex II's (a list of experts) or the protocol's "this Statute".
      ['This Statute', d.text.indexOf('This Statute governs'), ['annex_I']],
      ['the present Statute', d.text.indexOf('the present Statute'), ['annex_I']],
      ['This Protocol', d.text.indexOf('This Protocol supplements'), ['protocol_I']],
      ['this Regulations', d.text.indexOf('this Regulations'), ['annex_III']],
      ['the present Rules', d.text.indexOf('the present Rules'), ['annex_III']],
      ['The present Protocol', d.text.indexOf('The present Protocol'), ['annex_4']],
      ['this Statute', d.text.indexOf('this Statute, see'), ['annex_4']],
    ],
  );
});

test('the self-naming scan of the attachments alone finds what a scan of the whole text finds', () => {
  // The oracle is the whole-text scan references.ts made before it read only the attachments so headed.
  const oracle = (doc: TreatyDocument): string[] => {
    const others = doc.references.filter((r) => !SELF_NOUN.test(r.text));
    const out: string[] = [];
    const re = /\b(?:[Tt]his|[Tt]he present) (Statute|Protocol|Rules|Regulations)\b/g;
    for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
      let att: Provision | undefined = provisionAt(doc, m.index);
      while (att && att.kind !== 'annex' && att.kind !== 'protocol' && att.kind !== 'attachment') att = att.parent;
      if (!att?.heading?.toLowerCase().includes(m[1].toLowerCase())) continue;
      const [start, end] = [m.index, m.index + m[0].length];
      if (others.some((r) => r.start < end && start < r.end)) continue;
      out.push(`${start}:${att.eId}`);
    }
    return out;
  };
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...SELF_NAMING_PARTS), { maxLength: 6 }), (parts) => {
      const d = parseTreaty(SELF_NAMING_MAIN + parts.join(''));
      const found = d.references.filter((r) => SELF_NOUN.test(r.text)).map((r) => `${r.start}:${r.targets[0].eId}`);
      assert.deepEqual(found, oracle(d));
    }),
    { numRuns: 300 },
  );
});

const SELF_NOUN = /^(?:this|the present) (?:Statute|Protocol|Rules|Regulations)$/i;
const SELF_NAMING_MAIN = 'Convention on Examples\n\nArticle 1\nThis Statute is not a provision here, nor is this Protocol.\n\n';
const SELF_NAMING_PARTS = [
  'ANNEX I\nSTATUTE OF THE TRIBUNAL\n\nArticle 1\nThis Statute governs the Tribunal; the present Statute may be amended.\n\n',
  'ANNEX II\nLIST OF EXPERTS\n\nArticle 1\nThis Statute, as written here, names no provision of this annex.\n\n',
  'PROTOCOL I\nOptional Protocol on the Settlement of Disputes\n\nArticle 1\nThis Protocol supplements the Convention; this Statute is not its name.\n\n',
  'ANNEX III\nRULES AND REGULATIONS\n\nArticle 1\nThese Rules bind; this Regulations clause and the present Rules apply under article 1 of this Protocol.\n\n',
  'ANNEX\nStatute and Protocol of the Commission\n\n1. The present Protocol and this Statute, see paragraph 1 of this Statute.\n\n',
];
