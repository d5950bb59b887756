// Features that keep what they built for the previous version after an incremental re-parse:
// diagnostics reuse the findings outside the lines the edits touched (features/diagnostics.ts,
// FindingsMemo), the outline its symbols (features/documentSymbols.ts, OutlineMemo). Whatever
// they reuse, the result must equal that of a fresh parse of the same text: random typing on
// generated treaties and on corpus texts, asking after every version or only some (the edits
// between two requests are composed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTreaty, type TreatyDocument } from '../../src/model';
import { incrementalStats, reparseTreaty, resetIncrementalStats } from '../../src/model/incremental';
import { diagnostics, DEFAULT_DIAGNOSTICS_OPTIONS, type DiagnosticsOptions } from '../../src/features/diagnostics';
import { outline, writeOutlineJson, type Outline } from '../../src/features/documentSymbols';
import { definedTerms, definedTermsStats } from '../../src/model/definitions';
import { editOffsets, fcParams, nextTurn, runs, treatyDocument, type TextEditSpec } from '../helpers/fuzz';
import { readCorpus } from '../support/corpus';

const uri = 'file:///draft.treaty';


interface Step {
  spec: TextEditSpec;
  /** Whether diagnostics are asked for after this edit (a debounced publisher skips versions). */
  check: boolean;
}

/** What a feature answers for a document; called on the incremental model and on a fresh parse. */
type Feature = (doc: TreatyDocument) => unknown;

function run(text: string, steps: readonly Step[], options: DiagnosticsOptions = DEFAULT_DIAGNOSTICS_OPTIONS): void {
  check(text, steps, (doc) => diagnostics(doc, uri, undefined, options));
}

function check(text: string, steps: readonly Step[], feature: Feature): void {
  let doc: TreatyDocument = parseTreaty(text);
  feature(doc);
  for (const { spec, check } of steps) {
    const { start, end } = editOffsets(doc.text, spec);
    const next = doc.text.slice(0, start) + spec.insert + doc.text.slice(end);
    doc = reparseTreaty(doc, next, {}, { start, oldEnd: end, newEnd: start + spec.insert.length });
    if (!check) continue;
    assert.deepEqual(feature(doc), feature(parseTreaty(next)), `after replacing [${start}, ${end}) with ${JSON.stringify(spec.insert)}`);
  }
}

const position = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => i / 1_000_000);
/** Typing that changes what diagnostics say: digits in references, brackets that make a line an editorial note, line breaks. */
const typing: fc.Arbitrary<TextEditSpec> = fc.record({
  at: position,
  remove: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
  insert: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('a', ' ', '1', '7', '9', '(', ')', ',', '\n') },
    { weight: 2, arbitrary: fc.constantFrom('[', ']', 'Article 99', 'Article 2', 'Articles 15 to 63', 'the preceding paragraph', 'article 3 of Annex I', 'paragraph 9 of Article 1', '\n\n') },
    { weight: 1, arbitrary: fc.constantFrom('[Articles 3 to 5 not reproduced]', '\n2. ', '\n(b) ', '') },
  ),
});
const steps = fc.array(fc.record({ spec: typing, check: fc.boolean() }), { minLength: 1, maxLength: 10 });

