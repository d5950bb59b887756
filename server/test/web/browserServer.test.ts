// The browser build of the language server (dist/web/server.js, what the web extension
// starts as a Web Worker), run in a worker-like environment: a worker thread whose script
// runs in a fresh V8 context holding only what a Web Worker has (self with postMessage and
// onmessage, timers, TextEncoder/TextDecoder, URL) — no require, no process, no fs. Any
// Node API in the bundle fails here. Files come from the "client" through pacta/readFile,
// pacta/readDirectory and pacta/stat, as the web extension serves them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  ConfigurationRequest,
  createProtocolConnection,
  type DataCallback,
  type Disposable,
  type DocumentSymbol,
  type Hover,
  type MarkupContent,
  type Message,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { ensureBuilt } from '../helpers/build';
import { REPO } from '../helpers/paths';
import { positionOf, readCorpus } from '../helpers/text';

const BUNDLE = path.join(REPO, 'dist/web/server.js');

// Runs in the worker thread: a Web-Worker-shaped global object, then the bundle in it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const fs = require('node:fs');
const self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: () => undefined,
  set onmessage(listener) { parentPort.on('message', (data) => listener({ data })); },
};
const globals = { self, console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask,
  TextEncoder, TextDecoder, URL, URLSearchParams, structuredClone, AbortController, performance };
self.self = self;
const context = vm.createContext(Object.assign(Object.create(null), globals));
vm.runInContext(fs.readFileSync(workerData.bundle, 'utf8'), context, { filename: 'dist/web/server.js' });
`;

class WorkerReader extends AbstractMessageReader {
  constructor(private readonly worker: Worker) {
    super();
    worker.on('error', (e) => this.fireError(e));
  }
  listen(callback: DataCallback): Disposable {
    const onMessage = (m: Message) => callback(m);
    this.worker.on('message', onMessage);
    return { dispose: () => void this.worker.off('message', onMessage) };
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }
  async write(msg: Message): Promise<void> {
    this.worker.postMessage(msg);
  }
  end(): void {}
}

const FILES: Record<string, string> = {
  'memfs:/ws/library/un_charter.txt': readCorpus('un_charter_en.txt'),
  'memfs:/ws/notes.bin': 'not a treaty',
};
const NATO = readCorpus('north_atlantic_treaty_1949_en.txt');

describe('browser language server (dist/web/server.js) in a worker-like environment', () => {
  let worker: Worker;
  let client: ProtocolConnection;
  const asked: string[] = [];
  const stderr: string[] = [];

  before(async () => {
    ensureBuilt();
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bundle: BUNDLE }, stderr: true });
    worker.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    client = createProtocolConnection(new WorkerReader(worker), new WorkerWriter(worker));
    client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
    // The web extension's side of file access (client/src/serveFiles.ts), on a map.
    client.onRequest('pacta/readFile', ({ uri }: { uri: string }) => (asked.push(`read ${uri}`), FILES[uri] ?? null));
    client.onRequest('pacta/stat', ({ uri }: { uri: string }) => {
      if (FILES[uri] !== undefined) return { type: 'file', size: FILES[uri].length, mtime: 1 };
      return Object.keys(FILES).some((k) => k.startsWith(uri + '/')) ? { type: 'directory', size: 0, mtime: 1 } : null;
    });
    client.onRequest('pacta/readDirectory', ({ uri }: { uri: string }) => {
      asked.push(`list ${uri}`);
      const names = new Map<string, string>();
      for (const k of Object.keys(FILES)) {
        if (!k.startsWith(uri + '/')) continue;
        const rest = k.slice(uri.length + 1);
        names.set(rest.split('/')[0], rest.includes('/') ? 'directory' : 'file');
      }
      return [...names].map(([name, type]) => ({ name, type }));
    });
    client.listen();
    const init = (await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: [{ uri: 'memfs:/ws', name: 'ws' }],
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    })) as { serverInfo?: { name: string }; capabilities: { hoverProvider?: unknown } };
    assert.equal(init.serverInfo?.name, 'pacta-language-server');
    assert.ok(init.capabilities.hoverProvider);
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'memfs:/ws/nato.treaty.txt', languageId: 'treaty', version: 1, text: NATO },
    });
  });

  after(async () => {
    client?.dispose();
    await worker?.terminate();
  });

  it('answers document symbols for an open document', async () => {
    const symbols = (await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'memfs:/ws/nato.treaty.txt' } })) as DocumentSymbol[];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Article 5'), names.join(', '));
    assert.equal(names.filter((n) => /^Article \d+$/.test(n)).length, 14);
  });

  it('hovers a reference within the document', async () => {
    const text = NATO;
    const hover = (await client.sendRequest('textDocument/hover', {
      textDocument: { uri: 'memfs:/ws/nato.treaty.txt' },
      position: positionOf(text, 'purpose of Article 5', 1, 13),
    })) as Hover | null;
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as MarkupContent).value, /armed attack against one or more of them/);
  });

  it('hovers "Article 51 of the Charter" with the Charter read from the client through pacta/readFile', async () => {
    const hover = (await client.sendRequest('textDocument/hover', {
      textDocument: { uri: 'memfs:/ws/nato.treaty.txt' },
      position: positionOf(NATO, 'Article 51 of the Charter'),
    })) as Hover | null;
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as MarkupContent).value, /inherent right of individual or collective self-defen[cs]e/);
    assert.ok(asked.includes('list memfs:/ws'), asked.join(', '));
    assert.ok(asked.includes('read memfs:/ws/library/un_charter.txt'), asked.join(', '));
  });

  it('answers pacta/documentInfo, and ran without Node APIs', async () => {
    const info = (await client.sendRequest('pacta/documentInfo', { textDocument: { uri: 'memfs:/ws/nato.treaty.txt' } })) as { articles: number; language: string };
    assert.equal(info.articles, 14);
    assert.equal(info.language, 'en');
    assert.equal(stderr.join(''), '', 'the worker wrote nothing to stderr');
  });
});
