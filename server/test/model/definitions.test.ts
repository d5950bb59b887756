// Defined terms: the definition forms, their scopes, and the uses found in the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTreaty, provisionLabel } from '../../src/model';
import fc from 'fast-check';
import { definedTerms, findDefinitions, nextWord, termUseAt } from '../../src/model/definitions';
import { fcParams, runs } from '../helpers/fuzz';
import { ORCHARD } from '../helpers/samples';
import { lines, readCorpus } from '../helpers/text';

function usesOf(text: string): string[] {
  const doc = parseTreaty(text);
  return definedTerms(doc).uses.map((u) => text.slice(u.span.start, u.span.end));
}

describe('defined terms', () => {
  it('finds “X” means … in a list of definitions, with the point that defines it', () => {
    const doc = parseTreaty(ORCHARD);
    const terms = definedTerms(doc).terms;
    assert.deepEqual(terms.map((t) => t.term), ['overhang', 'windfall']);
    assert.equal(provisionLabel(terms[0].provision), 'Article 2(a)');
    assert.equal(ORCHARD.slice(terms[0].definition.start, terms[0].definition.end), '(a) "overhang" means a branch that crosses the boundary;');
    // The span is the term inside its quotes.
    assert.equal(ORCHARD.slice(terms[0].span.start, terms[0].span.end), 'overhang');
    // "an overhang" in Article 3 is a use.
    const uses = definedTerms(doc).uses;
    assert.equal(uses.length, 1);
    assert.equal(uses[0].term, terms[0]);
    assert.equal(ORCHARD.slice(uses[0].span.start - 3, uses[0].span.end), 'an overhang');
  });

  it('reads the VCLT’s Article 2: every term, including the four of one point', () => {
    const text = readCorpus('vclt_1969_en.txt');
    const doc = parseTreaty(text);
    const terms = definedTerms(doc).terms;
    assert.deepEqual(
      terms.map((t) => t.term),
      ['treaty', 'ratification', 'acceptance', 'approval', 'accession', 'full powers', 'reservation', 'negotiating State', 'contracting State', 'party', 'third State', 'international organization'],
    );
    assert.ok(terms.every((t) => provisionLabel(t.provision).startsWith('Article 2(1)(')));
    assert.ok(terms.every((t) => t.scope.start === 0 && t.scope.end === text.length));
    // Uses: plural and sentence-initial spellings count; "States" alone is no use of "third State".
    const spelled = new Set(definedTerms(doc).uses.map((u) => text.slice(u.span.start, u.span.end)));
    for (const s of ['treaty', 'treaties', 'Treaties', 'third State', 'contracting States', 'reservation']) assert.ok(spelled.has(s), s);
    assert.ok(!spelled.has('States'));
  });

  it('takes “hereinafter referred to as” with straight, curly or single quotes, and (hereinafter “X”)', () => {
    for (const [written, term] of [
      ['The Republic of A and the Kingdom of B, hereinafter referred to as "the Parties", agree:', 'the Parties'],
      ["The Republic of A and the Kingdom of B, hereinafter referred to as 'the Parties', agree:", 'the Parties'],
      ['A Commission on Rivers (hereinafter “the Commission”) is established.', 'the Commission'],
      ['A Commission on Rivers (hereinafter the “Commission”) is established.', 'Commission'],
      ['A Commission on Rivers (the “Commission”) is established.', 'Commission'],
      ['The agencies are hereinafter referred to as specialized agencies.', 'specialized agencies'],
    ]) {
      const doc = parseTreaty(lines('Agreement on Rivers', '', 'Article 1', '', written));
      assert.deepEqual(findDefinitions(doc).map((t) => t.term), [term], written);
    }
  });

  it('matches "the Parties" as "Parties" and "Party", and only after a "hereinafter" definition', () => {
    const text = lines(
      'Agreement on Rivers',
      '',
      'The Parties met once before.',
      'The Republic of A and the Kingdom of B, hereinafter referred to as "the Parties",',
      '',
      'Have agreed as follows:',
      '',
      'Article 1',
      '',
      'Each Party shall inform the other Party. The Parties’ duties are joint.',
    );
    assert.deepEqual(usesOf(text), ['Party', 'Party', 'Parties']);
  });

  it('is case-sensitive for capitalised terms: “Area” is not "area"', () => {
    const text = lines('Convention on the Sea', '', 'Article 1', '', '(1) “Area” means the sea-bed beyond national jurisdiction;', '', 'Article 2', '', 'The Area and its resources. The area covered by a contract.');
    assert.deepEqual(usesOf(text), ['Area']);
  });

  it('limits “For the purposes of this Part” definitions to the Part, and picks the definition in scope', () => {
    const text = lines(
      'Convention on Trees',
      '',
      'PART I',
      '',
      'Article 1',
      '',
      'For the purposes of this Part, “fruit” means apples.',
      '',
      'Article 2',
      '',
      'The fruit is picked.',
      '',
      'PART II',
      '',
      'Article 3',
      '',
      'For the purposes of this Part, “fruit” means pears.',
      '',
      'Article 4',
      '',
      'The fruit is sold. No fruits are wasted.',
    );
    const doc = parseTreaty(text);
    const [apples, pears] = definedTerms(doc).terms;
    assert.equal(apples.term, 'fruit');
    const at = (needle: string) => termUseAt(doc, text.indexOf(needle) + 5)?.term;
    assert.equal(at('fruit is picked'), apples);
    assert.equal(at('fruit is sold'), pears);
    assert.equal(at('fruits are'), pears);
  });

  it('does not count a reference, a quoted term or "as hereinafter provided" as a definition or use', () => {
    const text = lines(
      'Agreement on Rivers',
      '',
      'Article 1',
      '',
      '“Article” means a numbered provision. The fees are paid as hereinafter provided.',
      '',
      'Article 2',
      '',
      'See Article 1. Each Article is numbered.',
    );
    const doc = parseTreaty(text);
    assert.deepEqual(findDefinitions(doc).map((t) => t.term), ['Article']);
    // "Article 1" is a reference; only the bare word is a use.
    assert.deepEqual(usesOf(text), ['Article']);
    assert.equal(text.slice(definedTerms(doc).uses[0].span.start - 5, definedTerms(doc).uses[0].span.end), 'Each Article');
  });

  it('finds the Charter’s unquoted "hereinafter" terms and UNCLOS’s definitions in linear time', () => {
    const charter = parseTreaty(readCorpus('un_charter_en.txt'));
    assert.deepEqual(findDefinitions(charter).map((t) => t.term), ['specialized agencies', 'trust territories', 'the administering authority']);
    const unclos = readCorpus('unclos_1982_en.txt');
    const doc = parseTreaty(unclos);
    const terms = definedTerms(doc);
    for (const t of ['Area', 'Authority', 'activities in the Area', 'warship', 'land-locked State', 'geographically disadvantaged States']) {
      assert.ok(terms.terms.some((d) => d.term === t), t);
    }
    // "geographically disadvantaged States" is defined "for the purposes of this Part" (Part V).
    const gds = terms.terms.find((d) => d.term === 'geographically disadvantaged States')!;
    assert.ok(gds.scope.end - gds.scope.start < unclos.length / 4);
    // Uses never overlap each other.
    for (let i = 1; i < terms.uses.length; i++) assert.ok(terms.uses[i].span.start >= terms.uses[i - 1].span.end);
  });

  it('reads a list of thousands of quoted terms once (each quotation is not a new scan of the list)', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const text = 'Article 1\n\n' + words.map((w) => `“${w}”`).join(', ') + ' mean things.\n\nArticle 2\n\n' + words.join(' ') + '.';
    const found = definedTerms(parseTreaty(text));
    assert.equal(found.terms.length, 5000);
    assert.deepEqual(found.terms.slice(0, 2).map((t) => t.term), ['w0x', 'w1x']);
    // Uses are matched for the first 1000 terms only: no treaty defines more.
    assert.equal(found.uses.length, 1000);
  });

  it('never throws on odd text', () => {
    for (const text of ['', '“', '"" means', 'hereinafter', '(hereinafter “', '“a” means “b” means', '\u0000“x” means y'.repeat(3), 'hereinafter referred to as'.repeat(50)]) {
      assert.doesNotThrow(() => definedTerms(parseTreaty(text)), JSON.stringify(text));
    }
  });
});

