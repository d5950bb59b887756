// Offsets held as numbers on the model's own objects (a provision's start, end and label end,
// a reference's and a number's start and end), not as `{start, end}` objects beside them:
// what they read as.
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
    assert.equal(doc.root.start, 0);
    assert.deepEqual(labelSpan(doc.root), { start: title, end: title + 'TREATY ON ORCHARDS'.length });
    assert.equal(labelStart(doc.root), title);
  });

  it('a provision label runs from its start to labelEnd', () => {
    const doc = parseTreaty(TEXT);
    const art1 = doc.byId.get('art_1')!;
    assert.equal(TEXT.slice(labelStart(art1), art1.labelEnd), 'Article 1 — Scope');
    assert.deepEqual(labelSpan(art1), { start: art1.start, end: art1.labelEnd });
    const para = doc.byId.get('art_1__para_2')!;
    assert.equal(TEXT.slice(labelStart(para), para.labelEnd).trim(), '2.');
  });

  it('a provision is its own span: from its number line to the end of its last child', () => {
    const doc = parseTreaty(TEXT);
    const art1 = doc.byId.get('art_1')!;
    assert.equal(TEXT.slice(art1.start, art1.end).trimEnd(), TEXT.slice(TEXT.indexOf('Article 1'), TEXT.indexOf('Article 2')).trimEnd());
    const para2 = doc.byId.get('art_1__para_2')!;
    assert.equal(TEXT.slice(para2.start, para2.end).trimEnd(), '2. Paragraph 1 does not apply to vineyards.');
    assert.equal(doc.root.end, TEXT.length);
    for (const p of walk(doc.root)) {
      for (const c of p.children) assert.ok(p.start <= c.start && c.end <= p.end, `${c.eId} inside ${p.eId || 'root'}`);
    }
  });

  it('references, numbers and provisions hold no span objects', () => {
    const doc = parseTreaty(TEXT);
    const ref = referenceAt(doc, TEXT.indexOf('paragraph 2 of'))!;
    assert.equal(TEXT.slice(ref.start, ref.end), ref.text);
    assert.deepEqual(ref.numbers!.map((n) => [TEXT.slice(n.start, n.end), n.eId]), [['2', 'art_1__para_2'], ['1', 'art_1']]);
    for (const r of doc.references) {
      assert.ok(!('range' in r), 'no range object on a reference');
      for (const n of r.numbers ?? []) assert.ok(!('span' in n), 'no span object on a number');
    }
    for (const p of walk(doc.root)) {
      assert.ok(!('labelRange' in p) && !('range' in p), `${p.eId || 'root'}: no range or label object`);
      // Its only object-valued fields are its links in the tree.
      const objects = Object.entries(p).filter(([, v]) => typeof v === 'object' && v !== null).map(([k]) => k);
      assert.deepEqual(objects.filter((k) => k !== 'children' && k !== 'parent'), [], `${p.eId || 'root'}: ${objects}`);
    }
  });

  it('an edit before them shifts references, numbers, provisions and labels alike', () => {
    const doc = parseTreaty(TEXT);
    const art2 = doc.byId.get('art_2')!;
    const at = TEXT.indexOf('orchards.');
    const text = TEXT.slice(0, at) + 'apple ' + TEXT.slice(at);
    const after = reparseTreaty(doc, text, {}, { start: at, oldEnd: at, newEnd: at + 6 });
    const fresh = parseTreaty(text);
    const shape = (d: typeof doc) => ({
      provisions: [...walk(d.root)].map((p) => [p.eId, p.start, p.end, labelStart(p), p.labelEnd, p.bodyStart]),
      references: d.references.map((r) => [r.start, r.end, r.text, (r.numbers ?? []).map((n) => [n.start, n.end, n.eId])]),
    });
    assert.deepEqual(shape(after), shape(fresh));
    // Updated in place (the quick path): the same provision, its numbers moved, no range object.
    assert.equal(after.byId.get('art_2'), art2);
    assert.equal(text.slice(art2.start, art2.labelEnd), 'Article 2');
    assert.ok(!('range' in art2));
  });
});
