// Bad input never throws: the parser returns a (possibly empty) model for any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTreaty, walk, LineIndex, referenceAt, provisionAt } from '../../src/model';

function parsesCleanly(text: string) {
  const doc = parseTreaty(text);
  // Every provision lies inside the text and inside its parent.
  for (const p of walk(doc.root)) {
    assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, `${p.eId} range inside text`);
    if (p.parent) assert.ok(p.start >= p.parent.start && p.end <= p.parent.end, `${p.eId} inside ${p.parent.eId}`);
  }
  for (const r of doc.references) assert.ok(r.start < r.end && r.end <= text.length);
  return doc;
}

test('empty and blank texts', () => {
  assert.equal(parsesCleanly('').root.children.length, 0);
  assert.equal(parsesCleanly('\n\n \r\n\t').root.children.length, 0);
});

test('binary junk, control characters, lone surrogates', () => {
  let junk = '';
  let seed = 7;
  for (let i = 0; i < 200_000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    junk += String.fromCharCode(seed % 0xffff);
  }
  parsesCleanly(junk);
  parsesCleanly('Article 1\u0000\u0001\ud800 see Article 1(\udc00');
});

test('a 10 MB text on one line', () => {
  const line = 'see Article 1 and paragraph 2 (a) of Article 3, '.repeat(210_000);
  const doc = parsesCleanly(line);
  assert.ok(doc.references.length > 100_000);
});

test('100,000 "Article 1" lines', () => {
  const doc = parsesCleanly('Article 1\n'.repeat(100_000));
  assert.equal(doc.root.children.length, 100_000);
  assert.ok(doc.byId.get('art_1'));
});

test('unbalanced brackets and deep nesting', () => {
  parsesCleanly('Article 1\n' + '('.repeat(100_000) + '\nSee Article 1((((a)\n' + ')'.repeat(50_000));
  parsesCleanly('Article 1\n1. (a) (i) ((((\nparagraph 1 (a) (i) (ii) (iii) (iv) (v)');
});

test('CR, LF and CRLF line ends give the same structure', () => {
  const lf = 'Treaty\n\nArticle 1\nScope\n1. See Article 2.\n\nArticle 2\nText.\n';
  const a = parsesCleanly(lf);
  const b = parsesCleanly(lf.replace(/\n/g, '\r\n'));
  const c = parsesCleanly(lf.replace(/\n/g, '\r'));
  const ids = (d: typeof a) => [...walk(d.root)].map((p) => `${p.eId}:${p.heading ?? ''}`);
  assert.deepEqual(ids(b), ids(a));
  assert.deepEqual(ids(c), ids(a));
  assert.equal(b.references[0].targets[0].eId, 'art_2');
  const lines = new LineIndex(b.text);
  assert.deepEqual(lines.positionAt(b.references[0].start), { line: 4, character: 7 });
});

test('queries at every offset of a small text', () => {
  const text = 'Treaty\n\nArticle 1\n1. See Article 2.\n\nArticle 2\nText (see the preceding Article).\n';
  const doc = parsesCleanly(text);
  for (let i = 0; i <= text.length; i++) {
    provisionAt(doc, i);
    referenceAt(doc, i);
  }
  assert.equal(referenceAt(doc, text.indexOf('preceding'))?.targets[0].eId, 'art_1');
});
