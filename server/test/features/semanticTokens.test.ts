import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../src/features/semanticTokens';
import { definedTerms } from '../../src/model/definitions';
import type { Span, TreatyDocument } from '../../src/model';
import { anyText, fcParams, runs, treatyDocument } from '../helpers/fuzz';
import { diffTokens, SemanticTokensCache } from '../../src/features/semanticTokensDelta';
import { LineIndex, parseTreaty } from '../../src/model';
import { lines, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

const TEXT = lines(
  'Pact of Two Valleys',
  '',
  'The Republic of A and the Kingdom of B, hereinafter referred to as "the Parties",',
  '',
  'Have agreed as follows:',
  '',
  'Article 1',
  'Terms',
  '',
  '1. For the purposes of this Pact, “valley” means land between two ridges.',
  '2. The preceding paragraph binds the Parties.',
  '',
  'Article 2',
  '',
  'Each valley is governed by Article 1, not by Article 25, and by Article 51 of the Charter of the United Nations,',
  'and Article 112 of the Charter of the United Nations.',
);

interface Decoded {
  text: string;
  type: string;
  modifiers: string[];
}

/** Undoes LSP's relative encoding, naming types and modifiers through the legend. */
function decode(text: string, data: number[]): Decoded[] {
  const index = new LineIndex(text);
  const out: Decoded[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, bits] = data.slice(i, i + 5);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const start = index.offsetAt({ line, character: char });
    out.push({
      text: text.slice(start, start + length),
      type: SEMANTIC_TOKENS_LEGEND.tokenTypes[type],
      modifiers: SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, k) => bits & (1 << k)),
    });
  }
  return out;
}

describe('semantic tokens', () => {
  it('classifies references (resolved, unresolved, relative, external) and defined terms', async () => {
    const t = testWorkspace({ 'file:///ws/un_charter.txt': readCorpus('un_charter_en.txt') });
    const parsed = t.open('file:///ws/pact.treaty', TEXT);
    const tokens = decode(TEXT, semanticTokens(parsed.doc, await t.ws.lookupFor(parsed.doc)).data);
    const find = (s: string) => tokens.find((x) => x.text === s);
    assert.deepEqual(find('Article 1'), { text: 'Article 1', type: 'variable', modifiers: [] });
    assert.deepEqual(find('Article 25'), { text: 'Article 25', type: 'variable', modifiers: ['unresolved'] });
    const relative = tokens.find((x) => /preceding paragraph/.test(x.text));
    assert.ok(relative);
    assert.deepEqual([relative.type, relative.modifiers], ['variable', ['relative']]);
    assert.deepEqual(find('Article 51 of the Charter of the United Nations'), {
      text: 'Article 51 of the Charter of the United Nations',
      type: 'namespace',
      modifiers: [],
    });
    // The Charter is at hand and has no Article 112.
    assert.deepEqual(find('Article 112 of the Charter of the United Nations'), {
      text: 'Article 112 of the Charter of the United Nations',
      type: 'namespace',
      modifiers: ['unresolved'],
    });
    assert.deepEqual(find('valley'), { text: 'valley', type: 'type', modifiers: ['declaration', 'definition'] });
    assert.deepEqual(find('the Parties'), { text: 'the Parties', type: 'type', modifiers: ['declaration', 'definition'] });
    assert.deepEqual(find('Parties'), { text: 'Parties', type: 'type', modifiers: [] });
    assert.ok(tokens.some((x) => x.text === 'valley' && x.modifiers.length === 0), 'the use "Each valley"');
  });

  it('does not call an external reference unresolved when the instrument’s text is simply not at hand', () => {
    const tokens = decode(TEXT, semanticTokens(parseTreaty(TEXT)).data);
    const external = tokens.filter((x) => x.type === 'namespace');
    assert.equal(external.length, 2);
    assert.ok(external.every((x) => x.modifiers.length === 0));
  });

  it('encodes tokens in order, one line each, within a requested range', () => {
    const doc = parseTreaty(TEXT);
    const full = semanticTokens(doc).data;
    assert.equal(full.length % 5, 0);
    const decoded = decode(TEXT, full);
    assert.ok(decoded.every((x) => !x.text.includes('\n') && x.text.length > 0));
    const line = TEXT.split('\n').findIndex((l) => l.startsWith('Each valley'));
    const ranged = decode(TEXT, semanticTokens(doc, undefined, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).data);
    assert.deepEqual(ranged.map((x) => x.text), ['valley', 'Article 1', 'Article 25', 'Article 51 of the Charter of the United Nations']);
  });

  it('splits a token that runs over a line break into one token per line', () => {
    // A two-word defined term used across a line break.
    const text = lines('Pact', '', 'Article 1', '', '“full powers” means a document.', '', 'Article 2', 'Signature', '', 'A person with full', 'powers signs.');
    const decoded = decode(text, semanticTokens(parseTreaty(text)).data);
    assert.deepEqual(
      decoded.filter((x) => x.modifiers.length === 0).map((x) => x.text),
      ['full', 'powers'],
    );
    assert.ok(decoded.every((x) => !x.text.includes('\n')));
  });

  it('handles the whole of UNCLOS', () => {
    const text = readCorpus('unclos_1982_en.txt');
    const decoded = decode(text, semanticTokens(parseTreaty(text)).data);
    assert.ok(decoded.filter((x) => x.type === 'variable').length > 500);
    assert.ok(decoded.some((x) => x.text === 'Area' && x.type === 'type'));
  });
});

