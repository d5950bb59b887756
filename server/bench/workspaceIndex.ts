// A workspace of many treaties (500 × 100 KB = 50 MB by default), generated into a temp
// folder and reused between runs. The server starts with the folder as its workspace and
// one treaty open; it indexes the folder in the background at once (with $/progress: the
// time from its begin to its end is the indexing time); then, at once:
//   - a workspace-wide request (workspace/symbol: it needs every treaty's outline) — the
//     time until it answers is the time to the first workspace-wide answer;
//   - hovers in the open treaty, every 25 ms, until the workspace answers, in turn on a
//     reference inside it and on one citing another treaty: their latency says whether
//     indexing blocks the editor.
// Then find-all-references on an article of the open treaty across the workspace (the
// other treaties cite it by title), when the server offers references. Last, in this
// process, the workspace layer alone on the same folder: indexing time and CPU, and the heap
// its index holds afterwards.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LineIndex, parseTreaty } from '../src/model';
import { NodeFileSystem } from '../src/workspace/nodeFileSystem';
import { Workspace } from '../src/workspace/workspace';
import { WorkerPoolSummaryBuilder } from '../src/workspace/summaryWorkerPool';
import { build, processCpuMs, processRss, startServer, timedRequest } from './lspHarness';
import { generateTreaty } from './synthetic';
import { heapUsed, mb, median, ms, percentile, section, size, sleep, table } from './util';

export interface WorkspaceOptions {
  treaties: number;
  charsEach: number;
  /** Find-all-references runs after indexing. */
  referenceRuns: number;
}

const KINDS = ['Convention', 'Agreement', 'Treaty', 'Protocol'];
const SUBJECTS = ['Fisheries', 'Navigation', 'Forestry', 'Water Quality', 'Mineral Resources', 'Air Transport', 'Migratory Species', 'Cultural Property', 'Customs Cooperation', 'Plant Protection', 'Seismic Monitoring', 'Postal Services', 'Wetlands', 'Road Traffic', 'Telecommunications', 'Energy Transit', 'Veterinary Controls', 'Scientific Research', 'Tourism', 'Rail Freight', 'Pipeline Safety', 'Coastal Zones', 'Desert Locusts', 'Civil Aviation', 'Glaciers'];
const REGIONS = ['Baltic Region', 'Arctic Region', 'Danube Basin', 'Northern Basin', 'Andean Region', 'Mekong Basin', 'Alpine Region', 'Caribbean Area', 'Sahel Region', 'Pacific Islands'];

/** 1,000 distinct titles ("Protocol on Wetlands in the Sahel Region"). */
export function syntheticTitle(i: number): string {
  return `${KINDS[i % 4]} on ${SUBJECTS[Math.floor(i / 4) % 25]} in the ${REGIONS[Math.floor(i / 100) % 10]}`;
}

interface Generated {
  folder: string;
  files: string[];
  titles: string[];
  totalChars: number;
  generatedMs?: number;
}

/** Writes the treaties once; a manifest written last marks a complete folder. */
function ensureWorkspace(opts: WorkspaceOptions): Generated {
  const folder = path.join(os.tmpdir(), `pacta-bench-workspace-${opts.treaties}x${Math.round(opts.charsEach / 1000)}k-v1`);
  const manifest = path.join(folder, '.manifest.json');
  if (existsSync(manifest)) return { folder, ...(JSON.parse(readFileSync(manifest, 'utf8')) as Omit<Generated, 'folder'>) };
  const t0 = performance.now();
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  const titles: string[] = [];
  let totalChars = 0;
  for (let i = 0; i < opts.treaties; i++) {
    const n = opts.treaties;
    // Every treaty cites two neighbours and the first one (which the benchmark opens).
    const cites = [...new Set([(i + 1) % n, (i + 7) % n, 0])].filter((j) => j !== i).map(syntheticTitle);
    const t = generateTreaty({ targetChars: opts.charsEach, seed: 1000 + i, title: syntheticTitle(i), cites, markdown: false });
    const name = `treaty-${String(i).padStart(4, '0')}.treaty.txt`;
    writeFileSync(path.join(folder, name), t.text);
    files.push(name);
    titles.push(t.title);
    totalChars += t.text.length;
  }
  const generated = { files, titles, totalChars, generatedMs: performance.now() - t0 };
  writeFileSync(manifest, JSON.stringify(generated));
  return { folder, ...generated };
}

