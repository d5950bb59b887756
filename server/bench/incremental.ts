// One keystroke in a 5 MB synthetic treaty, then the next answer, in process (createServer on
// an in-memory connection): with the incremental re-parse (model/incremental.ts) and with
// the full parse it replaced (the workspace handed no change, as before). Figures only.
//   node --import tsx server/bench/incremental.ts [--chars=5000000] [--keystrokes=15]
import { performance } from 'node:perf_hooks';
import { ConfigurationRequest } from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../test/helpers/inProcessServer';
import { readFileSync } from 'node:fs';
import { LineIndex, parseTreaty, walk } from '../src/model';
import { incrementalStats, reparseTreaty, resetIncrementalStats } from '../src/model/incremental';
import { generateTreaty, rng } from './synthetic';
import { UNCLOS } from './realTexts';
import { median, ms, size, table } from './util';

const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
let CHARS = arg('chars', 5_000_000);
let KEYSTROKES = arg('keystrokes', 15);

/** `npm run bench -- --only=keystroke`. */
export async function runIncremental(opts: { chars: number; keystrokes: number }): Promise<void> {
  CHARS = opts.chars;
  KEYSTROKES = opts.keystrokes;
  await main();
}

async function main(): Promise<void> {
  const t = generateTreaty({ targetChars: CHARS, seed: 42, markdown: false });
  // One character after the edit point: typing at the very point makes "1. xA…" end the heading above.
  const editOffset = t.editOffset + 1;
  console.log(`${size(t.text.length)} synthetic treaty (${t.articles} articles, ${t.references} references), seed 42; typing at offset ${editOffset}.`);

  // The model alone: re-parse after one typed character.
  {
    let doc = parseTreaty(t.text);
    let text = t.text;
    const inc: number[] = [];
    const full: number[] = [];
    resetIncrementalStats();
    for (let k = 0; k < KEYSTROKES; k++) {
      const at = editOffset + k;
      const next = text.slice(0, at) + 'x' + text.slice(at);
      void next.slice(5, 10); // flattens the concatenation outside the timing (in the server, TextDocument.update pays it)
      let c = process.cpuUsage();
      doc = reparseTreaty(doc, next, {}, { start: at, oldEnd: at, newEnd: at + 1 });
      let used = process.cpuUsage(c);
      inc.push((used.user + used.system) / 1000);
      c = process.cpuUsage();
      parseTreaty(next);
      used = process.cpuUsage(c);
      full.push((used.user + used.system) / 1000);
      text = next;
    }
    console.log('');
    console.log(table(['model, one keystroke (CPU time)', 'n', 'median', 'max', 'min'], [
      ['reparseTreaty (incremental)', inc.length, ms(median(inc)), ms(Math.max(...inc)), ms(Math.min(...inc))],
      ['parseTreaty (full)', full.length, ms(median(full)), ms(Math.max(...full)), ms(Math.min(...full))],
    ]));
    console.log(`fast path ${incrementalStats.fast}, full parse ${incrementalStats.full} ${JSON.stringify(incrementalStats.reasons)}`);
  }

  // Realistic typing in UNCLOS: a sentence with references and a new point, one character at a time.
  {
    const unclos = readFileSync(UNCLOS, 'utf8');
    const typed = ' The coastal State shall, in accordance with article 56, paragraph 2, notify the Authority.\n(z) any other matter referred to in Annex III, article 4.';
    let doc = parseTreaty(unclos);
    let text = unclos;
    const random = rng(7);
    resetIncrementalStats();
    const times: number[] = [];
    for (let place = 0; place < 5; place++) {
      // The end of a sentence in the body of a random article.
      const articles = [...walk(doc.root)].filter((p) => p.kind === 'article');
      const a = articles[Math.floor(random() * articles.length)];
      let at = text.indexOf('.', a.bodyStart + 1) + 1;
      if (at <= 0 || at >= a.end) at = a.end;
      for (const ch of typed) {
        const next = text.slice(0, at) + ch + text.slice(at);
        void next.slice(5, 10);
        const c = process.cpuUsage();
        doc = reparseTreaty(doc, next, {}, { start: at, oldEnd: at, newEnd: at + 1 });
        const used = process.cpuUsage(c);
        times.push((used.user + used.system) / 1000);
        text = next;
        at++;
      }
    }
    console.log('');
    console.log(`Typing ${typed.length} characters (two references, a new point) at 5 places in UNCLOS (${size(unclos.length)}):`);
    console.log(`fast path ${incrementalStats.fast}, full parse ${incrementalStats.full} ${JSON.stringify(incrementalStats.reasons)}; re-parse CPU median ${ms(median(times))}, max ${ms(Math.max(...times))}.`);
  }

  for (const mode of ['incremental', 'full'] as const) {
    const published = new Map<number, number>();
    const { client, dispose } = startInProcess({}, (c, server) => {
      if (mode === 'full') {
        // As before model/incremental.ts: every version parsed in full.
        const setOpen = server.workspace.setOpen.bind(server.workspace);
        server.workspace.setOpen = (uri, version, text) => setOpen(uri, version, text);
      }
      c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
      c.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
        if (p.version !== undefined) published.set(p.version, performance.now());
      });
    });
    await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: [], capabilities: { workspace: { configuration: true } } });
    await client.sendNotification('initialized', {});
    const uri = 'file:///bench/big.treaty';
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text: t.text } });
    await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await waitFor(() => published.has(1), 60_000);

    const lines = new LineIndex(t.text);
    const refIndex = t.refOffsets.findIndex((o) => o > editOffset) - 3;
    const refPos = lines.positionAt(t.refOffsets[Math.max(0, refIndex)] + 1);
    const headingPos = lines.positionAt(t.articleOffsets[Math.floor(t.articleOffsets.length / 2) - 1] + 2);
    const editPos = lines.positionAt(editOffset);
    let version = 1;
    let typed = 0;
    const keystroke = () => {
      version++;
      const at = { line: editPos.line, character: editPos.character + typed++ };
      return client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
    };
    const settle = async () => {
      await waitFor(() => published.has(version), 60_000);
      await new Promise((r) => setTimeout(r, 20));
    };
    resetIncrementalStats();
    const rows: Array<Array<string | number>> = [];
    const kinds: Array<[string, string, unknown]> = [
      ['documentSymbol (outline)', 'textDocument/documentSymbol', { textDocument: { uri } }],
      ['hover', 'textDocument/hover', { textDocument: { uri }, position: refPos }],
      ['definition', 'textDocument/definition', { textDocument: { uri }, position: refPos }],
      ['references', 'textDocument/references', { textDocument: { uri }, position: headingPos, context: { includeDeclaration: true } }],
    ];
    for (const [name, method, params] of kinds) {
      const times: number[] = [];
      const cpu: number[] = [];
      for (let k = 0; k < KEYSTROKES; k++) {
        await settle();
        const c = process.cpuUsage();
        const s = performance.now();
        await keystroke();
        await client.sendRequest(method, params);
        times.push(performance.now() - s);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
      }
      rows.push([name, times.length, ms(median(times)), ms(Math.max(...times)), ms(Math.min(...times)), ms(median(cpu))]);
    }
    const diag: number[] = [];
    for (let k = 0; k < KEYSTROKES; k++) {
      await settle();
      const s = performance.now();
      await keystroke();
      const v = version;
      if (await waitFor(() => published.has(v), 60_000)) diag.push(published.get(v)! - s);
    }
    rows.push(['publishDiagnostics (5 ms after a cheap round)', diag.length, ms(median(diag)), ms(Math.max(...diag)), ms(Math.min(...diag)), '–']);
    console.log('');
    console.log(`In process, ${mode === 'incremental' ? 'incremental re-parse' : 'full parse of every version (as before)'}: time from the didChange to the answer;`);
    console.log('CPU: of this process (server and client both, JSON included), from the didChange to the answer.');
    console.log(table(['after a keystroke', 'n', 'median', 'max', 'min', 'cpu (median)'], rows));
    if (mode === 'incremental') console.log(`fast path ${incrementalStats.fast}, full parse ${incrementalStats.full} ${JSON.stringify(incrementalStats.reasons)}`);
    dispose();
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  return done();
}

// Run directly (not imported by bench.ts).
if (process.argv[1]?.endsWith('incremental.ts')) void main();
