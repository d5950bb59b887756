// Generators for the reliability properties: treaty-like documents (every heading, list and
// reference form Pacta knows, with the numbers going wrong in the ways drafts do), junk
// (mixed scripts, control characters, lone surrogates, mixed line ends, bracket runs) and
// edit sequences. Case counts scale with PACTA_FUZZ_SCALE (`npm run fuzz` raises it);
// PACTA_FUZZ_SEED replays a run.
import fc from 'fast-check';

/** Multiplies every case count: 1 in `npm test`, more in `npm run fuzz`. */
export const FUZZ_SCALE = Math.max(0.01, Number(process.env.PACTA_FUZZ_SCALE ?? '1') || 1);

/**
 * A turn of the event loop, for each case of a property that re-parses incrementally to start in.
 * A model keeps a WeakRef to the one it replaced (model/incremental.ts), and a WeakRef's target
 * lives until the current job ends: run as one job, thousands of cases kept every model they made
 * (4 GB at PACTA_FUZZ_SCALE=20). The server gets a job per message and never piles them up.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function runs(base: number): number {
  return Math.max(1, Math.round(base * FUZZ_SCALE));
}

/** fast-check parameters: the seed is printed on failure, and can be fixed through the environment. */
export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.PACTA_FUZZ_SEED ? Number(process.env.PACTA_FUZZ_SEED) : undefined;
  return { numRuns, ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}), endOnFailure: false };
}

// --- numbers and labels -----------------------------------------------------------------

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIV', 'XIX', 'XL', 'XC', 'MCMXCIX'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Article numbers as drafts write them, with the odd absurd one. */
export const articleNum: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...ROMAN) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(' bis', ' ter', 'A', 'B', '-bis')).map(([n, s]) => `${n}${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('0', '00', '99999999999999999999999', '1e9', '-1', '3.5', 'premier') },
);

const smallNum = fc.integer({ min: 1, max: 12 }).map(String);
const pointLetter = fc.integer({ min: 0, max: 25 }).map((i) => LETTERS[i]);
const pointRoman = fc.constantFrom('i', 'ii', 'iii', 'iv', 'v', 'vi', 'ix', 'x');

// --- reference phrases --------------------------------------------------------------------

const INSTRUMENTS = [
  'the Charter of the United Nations',
  'the UN Charter',
  'the Vienna Convention on the Law of Treaties',
  'the Statute of the International Court of Justice',
  'the Convention',
  'the Treaty of Nowhere',
  'this Convention',
];

/** A reference in one of the forms the grammar knows (and some it should not). */
export const reference: fc.Arbitrary<string> = fc.oneof(
  articleNum.map((n) => `Article ${n}`),
  fc.tuple(articleNum, smallNum).map(([a, p]) => `article ${a}, paragraph ${p}`),
  fc.tuple(articleNum, smallNum, pointLetter).map(([a, p, l]) => `article ${a}, paragraph ${p} (${l})`),
  fc.tuple(smallNum, articleNum).map(([p, a]) => `paragraph ${p} of Article ${a}`),
  fc.tuple(articleNum, articleNum).map(([a, b]) => `Articles ${a} to ${b}`),
  fc.tuple(articleNum, articleNum, articleNum).map(([a, b, c]) => `Articles ${a}, ${b} (paragraph 2), ${c}, and 24`),
  fc.tuple(articleNum, smallNum, pointLetter, pointRoman).map(([a, p, l, r]) => `Article ${a}(${p})(${l})(${r})`),
  fc.constantFrom('the preceding paragraph', 'the preceding Article', 'this Article', 'this Chapter', 'this Part', 'the following paragraph', 'paragraph 2 above', 'subparagraph (b)'),
  fc.tuple(fc.constantFrom('first', 'second', 'third', 'tenth'), articleNum).map(([o, a]) => `the ${o} paragraph of Article ${a}`),
  fc.tuple(fc.constantFrom(...ROMAN), articleNum, smallNum).map(([x, a, p]) => `Annex ${x}, article ${a}, paragraph ${p}`),
  fc.tuple(articleNum, fc.constantFrom(...INSTRUMENTS)).map(([a, i]) => `Article ${a} of ${i}`),
  fc.tuple(fc.constantFrom(...ROMAN), fc.constantFrom('Chapter', 'Part', 'Section', 'Annex', 'CHAPTER')).map(([x, u]) => `${u} ${x}`),
  fc.tuple(smallNum, pointLetter).map(([p, l]) => `paragraphs ${p} and ${Number(p) + 1} (${l})`),
  fc.constantFrom('Article', 'Articles', 'paragraph (', 'Article 5(', 'Article 5,,, paragraph', 'Articles 3 to', 'of the Charter of the', 'Art. 5', 'art 5'),
);

const WORDS = ['the', 'Parties', 'shall', 'ensure', 'that', 'each', 'State', 'may', 'not', 'apply', 'rights', 'under', 'provided', 'in', 'as', 'defined', 'by', 'and', 'or', 'except'];
const word = fc.constantFrom(...WORDS);

/** A sentence of words with references mixed in. */
export const sentence: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: reference }), { minLength: 1, maxLength: 14 })
  .map((ws) => ws.join(' ') + '.');

// --- structure ----------------------------------------------------------------------------

const articleHeading = fc.tuple(articleNum, fc.constantFrom('Scope', 'Definitions', 'Use of terms', 'Entry into force', '')).chain(([n, h]) =>
  fc.constantFrom(
    h ? [`Article ${n}`, h] : [`Article ${n}`],
    [`ARTICLE ${n}`],
    [`Art. ${n}.`],
    [`## Article ${n}${h ? ' — ' + h : ''}`],
    [`Article ${n}: ${h || 'Heading'}`],
    [`제${/^\d+$/.test(n) ? n : '1'}조 (${h || '목적'})`],
  ),
);

