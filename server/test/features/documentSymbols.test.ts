import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-protocol';
import { parseTreaty } from '../../src/model';
import { documentSymbols, outline, writeOutlineJson } from '../../src/features/documentSymbols';
import { ORCHARD } from '../helpers/samples';
import { lineOf, readCorpus } from '../helpers/text';

function* all(symbols: DocumentSymbol[]): Generator<DocumentSymbol> {
  for (const s of symbols) {
    yield s;
    yield* all(s.children ?? []);
  }
}

function inside(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('documentSymbols', () => {
  it('outlines articles with their headings, paragraphs and points', () => {
    const symbols = documentSymbols(parseTreaty(ORCHARD));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Article 1 — Scope', 'Article 2 — Definitions', 'Article 3 — Duties'],
    );
    assert.ok(symbols.every((s) => s.kind === SymbolKind.Class));
    const [art1, art2] = symbols;
    assert.deepEqual(
      art1.children?.map((c) => [c.name, c.kind]),
      [
        ['Paragraph 1', SymbolKind.Field],
        ['Paragraph 2', SymbolKind.Field],
      ],
    );
    assert.deepEqual(
      art2.children?.map((c) => [c.name, c.kind]),
      [
        ['(a)', SymbolKind.EnumMember],
        ['(b)', SymbolKind.EnumMember],
      ],
    );
  });

  it('puts the selection on the label line and the range over the whole provision', () => {
    const [art1] = documentSymbols(parseTreaty(ORCHARD));
    assert.equal(art1.selectionRange.start.line, lineOf(ORCHARD, 'Article 1'));
    assert.equal(art1.selectionRange.start.character, 0);
    assert.equal(art1.range.start.line, lineOf(ORCHARD, 'Article 1'));
    assert.ok(art1.range.end.line >= lineOf(ORCHARD, '2. It does not cover hedges.'));
    assert.ok(art1.range.end.line < lineOf(ORCHARD, 'Article 2'));
  });

  it('skips the document root: the title is not a symbol', () => {
    const symbols = documentSymbols(parseTreaty(ORCHARD));
    assert.ok(!symbols.some((s) => s.name.includes('Orchard Neighbours')));
  });

  it('gives nothing for an empty or structureless text', () => {
    assert.deepEqual(documentSymbols(parseTreaty('')), []);
    assert.doesNotThrow(() => documentSymbols(parseTreaty('just some words\nand more words')));
  });

  it('outlines the UN Charter: preamble, 19 chapters, 111 articles, Article 51 in Chapter VII', () => {
    const symbols = documentSymbols(parseTreaty(readCorpus('un_charter_en.txt')));
    const chapters = symbols.filter((s) => s.kind === SymbolKind.Namespace && s.name.startsWith('Chapter'));
    assert.equal(chapters.length, 19);
    assert.equal([...all(symbols)].filter((s) => s.kind === SymbolKind.Class).length, 111);
    const chVII = chapters.find((s) => s.name.startsWith('Chapter VII'))!;
    assert.ok(chVII, 'Chapter VII');
    assert.ok(
      chVII.children?.some((s) => s.name.startsWith('Article 51')),
      'Article 51 is in Chapter VII',
    );
  });

  for (const file of ['un_charter_en.txt', 'vclt_1969_en.txt', 'unclos_1982_en.txt', 'north_atlantic_treaty_1949_en.txt']) {
    it(`keeps every symbol valid for VS Code in ${file}`, () => {
      const symbols = documentSymbols(parseTreaty(readCorpus(file)));
      assert.ok(symbols.length > 0);
      for (const s of all(symbols)) {
        assert.ok(s.name.trim().length > 0, 'non-empty name');
        assert.ok(inside(s.range, s.selectionRange), `${s.name}: selectionRange inside range`);
        for (const c of s.children ?? []) assert.ok(inside(s.range, c.range), `${c.name} inside ${s.name}`);
      }
    });
  }

  describe('with pacta.outline.maxSymbols', () => {
    const unclos = parseTreaty(readCorpus('unclos_1982_en.txt'));
    const count = (symbols: DocumentSymbol[], kind?: SymbolKind) => [...all(symbols)].filter((s) => kind === undefined || s.kind === kind).length;

    it('keeps the whole UNCLOS outline (2,109 provisions) under the default-sized budget', () => {
      const full = outline(unclos, { maxSymbols: 10_000 });
      assert.deepEqual(full.omitted, []);
      assert.equal(full.total, 2109);
      assert.equal(count(full.symbols), 2109);
    });

    it('leaves out points first, then paragraphs, and always keeps the 445 articles', () => {
      const noPoints = outline(unclos, { maxSymbols: 2000 });
      assert.deepEqual(noPoints.omitted, ['point']);
      assert.equal(count(noPoints.symbols, SymbolKind.EnumMember), 0);
      assert.equal(count(noPoints.symbols, SymbolKind.Field), 881);
      assert.equal(count(noPoints.symbols), 2109 - 694);

      const articlesOnly = outline(unclos, { maxSymbols: 100 });
      assert.deepEqual(articlesOnly.omitted, ['point', 'paragraph']);
      assert.equal(count(articlesOnly.symbols, SymbolKind.Field), 0);
      assert.equal(count(articlesOnly.symbols, SymbolKind.Class), 445);
      assert.equal(articlesOnly.total, 2109);
    });
  });
});

describe('the outline as JSON in pieces (writeOutlineJson)', () => {
  const piecesOf = (symbols: DocumentSymbol[]) => {
    const pieces: string[] = [];
    writeOutlineJson(symbols, (p) => pieces.push(p));
    return pieces;
  };

  for (const file of ['unclos_1982_en.txt', 'vclt_1969_ko_partial.txt']) {
    it(`reads back as the outline of ${file}, in ASCII only`, () => {
      const symbols = documentSymbols(parseTreaty(readCorpus(file)));
      const json = piecesOf(symbols).join('');
      assert.match(json, /^[\x00-\x7f]*$/);
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(symbols)));
    });
  }

  it('escapes the names it must: an em dash, Hangul', () => {
    const json = piecesOf(documentSymbols(parseTreaty(readCorpus('vclt_1969_ko_partial.txt')))).join('');
    assert.ok(json.includes('\\uc870'), 'the 조 of 제1조 is escaped');
    const en = piecesOf(documentSymbols(parseTreaty(ORCHARD))).join('');
    assert.ok(en.includes('\\u2014'), 'the dash between an article and its heading is escaped');
  });

  it('makes a symbol\'s own JSON once and reuses it for the same symbol', () => {
    const symbols = documentSymbols(parseTreaty(ORCHARD));
    const first = piecesOf(symbols);
    const again = piecesOf(symbols);
    assert.deepEqual(again, first);
    // Kept per symbol object: a symbol changed behind the outline's back is not seen, which is why
    // the outline never changes a symbol it has built (it makes a new one).
    symbols[0].name = 'changed';
    assert.ok(!piecesOf(symbols).join('').includes('changed'));
  });
});