/**
 * The encoding as first written, kept as the specification of the fast one: every span an
 * object, sorted (stably) by start, a span starting inside the previous one dropped, each split
 * at line breaks by reading it, blanks trimmed, positions by binary search.
 */
function plainEncoding(text: string, doc: TreatyDocument, range?: Span): number[] {
  const index = new LineIndex(text);
  const from = range?.start ?? 0;
  const to = range?.end ?? text.length;
  const inRange = (s: Span) => s.end > from && s.start < to;
  const spans: Array<{ span: Span; type: number; bits: number }> = [];
  for (const ref of doc.references) {
    if (!inRange(ref)) continue;
    const bits = (ref.relative ? 4 : 0) | (!ref.instrument && !ref.resolved ? 8 : 0);
    spans.push({ span: ref, type: ref.instrument ? 1 : 0, bits });
  }
  const terms = definedTerms(doc);
  for (const t of terms.terms) if (inRange(t.span)) spans.push({ span: t.span, type: 2, bits: 3 });
  for (const u of terms.uses) if (inRange(u.span)) spans.push({ span: u.span, type: 2, bits: 0 });
  spans.sort((a, b) => a.span.start - b.span.start);
  const kept = spans.filter((t, i) => i === 0 || t.span.start >= spans[i - 1].span.end);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of kept) {
    const body = text.slice(t.span.start, t.span.end);
    let offset = t.span.start;
    for (const piece of body.split(/\r|\n/)) {
      const lead = piece.length - piece.replace(/^[ \t]+/, '').length;
      const trimmed = piece.trim() === '' ? '' : piece.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
      if (trimmed.length > 0) {
        const at = index.positionAt(offset + lead);
        data.push(at.line - prevLine, at.line === prevLine ? at.character - prevChar : at.character, trimmed.length, t.type, t.bits);
        prevLine = at.line;
        prevChar = at.character;
      }
      offset += piece.length + 1;
    }
  }
  return data;
}

