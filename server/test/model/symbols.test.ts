// How names and queries are split into words for Go to Symbol in Workspace (model/symbols.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitWords } from '../../src/model/symbols';

const RUNS = Math.max(1, Number(process.env.PACTA_PROPERTY_RUNS ?? 200) || 200);

/** The definition splitWords is written by hand to match: lower-case runs of Unicode letters and digits. */
const byDefinition = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);

describe('splitWords', () => {
  it('splits paths, Korean and Russian labels into lower-case words', () => {
    assert.deepEqual(splitWords('Part XI › Section 2 › Article 133 — Use of terms'), ['part', 'xi', 'section', '2', 'article', '133', 'use', 'of', 'terms']);
    assert.deepEqual(splitWords('제4조 제1항'), ['제4조', '제1항']);
    assert.deepEqual(splitWords('Статья 51 Устава'), ['статья', '51', 'устава']);
    assert.deepEqual(splitWords('  '), []);
  });

  it('keeps letters beyond the first plane and drops lone surrogates', () => {
    assert.deepEqual(splitWords('a\u{1d400}b c'), ['a\u{1d400}b', 'c']);
    assert.deepEqual(splitWords('\ud800a\udc00b'), ['a', 'b']);
  });

  it('equals the Unicode definition on any text', () => {
    const units = fc.constantFrom('a', 'Z', '7', ' ', '›', '—', '-', '제', 'Ж', 'ß', 'İ', '½', '٣', '\u0307', '\u{1d400}', '\ud800', '\udc00');
    for (const arb of [fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: units })]) {
      fc.assert(
        fc.property(arb, (s) => assert.deepEqual(splitWords(s), byDefinition(s))),
        { numRuns: RUNS * 10 },
      );
    }
  });
});
