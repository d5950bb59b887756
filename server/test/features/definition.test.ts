import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definition, toLocations } from '../../src/features/definition';
import { ORCHARD } from '../helpers/samples';
import { lineOf, positionOf, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

const CHARTER_TEXT = readCorpus('un_charter_en.txt');
const NATO_TEXT = readCorpus('north_atlantic_treaty_1949_en.txt');

describe('definition', () => {
  it('links a reference to the cited provision in the same document', async () => {
    const t = testWorkspace();
    const parsed = t.open('file:///ws/doc.treaty', ORCHARD);
    const links = definition(parsed.doc, parsed.uri, positionOf(ORCHARD, 'Article 2(a)', 1, 3), await t.ws.lookupFor(parsed.doc));
    assert.ok(links);
    assert.equal(links.length, 1);
    const [link] = links;
    assert.equal(link.targetUri, 'file:///ws/doc.treaty');
    const pointLine = lineOf(ORCHARD, '(a) "overhang"');
    assert.deepEqual(link.targetSelectionRange.start, { line: pointLine, character: 0 });
    assert.equal(link.targetRange.start.line, pointLine);
    assert.equal(link.originSelectionRange?.start.line, lineOf(ORCHARD, 'Article 2(a)'));
  });

  it('links every target of a list or a range', async () => {
    const t = testWorkspace();
    const parsed = t.open('file:///ws/doc.treaty', ORCHARD);
    const lookup = await t.ws.lookupFor(parsed.doc);
    const list = definition(parsed.doc, parsed.uri, positionOf(ORCHARD, 'Articles 1 and 2'), lookup);
    assert.deepEqual(
      list?.map((l) => l.targetSelectionRange.start.line),
      [lineOf(ORCHARD, 'Article 1'), lineOf(ORCHARD, 'Article 2')],
    );
    const range = definition(parsed.doc, parsed.uri, positionOf(ORCHARD, 'Articles 1 to 3'), lookup);
    assert.equal(range?.length, 3);
  });

  it('on a number of a list, links only the provision that number names', async () => {
    const vclt = readCorpus('vclt_1969_en.txt');
    const t = testWorkspace();
    const parsed = t.open('file:///ws/vclt.treaty', vclt);
    const lookup = await t.ws.lookupFor(parsed.doc);
    // Article 66(a): "… the interpretation of article 53 or 64 may …".
    const onNumber = definition(parsed.doc, parsed.uri, positionOf(vclt, 'article 53 or 64', 1, 9), lookup);
    assert.deepEqual(onNumber?.map((l) => l.targetSelectionRange.start.line), [lineOf(vclt, 'Article 53')]);
    assert.deepEqual(onNumber?.[0].originSelectionRange, { start: positionOf(vclt, 'article 53 or 64', 1, 8), end: positionOf(vclt, 'article 53 or 64', 1, 10) });
    const onWord = definition(parsed.doc, parsed.uri, positionOf(vclt, 'article 53 or 64', 1, 2), lookup);
    assert.deepEqual(onWord?.map((l) => l.targetSelectionRange.start.line), [lineOf(vclt, 'Article 53'), lineOf(vclt, 'Article 64')]);
  });

  it('gives no links for a broken reference and null away from references', async () => {
    const t = testWorkspace();
    const parsed = t.open('file:///ws/doc.treaty', ORCHARD);
    assert.deepEqual(definition(parsed.doc, parsed.uri, positionOf(ORCHARD, 'Article 25'), undefined), []);
    assert.equal(definition(parsed.doc, parsed.uri, positionOf(ORCHARD, 'Scope'), undefined), null);
  });

  it('goes from NATO Article 5 to Charter Article 51 in another file of the workspace', async () => {
    const t = testWorkspace({ 'file:///ws/un_charter.txt': CHARTER_TEXT });
    const nato = t.open('file:///ws/nato.txt', NATO_TEXT);
    const links = definition(nato.doc, nato.uri, positionOf(NATO_TEXT, 'Article 51 of the Charter'), await t.ws.lookupFor(nato.doc));
    assert.equal(links?.length, 1);
    const [link] = links!;
    assert.equal(link.targetUri, 'file:///ws/un_charter.txt');
    const a51 = lineOf(CHARTER_TEXT, '\nArticle 51\n') + 1;
    assert.deepEqual(link.targetSelectionRange, { start: { line: a51, character: 0 }, end: { line: a51, character: 'Article 51'.length } });
    assert.equal(link.targetRange.start.line, a51);
    assert.ok(link.targetRange.end.line < lineOf(CHARTER_TEXT, '\nCHAPTER VIII\n') + 1);
  });

  it('gives nothing for another instrument whose text is missing', async () => {
    const t = testWorkspace();
    const nato = t.open('file:///ws/nato.txt', NATO_TEXT);
    assert.deepEqual(definition(nato.doc, nato.uri, positionOf(NATO_TEXT, 'Article 51 of the Charter'), await t.ws.lookupFor(nato.doc)), []);
  });

  it('turns links into plain locations for clients without link support', () => {
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } };
    assert.deepEqual(
      toLocations([{ targetUri: 'file:///a', targetRange: { start: range.start, end: { line: 5, character: 0 } }, targetSelectionRange: range }]),
      [{ uri: 'file:///a', range }],
    );
  });
});
