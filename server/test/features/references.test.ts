import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentHighlightKind, type Location, type Position } from 'vscode-languageserver-protocol';
import { codeLenses } from '../../src/features/codeLens';
import { documentHighlights } from '../../src/features/documentHighlights';
import { references, type SourceDocument } from '../../src/features/references';
import { LineIndex, parseTreaty } from '../../src/model';
import { lines, positionOf, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

/** Written for these tests: every way one article of it is cited by another. */
const PASTURES = lines(
  'Convention on Shared Pastures',
  '',
  'Article 1',
  'Scope',
  '',
  '1. This Convention applies to common pastures.',
  '2. The forests referred to in paragraph 1 are excluded.',
  '',
  'Article 2',
  'Grazing',
  '',
  '1. Grazing is governed by Article 1.',
  '2. The preceding paragraph applies subject to Article 4(2).',
  '',
  'Article 3',
  'Fees',
  '',
  'Articles 1 to 4 set the scope; this Article sets the fees.',
  '',
  'Article 4',
  'Records',
  '',
  '1. Records are kept under Articles 2 and 3.',
  '2. Records are public.',
  '',
  'Article 5',
  'Final provisions',
  '',
  'See Article 4, paragraph 2, and paragraph 1 of Article 4.',
);

const URI = 'file:///ws/pastures.treaty';
const doc = parseTreaty(PASTURES);
const sources: SourceDocument[] = [{ uri: URI, doc }];
const index = new LineIndex(PASTURES);

/** Each location as `"text"@line` (1-based), to read like the text. */
function show(locations: Location[] | null, text = PASTURES): string[] {
  const li = new LineIndex(text);
  return (locations ?? []).map((l) => `${JSON.stringify(text.slice(li.offsetAt(l.range.start), li.offsetAt(l.range.end)))}@${l.range.start.line + 1}`);
}

const heading = (n: number) => positionOf(PASTURES, `\nArticle ${n}\n`, 1, 3);

describe('find all references', () => {
  it('on an article heading: the numbers that name it, ranges that contain it, and references to its paragraphs', () => {
    assert.deepEqual(show(references(doc, URI, heading(1), sources, false)), ['"paragraph 1"@7', '"1"@12', '"1"@18']);
    assert.deepEqual(show(references(doc, URI, heading(4), sources, false)), ['"4"@13', '"4"@18', '"4"@29', '"4"@29']);
  });

  it('counts "this Article", "the preceding paragraph" and the middle of a range', () => {
    assert.deepEqual(show(references(doc, URI, heading(3), sources, false)), ['"Articles 1 to 4"@18', '"this Article"@18', '"3"@23']);
    assert.deepEqual(show(references(doc, URI, heading(2), sources, false)), ['"The preceding paragraph"@13', '"Articles 1 to 4"@18', '"2"@23']);
  });

  it('on a caption line too, and with includeDeclaration the heading comes first', () => {
    const onCaption = positionOf(PASTURES, '\nRecords\n', 1, 2);
    const withDecl = show(references(doc, URI, onCaption, sources, true));
    assert.equal(withDecl[0], '"Article 4\\nRecords"@20');
    assert.deepEqual(withDecl.slice(1), show(references(doc, URI, heading(4), sources, false)));
  });

  it('on a paragraph: only references to that paragraph (and inside it), not to its article', () => {
    assert.deepEqual(show(references(doc, URI, positionOf(PASTURES, '2. Records', 1, 0), sources, false)), ['"2"@13', '"2"@29']);
  });

  it('on a reference: the provision its number under the cursor names', () => {
    // "Article 4(2)": on "4" the article, on "2" the paragraph.
    const on4 = positionOf(PASTURES, 'Article 4(2)', 1, 'Article '.length);
    const on2 = positionOf(PASTURES, 'Article 4(2)', 1, 'Article 4('.length);
    assert.deepEqual(show(references(doc, URI, on4, sources, false)), show(references(doc, URI, heading(4), sources, false)));
    assert.deepEqual(show(references(doc, URI, on2, sources, false)), ['"2"@13', '"2"@29']);
    // "the preceding paragraph": no number, so what it cites.
    assert.deepEqual(show(references(doc, URI, positionOf(PASTURES, 'preceding paragraph'), sources, false)), ['"The preceding paragraph"@13']);
  });

  it('gives null away from headings and references', () => {
    assert.equal(references(doc, URI, positionOf(PASTURES, 'common pastures'), sources, true), null);
  });

  it('finds citations in other documents of the workspace: NATO Article 5 cites Charter Article 51', async () => {
    const charter = readCorpus('un_charter_en.txt');
    const nato = readCorpus('north_atlantic_treaty_1949_en.txt');
    const t = testWorkspace({ 'file:///ws/charter.txt': charter, 'file:///ws/nato.txt': nato });
    const opened = t.open('file:///ws/charter.txt', charter);
    const all: SourceDocument[] = [];
    for (const uri of ['file:///ws/charter.txt', 'file:///ws/nato.txt']) {
      const p = (await t.ws.load(uri))!;
      all.push({ uri: p.uri, doc: p.doc, lookup: await t.ws.lookupFor(p.doc) });
    }
    const a51 = positionOf(charter, '\nArticle 51\n', 1, 3);
    const locs = references(opened.doc, opened.uri, a51, all, false)!;
    const natoLocs = locs.filter((l) => l.uri === 'file:///ws/nato.txt');
    assert.deepEqual(show(natoLocs, nato), ['"51"@31']);
    // From the citation in NATO, with the declaration: the Charter's heading and the same citation.
    const natoDoc = all[1];
    const fromNato = references(natoDoc.doc, natoDoc.uri, positionOf(nato, 'Article 51 of the Charter', 1, 9), all, true, natoDoc.lookup)!;
    assert.equal(fromNato[0].uri, 'file:///ws/charter.txt');
    assert.equal(fromNato[0].range.start.line, a51.line);
    assert.deepEqual(show(fromNato.filter((l) => l.uri === natoDoc.uri), nato), ['"51"@31']);
  });
});

describe('document highlights', () => {
  it('marks the heading as written and each citation in the file as read', () => {
    const hs = documentHighlights(doc, URI, heading(3))!;
    assert.deepEqual(
      hs.map((h) => [PASTURES.slice(index.offsetAt(h.range.start), index.offsetAt(h.range.end)), h.kind]),
      [
        ['Article 3\nFees', DocumentHighlightKind.Write],
        ['Articles 1 to 4', DocumentHighlightKind.Read],
        ['this Article', DocumentHighlightKind.Read],
        ['3', DocumentHighlightKind.Read],
      ],
    );
    assert.equal(documentHighlights(doc, URI, positionOf(PASTURES, 'common pastures')), null);
  });
});

describe('code lens', () => {
  it('puts "cited by N" on each article heading, counting as Find All References does', () => {
    const lenses = codeLenses(doc, URI, sources, { showReferencesCommand: 'pacta.showReferences' });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line + 1, l.command?.title]),
      [[3, 'cited by 3'], [9, 'cited by 3'], [15, 'cited by 3'], [20, 'cited by 4'], [26, 'not cited']],
    );
    // The lens carries where it stands; the client asks for the references there on click, and
    // they are as many as the lens counts.
    for (const [i, n] of [1, 2, 3, 4, 5].entries()) {
      const args = lenses[i].command!.arguments as [string, Position];
      assert.equal(args.length, 2);
      assert.equal(args[0], URI);
      assert.deepEqual(args[1], heading(n) && { line: lenses[i].range.start.line, character: 0 });
      const found = references(doc, URI, args[1], sources, false) ?? [];
      assert.equal(lenses[i].command!.title, found.length ? `cited by ${found.length}` : 'not cited');
    }
  });

  it('is a plain label when the client has no command to show references', () => {
    const [first] = codeLenses(doc, URI, sources);
    assert.deepEqual(first.command, { title: 'cited by 3', command: '' });
  });

  it('counts the UN Charter\'s articles cited in the Charter itself (Article 12 four times, Article 51 never)', () => {
    const charter = parseTreaty(readCorpus('un_charter_en.txt'));
    const lenses = codeLenses(charter, 'file:///c', [{ uri: 'file:///c', doc: charter }]);
    assert.equal(lenses.length, 111);
    const titles = new Map(lenses.map((l, i) => [i + 1, l.command!.title]));
    assert.equal(titles.get(51), 'not cited');
    // Articles 10 and 11(2) ("except as provided in Article 12"), 14 ("Subject to … Article 12"), 35(3) ("Articles 11 and 12").
    assert.equal(titles.get(12), 'cited by 4');
  });
});