describe('diagnostics after an incremental re-parse', () => {
  it(`equal a fresh parse's on generated treaties (${runs(200)} cases)`, async () => {
    resetIncrementalStats();
    await fc.assert(
      fc.asyncProperty(treatyDocument, steps, async (text, s) => (await nextTurn(), run(text, s))),
      fcParams(runs(200)),
    );
    // The property is only worth something if the reused findings were used.
    assert.ok(incrementalStats.fast > 0, JSON.stringify(incrementalStats));
  });

  it('equal a fresh parse\'s while typing in the Korean VCLT excerpt (editorial notes, numbering faults) and UNCLOS', async () => {
    for (const file of ['vclt_1969_ko_partial.txt', 'unclos_1982_en.txt']) {
      const text = readCorpus(file);
      resetIncrementalStats();
      await fc.assert(
        fc.asyncProperty(steps, async (s) => (await nextTurn(), run(text, s))),
        fcParams(runs(file.startsWith('unclos') ? 8 : 40)),
      );
      assert.ok(incrementalStats.fast > 0, `${file}: ${JSON.stringify(incrementalStats)}`);
    }
  });

  it('with severities and an ignore list, and with a capped list', async () => {
    const options: DiagnosticsOptions = {
      levels: { ...DEFAULT_DIAGNOSTICS_OPTIONS.levels, numbering: 'error', ambiguousReference: 'off' },
      ignore: ['Article 99'],
      maxPerDocument: 3,
    };
    await fc.assert(
      fc.asyncProperty(treatyDocument, steps, async (text, s) => (await nextTurn(), run(text, s, options))),
      fcParams(runs(60)),
    );
  });

  it('word again only what the edits touched', () => {
    // Two broken references far apart; typing after the second leaves the first's wording as it was.
    const text = ['Treaty of Tests', '', 'Article 1', '', '1. See Article 7.', '', 'Article 2', '', '1. The Parties shall act under Article 9.', ''].join('\n');
    let doc = parseTreaty(text);
    const reads = new Map<string, number>();
    // Count how often each reference's explanation is read (wording a finding reads it).
    doc.references = doc.references.map((r) => {
      const copy = { ...r };
      Object.defineProperty(copy, 'problem', { get: () => (reads.set(r.text, (reads.get(r.text) ?? 0) + 1), r.problem), enumerable: true });
      return copy;
    });
    assert.deepEqual(diagnostics(doc, uri).map((d) => d.message), ['This document has no Article 7; the last is Article 2. Did you mean Article 2?', 'This document has no Article 9; the last is Article 2. Did you mean Article 2?']);
    for (const ch of ', promptly') {
      const i = doc.text.indexOf('Article 9.') + 'Article 9'.length;
      doc = reparseTreaty(doc, doc.text.slice(0, i) + ch + doc.text.slice(i), {}, { start: i, oldEnd: i, newEnd: i + 1 });
      assert.deepEqual(
        diagnostics(doc, uri).map((d) => [d.range.start.line, d.message]),
        [
          [4, 'This document has no Article 7; the last is Article 2. Did you mean Article 2?'],
          [8, 'This document has no Article 9; the last is Article 2. Did you mean Article 2?'],
        ],
      );
    }
    assert.equal(reads.get('Article 7'), 1, 'the finding in Article 1 was worded once');
    assert.ok((reads.get('Article 9') ?? 0) > 1, 'the finding on the edited line was worded again');
  });

  it('carry what changed in a version that was not checked through the edits after it', () => {
    // The reference typed in Article 2 is checked only after a long insertion before it has moved it.
    const text = ['Treaty of Tests', '', 'Article 1', '', '1. The Parties shall act.', '', 'Article 2', '', '1. Short.', ''].join('\n');
    let doc = parseTreaty(text);
    assert.deepEqual(diagnostics(doc, uri), []);
    const edit = (at: number, insert: string) => {
      doc = reparseTreaty(doc, doc.text.slice(0, at) + insert + doc.text.slice(at), {}, { start: at, oldEnd: at, newEnd: at + insert.length });
    };
    edit(doc.text.indexOf('Short') + 'Short'.length, ', see Article 9');
    edit(doc.text.indexOf('shall act') + 'shall act'.length, ' in good faith'.repeat(20));
    assert.deepEqual(
      diagnostics(doc, uri).map((d) => [d.range.start.line, d.message]),
      [[8, 'This document has no Article 9; the last is Article 2. Did you mean Article 2?']],
    );
  });
});

describe('the outline after an incremental re-parse', () => {
  // With the JSON the stdio writer sends, made of the pieces kept per symbol: it must read back
  // as the symbols of this version, not those of the version a piece was first made for.
  const withJson = (o: Outline) => {
    let json = '';
    writeOutlineJson(o.symbols, (piece) => (json += piece));
    const sent: unknown = JSON.parse(json);
    assert.deepEqual(sent, JSON.parse(JSON.stringify(o.symbols)));
    return { ...o, sent };
  };
  const full: Feature = (doc) => withJson(outline(doc));
  const capped: Feature = (doc) => withJson(outline(doc, { maxSymbols: 12 }));

  it(`equals a fresh parse's on generated treaties, whole and within maxSymbols (${runs(200)} cases)`, async () => {
    resetIncrementalStats();
    await fc.assert(
      fc.asyncProperty(treatyDocument, steps, fc.boolean(), async (text, s, cap) => (await nextTurn(), check(text, s, cap ? capped : full))),
      fcParams(runs(200)),
    );
    assert.ok(incrementalStats.fast > 0, JSON.stringify(incrementalStats));
  });

  it('equals a fresh parse\'s while typing in UNCLOS', async () => {
    const text = readCorpus('unclos_1982_en.txt');
    await fc.assert(
      fc.asyncProperty(steps, async (s) => (await nextTurn(), check(text, s, full))),
      fcParams(runs(8)),
    );
  });

  it('builds again only the symbols on the edited lines', () => {
    const text = ['Treaty of Tests', '', 'Article 1', '', '1. The Parties shall act.', '', 'Article 2', '', '1. Short.', ''].join('\n');
    let doc = parseTreaty(text);
    const before = outline(doc).symbols;
    const at = doc.text.indexOf('Short') + 'Short'.length;
    doc = reparseTreaty(doc, doc.text.slice(0, at) + ' and clear' + doc.text.slice(at), {}, { start: at, oldEnd: at, newEnd: at + ' and clear'.length });
    const after = outline(doc).symbols;
    assert.equal(after[0], before[0], 'Article 1 is the same symbol');
    assert.notEqual(after[1], before[1], 'Article 2 is built again');
    assert.deepEqual(after[1].range.end, { line: 8, character: 19 });
  });
});

