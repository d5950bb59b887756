// Through a real stdio connection to the built server (bin/pacta-language-server.js --stdio):
//   1. hover and definition on an unchanged UNCLOS: p50/p99 over 1,000+ requests, with the
//      transport's floor (a request the server does not handle) and a bare vscode-languageserver
//      beside them; then the same through a lean client (leanClient.ts), beside an echo server
//      with no library at either end;
//   2. one keystroke (an incremental didChange) in a 5 MB treaty, then the next documentSymbol /
//      hover / definition / references / semantic tokens delta answer, the next diagnostics, and
//      the outline's floor (a server that only writes the same outline, prebuilt).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-protocol';
import { asciiJson } from '../src/features/asciiJson';
import { ChunkedText, LineIndex, parseTreaty } from '../src/model';
import type { LspClient } from '../test/helpers/lsp';
import { ECHO_SERVER, LeanClient } from './leanClient';
import { build, LEAN_CAPABILITIES, processCpuMs, processRss, SERVER_BIN, startCannedServer, startServer, timedRequest } from './lspHarness';
import { UNCLOS } from './realTexts';
import { generateTreaty } from './synthetic';
import { mb, median, ms, percentile, section, size, sleep, table } from './util';

export interface LspOptions {
  /** Requests per kind on UNCLOS. */
  requests: number;
  /** Keystrokes per request kind in the big document. */
  keystrokes: number;
  bigChars: number;
}

interface Series {
  name: string;
  times: number[];
  serverCpuMs?: number;
}

function seriesRow(s: Series): Array<string | number> {
  const perRequest = s.serverCpuMs === undefined ? '–' : ms(s.serverCpuMs / s.times.length);
  return [s.name, s.times.length, ms(median(s.times)), ms(percentile(s.times, 90)), ms(percentile(s.times, 99)), ms(Math.max(...s.times)), perRequest];
}

const SERIES_HEADER = ['request', 'n', 'p50', 'p90', 'p99', 'max', 'server cpu / request'];

/** One end of a connection the benchmark times: the server's pid (for /proc) and how to ask it. */
interface Requester {
  pid: number | undefined;
  send(method: string, params: unknown): Promise<unknown>;
}

/** Through vscode-jsonrpc's client, as VS Code's is; an error answer resolves too (the floor's unhandled method). */
function viaLibrary(client: LspClient): Requester {
  return { pid: client.proc.pid, send: (method, params) => client.connection.sendRequest(method, params).catch(() => undefined) };
}

/** Through the lean client: framing only. */
function viaLean(client: LeanClient): Requester {
  return { pid: client.proc.pid, send: (method, params) => client.request(method, params) };
}

/** Sends `n` requests one after another (each waits for the previous answer), timing each. */
async function sequence(to: Requester, name: string, n: number, method: string, params: (i: number) => unknown): Promise<Series> {
  const cpu0 = processCpuMs(to.pid);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await to.send(method, params(i));
    times.push(performance.now() - t0);
  }
  const cpu1 = processCpuMs(to.pid);
  return { name, times, serverCpuMs: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined };
}

/** A series of requests: its row's name, the server it goes to, the method and each request's params. */
type Kind = [name: string, to: Requester, method: string, params: (i: number) => unknown];

/** `n` rounds of one request of each kind, each timed on its own. */
async function interleaved(n: number, kinds: readonly Kind[]): Promise<number[][]> {
  const times = kinds.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (const [k, [, to, method, params]] of kinds.entries()) {
      const t0 = performance.now();
      await to.send(method, params(i));
      times[k].push(performance.now() - t0);
    }
  }
  return times;
}

async function open(client: LspClient, uri: string, text: string): Promise<void> {
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
}

