import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { asciiJson } from '../../src/features/asciiJson';
import { fcParams, runs } from '../helpers/fuzz';

describe('asciiJson', () => {
  it('escapes every non-ASCII unit, surrogate pairs as two escapes', () => {
    assert.equal(asciiJson({ name: 'Article 4 — Scope', ko: '제4조', emoji: '📜' }), '{"name":"Article 4 \\u2014 Scope","ko":"\\uc81c4\\uc870","emoji":"\\ud83d\\udcdc"}');
    assert.equal(asciiJson('plain'), '"plain"');
    assert.equal(asciiJson(undefined), 'null');
  });

  it(`reads back as the same value, in ASCII only, for any JSON value (${runs(500)} cases)`, () => {
    // Strings from every plane, lone surrogates included (JSON.stringify escapes those itself).
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), text, (value, s) => {
        for (const v of [value, s, { s, value }]) {
          const json = asciiJson(v);
          assert.match(json, /^[\x00-\x7f]*$/);
          assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(v)));
        }
      }),
      fcParams(runs(500)),
    );
  });
});