describe('the word scanner of defined-term uses (nextWord)', () => {
  // findUses reads words by code instead of running the word pattern per word (UNCLOS: 48 → 27
  // ms a version); the words must be the pattern's, on any text.
  const WORD = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;
  const byPattern = (s: string) => [...s.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
  const byScanner = (s: string) => {
    const out: number[][] = [];
    for (let w = nextWord(s, 0); w; w = nextWord(s, w.end)) out.push([w.start, w.end]);
    return out;
  };

  it('reads joined words, letters beyond the first plane, and skips lone surrogates', () => {
    assert.deepEqual(byScanner("the Party’s x-ray, State's -a- b'"), [[0, 3], [4, 11], [12, 17], [19, 26], [28, 29], [31, 32]]);
    assert.deepEqual(byScanner('a\u{1d400}b \ud800c\udc00'), [[0, 4], [6, 7]]);
    assert.deepEqual(byScanner(' ,.'), []);
  });

  it('reads the words the pattern reads, on any text', () => {
    const units = fc.constantFrom('a', 'Z', '7', ' ', '\n', '’', "'", '-', '‘', '—', '제', 'Ж', 'ß', 'İ', '½', '٣', '\u0307', '\u{1d400}', '😀', '\ud800', '\udc00');
    for (const arb of [fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: units, maxLength: 60 })]) {
      fc.assert(fc.property(arb, (s) => assert.deepEqual(byScanner(s), byPattern(s))), fcParams(runs(2000)));
    }
  });
});
