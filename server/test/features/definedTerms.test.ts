// Hover and Go to Definition on defined terms, through hover() and definition() themselves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { definition } from '../../src/features/definition';
import { hover } from '../../src/features/hover';
import { parseTreaty } from '../../src/model';
import { ORCHARD } from '../helpers/samples';
import { lineOf, lines, positionOf, readCorpus } from '../helpers/text';

const VCLT_TEXT = readCorpus('vclt_1969_en.txt');
const VCLT = parseTreaty(VCLT_TEXT);

describe('defined terms: hover and definition', () => {
  it('hover on a use shows the defining provision’s label and its text', () => {
    const at = positionOf(VCLT_TEXT, 'a third State', 1, 4);
    const h = hover(VCLT, at);
    assert.ok(h);
    const md = (h.contents as MarkupContent).value;
    const [head, body] = md.split('\n\n');
    assert.equal(head, '**“third State”** — defined in Article 2(1)(h)');
    assert.equal(body, '> (h) “third State” means a State not a party to the treaty;');
    // The hover covers the whole use, both words.
    const start = positionOf(VCLT_TEXT, 'a third State', 1, 2);
    assert.deepEqual(h.range, { start, end: { line: start.line, character: start.character + 'third State'.length } });
  });

  it('a reference still wins over a term, and plain words have no hover', () => {
    const text = lines('Pact', '', 'Article 1', '', '“Article” means a provision.', '', 'Article 2', '', 'Each Article of this Pact, and Article 1 above, binds. The river flows.');
    const doc = parseTreaty(text);
    assert.match((hover(doc, positionOf(text, 'Article 1 above', 1, 2))!.contents as MarkupContent).value, /^\*\*Pact › Article 1\*\*/);
    assert.match((hover(doc, positionOf(text, 'Each Article', 1, 7))!.contents as MarkupContent).value, /defined in Article 1/);
    assert.equal(hover(doc, positionOf(text, 'river flows')), null);
  });

  it('cuts a long definition at the hover length', () => {
    const md = (hover(VCLT, positionOf(VCLT_TEXT, 'a reservation', 1, 4), undefined, { maxLength: 30 })!.contents as MarkupContent).value;
    assert.match(md, /… \(cut: \d+ of \d+ characters shown\)$/);
  });

  it('Go to Definition on a use jumps to the quoted term, previewing its definition', () => {
    const links = definition(parseTreaty(ORCHARD), 'file:///ws/o.treaty', positionOf(ORCHARD, 'an overhang', 1, 5));
    assert.ok(links);
    assert.equal(links.length, 1);
    const [link] = links;
    assert.equal(link.targetUri, 'file:///ws/o.treaty');
    const line = lineOf(ORCHARD, '(a) "overhang"');
    assert.deepEqual(link.targetSelectionRange, { start: { line, character: 5 }, end: { line, character: 13 } });
    assert.equal(link.targetRange.start.line, line);
    assert.equal(link.originSelectionRange?.start.line, lineOf(ORCHARD, 'an overhang'));
  });

  it('the Parties: hover on "Party" in the articles shows the preamble’s definition', () => {
    const text = lines(
      'Agreement on Rivers',
      '',
      'The Republic of A and the Kingdom of B, hereinafter referred to as "the Parties",',
      '',
      'Have agreed as follows:',
      '',
      'Article 1',
      '',
      'Each Party shall inform the other.',
    );
    const md = (hover(parseTreaty(text), positionOf(text, 'Each Party', 1, 6))!.contents as MarkupContent).value;
    assert.match(md, /^\*\*“the Parties”\*\* — defined in Preamble/);
    assert.match(md, /hereinafter referred to as "the Parties"/);
  });
});