/** Treaty text with definitions, their uses and references crossing line breaks, in any line ending. */
const textWithTerms: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(treatyDocument, anyText),
    fc.array(
      fc.constantFrom(
        '“full powers” means a document.',
        'A person with full\npowers signs under Article\n2.',
        '(hereinafter “the Commission”) and the Commission ',
        '  the Commission\t',
        'Articles 1 to\r\n3 and full powers',
        '"valley" means land; each valley',
      ),
      { maxLength: 4 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([doc, extra, eol]) => [doc, ...extra].join('\n').replace(/\r\n|\r|\n/g, eol));

describe('semantic tokens: the encoding', () => {
  it('equals the plain encoding on the corpus, in every line ending', () => {
    for (const name of ['unclos_1982_en.txt', 'vclt_1969_en.txt', 'un_charter_en.txt', 'north_atlantic_treaty_1949_en.txt', 'vclt_1969_ko_partial.txt']) {
      for (const eol of ['\n', '\r\n']) {
        const text = readCorpus(name).replace(/\r?\n/g, eol);
        const doc = parseTreaty(text);
        assert.deepEqual(semanticTokens(doc).data, plainEncoding(text, doc), `${name} (${JSON.stringify(eol)})`);
      }
    }
  });

  it('equals the plain encoding on generated texts, whole and within any range', () => {
    fc.assert(
      fc.property(textWithTerms, fc.nat(), fc.nat(), (text, a, b) => {
        const doc = parseTreaty(text);
        assert.deepEqual(semanticTokens(doc).data, plainEncoding(text, doc));
        const index = new LineIndex(text);
        const [lo, hi] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
        const range = { start: index.positionAt(lo), end: index.positionAt(hi) };
        const span = { start: index.offsetAt(range.start), end: index.offsetAt(range.end) };
        assert.deepEqual(semanticTokens(doc, undefined, range).data, plainEncoding(text, doc, span));
      }),
      fcParams(runs(300)),
    );
  });
});

/** What a client does with a delta: applies the edits, in order, to the tokens it holds. */
function applyEdits(old: readonly number[], edits: ReadonlyArray<{ start: number; deleteCount: number; data?: number[] }>): number[] {
  const out = old.slice();
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return out;
}

describe('semantic token deltas', () => {
  const RUNS = Math.max(1, Number(process.env.PACTA_PROPERTY_RUNS ?? 200) || 200);

  it('turns any tokens into any others with one edit, none when they are equal', () => {
    const ints = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 });
    fc.assert(
      fc.property(ints, ints, (a, b) => {
        const edits = diffTokens(a, b);
        assert.deepEqual(applyEdits(a, edits), b);
        assert.ok(edits.length <= 1);
        if (a.length === b.length && a.every((x, i) => x === b[i])) assert.deepEqual(edits, []);
      }),
      { numRuns: RUNS * 10 },
    );
    // Something typed in one line of UNCLOS: a few numbers change, not the 10,000 others.
    const text = readCorpus('unclos_1982_en.txt');
    const at = text.indexOf('Article 94');
    const before = semanticTokens(parseTreaty(text)).data;
    const after = semanticTokens(parseTreaty(text.slice(0, at) + 'See ' + text.slice(at))).data;
    const [edit] = diffTokens(before, after);
    assert.deepEqual(applyEdits(before, [edit]), after);
    assert.ok(edit.deleteCount <= 10 && edit.data!.length <= 10, JSON.stringify(edit));
    assert.ok(before.length > 5000);
  });

  it('answers a delta from the last result only, per document', () => {
    const cache = new SemanticTokensCache();
    const first = cache.full('a', { data: [0, 1, 2, 0, 0] });
    cache.full('b', { data: [9, 9, 9, 0, 0] });
    const second = cache.delta('a', first.resultId!, { data: [0, 1, 3, 0, 0] });
    assert.ok('edits' in second && second.resultId !== first.resultId);
    assert.deepEqual(applyEdits([0, 1, 2, 0, 0], second.edits), [0, 1, 3, 0, 0]);
    // An older result id, or a forgotten document: all the tokens.
    assert.deepEqual(cache.delta('a', first.resultId!, { data: [1, 1, 1, 0, 0] }), { resultId: String(Number(second.resultId) + 1), data: [1, 1, 1, 0, 0] });
    cache.forget('b');
    assert.ok('data' in cache.delta('b', '2', { data: [9, 9, 9, 0, 0] }));
  });
});
