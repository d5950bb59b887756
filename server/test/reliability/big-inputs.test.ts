// The worst fixed inputs, through a real LSP connection: 100,000-deep brackets, a 10 MB line,
// a megabyte of lone CRs, control characters and lone surrogates, mixed scripts, 100,000
// headings. Each is opened, edited once, and every advertised request is asked at its start,
// middle and end: a well-formed answer or null, no handler failure, the server alive.
// (The same inputs on the model alone: server/test/model/robustness.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fnv1a, type CanonicalModel } from '../../src/features/debugModel';
import { FUZZ_SCALE } from '../helpers/fuzz';
import { exerciseAll } from '../helpers/lspExercise';
import { cpuSeconds, LspSession, memoryMb } from '../helpers/lspSession';

/** `npm run fuzz` (PACTA_FUZZ_SCALE > 1) adds the slowest inputs: minutes of CPU on a loaded machine. */
const HEAVY = FUZZ_SCALE > 1;

const BIG: Array<[string, () => string]> = [
  ['100,000-deep brackets', () => 'Article 1\n' + '('.repeat(100_000) + '\nSee Article 1((((a)\n' + ')'.repeat(100_000) + '[('.repeat(100_000)],
  ['a 10 MB line, a reference every 200 characters', () => 'The Parties shall ensure that the measures referred to in Article 3 are applied in good faith and without delay by every competent authority, as agreed; '.repeat(66_000)],
  ['a 10 MB line of junk', () => junkLine(10_000_000)],
  ['lone CRs and U+2028 by the hundred thousand', () => 'Article 1\r'.repeat(1000) + '\r'.repeat(HEAVY ? 500_000 : 200_000) + '\u2028'.repeat(HEAVY ? 500_000 : 200_000)],
  ['control characters and lone surrogates', () => 'Article 1\u0000\u0001\ud800 see Article 1(\udc00\n\u0085Article 2\u000b(a)\ufeff\uffff\n'.repeat(HEAVY ? 5000 : 2000)],
  ['mixed scripts and mixed line ends', () => ['Статья 1', '제1조 (목적)', 'المادة 1', '第一条', 'Article 1 — Scope', '1. See Article 2(a).', 'Article 2', '(a) 😀 see 제1조'].join('\r\n').repeat(HEAVY ? 1000 : 100).replace(/\r\n(?=Article 2)/g, '\r')],
  ['"Article 1" headings, all the same', () => 'Article 1\n'.repeat(HEAVY ? 10_000 : 1000)],
  ['deep divisions, every level', () => 'PART I\nTITLE I\nCHAPTER I\nSECTION 1\nSUBSECTION A\nArticle 1\n1. See Article 1(1)(a)(i).\n(a) text\n(i) text\n'.repeat(HEAVY ? 2000 : 200)],
  ['a run of point labels', () => 'Article 1\n' + '(a)(b)(c)(i)(ii) '.repeat(HEAVY ? 300_000 : 30_000)],
  ...(HEAVY ? ([['a 10 MB line of references, 400,000 of them', () => 'see Article 1 and paragraph 2 (a) of Article 3, '.repeat(200_000)]] as Array<[string, () => string]>) : []),
];

/** Pseudo-random characters from every range the fuzz uses, one long line. */
function junkLine(length: number): string {
  const parts: string[] = [];
  let seed = 11;
  const pools = ['()[].,  0123456789IVX', 'Article paragraph of the ', '\u0000\u0001\u001f\u007f\ud800\udc00\u200e\u202e', 'Статья제조第条المادة'];
  for (let n = 0; n < length; ) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const pool = pools[seed % pools.length];
    const chunk = pool.slice(seed % pool.length) + pool.slice(0, seed % 7);
    parts.push(chunk);
    n += chunk.length;
  }
  return parts.join('').replace(/[\r\n]/g, ' ').slice(0, length);
}