const paragraphLabel = (i: number) => fc.constantFrom(`${i}.`, `(${i})`, `${i})`, String.fromCharCode(0x2460 + Math.min(i - 1, 19)), '');
const pointLabel = (i: number) => fc.constantFrom(`(${LETTERS[i % 26]})`, `${LETTERS[i % 26]})`, `${LETTERS[i % 26]}.`, `(${['i', 'ii', 'iii', 'iv', 'v'][i % 5]})`);

const points: fc.Arbitrary<string[]> = fc
  .array(sentence, { maxLength: 3 })
  .chain((ss) => (ss.length ? fc.tuple(...ss.map((s, i) => pointLabel(i).map((l) => `${l} ${s}`))) : fc.constant([] as string[])));

const paragraph = (i: number): fc.Arbitrary<string[]> =>
  fc.tuple(paragraphLabel(i), sentence, points).map(([l, s, ps]) => [`${l ? l + ' ' : ''}${s}`, ...ps]);

const article: fc.Arbitrary<string[]> = fc
  .tuple(articleHeading, fc.integer({ min: 0, max: 4 }))
  .chain(([head, n]) => fc.tuple(fc.constant(head), ...Array.from({ length: n }, (_, i) => paragraph(i + 1))))
  .map(([head, ...paras]) => [...head, ...paras.flat(), '']);

const division = fc.tuple(fc.constantFrom('PART', 'Part', 'CHAPTER', 'Chapter', 'SECTION', 'Section', 'TITLE'), fc.constantFrom(...ROMAN, '1', '2', '3')).map(([u, n]) => [`${u} ${n}`, `${u === u.toUpperCase() ? 'GENERAL PROVISIONS' : 'General provisions'}`, '']);

const annex = fc.tuple(fc.constantFrom('ANNEX I', 'ANNEX II', 'Annex', 'ANNEX VII', 'APPENDIX A', 'Annex to the Convention'), fc.array(article, { maxLength: 3 })).map(([h, arts]) => [h, '', ...arts.flat()]);

const preamble = fc.array(sentence, { maxLength: 3 }).map((ss) => (ss.length ? ['The States Parties to this Convention,', ...ss.map((s) => `Recalling ${s}`), 'Have agreed as follows:', ''] : []));

const finalClauses = fc.constantFrom([], ['IN WITNESS WHEREOF the undersigned have signed this Convention.', 'DONE at Vienna, this twenty-third day of May, one thousand nine hundred and sixty-nine.']);

const title = fc.constantFrom('Convention on Orchard Neighbours', 'Charter of the United Nations', 'Pact of Two Valleys', '[Draft of 3 May]', '% a note', '# Treaty of Nowhere', '');

const lineEnd = fc.oneof({ weight: 6, arbitrary: fc.constant('\n') }, { weight: 2, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });

/** Joins lines, each with its own line end (mostly one style per document, sometimes mixed). */
function joinLines(lines: string[]): fc.Arbitrary<string> {
  return fc.tuple(lineEnd, fc.boolean(), fc.array(lineEnd, { minLength: lines.length, maxLength: lines.length })).map(([style, mixed, ends]) =>
    lines.map((l, i) => l + (mixed ? ends[i] : style)).join(''),
  );
}

/** A whole treaty-like document: title, preamble, parts and articles, annexes, final clauses. */
export const treatyDocument: fc.Arbitrary<string> = fc
  .tuple(title, preamble, fc.array(fc.oneof({ weight: 1, arbitrary: division }, { weight: 4, arbitrary: article }), { maxLength: 10 }), fc.array(annex, { maxLength: 2 }), finalClauses)
  .chain(([t, pre, body, annexes, fin]) => joinLines([t, '', ...pre, ...body.flat(), ...annexes.flat(), ...fin]));

// --- junk -----------------------------------------------------------------------------------

