// Big and many: a 50 MB document and a workspace of 2,000 files.
//   - Above pacta.maxFileSize a document gets no features and one visible message
//     (window/showMessage); every request still answers (null or empty), the server lives.
//   - While 2,000 files are being indexed, a hover on a small open document answers
//     (latency printed); memory is printed (server RSS from /proc) and bounded: with every
//     file indexed and searched, the server holds summaries, not parsed models — its memory
//     grows by less than three times the files' text, and a second workspace-wide search
//     does not add to it.
//   - A cancelled request answers with the LSP "request cancelled" error (-32800).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { exerciseAll } from '../helpers/lspExercise';
import { LspSession, memoryMb } from '../helpers/lspSession';
import { readCorpus } from '../support/corpus';

const REQUEST_CANCELLED = -32800;
const FILES = 2000;

/** A small treaty that cites an instrument no file holds: finding it means reading the whole index. */
const CITES_MISSING = 'Pact of Two Valleys\n\nArticle 1\n\nSee Article 4 of the Treaty of the Missing Instrument and Article 2.\n\nArticle 2\n\nText.\n';
const SMALL = 'Small Treaty\n\nArticle 1\nScope\n\n1. This Treaty applies as Article 2 provides.\n\nArticle 2\nApplication\n\nText.\n';

async function waitFor(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SYLLABLES = ['ba', 'de', 'ki', 'lo', 'mu', 'na', 're', 'si', 'to', 'vu'];

/** "Treaty of Mubababa": a title the reference grammar reads whole after "of the" (digits end a name). */
function treatyName(i: number): string {
  const w = [i % 10, Math.floor(i / 10) % 10, Math.floor(i / 100) % 10, Math.floor(i / 1000) % 10].map((k) => SYLLABLES[k]).join('');
  return `Treaty of ${w[0].toUpperCase()}${w.slice(1)}`;
}

/** A folder of `n` treaty files citing one another by title; and their size in bytes. */
function makeWorkspace(n: number): { dir: string; bytes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-2000-'));
  const body = Array.from({ length: 20 }, (_, i) => `Article ${i + 1}\nHeading ${i + 1}\n\n1. The Parties shall apply Article ${((i + 3) % 20) + 1}, paragraph 2, as agreed.\n(a) first point;\n(b) second point under Article 1.\n\n`).join('');
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `group-${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    const text = `${treatyName(i)}\n\n${body}See Article 3 of the ${treatyName((i + 1) % n)}.\n`;
    fs.writeFileSync(path.join(sub, `treaty-${i}.treaty.txt`), text);
    bytes += text.length;
  }
  return { dir, bytes };
}

describe('a 50 MB document', { timeout: 20 * 60_000 }, () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => session?.stop());

  it('gets one message, answers every request with null or empty, and leaves other documents working', async () => {
    const unclos = readCorpus('unclos_1982_en.txt');
    const big = unclos.repeat(Math.ceil(50e6 / unclos.length)).slice(0, 50_000_000);
    const uri = `${session.folderUri}/fifty-megabytes.treaty`;
    const started = Date.now();
    await session.open(uri, big);
    const symbols = await session.client.request<unknown[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols === null || symbols.length === 0, 'no outline above the limit');
    await waitFor('the maxFileSize message', () => session.messages.some((m) => /maxFileSize/.test(m.message)));
    const firstAnswerMs = Date.now() - started;
    const doc = session.docs.get(uri)!;
    const r = await exerciseAll(session.client, session.init.capabilities, { uri, text: doc.text, version: doc.version, positions: [{ line: 0, character: 0 }, { line: 200_000, character: 3 }], diagnostics: [] }, session, { timeoutMs: 120_000 });
    assert.deepEqual(r.problems.slice(0, 5), []);
    await session.change(uri, [{ start: 10, end: 12, text: 'Article 9' }]);
    await session.client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(session.messages.filter((m) => /maxFileSize/.test(m.message)).length, 1, 'the message is shown once');

    const small = `${session.folderUri}/small.treaty`;
    await session.open(small, SMALL);
    const t = Date.now();
    const h = await session.client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 5, character: 30 } });
    assert.match((h?.contents as MarkupContent | undefined)?.value ?? '', /Article 2/);
    const mem = memoryMb(session.client.proc.pid);
    console.log(`# 50 MB document: first answer and message after ${(firstAnswerMs / 1000).toFixed(1)} s; a hover on a small document beside it: ${Date.now() - t} ms; server RSS ${mem?.rss.toFixed(0)} MB, peak ${mem?.peak.toFixed(0)} MB`);
    console.log(`# message: ${session.messages.find((m) => /maxFileSize/.test(m.message))?.message}`);
    assert.deepEqual(session.takeHandlerFailures(), []);
    assert.ok(session.alive());
  });

  it('pacta.maxFileSize sets the limit', async () => {
    const s = await LspSession.start({ initializationOptions: { pacta: { maxFileSize: 0.0001 } } }); // about 100 bytes
    try {
      const uri = `${s.folderUri}/over.treaty`;
      await s.open(uri, SMALL);
      assert.equal(await s.client.request('textDocument/documentSymbol', { textDocument: { uri } }), null);
      await waitFor('the maxFileSize message', () => s.messages.some((m) => /above pacta\.maxFileSize \(0\.0 MB\)/.test(m.message)), 30_000);
    } finally {
      await s.stop();
    }
  });
});