async function unchangedUnclos(opts: LspOptions): Promise<void> {
  const text = readFileSync(UNCLOS, 'utf8');
  const lines = new LineIndex(text);
  const positions: Position[] = parseTreaty(text).references.map((r) => lines.positionAt(r.start + 1));
  const uri = pathToFileURL(UNCLOS).href;
  const { client } = await startServer([]);
  const bare = await startServer([], true);
  const echo = await LeanClient.start(['-e', ECHO_SERVER], {});
  const lean = await LeanClient.start([SERVER_BIN, '--stdio'], LEAN_CAPABILITIES);
  try {
    await open(client, uri, text);
    lean.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
    const at = (i: number) => ({ textDocument: { uri }, position: positions[(i * 7) % positions.length] });
    const none = () => ({});
    const [library, bareLibrary, echoLean, pactaLean] = [viaLibrary(client), viaLibrary(bare.client), viaLean(echo), viaLean(lean)];
    // Warm-up: the first request parses; JIT settles.
    for (const to of [library, pactaLean]) {
      await sequence(to, 'warm-up', 200, 'textDocument/hover', at);
      await sequence(to, 'warm-up', 200, 'textDocument/definition', at);
    }
    for (const to of [library, bareLibrary, echoLean, pactaLean]) await sequence(to, 'warm-up', 200, 'pacta/benchNoSuchRequest', none);
    const kinds: Kind[] = [
      ['bare vscode-languageserver, no handlers (unhandled request)', bareLibrary, 'pacta/benchNoSuchRequest', none],
      ['transport floor (unhandled request)', library, 'pacta/benchNoSuchRequest', none],
      ['hover', library, 'textDocument/hover', at],
      ['definition', library, 'textDocument/definition', at],
      ['lean client: echo server, no library at either end', echoLean, 'pacta/benchNoSuchRequest', none],
      ['lean client: transport floor (unhandled request)', pactaLean, 'pacta/benchNoSuchRequest', none],
      ['lean client: hover', pactaLean, 'textDocument/hover', at],
      ['lean client: definition', pactaLean, 'textDocument/definition', at],
    ];
    // Latency: the kinds take turns, so a burst of noise from the machine (another process, a
    // collection in either process) falls on all of them alike rather than on whichever series
    // happened to be running.
    const times = await interleaved(opts.requests, kinds);
    // Server CPU per request needs each kind on its own: /proc counts the whole process.
    const rows = [];
    for (const [k, [name, to, method, params]] of kinds.entries()) {
      const alone = await sequence(to, name, opts.requests, method, params);
      rows.push(seriesRow({ name, times: times[k], serverCpuMs: alone.serverCpuMs }));
    }
    console.log(`UNCLOS (${size(text.length)}, ${positions.length} references), opened once and unchanged; requests one after another,`);
    console.log('the kinds in turn, cycling over its references; time from sending to the answer, as the client sees it.');
    console.log("The first four rows go through vscode-jsonrpc's client (VS Code's); the first of them is another server:");
    console.log('vscode-languageserver with no handler at all, started the same way, so its p99 is what the library and');
    console.log("this machine's pipes and scheduler cost any server. The last four go through a lean client (framing only,");
    console.log("as Neovim's and Helix's clients are not vscode-jsonrpc); the first of them talks to an echo server with no");
    console.log('library either, so its p99 is what the pipes and the scheduler alone cost. Server CPU is read from /proc');
    console.log('(10 ms ticks) over a second run of each kind on its own, divided by the number of requests.');
    console.log('');
    console.log(table(SERIES_HEADER, rows));
  } finally {
    await lean.stop().catch(() => lean.proc.kill());
    await echo.stop().catch(() => echo.proc.kill());
    await bare.client.stop().catch(() => bare.client.kill());
    await client.stop().catch(() => client.kill());
  }
}