const codeUnit = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));

/** One character (or surrogate pair) from the places text goes wrong. */
export const junkChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: codeUnit(0x20, 0x7e) },
  { weight: 2, arbitrary: fc.constantFrom('(', ')', '[', ']', '.', ',', ' ', '\t', '\n', '\r', '\r\n', '0', '1', '9', 'I', 'V', 'X') },
  { weight: 1, arbitrary: codeUnit(0x00, 0x1f) },
  { weight: 1, arbitrary: fc.constantFrom('\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u000b', '\u000c', '\ufeff', '\ufffd', '\uffff') },
  { weight: 1, arbitrary: codeUnit(0xd800, 0xdfff) }, // lone surrogates
  { weight: 1, arbitrary: fc.constantFrom('\u200b', '\u200e', '\u200f', '\u202e', '\u2066', '\u0301', '\u0361') }, // zero-width, bidi, combining
  { weight: 2, arbitrary: codeUnit(0x0400, 0x04ff) }, // Cyrillic
  { weight: 1, arbitrary: codeUnit(0x0600, 0x06ff) }, // Arabic
  { weight: 1, arbitrary: codeUnit(0x05d0, 0x05ea) }, // Hebrew
  { weight: 2, arbitrary: codeUnit(0x4e00, 0x4fff) }, // CJK
  { weight: 2, arbitrary: codeUnit(0xac00, 0xad00) }, // Hangul
  { weight: 1, arbitrary: codeUnit(0x0900, 0x097f) }, // Devanagari
  { weight: 1, arbitrary: fc.constantFrom('제', '조', '항', '호', '①', '②', 'Ⅶ', '第', '条', 'Статья', 'المادة') },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c)) }, // astral
);

/** Runs that stress one construct: brackets, whitespace, headings, numbers. */
const junkRun: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('(', ')', '((a)', ' ', '\t', '\r\n', '\n\n', 'Article ', 'Article 1', '1.', '(a) ', 'paragraph ', ', ', ' and ', ' to ', 'of the ', '#', 'Ⅻ', '\ud800'), fc.integer({ min: 1, max: 300 }))
  .map(([s, n]) => s.repeat(n));

/** Arbitrary text of the worst kind. */
export const junk: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 8, arbitrary: junkChar }, { weight: 1, arbitrary: junkRun }, { weight: 1, arbitrary: reference }), { maxLength: 400, size: '+1' })
  .map((parts) => parts.join(''));

/** A treaty-like text with junk spliced in at random places. */
export const damagedDocument: fc.Arbitrary<string> = fc
  .tuple(treatyDocument, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(junkChar, { maxLength: 12 }).map((cs) => cs.join(''))), { maxLength: 8 }))
  .map(([text, splices]) => {
    let out = text;
    for (const [at, s] of splices) {
      const i = Math.floor(at * out.length);
      out = out.slice(0, i) + s + out.slice(i);
    }
    return out;
  });

/** Any text: mostly treaty-like, some damaged, some junk. */
export const anyText: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: treatyDocument }, { weight: 2, arbitrary: damagedDocument }, { weight: 1, arbitrary: junk });

// --- edits ------------------------------------------------------------------------------------

export interface TextEditSpec {
  /** Where, as a fraction of the text length at the time of the edit. */
  at: number;
  /** How many UTF-16 units to delete. */
  remove: number;
  insert: string;
}

const insertion: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '\n', '\r\n', '\r', ' ', '(', ')', '\nArticle 7\n', '\nArticle 2\nScope\n', '\n1. ', '\n(a) ', 'see Article 3', ' of Article 1', 'paragraph 2', 'Articles 1 to 3', '\nANNEX II\n', '\nPART II\n', '\nCHAPTER VII\n', ' of the Charter of the United Nations', '\ud800', '\udc00', '😀', '제3조 (정의)'),
  fc.array(junkChar, { maxLength: 8 }).map((cs) => cs.join('')),
  sentence,
);

export const editSpec: fc.Arbitrary<TextEditSpec> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }) }),
  insert: insertion,
});

/** A sequence of changes; each inner array is one didChange notification (applied in order). */
export const editSequence: fc.Arbitrary<TextEditSpec[][]> = fc.array(fc.array(editSpec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });

/**
 * Where an edit lands in `text`: never inside a CRLF pair, so the LSP position (which cannot
 * point between \r and \n) and the offset agree.
 */
export function editOffsets(text: string, spec: TextEditSpec): { start: number; end: number } {
  let start = Math.min(text.length, Math.floor(spec.at * (text.length + 1)));
  if (start > 0 && text[start - 1] === '\r' && text[start] === '\n') start--;
  let end = Math.min(text.length, start + spec.remove);
  if (end > 0 && text[end - 1] === '\r' && text[end] === '\n') end++;
  return { start, end };
}
