// OpenTextDocument (src/openDocument.ts) against the reference TextDocument of
// vscode-languageserver-textdocument: random documents (LF, CRLF, lone CR, mixed, empty, with
// and without a final line break, above one chunk) and random incremental changes given as LSP
// ranges (past a line's end, past the last line, negative lines and characters, end before
// start, whole-text changes). After each update both answer every read alike; update's
// returned span turns the old text into the new one.
//
// The one difference allowed: positionAt for an offset between a \r and its \n. The reference
// moves it back before the \r (the line's content end); ours gives the column after the \r
// (offset minus line start, what model/lines.ts's LineIndex gives everywhere). No LSP position
// names that offset, and offsetAt of either answer is the line's content end.
//
// Case counts: PACTA_PROPERTY_RUNS (default 200; long documents get a quarter of it).
// PACTA_PROPERTY_SEED replays a reported run from its seed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { OpenTextDocument } from '../../src/openDocument';
import { ChunkedText } from '../../src/model';

const RUNS = Math.max(1, Number(process.env.PACTA_PROPERTY_RUNS ?? 200) || 200);
const SEED = process.env.PACTA_PROPERTY_SEED ? { seed: Number(process.env.PACTA_PROPERTY_SEED) } : {};
const params = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns)), ...SEED });

const URI = 'file:///ws/doc.treaty';
/** Where ChunkedText.of cuts a text (model/text.ts). */
const CUT = 16_384;

// --- generators -------------------------------------------------------------------------------

/**
 * A fraction in [min, max], uniform: fc.double favours values near 0 and the bounds so much
 * that a place in a text would nearly always be its start or end (the ends have their own cases).
 */
const fraction = (min: number, max: number) => fc.noBias(fc.integer({ min: Math.round(min * 10_000), max: Math.round(max * 10_000) })).map((n) => n / 10_000);

const breakUnit = fc.constantFrom('\n', '\r\n', '\r');
const wordUnit = fc.constantFrom('a', 'b', ' ', 'é', '\u{1F600}', '\ud800', 'Article 1');
const unit = fc.oneof({ weight: 3, arbitrary: wordUnit }, { weight: 2, arbitrary: breakUnit });

/** Lines joined by one style of line break, or mixed ones, with or without a final break. */
const linesText = fc
  .tuple(fc.array(fc.string({ unit: wordUnit, maxLength: 8 }), { maxLength: 10 }), breakUnit, fc.option(fc.array(breakUnit, { minLength: 10, maxLength: 10 })), fc.boolean())
  .map(([lines, style, mixed, finalBreak]) => lines.map((l, i) => l + (i + 1 < lines.length || finalBreak ? (mixed ? mixed[i] : style) : '')).join(''));

/** Above one chunk: a pattern repeated so that line breaks (and CRLF pairs) fall across chunk boundaries. */
const longText = fc
  .tuple(fc.string({ unit, minLength: 1, maxLength: 30 }), fc.integer({ min: CUT - 3, max: 2 * CUT + 3 }))
  .map(([pattern, n]) => pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n));

const shortDoc = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: linesText },
  { weight: 3, arbitrary: fc.string({ unit, maxLength: 40 }) },
  // Mostly line breaks, so that changes often meet one.
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('\r', '\n', '\r\n', 'x'), maxLength: 16 }) },
);

/** A position as fractions of the document's lines and of a line's length, resolved when applied. */
interface PositionSpec {
  line: number;
  char: number;
  /** Pin the character: 0, the line's end, or 1–4 past it (else `char` decides, from -1 to past the end). */
  pin?: 'start' | 'end' | 'past';
}

const positionSpec: fc.Arbitrary<PositionSpec> = fc.record(
  {
    line: fraction(-0.15, 1.15),
    char: fraction(-0.2, 1.3),
    pin: fc.constantFrom('start' as const, 'end' as const, 'past' as const),
  },
  { requiredKeys: ['line', 'char'] },
);

/** Resolves a spec against `ref` (the document as it stands): lines from -2 to lineCount + 1. */
function positionIn(ref: TextDocument, p: PositionSpec): Position {
  const line = Math.floor(p.line * (ref.lineCount + 2)) - (p.line < 0 ? 1 : 0);
  const inRange = Math.max(0, Math.min(line, ref.lineCount - 1));
  const lineLength = ref.getText({ start: { line: inRange, character: 0 }, end: { line: inRange, character: Number.MAX_SAFE_INTEGER } }).length;
  if (p.pin === 'start') return { line, character: 0 };
  if (p.pin === 'end') return { line, character: lineLength };
  if (p.pin === 'past') return { line, character: lineLength + 1 + Math.floor(Math.abs(p.char) * 3) };
  return { line, character: Math.floor(p.char * (lineLength + 1)) - (p.char < 0 ? 1 : 0) };
}

