// ChunkedText (model/text.ts) against plain strings: after any sequence of edits it must read
// exactly as the string made by the same edits, through every method a string reader uses
// (length, slice, charCodeAt, toString), with String.prototype's semantics for arguments out
// of range; an edit must leave the old text as it was; reading spans must not join the chunks.
//
// Case counts: PACTA_PROPERTY_RUNS (default 200; the test of edits at chunk boundaries gets a quarter of it).
// PACTA_PROPERTY_SEED replays a reported run from its seed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ChunkedText, parseTreaty, textOf, withSource } from '../../src/model';

const RUNS = Math.max(1, Number(process.env.PACTA_PROPERTY_RUNS ?? 200) || 200);
const SEED = process.env.PACTA_PROPERTY_SEED ? { seed: Number(process.env.PACTA_PROPERTY_SEED) } : {};
const params = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns)), ...SEED });

/** Where ChunkedText.of cuts a text (text.ts's CHUNK), and the most a chunk may hold. */
const CUT = 16_384;
const MAX_CHUNK = 32_768;

// --- generators -------------------------------------------------------------------------------

/**
 * A fraction in [min, max], uniform: fc.double favours values near 0 and the bounds so much
 * that a place in a text would nearly always be its start or end (the ends have their own cases).
 */
const fraction = (min: number, max: number) => fc.noBias(fc.integer({ min: Math.round(min * 10_000), max: Math.round(max * 10_000) })).map((n) => n / 10_000);

/** Units that matter to a text reader: line ends, astral pairs and their halves alone. */
const unit = fc.constantFrom('a', 'b', 'Z', ' ', '\n', '\r', '\r\n', 'é', '제', '\u{1F600}', '\u{1D400}', '\ud800', '\udc00', '\t');
const shortText = fc.string({ unit, maxLength: 60 });

/** A text of about `min`–`max` units made by repeating a random pattern (cheap at 100K units). */
function longText(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.string({ unit, minLength: 1, maxLength: 40 }), fc.integer({ min, max }))
    .map(([pattern, n]) => pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n));
}

const anyText = fc.oneof(
  { weight: 4, arbitrary: shortText },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: longText(CUT - 2, CUT + 2) },
  { weight: 2, arbitrary: longText(CUT + 1, MAX_CHUNK + 2) },
  { weight: 2, arbitrary: longText(MAX_CHUNK + 1, 100_000) },
);

/** Where an edit or a probe lands, resolved against the length of the text at the time. */
type Place =
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'fraction'; f: number }
  // Near where ChunkedText.of cut the text (chunk boundaries until edits move them).
  | { kind: 'cut'; k: number; d: number };

const place: fc.Arbitrary<Place> = fc.oneof(
  fc.constant({ kind: 'start' } as const),
  fc.constant({ kind: 'end' } as const),
  fraction(0, 1).map((f) => ({ kind: 'fraction', f }) as const),
  fc.record({ kind: fc.constant('cut' as const), k: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: -2, max: 2 }) }),
);

function resolve(p: Place, length: number): number {
  switch (p.kind) {
    case 'start':
      return 0;
    case 'end':
      return length;
    case 'fraction':
      return Math.min(length, Math.floor(p.f * (length + 1)));
    case 'cut':
      return Math.max(0, Math.min(length, p.k * CUT + p.d));
  }
}

const insertion = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: shortText },
  { weight: 1, arbitrary: longText(CUT - 1, MAX_CHUNK + 1) },
  // A paste larger than two whole chunks.
  { weight: 1, arbitrary: longText(2 * MAX_CHUNK + 1, 2 * MAX_CHUNK + 3_000) },
);

interface Edit {
  at: Place;
  /** How much to delete: a count, up to the end, or everything (from 0). */
  remove: number | 'toEnd' | 'all';
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: place,
  remove: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 40_000 }) },
    { weight: 1, arbitrary: fc.constantFrom('toEnd' as const, 'all' as const) },
  ),
  insert: insertion,
});