describe('defined terms after an incremental re-parse', () => {
  // Compared by value: the provision by where it is, each use by the index of its term.
  const terms: Feature = (doc) => {
    const found = definedTerms(doc);
    const index = new Map(found.terms.map((t, i) => [t, i]));
    return {
      terms: found.terms.map((t) => ({ ...t, provision: [t.provision.kind, t.provision.start, t.provision.end] })),
      uses: found.uses.map((u) => [u.span.start, u.span.end, index.get(u.term)]),
    };
  };
  /** Definitions and uses to type: quotation marks, "hereinafter", terms of one word and of two. */
  const defining: fc.Arbitrary<TextEditSpec> = fc.record({
    at: position,
    remove: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) }),
    insert: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('a', ' ', 's', '\n', 'x', 'Party', 'full', 'powers', 'the Parties', 'full powers', ', ') },
      { weight: 2, arbitrary: fc.constantFrom('“', '”', '"', ' means ', '“full powers” means a document. ', '(hereinafter “the Board”)', 'hereinafter referred to as ') },
      { weight: 1, arbitrary: fc.constantFrom('For the purposes of this Part, “site” means a place. ', 'the Board', 'Article 2', '\n\n') },
    ),
  });
  const definingSteps = fc.array(fc.record({ spec: fc.oneof(typing, defining), check: fc.boolean() }), { minLength: 1, maxLength: 10 });
  /**
   * A generated treaty opened by an article of definitions and a run of articles using them, long
   * enough that most edits fall out of the definitions' reach.
   */
  const USES = ['Each Party with full powers signs.', 'The Board’s seat; the Board decides.', 'A Party’s full\npowers lapse.', 'No site of the Board is a site.'];
  const withTerms = fc.tuple(treatyDocument, fc.integer({ min: 10, max: 40 }), fc.nat()).map(([text, n, k]) => {
    const at = text.indexOf('\nArticle ');
    const lines = ['', 'Article 90', 'Use of terms', '', '1. “full powers” means a document; the Parties (hereinafter “the Board”) meet.', ''];
    for (let i = 0; i < n; i++) lines.push(`Article ${91 + i}`, '', `${USES[(i + k) % USES.length]} ${USES[(i * 7 + k) % USES.length]}`, '');
    const block = lines.join('\n');
    return at < 0 ? text + block : text.slice(0, at) + block + text.slice(at);
  });

  it(`equal a fresh parse's on generated treaties with definitions (${runs(200)} cases)`, async () => {
    resetIncrementalStats();
    const before = { ...definedTermsStats };
    await fc.assert(
      fc.asyncProperty(withTerms, definingSteps, async (text, s) => (await nextTurn(), check(text, s, terms))),
      fcParams(runs(200)),
    );
    assert.ok(incrementalStats.fast > 0, JSON.stringify(incrementalStats));
    // Worth something only if terms were carried over an edit, often.
    const carried = definedTermsStats.afterEdit - before.afterEdit;
    assert.ok(carried >= runs(200) / 4, `terms carried over an edit only ${carried} times`);
  });

  it('find a use whose first word is on the line before the edited one', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `Article ${i + 2}\n\nThe Parties act.\n`).join('\n');
    const text = `Treaty of Tests\n\nArticle 1\n\n1. “full powers” means a document.\n\n${filler}\nArticle 62\n\nA person with full\nsigns.\n`;
    let doc = parseTreaty(text);
    assert.deepEqual(terms(doc), terms(parseTreaty(text)));
    const at = doc.text.indexOf('signs.');
    const carried = definedTermsStats.afterEdit;
    doc = reparseTreaty(doc, doc.text.slice(0, at) + 'powers ' + doc.text.slice(at), {}, { start: at, oldEnd: at, newEnd: at + 'powers '.length });
    const found = definedTerms(doc);
    assert.equal(definedTermsStats.afterEdit, carried + 1, 'carried over the edit');
    assert.deepEqual(found.uses.map((u) => doc.text.slice(u.span.start, u.span.end)), ['full\npowers']);
    assert.deepEqual(terms(doc), terms(parseTreaty(doc.text)));
  });

  it("equal a fresh parse's while typing in the VCLT and UNCLOS", async () => {
    for (const file of ['vclt_1969_en.txt', 'unclos_1982_en.txt']) {
      const text = readCorpus(file);
      const before = definedTermsStats.afterEdit;
      await fc.assert(
        fc.asyncProperty(definingSteps, async (s) => (await nextTurn(), check(text, s, terms))),
        fcParams(runs(file.startsWith('unclos') ? 8 : 30)),
      );
      assert.ok(definedTermsStats.afterEdit > before, `${file}: terms never carried over an edit`);
    }
  });
});