export async function runWorkspace(opts: WorkspaceOptions): Promise<void> {
  section(`Workspace of ${opts.treaties} treaties (background indexing, workspace-wide requests)`);
  const failed = build();
  if (failed) {
    console.log(`(skipped: the server does not build right now: ${failed})`);
    return;
  }
  const ws = ensureWorkspace(opts);
  console.log(`${opts.treaties} synthetic treaties, ${size(ws.totalChars)} in all, in ${ws.folder}${ws.generatedMs ? ` (generated in ${ms(ws.generatedMs)})` : ' (reused)'}.`);

  const openFile = path.join(ws.folder, ws.files[0]);
  const openText = readFileSync(openFile, 'utf8');
  const openUri = pathToFileURL(openFile).href;
  const lines = new LineIndex(openText);
  // A reference inside the open treaty ("Article 12"): its hover needs no other document.
  const local = /\bArticle \d+\b(?! of the )/.exec(openText.slice(openText.indexOf('Article 2\n')));
  const localPos = lines.positionAt(openText.indexOf('Article 2\n') + (local?.index ?? 0) + 2);
  // A reference to another treaty ("Article 17 of the <title>"): its hover needs that treaty's text.
  const external = parseTreaty(openText).references.find((r) => r.instrument);
  const externalPos = external ? lines.positionAt(external.start + 2) : undefined;
  // The heading of an article the other treaties cite ("Article 5 of the <its title>").
  const headingPos = lines.positionAt(openText.indexOf('\nArticle 5\n') + 2);

  const started = await startServer([pathToFileURL(ws.folder).href]);
  const { client, progress } = started;
  // The indexing progress: its begin and end (this replaces the harness's counter, so it counts too).
  const indexing: { begin?: number; end?: number } = {};
  client.connection.onNotification('$/progress', (p: { value?: { kind?: string; title?: string } }) => {
    progress.reports++;
    if (p.value?.kind === 'begin' && p.value.title) progress.titles.push(p.value.title);
    if (p.value?.kind === 'begin') indexing.begin ??= performance.now();
    if (p.value?.kind === 'end') indexing.end = performance.now();
  });
  const caps = started.result.capabilities;
  try {
    const cpu0 = processCpuMs(client.proc.pid);
    const t0 = performance.now();
    await client.notify('textDocument/didOpen', { textDocument: { uri: openUri, languageId: 'treaty', version: 1, text: openText } });
    const rows: Array<Array<string | number>> = [];

    if (!caps.workspaceSymbolProvider) {
      console.log('(the server offers no workspace/symbol: nothing workspace-wide to time)');
      return;
    }
    const last = ws.titles[ws.titles.length - 1];
    const query = `${last} Article 1`;
    let answered: number | undefined;
    let found = 0;
    const wide = timedRequest<unknown[] | null>(client, 'workspace/symbol', { query }).then((r) => {
      answered = performance.now() - t0;
      found = r.result?.length ?? 0;
    });
    const hovers: number[] = [];
    const externalHovers: number[] = [];
    let externalAnswer = '';
    while (answered === undefined) {
      const isExternal = externalPos !== undefined && hovers.length > 0 && hovers.length % 2 === 0 && externalHovers.length < hovers.length / 2;
      const s = performance.now();
      const h = await timedRequest<{ contents?: { value?: string } } | null>(client, 'textDocument/hover', { textDocument: { uri: openUri }, position: isExternal ? externalPos : localPos });
      (isExternal ? externalHovers : hovers).push(performance.now() - s);
      if (isExternal) externalAnswer = h.result?.contents?.value ?? '';
      await Promise.race([wide, sleep(25)]);
    }
    await wide;
    const cpu1 = processCpuMs(client.proc.pid);
    const rss = processRss(client.proc.pid);
    const peak = processPeakRss(client.proc.pid);
    rows.push([`workspace/symbol "${query}" (first: waits for the index of all ${opts.treaties})`, 1, ms(answered), '', '', `${found} symbols`]);
    // The first hover also parses the open treaty; the others show how indexing holds the editor up.
    const rest = hovers.slice(1);
    rows.push(['first hover on the open treaty (parses it)', 1, ms(hovers[0]), '', '', '']);
    if (rest.length) rows.push(['hover on a reference in the open treaty, while indexing', rest.length, ms(median(rest)), ms(percentile(rest, 99)), ms(Math.max(...rest)), '']);
    if (externalHovers.length) {
      const shown = /Article \d+/.test(externalAnswer) ? 'the cited article' : 'not found';
      rows.push(['hover on a reference to another treaty, while indexing', externalHovers.length, ms(median(externalHovers)), ms(percentile(externalHovers, 99)), ms(Math.max(...externalHovers)), shown]);
    }
    // Background indexing may still run after workspace/symbol answered (it does not, today: it waits).
    const until = Date.now() + 300_000;
    while (indexing.begin !== undefined && indexing.end === undefined && Date.now() < until) await sleep(50);
    const indexedIn = indexing.begin !== undefined && indexing.end !== undefined ? indexing.end - t0 : undefined;

    const again: number[] = [];
    for (let i = 0; i < 5; i++) again.push((await timedRequest(client, 'workspace/symbol', { query })).ms);
    rows.push(['workspace/symbol again (indexed)', again.length, ms(median(again)), '', ms(Math.max(...again)), '']);

    if (caps.referencesProvider) {
      const refTimes: number[] = [];
      let count = 0;
      let files = 0;
      for (let i = 0; i < opts.referenceRuns; i++) {
        const r = await timedRequest<Array<{ uri: string }> | null>(client, 'textDocument/references', {
          textDocument: { uri: openUri },
          position: headingPos,
          context: { includeDeclaration: true },
        });
        refTimes.push(r.ms);
        count = r.result?.length ?? 0;
        files = new Set((r.result ?? []).map((l) => l.uri)).size;
      }
      rows.push([`references to Article 5 of the open treaty, across the workspace`, refTimes.length, ms(median(refTimes)), ms(percentile(refTimes, 99)), ms(Math.max(...refTimes)), `${count} locations in ${files} files`]);
    } else {
      rows.push(['references', '–', 'not offered by the server', '', '', '']);
    }

    console.log('');
    console.log(table(['request', 'n', 'median (or time)', 'p99', 'max', 'answer'], rows));
    console.log('');
    console.log(`Server CPU until the first workspace-wide answer: ${cpu0 !== undefined && cpu1 !== undefined ? ms(cpu1 - cpu0) : '–'}; RSS after indexing: ${rss ? mb(rss) : '–'}, peak ${peak ? mb(peak) : '–'}.`);
    console.log(`Indexing (didOpen to the end of the indexing progress): ${indexedIn !== undefined ? ms(indexedIn) : '–'}.`);
    // The server parses in worker threads unless they failed (it logs that once).
    const fellBack = client.logs.find((m) => /index worker/.test(m));
    const workers = process.env.PACTA_INDEX_WORKERS;
    console.log(
      workers === '0'
        ? 'Index workers: none (PACTA_INDEX_WORKERS=0: the main thread parses).'
        : fellBack
          ? `Index workers: none (${fellBack.split('\n')[0]})`
          : `Index workers: ${workers ?? 'default'} (no fallback logged).`,
    );
    console.log(
      progress.created || progress.reports
        ? `Progress shown: ${progress.created} work-done progress created, ${progress.reports} $/progress notifications${progress.titles.length ? ` ("${progress.titles.join('", "')}")` : ''}.`
        : 'Progress shown: none (the server sent no work-done progress while indexing).',
    );
  } finally {
    await client.stop().catch(() => client.kill());
  }
  await inProcess(ws.folder, opts.treaties);
  await inProcess(ws.folder, opts.treaties, true);
}

