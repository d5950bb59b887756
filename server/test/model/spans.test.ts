// Offsets held as numbers on the model's own objects (a provision's label end, a reference's
// and a number's start and end), not as `{start, end}` objects beside them: what they read as.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labelSpan, labelStart, parseTreaty, referenceAt, walk } from '../../src/model';
import { reparseTreaty } from '../../src/model/incremental';

const TEXT = [
  '% an illustrative text',
  'TREATY ON ORCHARDS',
  '',
  'Article 1 — Scope',
  '1. This Treaty applies to orchards.',
  '2. Paragraph 1 does not apply to vineyards.',
  '',
  'Article 2',
  'As provided in paragraph 2 of Article 1 and Articles 1 to 2.',
  '',
].join('\n');

describe('spans as numbers', () => {
  it('the root label is its title line, though its range starts at 0', () => {
    const doc = parseTreaty(TEXT);
    const title = TEXT.indexOf('TREATY');
    assert.equal(doc.root.range.start, 0);
    assert.deepEqual(labelSpan(doc.root), { start: title, end: title + 'TREATY ON ORCHARDS'.length });
    assert.equal(labelStart(doc.root), title);
  });

  it('a provision label runs from its start to labelEnd', () => {
    const doc = parseTreaty(TEXT);
    const art1 = doc.byId.get('art_1')!;
    assert.equal(TEXT.slice(labelStart(art1), art1.labelEnd), 'Article 1 — Scope');
    assert.deepEqual(labelSpan(art1), { start: art1.range.start, end: art1.labelEnd });
    const para = doc.byId.get('art_1__para_2')!;
    assert.equal(TEXT.slice(labelStart(para), para.labelEnd).trim(), '2.');
  });

  it('references and their numbers are their own spans, with no span objects inside', () => {
    const doc = parseTreaty(TEXT);
    const ref = referenceAt(doc, TEXT.indexOf('paragraph 2 of'))!;
    assert.equal(TEXT.slice(ref.start, ref.end), ref.text);
    assert.deepEqual(ref.numbers!.map((n) => [TEXT.slice(n.start, n.end), n.eId]), [['2', 'art_1__para_2'], ['1', 'art_1']]);
    for (const r of doc.references) {
      assert.ok(!('range' in r), 'no range object on a reference');
      for (const n of r.numbers ?? []) assert.ok(!('span' in n), 'no span object on a number');
    }
    for (const p of walk(doc.root)) assert.ok(!('labelRange' in p), `${p.eId || 'root'}: no label object`);
  });

  it('an edit before them shifts references, numbers and labels alike', () => {
    const doc = parseTreaty(TEXT);
    const at = TEXT.indexOf('orchards.');
    const text = TEXT.slice(0, at) + 'apple ' + TEXT.slice(at);
    const after = reparseTreaty(doc, text, {}, { start: at, oldEnd: at, newEnd: at + 6 });
    const fresh = parseTreaty(text);
    const shape = (d: typeof doc) => ({
      provisions: [...walk(d.root)].map((p) => [p.eId, p.range.start, p.range.end, labelStart(p), p.labelEnd, p.bodyStart]),
      references: d.references.map((r) => [r.start, r.end, r.text, (r.numbers ?? []).map((n) => [n.start, n.end, n.eId])]),
    });
    assert.deepEqual(shape(after), shape(fresh));
  });
});