/** A probe: a place, shifted, and mirrored from the end (a negative index) or not. */
const probe = fc.record({ at: place, shift: fc.integer({ min: -3, max: 3 }), fromEnd: fc.boolean() });
type Probe = { at: Place; shift: number; fromEnd: boolean };

/** An index for a probe: in range, one or two past either end, or negative (from the end, for slice). */
function probeIndex(p: Probe, length: number): number {
  const i = resolve(p.at, length) + p.shift;
  return p.fromEnd ? i - length - 1 : i;
}

// --- checks -----------------------------------------------------------------------------------

/** Reads `t` as a string reader would, without toString(), and compares with `s`. */
function checkReads(t: ChunkedText, s: string, probes: readonly Probe[]): void {
  assert.equal(t.length, s.length);
  // The boundaries the text was first cut at, and the ends: every unit around them.
  const fixed = [-2, -1, 0, 1, s.length - 1, s.length, s.length + 1];
  for (let k = 1; k * CUT <= s.length + 1; k++) fixed.push(k * CUT - 1, k * CUT, k * CUT + 1);
  for (const i of fixed) assert.ok(Object.is(t.charCodeAt(i), s.charCodeAt(i)), `charCodeAt(${i})`);
  for (const p of probes) {
    const i = probeIndex(p, s.length);
    assert.ok(Object.is(t.charCodeAt(i), s.charCodeAt(i)), `charCodeAt(${i})`);
  }
  for (let j = 0; j + 1 < probes.length; j += 2) {
    const a = probeIndex(probes[j], s.length);
    const b = probeIndex(probes[j + 1], s.length);
    assert.equal(t.slice(a, b), s.slice(a, b), `slice(${a}, ${b})`);
    assert.equal(t.slice(a), s.slice(a), `slice(${a})`);
  }
  for (let k = 1; k * CUT <= s.length; k++) {
    assert.equal(t.slice(k * CUT - 1, k * CUT + 1), s.slice(k * CUT - 1, k * CUT + 1));
    assert.equal(t.slice(k * CUT - 3, -1), s.slice(k * CUT - 3, -1));
  }
  assert.equal(t.slice(), s);
}

/** Applies an edit to both: the new ChunkedText and the new string. */
function applyBoth(t: ChunkedText, s: string, e: Edit): [ChunkedText, string] {
  let start = resolve(e.at, s.length);
  let end: number;
  if (e.remove === 'all') [start, end] = [0, s.length];
  else if (e.remove === 'toEnd') end = s.length;
  else end = Math.min(s.length, start + e.remove);
  return [t.edit(start, end, e.insert), s.slice(0, start) + e.insert + s.slice(end)];
}

