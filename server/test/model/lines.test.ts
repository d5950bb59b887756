import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../src/model';
import { lineIndexAfterEdit } from '../../src/model/lines';

describe('LineIndex', () => {
  // features/convert.ts keeps the last index built after its document is gone (to shift it
  // after the next edit): holding the text there kept a whole old text alive.
  it('keeps no reference to its text, built afresh or after an edit', () => {
    const text = 'Article 1\r\nFirst.\n\nArticle 2\rSecond.'.repeat(3);
    const fresh = new LineIndex(text);
    assert.ok(!Object.values(fresh).includes(text));
    const next = text.slice(0, 12) + 'Inserted\nline ' + text.slice(12);
    const edited = lineIndexAfterEdit(fresh, { start: 12, oldEnd: 12, newEnd: 26 }, next);
    assert.ok(!Object.values(edited).includes(next));
    assert.ok(!Object.values(edited).includes(text));
  });

  it('clamps offsets and columns past the end to the length of the text it was built for', () => {
    const text = 'one\ntwo\nthree';
    const next = 'one\ntwo!\nthree and more';
    const edited = lineIndexAfterEdit(new LineIndex(text), { start: 7, oldEnd: 7, newEnd: 8 }, next.slice(0, 9) + 'three');
    assert.deepEqual(edited.positionAt(1000), { line: 2, character: 5 });
    assert.equal(edited.offsetAt({ line: 2, character: 1000 }), 14);
    assert.equal(edited.offsetAt({ line: 7, character: 0 }), 14);
    const fresh = new LineIndex(next);
    assert.deepEqual(fresh.positionAt(-5), { line: 0, character: 0 });
    assert.equal(fresh.offsetAt({ line: 2, character: 1000 }), next.length);
  });
});