const insertText = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('', '\n', '\r', '\r\n', '\n\r', 'x', '\r\nArticle 2\r\n') },
  { weight: 3, arbitrary: fc.string({ unit, maxLength: 12 }) },
);

type ChangeSpec =
  | { whole: string }
  | { start: PositionSpec; end: PositionSpec; text: string }
  // A line's content, from its start to its line break (which may then meet a \r before it).
  | { line: number; text: string }
  // By offset (turned into the range the reference gives it): near where a long text was cut.
  | { at: number; length: number; text: string };

const changeSpec: fc.Arbitrary<ChangeSpec> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ start: positionSpec, end: positionSpec, text: insertText }) },
  { weight: 3, arbitrary: fc.record({ line: fraction(0, 1), text: insertText }) },
  // Deleting a line's content after a lone \r may join that \r to the line's \n.
  { weight: 2, arbitrary: fc.record({ line: fraction(0, 1), text: fc.constantFrom('', '\n', '\nx', 'y\r') }) },
  { weight: 1, arbitrary: shortDoc.map((whole) => ({ whole })) },
);

function changeIn(ref: TextDocument, c: ChangeSpec): TextDocumentContentChangeEvent {
  if ('whole' in c) return { text: c.whole };
  if ('line' in c) return { range: { start: positionIn(ref, { line: c.line, char: 0, pin: 'start' }), end: positionIn(ref, { line: c.line, char: 0, pin: 'end' }) }, text: c.text };
  if ('at' in c) return { range: { start: ref.positionAt(c.at), end: ref.positionAt(c.at + c.length) }, text: c.text };
  return { range: { start: positionIn(ref, c.start), end: positionIn(ref, c.end) }, text: c.text };
}

/** Probes: offsets and positions as fractions, resolved against the document being checked. */
const probes = fc.record({
  offsets: fc.array(fraction(-0.1, 1.1), { minLength: 1, maxLength: 10 }),
  positions: fc.array(positionSpec, { minLength: 2, maxLength: 10 }),
});
type Probes = { offsets: number[]; positions: PositionSpec[] };

// --- checks -----------------------------------------------------------------------------------

/** Every read of `ours` equals the reference's `ref` (a fresh document of the same text). */
function checkReads(ours: OpenTextDocument, ref: TextDocument, pr: Probes, allLines: boolean): void {
  const text = ref.getText();
  assert.equal(ours.getText(), text);
  assert.equal(ours.text.length, text.length);
  assert.equal(ours.lineCount, ref.lineCount);

  const offsets = [-1, 0, text.length, text.length + 1, ...pr.offsets.map((f) => Math.floor(f * (text.length + 1)))];
  for (let k = 1; k * CUT <= text.length + 1; k++) offsets.push(k * CUT - 1, k * CUT, k * CUT + 1);
  for (const o of offsets) {
    const want = ref.positionAt(o);
    const got = ours.positionAt(o);
    if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) {
      // Between \r and \n (see the top of the file): the column after the \r.
      assert.deepEqual(got, { line: want.line, character: want.character + 1 }, `positionAt(${o}) inside CRLF`);
      assert.equal(ours.offsetAt(got), ref.offsetAt(want));
    } else assert.deepEqual(got, want, `positionAt(${o})`);
  }

  const positions = pr.positions.map((p) => positionIn(ref, p));
  for (const p of positions) assert.equal(ours.offsetAt(p), ref.offsetAt(p), `offsetAt(${JSON.stringify(p)})`);
  for (let j = 0; j + 1 < positions.length; j++) {
    const range: Range = { start: positions[j], end: positions[j + 1] };
    assert.equal(ours.getText(range), ref.getText(range), `getText(${JSON.stringify(range)})`);
  }

  // Every line of a short document; around the chunk boundaries and the ends of a long one.
  const lines = new Set([-2, -1, 0, 1, ref.lineCount - 2, ref.lineCount - 1, ref.lineCount, ref.lineCount + 1]);
  if (allLines) for (let l = 0; l < ref.lineCount; l++) lines.add(l);
  for (let k = 1; k * CUT <= text.length; k++) {
    const l = ref.positionAt(k * CUT).line;
    for (let d = -1; d <= 1; d++) lines.add(l + d);
  }
  for (const p of positions) lines.add(p.line);
  for (const l of lines) {
    assert.deepEqual(ours.getLineRange(l), ref.getLineRange(l), `getLineRange(${l})`);
    assert.equal(ours.getEOLCharacters(l), ref.getEOLCharacters(l), `getEOLCharacters(${l})`);
  }
}