describe('diagnostics stay proportional to the text', { timeout: 10 * 60_000 }, () => {
  /** Opens a document and waits for its first published diagnostics. */
  const published = async (session: LspSession, name: string, text: string) => {
    const uri = `${session.folderUri}/${name}.treaty`;
    await session.open(uri, text);
    const until = Date.now() + 120_000;
    while (!session.diagnostics.get(uri)?.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const ds = session.diagnostics.get(uri) ?? [];
    await session.close(uri);
    return ds;
  };

  // n "Article 1" headings and n references to "Article 1": each reference is ambiguous. When
  // each listed every twin the diagnostics grew as references × headings (16.6 MB for 300 × 300,
  // 10,000 × 10,000 did not finish); each now names the first three.
  it('a document of duplicate articles gets diagnostics linear in its size', async () => {
    const session = await LspSession.start();
    try {
      const measure = async (n: number) => {
        const ds = await published(session, `duplicates-${n}`, 'Article 1\nSee Article 1.\n'.repeat(n));
        const related = ds.reduce((sum, d) => sum + (d.relatedInformation?.length ?? 0), 0);
        return { count: ds.length, related, bytes: JSON.stringify(ds).length };
      };
      // Both under the default cap of 1,000 (n references + n - 1 numbering faults).
      const small = await measure(100);
      const big = await measure(400);
      console.log(`# duplicate articles: 100 → ${small.count} diagnostics, ${small.related} related, ${(small.bytes / 1e3).toFixed(0)} kB; 400 → ${big.count}, ${big.related}, ${(big.bytes / 1e3).toFixed(0)} kB (×${(big.bytes / small.bytes).toFixed(1)})`);
      assert.equal(big.count, 400 + 399, 'every ambiguous reference and numbering fault is published');
      assert.ok(big.related <= 3 * big.count, `${big.related} related locations for ${big.count} diagnostics`);
      // 4× the text: linear is about 4×, references × twins 16×.
      assert.ok(big.bytes < 6 * small.bytes, `diagnostics grew ×${(big.bytes / small.bytes).toFixed(1)} for 4× the text`);
    } finally {
      await session.stop();
    }
  });

  // 1,500 references to articles a one-article text lacks: pacta.diagnostics.maxPerDocument
  // (1,000 by default) findings, then one note saying how many more there are.
  it('publishes at most pacta.diagnostics.maxPerDocument diagnostics and says how many more there are', async () => {
    const text = 'Article 1\n' + Array.from({ length: 1500 }, (_, i) => `See Article ${i + 2}.`).join('\n');
    for (const [max, pacta] of [[1000, {}], [100, { diagnostics: { maxPerDocument: 100 } }]] as const) {
      const session = await LspSession.start({ initializationOptions: { pacta } });
      try {
        const ds = await published(session, `capped-${max}`, text);
        assert.equal(ds.length, max + 1);
        assert.equal(ds.filter((d) => d.code === 'brokenReference').length, max);
        const note = ds[ds.length - 1];
        assert.equal(note.code, 'moreNotShown');
        assert.match(String(note.message), new RegExp(`first ${max.toLocaleString('en-US')} problems in this document; ${(1500 - max).toLocaleString('en-US')} more`));
        assert.match(String(note.message), /pacta\.diagnostics\.maxPerDocument/);
      } finally {
        await session.stop();
      }
    }
  });
});

describe('renumbering stays proportional to the text', { timeout: 10 * 60_000 }, () => {
  // Renumber Articles Sequentially on 500 and 2,000 articles (every other number missing, each
  // cited once): server CPU should grow about 4×. It grew about 15× while checkRenumbering
  // mapped each provision and reference through every change in turn (n × changes).
  it('renumberSequentially: server CPU at 4n is under 12× that at n', async () => {
    const session = await LspSession.start();
    try {
      const cpuFor = async (n: number): Promise<number> => {
        const uri = `${session.folderUri}/renumber-${n}.treaty`;
        await session.open(uri, Array.from({ length: n }, (_, i) => `Article ${i * 2 + 1}\nSee Article ${i + 1}.\n`).join(''));
        await session.client.request('textDocument/documentSymbol', { textDocument: { uri } });
        const before = cpuSeconds(session.client.proc.pid) ?? 0;
        await session.client.connection.sendRequest('workspace/executeCommand', { command: 'pacta.server.renumberSequentially', arguments: [{ uri, position: { line: 0, character: 1 }, kind: 'article' }] });
        const used = (cpuSeconds(session.client.proc.pid) ?? 0) - before;
        await session.close(uri);
        return used;
      };
      await cpuFor(200); // warm up
      // The lesser of two runs each: a busy machine only ever adds CPU time.
      const small = Math.min(await cpuFor(500), await cpuFor(500));
      const big = Math.min(await cpuFor(2000), await cpuFor(2000));
      console.log(`# renumberSequentially: ${small.toFixed(2)} s CPU for 500 articles, ${big.toFixed(2)} s for 2,000 (×${(big / Math.max(small, 0.01)).toFixed(1)})`);
      assert.ok(big < 12 * Math.max(small, 0.05));
    } finally {
      await session.stop();
    }
  });
});

describe('big and hostile inputs through LSP', { timeout: 20 * 60_000 }, () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session?.stop();
  });

  for (const [name, make] of BIG) {
    it(name, async () => {
      const text = make();
      const uri = `${session.folderUri}/${name.replace(/\W+/g, '-')}.treaty`;
      const started = Date.now();
      const cpu0 = cpuSeconds(session.client.proc.pid) ?? 0;
      await session.open(uri, text);
      try {
        for (const round of [0, 1]) {
          if (round === 1) {
            await session.change(uri, [{ start: Math.floor(text.length / 2), end: Math.floor(text.length / 2) + 3, text: '\nArticle 9\n' }]);
            // The edited model equals a fresh parse; `npm run fuzz` also asks everything again.
            const held = await session.client.connection.sendRequest<CanonicalModel | null>('pacta/debugModel', { textDocument: { uri } });
            assert.equal(held?.textHash, fnv1a(session.docs.get(uri)!.text), 'the server holds the edited text');
            if (!HEAVY) break;
          }
          const doc = session.docs.get(uri)!;
          const positions = [0, Math.floor(doc.text.length / 2), doc.text.length].map((o) => session.positionAt(uri, o));
          // Generous: the point is that it answers at all; CPU figures are printed below.
          const r = await exerciseAll(session.client, session.init.capabilities, { uri, text: doc.text, version: doc.version, positions, diagnostics: session.diagnostics.get(uri) ?? [] }, session, { timeoutMs: 600_000 });
          const slow = [...r.slowest].filter(([, s]) => s.ms > 2000).map(([m, s]) => `${m} ${(s.ms / 1000).toFixed(1)} s`);
          if (slow.length) console.log(`# ${name}, round ${round}: slowest requests: ${slow.join(', ')}`);
          assert.deepEqual(r.problems.slice(0, 5), [], 'malformed answers or errors');
          assert.deepEqual(session.takeHandlerFailures(), [], 'handlers that threw');
        }
        const cpu = (cpuSeconds(session.client.proc.pid) ?? 0) - cpu0;
        const mem = memoryMb(session.client.proc.pid);
        console.log(`# ${name}: ${(text.length / 1e6).toFixed(1)} M characters; every request${HEAVY ? ', before and after an edit' : ''}: server CPU ${cpu.toFixed(1)} s, wall ${((Date.now() - started) / 1000).toFixed(1)} s; server RSS ${mem?.rss.toFixed(0)} MB (peak ${mem?.peak.toFixed(0)} MB)`);
      } finally {
        await session.close(uri);
      }
      assert.ok(session.alive(), 'the server is alive');
    });
  }
});
