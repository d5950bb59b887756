// Incremental re-parsing (model/incremental.ts) equals a fresh parse: random edit sequences
// (typing, deleting, pasted lines with headings, list labels and references) on generated
// treaties and on the corpus texts, each edit compared with `parseTreaty` of the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex, labelStart, parseTreaty, walk, type ParseOptions, type Provision, type TreatyDocument } from '../../src/model';
import { lineIndexAfterEdit } from '../../src/model/lines';
import {
  changeBetween,
  composeChanges,
  incrementalStats,
  reparseTreaty,
  resetIncrementalStats,
  type TextChange,
} from '../../src/model/incremental';
import { anyText, editOffsets, editSpec, fcParams, nextTurn, runs, sentence, treatyDocument, type TextEditSpec } from '../helpers/fuzz';
import { readCorpus as corpusText } from '../support/corpus';

/** Everything a feature can read from the model, provision pointers as positions in the tree. */
export function canonical(doc: TreatyDocument): string {
  const index = new Map<Provision, number>();
  const provisions = [...walk(doc.root)];
  provisions.forEach((p, i) => index.set(p, i));
  const where = (p: Provision | undefined) => (p ? (index.get(p) ?? `stale ${p.eId}`) : null);
  return JSON.stringify({
    text: doc.text,
    title: doc.title ?? null,
    instrumentId: doc.instrumentId ?? null,
    language: doc.language ?? null,
    provisions: provisions.map((p) => [
      p.kind, p.eId, p.num ?? null, p.ordinal, p.heading ?? null,
      p.start, p.end, labelStart(p), p.labelEnd, p.bodyStart,
      where(p.parent), p.children.length,
    ]),
    byId: [...doc.byId].map(([id, p]) => [id, where(p)]),
    references: doc.references.map((r) => [
      r.start, r.end, r.text, r.form, r.resolved, r.problem ?? null, r.relative,
      r.instrument ? [r.instrument.cited, r.instrument.title, r.instrument.id ?? null] : null,
      r.targets.map((t) => [t.eId, t.instrument, where(t.provision)]),
      (r.numbers ?? null) && r.numbers!.map((n) => [n.start, n.end, n.num, n.eId, where(n.provision)]),
    ]),
  });
}

/** Applies edits one at a time, incrementally; after each, the model must equal a fresh parse. */
function checkEdits(text: string, edits: Array<{ start: number; end: number; insert: string }>, options: ParseOptions = {}): void {
  let doc = parseTreaty(text, options);
  let lines = new LineIndex(text);
  for (const e of edits) {
    const next = doc.text.slice(0, e.start) + e.insert + doc.text.slice(e.end);
    const change: TextChange = { start: e.start, oldEnd: e.end, newEnd: e.start + e.insert.length };
    doc = reparseTreaty(doc, next, options, change);
    assert.equal(canonical(doc), canonical(parseTreaty(next, options)), `after replacing [${e.start}, ${e.end}) with ${JSON.stringify(e.insert)}`);
    lines = lineIndexAfterEdit(lines, change, next);
    assert.deepEqual(lineStarts(lines), lineStarts(new LineIndex(next)), 'the line index after the edit');
  }
}

/** Every line's start, through the public API. */
function lineStarts(lines: LineIndex): number[] {
  const out: number[] = [];
  for (let l = 0; l < lines.lineCount; l++) out.push(lines.offsetAt({ line: l, character: 0 }));
  return out;
}

function specsToEdits(text: string, specs: readonly TextEditSpec[]): Array<{ start: number; end: number; insert: string }> {
  const out: Array<{ start: number; end: number; insert: string }> = [];
  let t = text;
  for (const s of specs) {
    const { start, end } = editOffsets(t, s);
    out.push({ start, end, insert: s.insert });
    t = t.slice(0, start) + s.insert + t.slice(end);
  }
  return out;
}

/** Typing as people do: characters, words, a reference, a new list item, backspaces, Enter. */
// Positions spread evenly (fast-check's numbers favour their bounds: the text's ends, never an article).
const position = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => i / 1_000_000);
const typing: fc.Arbitrary<TextEditSpec> = fc.record({
  at: position,
  remove: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  insert: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'e', ' ', 's', 't', ',', '.', '1', '(', ')') },
    { weight: 2, arbitrary: fc.constantFrom('', '\n', 'shall ', 'Article ', 'Article 4', 'paragraph 2 of ', 'this Article', 'the preceding paragraph', '\n(c) ', '\n2. ', 'that article') },
    { weight: 1, arbitrary: sentence },
  ),
});