/** The reference, made afresh from `text` (its reads then depend on no incremental bookkeeping). */
const fresh = (text: string, version = 0) => TextDocument.create(URI, 'treaty', version, text);

/**
 * The reference after `changes`, each applied with TextDocument.update to a fresh document of
 * the text the previous ones left: the reference's own line bookkeeping goes wrong after a
 * range past the last line (see the last test), and would then misplace the next change.
 */
function referenceAfter(text: string, changes: readonly TextDocumentContentChangeEvent[], version: number): TextDocument {
  let ref = fresh(text, version - 1);
  for (const c of changes) ref = TextDocument.update(fresh(ref.getText(), version - 1), [c], version);
  return ref;
}

/**
 * Applies `changes` to ours with update() and to the reference; checks the returned span
 * against the texts before and after. Returns the reference.
 */
function applyBoth(ours: OpenTextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  const before = ours.getText();
  const oldText = ours.text;
  const ref = referenceAfter(before, changes, version);
  const span = ours.update(changes, version);
  const after = ref.getText();
  assert.equal(ours.version, version);
  assert.equal(ours.getText(), after);
  // The previous version's text is untouched by the update.
  assert.equal(oldText.toString(), before);
  if (changes.some((c) => !('range' in c))) assert.equal(span, undefined, 'a whole-text change reports no span');
  else {
    assert.ok(span, 'incremental changes report their span');
    assert.ok(0 <= span.start && span.start <= span.oldEnd && span.oldEnd <= before.length, `span ${JSON.stringify(span)} in the old text`);
    assert.ok(span.start <= span.newEnd && span.newEnd <= after.length, `span ${JSON.stringify(span)} in the new text`);
    assert.equal(before.slice(0, span.start) + after.slice(span.start, span.newEnd) + before.slice(span.oldEnd), after, `span ${JSON.stringify(span)}`);
  }
  return ref;
}

/** Resolves change specs one after another, each against the text the previous ones left. */
function resolveChanges(text: string, specs: readonly ChangeSpec[]): TextDocumentContentChangeEvent[] {
  let sim = fresh(text);
  return specs.map((s) => {
    const c = changeIn(sim, s);
    // A fresh reference of the text it left: the reference's own line table can be wrong after a
    // change past the last line (see the last test), and the next position is read from it.
    sim = fresh(referenceAfter(sim.getText(), [c], 0).getText());
    return c;
  });
}

function runSequence(text: string, steps: ReadonlyArray<[ChangeSpec[], Probes]>, allLines: boolean): void {
  const ours = new OpenTextDocument(URI, 'treaty', 1, text);
  assert.equal(ours.uri, URI);
  assert.equal(ours.languageId, 'treaty');
  assert.equal(ours.version, 1);
  checkReads(ours, fresh(text), { offsets: [0.5], positions: [] }, allLines);
  let version = 1;
  for (const [specs, pr] of steps) {
    const changes = resolveChanges(ours.getText(), specs);
    const ref = applyBoth(ours, changes, ++version);
    checkReads(ours, fresh(ref.getText()), pr, allLines);
  }
}

