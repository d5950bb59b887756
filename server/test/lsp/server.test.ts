// The language server through a real LSP connection: the built binary over stdio.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentSymbol, Hover, LocationLink, MarkupContent } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { LspClient } from '../helpers/lsp';
import { corpusFile } from '../helpers/paths';
import { positionOf } from '../helpers/text';

const NATO = 'north_atlantic_treaty_1949_en.txt';
const CHARTER = 'un_charter_en.txt';

let tmp: string;

function makeFolder(name: string, files: string[]): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  // Copies at test time into a temp folder: the corpus itself stays outside the project.
  for (const f of files) fs.copyFileSync(corpusFile(f), path.join(dir, f));
  return dir;
}

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

async function open(client: LspClient, file: string, text = fs.readFileSync(file, 'utf8'), version = 1): Promise<string> {
  const uri = pathToFileURL(file).href;
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version, text } });
  return uri;
}

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-lsp-'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  let client: LspClient;
  let folder: string;
  let natoUri: string;
  let natoText: string;

  before(async () => {
    folder = makeFolder('ws', [NATO, CHARTER]);
    const started = await LspClient.start({
      folders: [pathToFileURL(folder).href],
      configuration: { library: [], hover: { maxLength: 5000 } },
    });
    client = started.client;
    const caps = started.result.capabilities;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.definitionProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    natoText = fs.readFileSync(path.join(folder, NATO), 'utf8');
    natoUri = await open(client, path.join(folder, NATO), natoText);
  });

  after(async () => {
    if (client) client.kill();
  });

  it('asks the client for the pacta settings', async () => {
    await client.request('textDocument/documentSymbol', { textDocument: { uri: natoUri } });
    assert.ok(
      client.configurationRequests.some((p) => JSON.stringify(p).includes('"section":"pacta"')),
      JSON.stringify(client.configurationRequests),
    );
  });

  it('outlines the open document', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: natoUri } });
    const articles = symbols.filter((s) => s.name.startsWith('Article'));
    assert.equal(articles.length, 14);
    assert.equal(articles[4].name, 'Article 5');
    assert.equal(articles[4].selectionRange.start.line, positionOf(natoText, '\nArticle 5\n', 1, 1).line);
  });

  it("hovers NATO's Article 51 citation with the Charter's text, the Charter only on disk", async () => {
    const h = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: natoUri },
      position: positionOf(natoText, 'Article 51 of the Charter', 1, 4),
    });
    const md = hoverText(h);
    assert.match(md, /\*\*Charter of the United Nations › Chapter VII › Article 51\*\*/);
    assert.match(md, /inherent right of individual or collective self-defense/);
    assert.equal(h.range?.start.line, positionOf(natoText, 'Article 51 of the Charter', 1, 0).line);
  });

  it('goes to Charter Article 51 in the file on disk', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', {
      textDocument: { uri: natoUri },
      position: positionOf(natoText, 'Article 51 of the Charter', 1, 2),
    });
    assert.equal(links.length, 1);
    assert.equal(fileURLToPath(links[0].targetUri), path.join(folder, CHARTER));
    const charterText = fs.readFileSync(path.join(folder, CHARTER), 'utf8');
    const line = positionOf(charterText, '\nArticle 51\n', 1, 1).line;
    assert.deepEqual(links[0].targetSelectionRange.start, { line, character: 0 });
  });

  it('hovers and links an internal reference', async () => {
    const pos = positionOf(natoText, 'For the purpose of Article 5', 1, 'For the purpose of '.length + 2);
    const md = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: natoUri }, position: pos }));
    assert.match(md, /› Article 5\*\*/);
    assert.match(md, /armed attack against one or more of them/);
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: natoUri }, position: pos });
    assert.equal(links[0].targetUri, natoUri);
  });

  it('follows incremental edits', async () => {
    const at = positionOf(natoText, 'For the purpose of Article 5', 1, 'For the purpose of Article 5'.length);
    await client.notify('textDocument/didChange', {
      textDocument: { uri: natoUri, version: 2 },
      contentChanges: [{ range: { start: at, end: at }, text: '5' }], // Article 5 -> Article 55
    });
    const md = hoverText(
      await client.request<Hover>('textDocument/hover', { textDocument: { uri: natoUri }, position: { line: at.line, character: at.character - 1 } }),
    );
    assert.match(md, /Article 55/);
    assert.match(md, /no Article 55/);
    await client.notify('textDocument/didChange', {
      textDocument: { uri: natoUri, version: 3 },
      contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }],
    });
    const back = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: natoUri }, position: at }));
    assert.match(back, /armed attack against one or more of them/);
  });

  it('applies pacta.hover.maxLength from the configuration', async () => {
    client.configuration = { hover: { maxLength: 80 } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const md = hoverText(
      await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: natoUri },
        position: positionOf(natoText, 'Article 51 of the Charter', 1, 4),
      }),
    );
    assert.match(md, /… \(cut: \d+ of \d+ characters shown\)/);
    client.configuration = { hover: { maxLength: 'not a number' } }; // wrong type: the default applies
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const md2 = hoverText(
      await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: natoUri },
        position: positionOf(natoText, 'Article 51 of the Charter', 1, 4),
      }),
    );
    assert.doesNotMatch(md2, /cut:/);
  });

  it('answers null for unknown documents and odd positions, and keeps running', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } }), null);
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri: natoUri }, position: { line: 99999, character: 99999 } }),
      null,
    );
    const junk = path.join(tmp, 'junk.treaty');
    const junkText = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const junkUri = await open(client, junk, junkText);
    const symbols = await client.request<unknown[] | null>('textDocument/documentSymbol', { textDocument: { uri: junkUri } });
    assert.ok(symbols === null || Array.isArray(symbols));
    await client.notify('textDocument/didClose', { textDocument: { uri: junkUri } });
    const again = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: natoUri } });
    assert.ok(again.length > 0, 'still serving');
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server without workspace/configuration', () => {
  it('takes pacta.library from initializationOptions and resolves into it', async () => {
    const ws = makeFolder('ws2', [NATO]);
    const lib = makeFolder('lib2', [CHARTER]);
    const { client } = await LspClient.start({
      folders: [pathToFileURL(ws).href],
      initializationOptions: { pacta: { library: [lib], hover: { maxLength: 60 } } },
      linkSupport: false,
    });
    try {
      const text = fs.readFileSync(path.join(ws, NATO), 'utf8');
      const uri = await open(client, path.join(ws, NATO), text);
      const position = positionOf(text, 'Article 51 of the Charter', 1, 4);
      const md = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position }));
      assert.match(md, /Charter of the United Nations › Chapter VII › Article 51/);
      assert.match(md, /cut:/);
      const links = await client.request<Array<{ uri: string }>>('textDocument/definition', { textDocument: { uri }, position });
      assert.equal(fileURLToPath(links[0].uri), path.join(lib, CHARTER), 'plain Location without linkSupport');
      assert.equal(client.configurationRequests.length, 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('says how to make an external reference resolve when the Charter is nowhere', async () => {
    const ws = makeFolder('ws3', [NATO]);
    const { client } = await LspClient.start({ folders: [pathToFileURL(ws).href] });
    try {
      const text = fs.readFileSync(path.join(ws, NATO), 'utf8');
      const uri = await open(client, path.join(ws, NATO), text);
      const md = hoverText(
        await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Article 51 of the Charter', 1, 4) }),
      );
      assert.match(md, /pacta\.library/);
      // A Charter outside the workspace is never read, even next to it.
      fs.copyFileSync(corpusFile(CHARTER), path.join(tmp, CHARTER));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [] });
      const md2 = hoverText(
        await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Article 51 of the Charter', 1, 4) }),
      );
      assert.match(md2, /not available/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('the stdio transport', () => {
  it('sends the outline as ASCII JSON, and keeps stray console output off stdout', async () => {
    // Loaded before the server: prints through the console once the server is listening.
    const preload = path.join(tmp, 'stray-console.cjs');
    fs.writeFileSync(preload, "setTimeout(() => console.log('stray line from a library'), 300);\n");
    const bin = path.join(__dirname, '../../../bin/pacta-language-server.js');
    const { client } = await LspClient.start({ folders: [], serverArgs: ['--require', preload, bin, '--stdio'] });
    const wire: Buffer[] = [];
    client.proc.stdout!.on('data', (d: Buffer) => wire.push(d));
    try {
      const uri = 'file:///tmp/draft.treaty';
      const text = 'Treaty of Tests\n\nArticle 1 — Scope of “this Treaty”\n\n1. 제1조 applies.\n';
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols[0].name, 'Article 1 — Scope of “this Treaty”');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The answer came as a pure ASCII message (the names escaped), and the server still answers.
      const raw = Buffer.concat(wire).toString('latin1');
      const answer = raw.split('Content-Length').find((m) => m.includes('"result":[{"name"'));
      assert.ok(answer, raw.slice(0, 500));
      assert.match(answer, /^[\x00-\x7f]*$/);
      assert.ok(answer.includes('Article 1 \\u2014 Scope'));
      assert.ok(!raw.includes('stray line'), 'the console is not on stdout');
      assert.match(client.stderr.join(''), /stray line from a library/);
      assert.ok(await client.request('textDocument/documentSymbol', { textDocument: { uri } }));
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
