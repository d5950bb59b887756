import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { inlayHints } from '../../src/features/inlayHints';
import { LineIndex, parseTreaty } from '../../src/model';
import { CITES_CHARTER, ORCHARD } from '../helpers/samples';
import { lines, positionOf, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

const VCLT_TEXT = readCorpus('vclt_1969_en.txt');

function label(h: InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

/** The hint placed right after the `occurrence`-th `needle`, if any. */
function hintAfter(text: string, hints: InlayHint[], needle: string, occurrence = 1): InlayHint | undefined {
  const end = positionOf(text, needle, occurrence, needle.length);
  return hints.find((h) => h.position.line === end.line && h.position.character === end.character);
}

describe('inlay hints', () => {
  it('shows the cited article’s heading after a bare reference: article 31 ‹General rule of interpretation›', () => {
    const doc = parseTreaty(VCLT_TEXT);
    const hints = inlayHints(doc);
    const h = hintAfter(VCLT_TEXT, hints, 'the application of article 31');
    assert.ok(h, 'expected a hint after "article 31"');
    assert.equal(label(h), '‹General rule of interpretation›');
    assert.equal(h.paddingLeft, true);
    assert.match(String(h.tooltip), /Article 31 — General rule of interpretation$/);
  });

  it('names the article of a cited paragraph or point, and skips lists, ranges and unresolved references', () => {
    const hints = inlayHints(parseTreaty(ORCHARD));
    assert.equal(label(hintAfter(ORCHARD, hints, 'Article 1, paragraph 2')!), '‹Scope›');
    assert.equal(label(hintAfter(ORCHARD, hints, 'Article 2(a)')!), '‹Definitions›');
    assert.equal(hintAfter(ORCHARD, hints, 'Articles 1 and 2'), undefined);
    assert.equal(hintAfter(ORCHARD, hints, 'Articles 1 to 3'), undefined);
    assert.equal(hintAfter(ORCHARD, hints, 'Article 25'), undefined);
    assert.equal(hints.length, 2);
  });

  it('adds nothing when the heading already follows, or when the reference stands in the article it cites', () => {
    const text = lines(
      'Convention on Orchard Neighbours',
      '',
      'Article 1',
      'Scope',
      '',
      '1. This Convention governs fruit trees.',
      '2. Paragraph 1 of this Article applies to hedges too.',
      '',
      'Article 2',
      'Duties',
      '',
      'Under Article 1 (Scope), and Article 1 — scope, each neighbour prunes.',
    );
    assert.deepEqual(inlayHints(parseTreaty(text)), []);
  });

  it('says nothing for a cited article without a heading, and cuts long headings at maxLength', async () => {
    // The Charter's articles have no headings.
    const t = testWorkspace({ 'file:///ws/un_charter.txt': readCorpus('un_charter_en.txt') });
    const parsed = t.open('file:///ws/pact.treaty', CITES_CHARTER);
    assert.deepEqual(inlayHints(parsed.doc, undefined, await t.ws.lookupFor(parsed.doc)), []);

    const cut = inlayHints(parseTreaty(VCLT_TEXT), undefined, undefined, { maxLength: 14 });
    const h = hintAfter(VCLT_TEXT, cut, 'the application of article 31')!;
    assert.equal(label(h), '‹General rule…›');
  });

  it('shows the heading of an article in another instrument when its text is available', async () => {
    const t = testWorkspace({ 'file:///ws/vclt.txt': VCLT_TEXT });
    const text = lines('Pact of Two Valleys', '', 'Article 1', '', 'The Pact is read under article 31 of the Vienna Convention on the Law of Treaties.');
    const parsed = t.open('file:///ws/pact.treaty', text);
    const hints = inlayHints(parsed.doc, undefined, await t.ws.lookupFor(parsed.doc));
    assert.equal(hints.length, 1);
    assert.equal(label(hints[0]), '‹General rule of interpretation›');
    assert.deepEqual(hints[0].position, positionOf(text, 'Treaties.', 1, 'Treaties'.length));
  });

  it('returns only the hints inside the requested range', () => {
    const doc = parseTreaty(ORCHARD);
    const line = positionOf(ORCHARD, 'Article 2(a)').line;
    const index = new LineIndex(ORCHARD);
    const all = inlayHints(doc);
    const none = inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: line - 1, character: 0 } });
    assert.equal(all.length, 2);
    assert.deepEqual(none, []);
    assert.equal(inlayHints(doc, { start: { line, character: 0 }, end: index.positionAt(ORCHARD.length) }).length, 2);
  });
});
