import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { workspaceSymbols, type SymbolSource } from '../../src/features/workspaceSymbols';
import { parseTreaty } from '../../src/model';
import { ORCHARD } from '../helpers/samples';
import { lineOf, readCorpus } from '../helpers/text';

const CHARTER_TEXT = readCorpus('un_charter_en.txt');
const SOURCES: SymbolSource[] = [
  { uri: 'file:///ws/orchard.treaty', doc: parseTreaty(ORCHARD) },
  { uri: 'file:///lib/un_charter_en.txt', doc: parseTreaty(CHARTER_TEXT) },
  { uri: 'file:///lib/vclt_1969_en.txt', doc: parseTreaty(readCorpus('vclt_1969_en.txt')) },
  { uri: 'file:///lib/unclos_1982_en.txt', doc: parseTreaty(readCorpus('unclos_1982_en.txt')) },
];

describe('workspace symbols', () => {
  it('"Art 51 Charter" finds Article 51 of the Charter of the United Nations first', () => {
    const [first, ...rest] = workspaceSymbols('Art 51 Charter', SOURCES);
    assert.ok(first);
    assert.equal(first.name, 'Article 51');
    assert.equal(first.kind, SymbolKind.Class);
    assert.equal(first.location.uri, 'file:///lib/un_charter_en.txt');
    assert.equal(first.location.range.start.line, lineOf(CHARTER_TEXT, 'Article 51\n'));
    assert.equal(first.containerName, 'Charter of the United Nations › Chapter VII › Article 51');
    // Numbers match exactly: no Article 510, no Article 5 or 1.
    assert.ok(rest.every((s) => !/^Article (5|1|510)\b/.test(s.name) || s.location.uri !== 'file:///lib/un_charter_en.txt'));
  });

  it('matches catalogue aliases and initials: "UN Charter 2", "art 31 VCLT", "Article 287 UNCLOS"', () => {
    const un = workspaceSymbols('UN Charter article 2', SOURCES)[0];
    assert.equal(un.name, 'Article 2');
    assert.equal(un.location.uri, 'file:///lib/un_charter_en.txt');
    const vclt = workspaceSymbols('art 31 VCLT', SOURCES)[0];
    assert.equal(vclt.name, 'Article 31 — General rule of interpretation');
    assert.equal(vclt.location.uri, 'file:///lib/vclt_1969_en.txt');
    const unclos = workspaceSymbols('Article 287 UNCLOS', SOURCES)[0];
    assert.match(unclos.name, /^Article 287 — Choice of procedure/);
  });

  it('searches headings and containers: "interpretation" and "Chapter VII"', () => {
    const names = workspaceSymbols('interpretation', SOURCES).map((s) => s.name);
    assert.ok(names.includes('Article 31 — General rule of interpretation'));
    assert.ok(names.includes('Article 32 — Supplementary means of interpretation'));
    const chapter = workspaceSymbols('Chapter VII Charter', SOURCES)[0];
    assert.match(chapter.name, /^Chapter VII\b/);
    assert.equal(chapter.kind, SymbolKind.Namespace);
  });

  it('finds documents by title, and nothing for words no text has', () => {
    const doc = workspaceSymbols('Orchard', SOURCES)[0];
    assert.equal(doc.name, 'Convention on Orchard Neighbours');
    assert.equal(doc.kind, SymbolKind.File);
    assert.deepEqual(workspaceSymbols('Article 51 zebra', SOURCES), []);
  });

  it('lists symbols for an empty query, up to the limit', () => {
    assert.equal(workspaceSymbols('', SOURCES, undefined, 50).length, 50);
    assert.equal(workspaceSymbols('', SOURCES.slice(0, 1)).length, 4); // the document and its 3 articles
  });
});
