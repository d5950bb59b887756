// The summary-only parse (`references: 'otherInstruments'`, what buildSummary uses) against
// the full parse: the same references to other instruments, and summaries deep-equal to
// `summarise(parseTreaty(...))`, on the real texts of ../shared/corpus, on samples/*, on
// generated treaties that cite others, and on generated texts where "that article",
// "the said article" and "paragraph N of that article" follow citations of other instruments.
//
// Case counts: PACTA_PROPERTY_RUNS (default 200).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_CATALOGUE, parseTreaty, type Reference } from '../../src/model';
import { summarise } from '../../src/workspace/summary';
import { buildSummary } from '../../src/workspace/summaryBuilder';
import { generateTreaty } from '../../bench/synthetic';
import { CORPUS, REPO } from '../helpers/paths';

const RUNS = Math.max(1, Number(process.env.PACTA_PROPERTY_RUNS ?? 200) || 200);
const catalogue = DEFAULT_CATALOGUE;

/** Asserts both paths agree on `text`; returns the full parse's references for the caller's counts. */
function agree(text: string, language = 'auto', what = 'text'): Reference[] {
  const full = parseTreaty(text, { catalogue, language });
  const only = parseTreaty(text, { catalogue, language, references: 'otherInstruments' });
  const external = full.references.filter((r) => r.instrument);
  assert.deepStrictEqual(only.references, external, `${what}: references to other instruments differ`);
  assert.deepStrictEqual(buildSummary(text, catalogue, language), { summary: summarise(full, catalogue) }, `${what}: summaries differ`);
  return full.references;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (/\.(txt|md)$/.test(name)) out.push(p);
  }
  return out;
}

describe('summary-only parse', () => {
  test('resolves only the references to other instruments', () => {
    const text = [
      'Convention on Generated Matters',
      '',
      'Article 1',
      '',
      '1. See Article 2 and Article 51 of the Charter of the United Nations.',
      '2. See paragraph 1 of that article.',
      '',
      'Article 2',
      '',
      '1. Nothing in this Article affects Article 1.',
    ].join('\n');
    const full = parseTreaty(text);
    const only = parseTreaty(text, { references: 'otherInstruments' });
    assert.deepStrictEqual(full.references.map((r) => r.text), ['Article 2', 'Article 51 of the Charter of the United Nations', 'paragraph 1 of that article', 'this Article', 'Article 1']);
    assert.deepStrictEqual(only.references.map((r) => r.text), ['Article 51 of the Charter of the United Nations']);
    assert.deepStrictEqual(only.references[0].targets.map((t) => t.eId), ['art_51']);
    // "that article" after the Charter's article names this text's Article 2, as in the full parse.
    assert.deepStrictEqual(full.references[2].targets.map((t) => t.eId), ['art_2__para_1']);
  });

  test('agrees with the full parse on every corpus text', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
    assert.ok(files.length >= 5, `corpus texts in ${CORPUS}`);
    let external = 0;
    for (const f of files) external += agree(readFileSync(path.join(CORPUS, f), 'utf8'), 'auto', f).filter((r) => r.instrument).length;
    // Not vacuous: the real texts cite the Charter and each other.
    assert.ok(external > 0, 'the corpus texts cite other instruments');
  });

  test('agrees with the full parse on every sample', () => {
    const files = filesUnder(path.join(REPO, 'samples'));
    assert.ok(files.length >= 5);
    for (const f of files) agree(readFileSync(f, 'utf8'), 'auto', path.relative(REPO, f));
  });

  test('agrees with the full parse on generated treaties citing others', () => {
    const cites = ['Charter of the United Nations', 'Protocol on Glaciers in the Baltic Region', 'Vienna Convention on the Law of Treaties', 'Treaty on Orchards in the Alps'];
    let external = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const t = generateTreaty({ targetChars: 40_000, seed, title: `Agreement on Generated Matters ${seed}`, cites, markdown: seed % 2 === 0 });
      external += agree(t.text, 'auto', `seed ${seed}`).filter((r) => r.instrument).length;
      if (t.markdown) agree(t.markdown, 'auto', `seed ${seed} (Markdown)`);
    }
    assert.ok(external >= 6, `${external} references to other instruments`);
  });

  test('agrees with the full parse where anaphoric forms follow citations of other instruments (property)', () => {
    const counts = { external: 0, anaphoraAfterExternal: 0, selfTitled: 0 };
    fc.assert(
      fc.property(treatyText, ({ text, language, selfTitled }) => {
        const refs = agree(text, language);
        counts.external += refs.filter((r) => r.instrument).length;
        for (let i = 1; i < refs.length; i++) if (refs[i - 1].instrument && /that|said/.test(refs[i].text)) counts.anaphoraAfterExternal++;
        if (selfTitled) counts.selfTitled++;
      }),
      { numRuns: RUNS },
    );
    // The generator reaches the cases it is for.
    assert.ok(counts.external > 0, 'references to other instruments were generated');
    if (RUNS >= 20) {
      assert.ok(counts.anaphoraAfterExternal > 0, '"that article" right after a citation of another instrument was generated');
      assert.ok(counts.selfTitled > 0);
    }
  });
});