describe('OpenTextDocument against vscode-languageserver-textdocument', () => {
  it('answers every read alike after random single changes', () => {
    fc.assert(
      fc.property(shortDoc, fc.array(fc.tuple(changeSpec.map((c) => [c]), probes), { maxLength: 10 }), (text, steps) => runSequence(text, steps, true)),
      params(RUNS),
    );
  });

  it('answers every read alike after notifications of several changes', () => {
    fc.assert(
      fc.property(shortDoc, fc.array(fc.tuple(fc.array(changeSpec, { minLength: 2, maxLength: 4 }), probes), { maxLength: 6 }), (text, steps) => runSequence(text, steps, true)),
      params(RUNS),
    );
  });

  it('answers alike on documents above one chunk, with line breaks across chunk boundaries', () => {
    // Changes near where the text was cut: a line break, or a CRLF pair, split across chunks.
    const nearCut: fc.Arbitrary<ChangeSpec> = fc
      .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 4 }), insertText)
      .map(([k, d, length, text]) => ({ at: k * CUT + d, length, text }));
    const spec = fc.oneof({ weight: 2, arbitrary: changeSpec.filter((c) => !('whole' in c)) }, { weight: 3, arbitrary: nearCut });
    fc.assert(
      fc.property(longText, fc.array(fc.tuple(fc.array(spec, { minLength: 1, maxLength: 3 }), probes), { minLength: 1, maxLength: 6 }), (text, steps) =>
        runSequence(text, steps, false),
      ),
      params(RUNS / 4),
    );
  });

  it('keeps line breaks straight when a CRLF pair is made or split across an edit or a chunk boundary', () => {
    // A \r as the last unit of the first chunk and its \n as the first of the second.
    const text = 'a'.repeat(CUT - 1) + '\r\n' + 'b\r\n'.repeat(10) + 'c\rd\ne';
    const ours = new OpenTextDocument(URI, 'treaty', 1, text);
    let ref = fresh(text, 1);
    // Between that \r and \n: the reference answers the line's content end, ours the column after the \r.
    assert.deepEqual(ref.positionAt(CUT), { line: 0, character: CUT - 1 });
    assert.deepEqual(ours.positionAt(CUT), { line: 0, character: CUT });
    assert.equal(ours.offsetAt(ours.positionAt(CUT)), CUT - 1);
    const steps: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: 'x' }, // the pair now straddles no cut
      { range: { start: { line: 0, character: CUT } , end: { line: 1, character: 0 } }, text: '' }, // joins lines 0 and 1
      { range: { start: { line: 11, character: 1 }, end: { line: 11, character: 1 } }, text: '\n' }, // c\r + \n: a CRLF pair made
      { range: { start: { line: 11, character: 0 }, end: { line: 11, character: 1 } }, text: '' }, // deletes c: \r\n kept
      { range: { start: { line: 10, character: 1 }, end: { line: 11, character: 0 } }, text: '\r' }, // b + \r, then \r\n
      { range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, text: 'z\r' }, // all but a lone \r
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\nq' }, // after the lone \r: CRLF
    ];
    let version = 1;
    for (const c of steps) {
      ref = applyBoth(ours, [c], ++version);
      checkReads(ours, fresh(ref.getText()), { offsets: [0, 0.25, 0.5, 0.75, 1], positions: [] }, true);
    }
    assert.equal(ours.getText(), 'z\r\nq');
    assert.equal(ours.lineCount, 2);
  });

  it('reports the composed span of several changes, and none after a whole-text change', () => {
    const ours = new OpenTextDocument(URI, 'treaty', 1, 'Article 1\nOne.\nArticle 2\nTwo.\n');
    const span = ours.update(
      [
        { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } }, text: 'Second' },
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'The ' },
      ],
      2,
    );
    assert.equal(ours.getText(), 'Article 1\nThe One.\nArticle 2\nSecond.\n');
    // From the second change's start (10, before "One.") to the end of the first's ("Two" at 25..28 before).
    assert.deepEqual(span, { start: 10, oldEnd: 28, newEnd: 35 });
    assert.equal(
      ours.update(
        [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
          { text: 'Whole\r\n' },
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'y' },
        ],
        3,
      ),
      undefined,
    );
    assert.equal(ours.getText(), 'Whole\r\ny');
    assert.equal(ours.text instanceof ChunkedText, true);
  });

  it('applies a change past the last line, where the reference miscounts its lines', () => {
    // vscode-languageserver-textdocument 1.0.16: a change whose range lies past the last line
    // and adds as many line breaks as it spans lines writes the line start at the range's
    // line index, leaving a hole in its line offsets: "a" + \r at 1:0–2:0 gives "a\r" with
    // lineCount 3 (a fresh document of "a\r" has 2), and offsetAt({ line: 0, character: 5 }) NaN.
    const ref = TextDocument.create(URI, 'treaty', 1, 'a');
    const pastEnd: TextDocumentContentChangeEvent = { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '\r' };
    TextDocument.update(ref, [pastEnd], 2);
    assert.equal(ref.getText(), 'a\r');
    assert.equal(ref.lineCount, 3, 'the reference miscounts (if this fails, the reference was fixed)');
    // Ours counts as a fresh document does, and a next change in the same notification lands
    // where LSP says (deleting line 0's content; the reference, misled, deletes nothing).
    const ours = new OpenTextDocument(URI, 'treaty', 1, 'a');
    const span = ours.update([pastEnd, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, text: '' }], 2);
    assert.equal(ours.getText(), '\r');
    assert.equal(ours.lineCount, 2);
    assert.deepEqual(span, { start: 0, oldEnd: 1, newEnd: 1 });
  });

  it('reads a position that is not a number as 0, so an edit never lands at NaN', () => {
    // JSON has no NaN: a client that sends one sends null. Found by the property above, whose
    // positions were once read from the reference's broken line table.
    const ours = new OpenTextDocument(URI, 'treaty', 1, 'ab\ncd');
    const nothing = null as unknown as number;
    const span = ours.update([{ range: { start: { line: 1, character: nothing }, end: { line: 1, character: Number.NaN } }, text: 'X' }], 2);
    assert.equal(ours.getText(), 'ab\nXcd');
    assert.deepEqual(span, { start: 3, oldEnd: 3, newEnd: 4 });
    assert.equal(ours.offsetAt({ line: Number.NaN, character: 1 }), 1);
  });
});