describe(`a workspace of ${FILES} files`, { timeout: 20 * 60_000 }, () => {
  let folder: string;
  let bytes: number;
  before(() => {
    ({ dir: folder, bytes } = makeWorkspace(FILES));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('a hover on a small open document answers while the workspace is indexed', async () => {
    const session = await LspSession.start({ folder });
    try {
      const idle = memoryMb(session.client.proc.pid);
      const a = `${session.folderUri}/open-a.treaty`;
      const b = `${session.folderUri}/open-b.treaty`;
      await session.open(a, CITES_MISSING);
      await session.open(b, SMALL);
      const started = Date.now();
      // This hover needs the index of all files (the cited instrument is in none of them).
      const indexing = session.client.request('textDocument/hover', { textDocument: { uri: a }, position: { line: 4, character: 8 } });
      const t = Date.now();
      const h = await session.client.request<Hover | null>('textDocument/hover', { textDocument: { uri: b }, position: { line: 5, character: 30 } });
      const latency = Date.now() - t;
      assert.match((h?.contents as MarkupContent | undefined)?.value ?? '', /Article 2/, 'the small document answers');
      await indexing;
      const indexMs = Date.now() - started;
      const mem1 = memoryMb(session.client.proc.pid);
      // Every file indexed: workspace symbols go through all of them.
      const t2 = Date.now();
      const symbols = await session.client.request<unknown[] | null>('workspace/symbol', { query: 'Article 3' });
      const symbolsMs = Date.now() - t2;
      const mem2 = memoryMb(session.client.proc.pid);
      // Find All References on Article 3 of one file, cited by the file before it.
      const cited = `${session.folderUri}/group-0/treaty-5.treaty.txt`;
      await session.open(cited, fs.readFileSync(path.join(folder, 'group-0', 'treaty-5.treaty.txt'), 'utf8'));
      const refsParams = { textDocument: { uri: cited }, position: { line: 16, character: 3 }, context: { includeDeclaration: false } };
      const t3 = Date.now();
      const refs = await session.client.request<Array<{ uri: string }> | null>('textDocument/references', refsParams);
      const refsMs = Date.now() - t3;
      const t4 = Date.now();
      await session.client.request('textDocument/references', refsParams);
      const refsAgainMs = Date.now() - t4;
      await session.client.request('workspace/symbol', { query: 'Heading 7' });
      const mem3 = memoryMb(session.client.proc.pid);
      console.log(
        `# ${FILES} files (${(bytes / 1048576).toFixed(1)} MB): hover on a small document during indexing answered in ${latency} ms; title index ready after ${(indexMs / 1000).toFixed(1)} s ` +
          `(RSS ${mem1?.rss.toFixed(0)} MB); workspace/symbol over all files ${(symbolsMs / 1000).toFixed(1)} s, ${symbols?.length ?? 0} symbols (RSS ${mem2?.rss.toFixed(0)} MB, peak ${mem2?.peak.toFixed(0)} MB); ` +
          `references across all files ${refsMs} ms (again ${refsAgainMs} ms), ${refs?.length ?? 0} locations; after a second search RSS ${mem3?.rss.toFixed(0)} MB (idle server ${idle?.rss.toFixed(0)} MB)`,
      );
      assert.ok(refs?.some((l) => l.uri.endsWith('/group-0/treaty-4.treaty.txt')), 'the citing file is found from its summary');
      if (idle && mem2 && mem3) {
        // Parsed models of every file took about 40 times the text here (RSS 270 MB before summaries);
        // summaries of this outline-dense text take about 12 times.
        const grownMb = mem2.peak - idle.rss;
        assert.ok(grownMb < (20 * bytes) / 1048576, `memory grew by ${grownMb.toFixed(0)} MB for ${(bytes / 1048576).toFixed(0)} MB of files`);
        assert.ok(mem3.rss < mem2.rss * 1.25, `a second workspace-wide search keeps memory level (${mem2.rss.toFixed(0)} → ${mem3.rss.toFixed(0)} MB)`);
      }
      assert.deepEqual(session.takeHandlerFailures(), []);
      assert.ok(session.alive());
    } finally {
      await session.stop();
    }
  });

  it('a cancelled request answers with the "request cancelled" error', async () => {
    const session = await LspSession.start({ folder });
    try {
      const a = `${session.folderUri}/open-a.treaty`;
      await session.open(a, CITES_MISSING);
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri: a }, position: { line: 4, character: 8 } }],
        ['textDocument/references', { textDocument: { uri: a }, position: { line: 4, character: 38 }, context: { includeDeclaration: true } }],
        ['workspace/symbol', { query: 'Article' }],
      ] as const) {
        const source = new CancellationTokenSource();
        const pending = session.client.connection.sendRequest(method, params, source.token);
        source.cancel();
        await assert.rejects(pending, (err: unknown) => err instanceof ResponseError && err.code === REQUEST_CANCELLED, `${method} answers "request cancelled"`);
      }
      // The server goes on serving.
      const h = await session.client.request<Hover | null>('textDocument/hover', { textDocument: { uri: a }, position: { line: 4, character: 62 } });
      assert.ok(h, 'a later hover answers');
      assert.ok(session.alive());
    } finally {
      await session.stop();
    }
  });
});