/**
 * The workspace layer alone: time and CPU to index the folder, and the heap its index holds;
 * summaries built in this thread, or by the server's worker pool (CPU is this process's: the workers' too).
 */
async function inProcess(folder: string, treaties: number, pool = false): Promise<void> {
  const builder = pool ? new WorkerPoolSummaryBuilder({ script: path.resolve(__dirname, '../../dist/server/indexWorker.js') }) : undefined;
  const before = heapUsed();
  const ws = new Workspace(new NodeFileSystem(), { folders: [pathToFileURL(folder).href], summaryBuilder: builder });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const index = await ws.files();
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const summaries = await ws.summaries();
  const t2 = performance.now();
  const c2 = process.cpuUsage(c0);
  const held = heapUsed() - before;
  let symbols = 0;
  let refs = 0;
  for (const e of summaries) {
    symbols += e.summary.symbols.entries.length;
    refs += e.summary.citations.length;
  }
  const cpu = (c: NodeJS.CpuUsage) => ms((c.user + c.system) / 1000);
  console.log('');
  console.log(
    `In process (workspace layer only, summaries ${builder ? `in ${builder.usingWorkers ? '' : 'no '}worker threads` : 'in this thread'}): title index of ${index.length} files ${ms(t1 - t0)} (CPU ${cpu(c1)}); summaries of ${summaries.length} of ${treaties} ` +
      `${ms(t2 - t1)} (CPU so far ${cpu(c2)}); ${symbols} outline entries and ${refs} references to other treaties kept; heap held by the index ${mb(held)} ` +
      `(after GC), parsed files kept ${ws.parsedFileCount}.`,
  );
  ws.dispose();
}

/** Peak resident memory (VmHWM) of a process, or undefined off Linux. */
function processPeakRss(pid: number | undefined): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