describe('ChunkedText', () => {
  it('reads as the string made by the same edits, and never changes an old version', () => {
    const prop = fc.property(anyText, fc.array(fc.tuple(edit, fc.array(probe, { minLength: 2, maxLength: 12 })), { maxLength: 8 }), (text, steps) => {
      let t = ChunkedText.of(text);
      let s = text;
      checkReads(t, s, []);
      for (const [e, probes] of steps) {
        const [old, oldS] = [t, s];
        const wasJoined = old.isJoined;
        [t, s] = applyBoth(t, s, e);
        const joined = t.isJoined;
        // An edit joins nothing (an edit of the empty text may give the inserted string as it is).
        if (old.length > 0) assert.equal(joined, false, 'an edit gives chunks');
        checkReads(t, s, probes);
        // Reading spans and units never joins the chunks.
        assert.equal(t.isJoined, joined);
        // The old version reads as before, and the edit did not join it.
        assert.equal(old.isJoined, wasJoined);
        checkReads(old, oldS, probes);
      }
      assert.equal(t.toString(), s);
      assert.ok(t.isJoined);
      // Joined, it reads the same (through the joined string).
      checkReads(t, s, steps.flatMap(([, p]) => p));
    });
    fc.assert(prop, params(RUNS));
  });

  it('edits texts above one and two chunks at their boundaries', () => {
    const big = fc.oneof(longText(CUT + 1, MAX_CHUNK + 2), longText(MAX_CHUNK + 1, 5 * CUT));
    const atCut = fc.record({
      at: fc.record({ kind: fc.constant('cut' as const), k: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: -1, max: 1 }) }),
      remove: fc.integer({ min: 0, max: 2 * CUT }),
      insert: insertion,
    });
    fc.assert(
      fc.property(big, fc.array(fc.tuple(atCut, fc.array(probe, { minLength: 2, maxLength: 8 })), { minLength: 1, maxLength: 6 }), (text, steps) => {
        let t = ChunkedText.of(text);
        let s = text;
        for (const [e, probes] of steps) {
          [t, s] = applyBoth(t, s, e);
          checkReads(t, s, probes);
        }
        assert.equal(t.toString(), s);
      }),
      params(RUNS / 4),
    );
  });

  it('handles the empty text, deleting everything, and typing into what is left', () => {
    let t = ChunkedText.of('');
    assert.equal(t.length, 0);
    assert.equal(t.slice(), '');
    assert.ok(Number.isNaN(t.charCodeAt(0)));
    t = t.edit(0, 0, '');
    assert.equal(t.toString(), '');
    const text = 'x\r\n'.repeat(30_000); // 90,000 units: six chunks
    t = ChunkedText.of(text).edit(5, 5, '!');
    const emptied = t.edit(0, t.length, '');
    assert.equal(emptied.length, 0);
    assert.equal(emptied.slice(-5), '');
    assert.ok(Number.isNaN(emptied.charCodeAt(0)));
    assert.ok(Number.isNaN(emptied.charCodeAt(-1)));
    assert.equal(emptied.edit(0, 0, 'a').edit(1, 1, 'b').toString(), 'ab');
    // The old one still holds it all.
    const s = text.slice(0, 5) + '!' + text.slice(5);
    assert.equal(t.slice(0, 7), s.slice(0, 7));
    assert.equal(t.toString(), s);
  });

  it('takes non-integer, infinite and NaN arguments as String.prototype does', () => {
    // A string reader may be handed either (TextLike): the arguments are converted as
    // String.prototype converts them (truncated toward zero, NaN as 0).
    const text = 'abcdefgh'.repeat(5_000); // 40,000 units: three chunks
    const t = ChunkedText.of(text).edit(0, 0, '');
    const args = [NaN, -0.5, 0.5, 1.5, -1.5, 16_383.5, 20_000.7, -Infinity, Infinity, -0];
    for (const a of args) {
      assert.ok(Object.is(t.charCodeAt(a), text.charCodeAt(a)), `charCodeAt(${a})`);
      assert.equal(t.slice(a), text.slice(a), `slice(${a})`);
      for (const b of [...args, 3, 20_003, -2]) assert.equal(t.slice(a, b), text.slice(a, b), `slice(${a}, ${b})`);
    }
    assert.equal(t.isJoined, false);
  });

  it('clamps an edit range outside the text, and treats an end before the start as an insertion', () => {
    // Not String semantics (there is no string edit): what edit() does for ranges it is not
    // meant to get, so that a bad range never corrupts the text.
    const text = 'abcdef'.repeat(6_000); // 36,000 units: three chunks
    const base = ChunkedText.of(text).edit(0, 0, '');
    assert.equal(base.edit(-5, 2, 'X').toString(), 'X' + text.slice(2));
    assert.equal(base.edit(text.length - 1, text.length + 50, 'Y').toString(), text.slice(0, -1) + 'Y');
    assert.equal(base.edit(20_000, 10, 'Z').toString(), text.slice(0, 20_000) + 'Z' + text.slice(20_000));
  });

  it('reads spans and units without joining, until toString()', () => {
    const text = 'Article 1\r\nThe Parties \u{1F600}.\n'.repeat(4_000);
    const t = ChunkedText.of(text).edit(100, 110, 'replaced');
    const s = text.slice(0, 100) + 'replaced' + text.slice(110);
    assert.equal(t.isJoined, false);
    assert.equal(t.slice(0, 50_000), s.slice(0, 50_000));
    assert.equal(t.slice(-10), s.slice(-10));
    for (let i = 0; i < t.length; i += 97) assert.equal(t.charCodeAt(i), s.charCodeAt(i));
    assert.equal(t.isJoined, false);
    assert.equal(t.toString(), s);
    assert.equal(t.isJoined, true);
    // Joined once: the same string every time.
    assert.equal(t.toString(), t.toString());
  });

  it('keeps every chunk at most 32,768 units after large pastes and many small edits', () => {
    // The chunks are private and no public reading shows their size: this test reads them,
    // as the size limit is the point of the class (chunks stay far below V8's 128 KB
    // threshold for strings given fresh memory of their own).
    const chunksOf = (t: ChunkedText) => (t as unknown as { chunks: readonly string[] }).chunks;
    const paste = 'p\r\n\u{1F600}'.repeat(40_000); // 200,000 units
    let t = ChunkedText.of('Article 1\n'.repeat(5_000)); // 50,000 units
    let s = t.toString();
    const steps: Array<[number, number, string]> = [
      [25_000, 25_000, paste],
      [0, 0, paste],
      [t.length, t.length, paste],
      [1, 300_000, paste.slice(0, 70_000)],
    ];
    for (const [a, b, ins] of steps) {
      t = t.edit(a, b, ins);
      s = s.slice(0, a) + ins + s.slice(Math.max(a, Math.min(b, s.length)));
      const sizes = chunksOf(t).map((c) => c.length);
      assert.ok(Math.max(...sizes) <= MAX_CHUNK, `largest chunk ${Math.max(...sizes)}`);
      assert.ok(sizes.every((n) => n > 0), 'no empty chunk');
    }
    // Typing one character at a time into one place grows a chunk until it is split.
    for (let i = 0; i < 40_000; i++) t = t.edit(30_000 + i, 30_000 + i, 'k');
    s = s.slice(0, 30_000) + 'k'.repeat(40_000) + s.slice(30_000);
    assert.ok(chunksOf(t).every((c) => c.length > 0 && c.length <= MAX_CHUNK));
    assert.equal(t.toString(), s);
    // Deleting exactly the first chunk leaves no empty one behind.
    const cut = ChunkedText.of('x'.repeat(3 * CUT)).edit(0, CUT, '');
    assert.deepEqual(chunksOf(cut).map((c) => c.length), [CUT, CUT]);
  });
});

describe('withSource and textOf', () => {
  it('give the model its text joined on first read, and the chunks until then', () => {
    const text = 'Convention on Chunks\n\nArticle 1\nSee Article 2.\n\nArticle 2\nSee Article 1.\n'.repeat(600);
    const edited = ChunkedText.of(text).edit(40, 40, ' (amended)');
    const expected = text.slice(0, 40) + ' (amended)' + text.slice(40);
    const doc = parseTreaty(expected);
    assert.equal(withSource(doc, edited), doc);
    assert.equal(edited.isJoined, false);
    assert.equal(textOf(doc), edited, 'the chunks, before anything joins them');
    assert.equal(edited.isJoined, false);
    assert.equal(doc.text, expected);
    assert.equal(edited.isJoined, true);
    const after = textOf(doc);
    assert.equal(typeof after, 'string', 'the joined string once there is one');
    assert.equal(after, expected);
    // `text` stays an enumerable property of the model (spread and JSON see it).
    assert.equal({ ...doc }.text, expected);
  });

  it('give a model without a source its own string', () => {
    const doc = parseTreaty('Article 1\nText.\n');
    assert.equal(textOf(doc), 'Article 1\nText.\n');
  });
});