/** The helpers' edits (headings, labels, references, junk) at evenly spread places. */
const pasted: fc.Arbitrary<TextEditSpec> = fc.tuple(editSpec, position).map(([e, at]) => ({ ...e, at }));

describe('incremental re-parse', () => {
  it('composes changes and finds the changed span', () => {
    assert.deepEqual(changeBetween('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(changeBetween('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
    // "abcdef" -> "abXcdef" (insert X at 2) -> "abXcdeZf" (replace nothing at 6 with Z)
    const c = composeChanges({ start: 2, oldEnd: 2, newEnd: 3 }, { start: 6, oldEnd: 6, newEnd: 7 });
    assert.deepEqual(c, { start: 2, oldEnd: 5, newEnd: 7 });
    assert.equal('abcdef'.slice(0, c.start) + 'abXcdeZf'.slice(c.start, c.newEnd) + 'abcdef'.slice(c.oldEnd), 'abXcdeZf');
    // A deletion after an insertion before it.
    const d = composeChanges({ start: 5, oldEnd: 5, newEnd: 8 }, { start: 1, oldEnd: 3, newEnd: 1 });
    assert.deepEqual(d, { start: 1, oldEnd: 5, newEnd: 6 });
  });

  it('updates a line index after edits with every kind of line end', () => {
    const chunk = fc.constantFrom('a', 'b', '\n', '\r', '\r\n', '\n\r', '');
    const text = fc.array(chunk, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: text }), { minLength: 1, maxLength: 6 }), (t, specs) => {
        let lines = new LineIndex(t);
        for (const s of specs) {
          // Any offsets here, even inside a CRLF pair: the index must follow the text.
          const start = s.at % (t.length + 1);
          const end = Math.min(t.length, start + s.remove);
          const next = t.slice(0, start) + s.insert + t.slice(end);
          lines = lineIndexAfterEdit(lines, { start, oldEnd: end, newEnd: start + s.insert.length }, next);
          assert.deepEqual(lineStarts(lines), lineStarts(new LineIndex(next)), JSON.stringify({ t, start, end, insert: s.insert }));
          for (let o = 0; o <= next.length; o++) assert.deepEqual(lines.positionAt(o), new LineIndex(next).positionAt(o));
          t = next;
        }
      }),
      fcParams(runs(500)),
    );
  });

  it('takes the fast path for typing in an article and equals a fresh parse', () => {
    const text = corpusText('vclt_1969_en.txt');
    resetIncrementalStats();
    const at = text.indexOf('applies to treaties') + 'applies to treaties'.length;
    assert.ok(at > 0);
    const word = ' concluded in writing, see Article 12';
    checkEdits(text, [...word].map((ch, i) => ({ start: at + i, end: at + i, insert: ch })));
    // Only the digits typed into "Article 12" change a reference ("Article 1", "Article 12").
    assert.equal(incrementalStats.fast + incrementalStats.full, word.length);
    assert.ok(incrementalStats.fast >= word.length - 3, JSON.stringify(incrementalStats));
  });

  it('explains a missing article the same way when two annexes share a name (found by npm run fuzz)', () => {
    // The shrunk counterexample, as the generator wrote it.
    const text = [
      'Convention on Orchard Neighbours',
      '',
      'APPENDIX A',
      '',
      'ARTICLE 12',
      '1. Articles 1 to 1 the.',
      '2. the.',
      '',
      'Article 2',
      'Scope',
      '1. paragraph 1 of Article 1 the Article 1 of the Vienna Convention on the Law of Treaties except rights the the.',
      '(a) the defined ensure ensure Chapter XIV the except the the shall.',
      '',
      'APPENDIX A',
      '',
      'Article 1',
      'Scope',
      '',
      'IN WITNESS WHEREOF the undersigned have signed this Convention.',
      'DONE at Vienna, this twenty-third day of May, one thousand nine hundred and sixty-nine.',
      '',
    ].join('\n');
    const at = 148; // after "the Article 1" in Article 2, paragraph 1 of the first Appendix A
    resetIncrementalStats();
    // "Article 1 paragraph 1 of Article 2": the message names the last article of the annex it stands in.
    checkEdits(text, [{ start: at, end: at, insert: 'paragraph 1 of Article 2 the.' }]);
    assert.equal(incrementalStats.fast, 1, JSON.stringify(incrementalStats));
  });

  it(`random edit sequences on generated treaties (${runs(300)} cases)`, async () => {
    resetIncrementalStats();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: treatyDocument }, { weight: 1, arbitrary: anyText }), fc.array(fc.oneof(editSpec, pasted, typing, typing), { minLength: 1, maxLength: 12 }), async (text, specs) => {
        await nextTurn();
        checkEdits(text, specsToEdits(text, specs));
      }),
      fcParams(runs(300)),
    );
    console.log(`# generated: fast ${incrementalStats.fast}, full ${incrementalStats.full} ${JSON.stringify(incrementalStats.reasons)}`);
    assert.ok(incrementalStats.fast > 0);
  });

  it(`typing in references of a text that looks back ("that article") (${runs(300)} cases)`, async () => {
    // Citations that depend on the ones before them are where re-resolving only the edited
    // article could go wrong: "paragraph 2 of that article", "that article", continued annex citations.
    const phrase = fc.oneof(
      fc.integer({ min: 1, max: 9 }).map((n) => `see Article ${n}`),
      fc.integer({ min: 1, max: 3 }).map((p) => `paragraph ${p} of that article`),
      fc.constant('that article'),
      fc.constant('subparagraph (a) of that paragraph'),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 })).map(([a, p]) => `Article ${a}, paragraph ${p}`),
      fc.constant('Annex I, article 2 and article 3'),
      fc.constant('the preceding paragraph'),
      fc.constant('the Parties shall act'),
    );
    const para = fc.array(phrase, { minLength: 1, maxLength: 3 }).map((ps) => ps.join(', ') + '.');
    const article = fc.array(para, { minLength: 1, maxLength: 3 });
    const text = fc.array(article, { minLength: 2, maxLength: 8 }).map((arts) =>
      ['Treaty of Tests', '', ...arts.flatMap((ps, i) => [`Article ${i + 1}`, '', ...ps.map((p, j) => `${j + 1}. ${p}`), ''])]
        .concat(['ANNEX I', '', 'Article 1', '', 'Text (a) of paragraph 2 of that article.', '', 'Article 2', '', '1. Rules.', '2. More (a) rules.'])
        .join('\n'),
    );
    const key = fc.record({
      at: position,
      remove: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      insert: fc.constantFrom('1', '2', '0', ' ', 'x', '', 'that article ', 'Article 4 ', 'of that article'),
    });
    resetIncrementalStats();
    await fc.assert(
      fc.asyncProperty(text, fc.array(key, { minLength: 1, maxLength: 10 }), async (t, specs) => {
        await nextTurn();
        // Half the keystrokes right after a reference's number, where typing changes what it cites.
        const edits = specsToEdits(t, specs.map((s, i) => {
          if (i % 2) return s;
          const m = [...t.matchAll(/(?:Article|paragraph) \d/g)];
          if (!m.length) return s;
          const hit = m[Math.floor(s.at * m.length) % m.length];
          return { ...s, at: (hit.index! + hit[0].length) / (t.length + 1) };
        }));
        checkEdits(t, edits);
      }),
      fcParams(runs(300)),
    );
    console.log(`# looking back: fast ${incrementalStats.fast}, full ${incrementalStats.full} ${JSON.stringify(incrementalStats.reasons)}`);
    assert.ok(incrementalStats.fast > 0);
  });

  for (const [file, cases] of [['un_charter_en.txt', 15], ['vclt_1969_en.txt', 15], ['north_atlantic_treaty_1949_en.txt', 15], ['vclt_1969_ko_partial.txt', 15], ['unclos_1982_en.txt', 3]] as const) {
    it(`random edits on ${file} (${runs(cases)} cases)`, async () => {
      const text = corpusText(file);
      resetIncrementalStats();
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(editSpec, pasted, typing, typing, typing), { minLength: 1, maxLength: 8 }), async (specs) => {
          await nextTurn();
          checkEdits(text, specsToEdits(text, specs));
        }),
        fcParams(runs(cases)),
      );
      console.log(`# ${file}: fast ${incrementalStats.fast}, full ${incrementalStats.full} ${JSON.stringify(incrementalStats.reasons)}`);
    });
  }
});
