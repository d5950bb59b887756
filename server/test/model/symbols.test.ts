// How names and queries are split into words for Go to Symbol in Workspace (model/symbols.ts),
// and the symbol table's paths, built from their parents', against the renderer's provisionPath.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CATALOGUE, LineIndex, parseTreaty } from '../../src/model';
import { ARTICLE_AND_ABOVE, walk } from '../../src/model/query';
import { outlineName, provisionPath } from '../../src/model/render';
import { buildSymbolTable, entryPath, entryPathWords, splitWords, symbolWords } from '../../src/model/symbols';
import { CORPUS, REPO } from '../helpers/paths';

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

describe('buildSymbolTable', () => {
  /** Texts of every layout: the corpus, the samples and short drafts of headings and lists in any order. */
  function texts(): string[] {
    const out = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(CORPUS, f), 'utf8'));
    const walkDir = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walkDir(p);
        else if (/\.(txt|md)$/.test(name)) out.push(readFileSync(p, 'utf8'));
      }
    };
    walkDir(path.join(REPO, 'samples'));
    return out;
  }

  const lines = fc.array(
    fc.constantFrom('Article 5', 'ARTICLE 3 — Scope', 'PART I', 'Part II — Things', 'ANNEX', 'ANNEX II', 'PROTOCOL', 'CHAPTER IV', 'Section 2', 'SUBSECTION A', 'TITLE III', '1. Text.', '(a) point', 'Heading words', 'IN WITNESS WHEREOF the undersigned', 'RESOLUTION I', '# Article 9 — Hashed', 'Considering that', '제1조 (목적)', 'Статья 1', ''),
    { maxLength: 40 },
  );

  /** Every provision from an article up, in walk order, each named by the renderer. */
  function expected(text: string) {
    const doc = parseTreaty(text);
    const untitled = { ...doc, title: undefined };
    return [...walk(doc.root)]
      .filter((p) => ARTICLE_AND_ABOVE.has(p.kind) && p.kind !== 'document')
      .map((p) => ({ kind: p.kind, name: outlineName(p), path: provisionPath(untitled, p), pathWords: symbolWords(provisionPath(untitled, p)) }));
  }

  function actual(text: string) {
    const doc = parseTreaty(text);
    const table = buildSymbolTable(doc, DEFAULT_CATALOGUE, new LineIndex(text));
    return table.entries.flatMap((e, i) => (e.kind === 'document' ? [] : [{ kind: e.kind, name: e.name, path: entryPath(table, i), pathWords: entryPathWords(table, i) }]));
  }

  it('lists every provision from an article up with the path and words the renderer gives it', () => {
    let entries = 0;
    for (const text of texts()) {
      const want = expected(text);
      assert.deepEqual(actual(text), want);
      // Each entry's parent comes before it and holds it: an article's parent is no article.
      const table = buildSymbolTable(parseTreaty(text), DEFAULT_CATALOGUE, new LineIndex(text));
      table.entries.forEach((e, i) => assert.ok(e.parent < i && (e.parent < 0 || table.entries[e.parent].kind !== 'article'), `entry ${i} (${e.name}): parent ${e.parent}`));
      entries += want.length;
    }
    assert.ok(entries > 900, `the corpus and samples have their articles (${entries})`);
    fc.assert(
      fc.property(lines, (ls) => {
        const text = ['Treaty on Random Things', ...ls].join('\n');
        assert.deepEqual(actual(text), expected(text));
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