async function keystrokes(opts: LspOptions): Promise<void> {
  const t = generateTreaty({ targetChars: opts.bigChars, seed: 42, markdown: false });
  const uri = 'file:///bench/big.treaty';
  const lines = new LineIndex(t.text);
  // A reference before the edit point, so typing does not move it; the heading of the middle article for references.
  const refIndex = t.refOffsets.findIndex((o) => o > t.editOffset) - 3;
  const refPos = lines.positionAt(t.refOffsets[Math.max(0, refIndex)] + 1);
  const headingPos = lines.positionAt(t.articleOffsets[Math.floor(t.articleOffsets.length / 2) - 1] + 2);
  // One character after the edit point, as bench/incremental.ts: typing at the very point makes "1. xA…"
  // end the heading above, a structure change that the first keystroke would pay a full parse for.
  const editPos = lines.positionAt(t.editOffset + 1);

  const { client, result } = await startServer([]);
  const caps = result.capabilities;
  const published = new Map<number, number>(); // version → time the diagnostics arrived
  client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    if (p.uri === uri && p.version !== undefined) published.set(p.version, performance.now());
  });
  try {
    const t0 = performance.now();
    await open(client, uri, t.text);
    const first = await timedRequest<unknown[]>(client, 'textDocument/documentSymbol', { textDocument: { uri } });
    const openMs = performance.now() - t0;
    const outlineBytes = JSON.stringify(first.result).length;
    const outlineJson = jsonRoundTrip(first.result, opts.keystrokes);
    const rssAfterOpen = processRss(client.proc.pid);
    // Does the server push diagnostics? Then every keystroke below waits for the last one's to
    // arrive first (a pause in typing), so debounced work does not land in the next request.
    const pushes = await waitFor(() => published.has(1), 30_000);
    const settle = async (v: number) => {
      if (pushes) await waitFor(() => published.has(v), 30_000);
      await sleep(50);
    };

    let version = 1;
    let typed = 0;
    const keystroke = async () => {
      version++;
      const at = { line: editPos.line, character: editPos.character + typed++ };
      await client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: 'x' }],
      });
    };
    // Semantic tokens as VS Code asks for them after an edit: a delta from the last result.
    let tokensResult: string | undefined = ((await timedRequest<{ resultId?: string }>(client, 'textDocument/semanticTokens/full', { textDocument: { uri } })).result ?? {}).resultId;
    const kinds: Array<[string, string, () => unknown, boolean]> = [
      ['documentSymbol (outline)', 'textDocument/documentSymbol', () => ({ textDocument: { uri } }), true],
      ['hover', 'textDocument/hover', () => ({ textDocument: { uri }, position: refPos }), true],
      ['definition', 'textDocument/definition', () => ({ textDocument: { uri }, position: refPos }), true],
      ['references', 'textDocument/references', () => ({ textDocument: { uri }, position: headingPos, context: { includeDeclaration: true } }), !!caps.referencesProvider],
      ['semanticTokens/full/delta', 'textDocument/semanticTokens/full/delta', () => ({ textDocument: { uri }, previousResultId: tokensResult ?? '' }), !!caps.semanticTokensProvider],
    ];
    const rows: Array<Array<string | number>> = [];
    for (const [name, method, params, supported] of kinds) {
      if (!supported) {
        rows.push([name, '–', 'not offered by the server', '', '', '']);
        continue;
      }
      const times: number[] = [];
      const cpu: number[] = [];
      for (let k = 0; k < opts.keystrokes; k++) {
        await settle(version);
        const c0 = processCpuMs(client.proc.pid);
        const s = performance.now();
        await keystroke();
        const answer = await timedRequest<{ resultId?: string } | null>(client, method, params());
        times.push(performance.now() - s);
        if (answer.result?.resultId) tokensResult = answer.result.resultId;
        const c1 = processCpuMs(client.proc.pid);
        if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
      }
      rows.push([name, times.length, ms(median(times)), ms(Math.max(...times)), ms(Math.min(...times)), cpu.length ? ms(median(cpu)) : '–']);
    }

    // Diagnostics are pushed after a quiet time; measured from the keystroke to the publication of that version.
    const diag: number[] = [];
    for (let k = 0; pushes && k < opts.keystrokes; k++) {
      await settle(version);
      const s = performance.now();
      await keystroke();
      const v = version;
      if (await waitFor(() => published.has(v), 30_000)) diag.push(published.get(v)! - s);
    }
    rows.push(
      diag.length
        ? ['publishDiagnostics (quiet time only after a costly round)', diag.length, ms(median(diag)), ms(Math.max(...diag)), ms(Math.min(...diag)), '–']
        : ['publishDiagnostics', 0, 'none published within 30 s', '', '', ''],
    );

    rows.push(await cannedOutline(asciiJson(first.result), uri, opts.keystrokes));

    console.log('');
    console.log(`One keystroke in a ${size(t.text.length)} synthetic treaty (${t.articles} articles, ${t.references} references): an incremental`);
    console.log('didChange inserting one character in the middle, then the request; time from the didChange to the answer.');
    console.log(`Opening it (didOpen with the whole text) and the first outline took ${ms(openMs)}; the outline is ${mb(outlineBytes)} of JSON;`);
    console.log(`server RSS after opening: ${rssAfterOpen ? mb(rssAfterOpen) : '–'}.`);
    console.log('');
    console.log(table(['after a keystroke', 'n', 'median', 'max', 'min', 'server cpu (median)'], rows));
    const floor = joinFloor(t.text, opts.keystrokes);
    console.log('');
    console.log(`What the server no longer pays per keystroke: a new version of this text as one string (joined around the`);
    console.log(`edit, then read once, which makes V8 copy it whole) takes ${ms(floor.join)} median in this process on this machine; the`);
    console.log(`same edit as chunks (model/text.ts, as the server now holds open documents) takes ${ms(floor.chunked)}. The copy costs the first`);
    console.log('touch of newly mapped pages, which V8 takes for every string above 128 KB.');
    console.log(`The outline's answer alone, as JSON in this process: vscode-jsonrpc's writer (stringify, UTF-8) takes ${ms(outlineJson.write)},`);
    console.log(`which this server no longer pays per keystroke (it keeps each symbol's JSON, streamMessageWriter.ts); reading it`);
    console.log(`(decode, parse), which every client pays: ${ms(outlineJson.read)} as UTF-8 text, ${ms(outlineJson.readAscii)} as the ASCII this server sends.`);
  } finally {
    await client.stop().catch(() => client.kill());
  }
}