// --- generated texts ----------------------------------------------------------------

const EXTERNAL_TITLES = [
  'Charter of the United Nations',
  'Vienna Convention on the Law of Treaties',
  'Statute of the International Court of Justice',
  'Convention on Fishing in the Baltic Region',
];

/** One citation, written from a few numbers: internal, external, anaphoric, deictic, foreign. */
function fragment(kind: number, a: number, b: number, p: number, title: string): string {
  switch (kind) {
    case 0: return `Article ${a}`;
    case 1: return `paragraph ${p} of Article ${a}`;
    case 2: return `Articles ${a} to ${b}`;
    case 3: return `Article ${a}, paragraph ${p}`;
    case 4: return `Article ${a} of the ${title}`;
    case 5: return `paragraph ${p} of Article ${a} of the ${title}`;
    case 6: return `Articles ${a} and ${b} of the ${title}`;
    case 7: return `Article ${a} of the Charter`;
    case 8: return `paragraph ${p} of that article`;
    case 9: return 'that article';
    case 10: return 'the said article';
    case 11: return `paragraph ${p} of the said article`;
    case 12: return `subparagraph (a) of that paragraph`;
    case 13: return `and article ${b}`;
    case 14: return `Annex I, article ${p} and article ${b}`;
    case 15: return 'this Article';
    case 16: return 'the preceding paragraph';
    case 17: return `Article ${a} of this Convention`;
    case 18: return `paragraph ${p} of that Declaration`;
    case 19: return `article ${a} of the present Convention`;
    case 20: return `Article ${a}(${p}) of ${title === EXTERNAL_TITLES[0] ? 'the UN Charter' : 'the VCLT'}`;
    default: return `l'article ${a} de la Charte des Nations Unies`;
  }
}

const KINDS = 22;
const JOINS = [', ', ' and ', '; see ', ' under ', ', as well as ', ' or ', ' and in '];

const treatyText = fc
  .record({
    selfTitled: fc.boolean(),
    language: fc.constantFrom('auto', 'auto', 'fr'),
    articles: fc.integer({ min: 2, max: 6 }),
    annex: fc.boolean(),
    // Each sentence: a run of citations; an external one is often followed by an anaphoric one.
    sentences: fc.array(
      fc.array(
        fc.record({
          kind: fc.oneof(fc.nat(KINDS - 1), fc.constantFrom(4, 5, 6, 7, 20), fc.constantFrom(8, 9, 10, 11, 12, 13)),
          a: fc.integer({ min: 1, max: 8 }),
          b: fc.integer({ min: 1, max: 8 }),
          p: fc.integer({ min: 1, max: 3 }),
          title: fc.constantFrom(...EXTERNAL_TITLES),
          join: fc.nat(JOINS.length - 1),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      { minLength: 1, maxLength: 14 },
    ),
  })
  .map(({ selfTitled, language, articles, annex, sentences }) => {
    const lines = [selfTitled ? 'Charter of the United Nations' : 'Convention on Generated Matters', '', 'The Parties to this Convention have agreed as follows:', ''];
    let s = 0;
    const sentence = () => {
      const parts = sentences[s++ % sentences.length];
      let out = 'The Parties shall apply ';
      parts.forEach((f, i) => {
        if (i) out += JOINS[f.join];
        out += fragment(f.kind, f.a, f.b, f.p, f.title);
      });
      return out + '.';
    };
    for (let n = 1; n <= articles; n++) {
      lines.push(`Article ${n}`, '');
      for (let p = 1; p <= 1 + (n % 3); p++) lines.push(`${p}. ${sentence()}`);
      if (n % 2 === 0) lines.push('(a) as agreed;', `(b) ${sentence()}`);
      lines.push('');
    }
    if (annex) {
      lines.push('ANNEX I', '', 'Article 1', '', sentence(), '', 'Article 2', '', `1. ${sentence()}`, '');
    }
    for (let k = s; k < sentences.length; k++) lines.push(sentence(), '');
    return { text: lines.join('\n'), language, selfTitled };
  });