/**
 * The floor under the outline row: a server that does no work and writes the same outline,
 * prebuilt (lspHarness.ts CANNED_SERVER), asked the same way after the same didChange.
 */
async function cannedOutline(json: string, uri: string, n: number): Promise<Array<string | number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pacta-bench-outline-'));
  const file = path.join(dir, 'outline.json');
  writeFileSync(file, json, 'latin1');
  const client = await startCannedServer(file);
  try {
    const times: number[] = [];
    const at = { line: 0, character: 0 };
    for (let k = 0; k < n; k++) {
      await sleep(50);
      const s = performance.now();
      await client.notify('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
      const answer = await timedRequest<unknown[]>(client, 'textDocument/documentSymbol', { textDocument: { uri } });
      times.push(performance.now() - s);
      if (!Array.isArray(answer.result) || answer.result.length === 0) throw new Error('the canned server sent no outline');
    }
    return ['floor: the same outline, prebuilt, from a server that does nothing else', times.length, ms(median(times)), ms(Math.max(...times)), ms(Math.min(...times)), '–'];
  } finally {
    await client.stop().catch(() => client.kill());
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a server holding each version as one flat string pays per keystroke: join the text
 * around a one-character edit and read it (the read flattens the join into new memory); beside
 * it, the same edit to a ChunkedText and a read at the edit.
 */
function joinFloor(text: string, n: number): { join: number; chunked: number } {
  const join: number[] = [];
  const chunked: number[] = [];
  let current = text;
  let chunks = ChunkedText.of(text);
  for (let k = 0; k < Math.max(5, n); k++) {
    const at = (current.length >> 1) + k;
    let t0 = performance.now();
    const next = current.slice(0, at) + 'x' + current.slice(at);
    void next.charCodeAt(at);
    join.push(performance.now() - t0);
    t0 = performance.now();
    chunks = chunks.edit(at, at, 'x');
    void chunks.charCodeAt(at);
    chunked.push(performance.now() - t0);
    current = next;
  }
  if (chunks.slice(0, 64) !== current.slice(0, 64) || chunks.length !== current.length) throw new Error('chunked text differs');
  return { join: median(join), chunked: median(chunked) };
}

/** What the JSON of an answer costs both ends: serialising it to UTF-8, and decoding and parsing it (medians). */
function jsonRoundTrip(value: unknown, n: number): { write: number; read: number; readAscii: number } {
  const write: number[] = [];
  const read: number[] = [];
  const readAscii: number[] = [];
  const ascii = Buffer.from(asciiJson(value), 'latin1');
  for (let k = 0; k < Math.max(5, n); k++) {
    let t0 = performance.now();
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    write.push(performance.now() - t0);
    t0 = performance.now();
    JSON.parse(bytes.toString('utf8'));
    read.push(performance.now() - t0);
    t0 = performance.now();
    JSON.parse(ascii.toString('utf8'));
    readAscii.push(performance.now() - t0);
  }
  return { write: median(write), read: median(read), readAscii: median(readAscii) };
}

/** Polls until `done()` or the time is up; whether it became true. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(2);
  return done();
}

export async function runLsp(opts: LspOptions): Promise<void> {
  section('Through a real stdio connection (dist/server, --stdio)');
  const failed = build();
  if (failed) {
    console.log(`(skipped: the server does not build right now: ${failed})`);
    return;
  }
  await unchangedUnclos(opts);
  await keystrokes(opts);
}
