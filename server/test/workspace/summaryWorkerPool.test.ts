// Summaries of closed files built in worker threads (summaryWorkerPool.ts, the Node server's
// builder) must equal those built in this thread, through the workspace too; a pool whose
// workers cannot start or die falls back to this thread with the same results and one log line;
// the workspace keeps the index order, leaves out files that fail, and never lets idle workers
// keep a process alive.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Catalogue, DEFAULT_CATALOGUE } from '../../src/model';
import { pathToFileURL } from 'node:url';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { NodeFileSystem } from '../../src/workspace/nodeFileSystem';
import { buildSummary, InThreadSummaryBuilder, type SummaryBuilder, type SummaryJob, type SummaryResult } from '../../src/workspace/summaryBuilder';
import { WorkerPoolSummaryBuilder } from '../../src/workspace/summaryWorkerPool';
import { Workspace } from '../../src/workspace/workspace';
import { ensureBuilt } from '../helpers/build';
import { corpusFile, REPO } from '../helpers/paths';

const WORKER = path.join(REPO, 'dist/server/indexWorker.js');

/** Corpus files (read where they are) and the samples: several languages, layouts and sizes. */
const TEXTS: Record<string, string> = {};
for (const name of ['un_charter_en.txt', 'vclt_1969_en.txt', 'north_atlantic_treaty_1949_en.txt', 'unclos_1982_en.txt', 'vclt_1969_ko_partial.txt']) {
  TEXTS[name] = fs.readFileSync(corpusFile(name), 'utf8');
}
for (const name of ['partnership-treaty.treaty.txt', 'broken-references.treaty.txt', 'parallel/disaster-relief.ko.treaty.txt', 'compare/friendship-treaty-1961-style.treaty.txt']) {
  TEXTS[name] = fs.readFileSync(path.join(REPO, 'samples', name), 'utf8');
}

/** A user's catalogue entry naming the sample partnership treaty: the workers must see it too. */
const USER_CATALOGUE = new Catalogue([{ id: 'partnership', title: titleOf(TEXTS['partnership-treaty.treaty.txt']), aliases: ['Partnership Treaty', 'TPT'] }]);

function titleOf(text: string): string {
  return text.split('\n').find((l) => l.trim() && !l.startsWith('['))!.replace(/^#+\s*/, '').trim();
}

function job(name: string, catalogue = DEFAULT_CATALOGUE, language = 'auto'): SummaryJob {
  return { uri: `file:///ws/${name}`, text: TEXTS[name], catalogue, language };
}

function summaryOf(result: SummaryResult) {
  assert.ok('summary' in result, 'failed' in result ? result.message : '');
  return result.summary;
}

/** A folder of its own for worker scripts written by the tests. */
let scratch: string;

before(() => {
  ensureBuilt();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-pool-'));
});

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the index worker pool', () => {
  it('builds the same summaries as this thread, for every file, catalogue and language setting', async () => {
    const logged: string[] = [];
    const pool = new WorkerPoolSummaryBuilder({ script: WORKER, workers: 2, log: (m) => logged.push(m) });
    try {
      const jobs = [
        ...Object.keys(TEXTS).map((name) => job(name)),
        job('partnership-treaty.treaty.txt', USER_CATALOGUE),
        job('un_charter_en.txt', USER_CATALOGUE),
        job('vclt_1969_ko_partial.txt', DEFAULT_CATALOGUE, 'ko'),
        job('vclt_1969_en.txt', DEFAULT_CATALOGUE, 'fr'),
      ];
      // All at once: more jobs than workers, answered out of order.
      const fromPool = await Promise.all(jobs.map((j) => pool.build(j)));
      assert.ok(pool.usingWorkers, logged.join('\n'));
      assert.deepEqual(logged, []);
      jobs.forEach((j, i) => {
        const expected = summaryOf(buildSummary(j.text, j.catalogue, j.language));
        assert.deepEqual(summaryOf(fromPool[i]), expected, `${j.uri} (${j.language})`);
      });
      // The user's entry reached the workers: the partnership treaty is identified by it.
      assert.equal(summaryOf(fromPool[Object.keys(TEXTS).length]).instrumentId, 'partnership');
      assert.ok(summaryOf(fromPool[0]).symbols.entries.length > 100, 'the Charter has its articles');
    } finally {
      pool.dispose();
    }
  });

  it('gives a workspace the same index as building in this thread', async () => {
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(TEXTS)) files[`file:///ws/${name.replace('/', '-')}`] = text;
    const pool = new WorkerPoolSummaryBuilder({ script: WORKER });
    const inPool = new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'], summaryBuilder: pool, catalogue: USER_CATALOGUE });
    const here = new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'], catalogue: USER_CATALOGUE });
    try {
      const heard: number[] = [];
      const a = await inPool.summaries(undefined, (n, total) => total !== undefined && heard.push(n));
      const b = await here.summaries();
      assert.equal(a.length, Object.keys(TEXTS).length);
      assert.deepEqual(a, b);
      assert.deepEqual(heard, a.map((_, i) => i + 1), 'progress counts every file once, in order of completion');
      assert.ok(pool.usingWorkers);
    } finally {
      inPool.dispose();
    }
  });

  it('reads files itself for file jobs, with the same summaries, and says when one cannot be read', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'files-'));
    const names = Object.keys(TEXTS);
    for (const [i, name] of names.entries()) fs.writeFileSync(path.join(dir, `${i}.txt`), TEXTS[name]);
    const logged: string[] = [];
    const pool = new WorkerPoolSummaryBuilder({ script: WORKER, workers: 2, log: (m) => logged.push(m) });
    try {
      const fileJob = (i: number) => ({ uri: `file:///ws/${i}.txt`, path: path.join(dir, `${i}.txt`), catalogue: USER_CATALOGUE, language: 'auto' });
      const results = await Promise.all([...names.map((_, i) => pool.buildFile(fileJob(i))), pool.buildFile({ ...fileJob(0), path: path.join(dir, 'gone.txt') })]);
      assert.ok(pool.usingWorkers, logged.join('\n'));
      names.forEach((name, i) => assert.deepEqual(summaryOf(results[i]!), summaryOf(buildSummary(TEXTS[name], USER_CATALOGUE, 'auto')), name));
      assert.equal(results[names.length], undefined, 'a file that cannot be read has no result');
      // Without workers, the pool reads the file in this thread: the same answers.
      pool.dispose();
      assert.deepEqual(summaryOf((await pool.buildFile(fileJob(1)))!), summaryOf(results[1]!));
      assert.equal(await pool.buildFile({ ...fileJob(0), path: path.join(dir, 'gone.txt') }), undefined);
    } finally {
      pool.dispose();
    }
  });

  it('gives a workspace on disk the same index, its workers reading the files from the start of the title index', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'disk-'));
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(TEXTS)) {
      const file = path.join(dir, name.replace('/', '-'));
      fs.writeFileSync(file, text);
      files[pathToFileURL(file).href] = text;
    }
    // A file the title index leaves out (no title): asked for early, then not kept.
    fs.writeFileSync(path.join(dir, 'blank.treaty.txt'), '\n\n');
    const pool = new WorkerPoolSummaryBuilder({ script: WORKER });
    const disk = new NodeFileSystem();
    const wholeReads: string[] = [];
    const readFile = disk.readFile.bind(disk);
    disk.readFile = (uri) => (wholeReads.push(uri), readFile(uri));
    // How many openings the title index had read when each file job was asked for.
    let heads = 0;
    const readHead = disk.readHead.bind(disk);
    disk.readHead = (uri, bytes) => readHead(uri, bytes).finally(() => heads++);
    const headsAtJobs: number[] = [];
    const buildFile = pool.buildFile.bind(pool);
    pool.buildFile = (job) => {
      headsAtJobs.push(heads);
      return buildFile(job);
    };
    const folder = pathToFileURL(dir).href;
    const ws = new Workspace(disk, { folders: [folder], summaryBuilder: pool, catalogue: USER_CATALOGUE });
    try {
      const got = await ws.summaries();
      const expected = await new Workspace(new MemoryFileSystem(files), { folders: [folder], catalogue: USER_CATALOGUE }).summaries();
      assert.deepEqual(got, expected);
      assert.deepEqual(wholeReads, [], 'this thread read no file whole');
      assert.equal(headsAtJobs.length, Object.keys(TEXTS).length + 1, 'one file job per file, the untitled one too');
      assert.ok(Math.min(...headsAtJobs) < Object.keys(TEXTS).length, `summaries were asked for while the title index was read (${headsAtJobs})`);
    } finally {
      ws.dispose();
    }
  });

  it('falls back to this thread, with one log line, when the worker script is missing', async () => {
    const logged: string[] = [];
    const pool = new WorkerPoolSummaryBuilder({ script: path.join(scratch, 'missing.js'), log: (m) => logged.push(m) });
    const names = ['un_charter_en.txt', 'vclt_1969_ko_partial.txt', 'north_atlantic_treaty_1949_en.txt'];
    const results = await Promise.all(names.map((n) => pool.build(job(n))));
    names.forEach((n, i) => assert.deepEqual(summaryOf(results[i]), summaryOf(buildSummary(TEXTS[n], DEFAULT_CATALOGUE, 'auto')), n));
    assert.equal(pool.usingWorkers, false);
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0], /missing\.js is missing.*main thread/);
    // Later jobs too.
    assert.deepEqual(summaryOf(await pool.build(job('vclt_1969_en.txt'))), summaryOf(buildSummary(TEXTS['vclt_1969_en.txt'], DEFAULT_CATALOGUE, 'auto')));
    assert.equal(logged.length, 1);
  });

  it('falls back to this thread, with one log line, when a worker dies holding jobs', async () => {
    // Answers the first job, then ends its thread on the second (as a crash in the parser's host would).
    const script = path.join(scratch, 'dying.js');
    fs.writeFileSync(
      script,
      // Listening before the real worker does, so the second job is never answered.
      `const { parentPort } = require('node:worker_threads');
       let n = 0;
       parentPort.on('message', () => { if (++n > 1) process.exit(3); });
       require(${JSON.stringify(WORKER)});`,
    );
    const logged: string[] = [];
    const pool = new WorkerPoolSummaryBuilder({ script, workers: 2, log: (m) => logged.push(m) });
    const names = Object.keys(TEXTS);
    const results = await Promise.all(names.map((n) => pool.build(job(n))));
    names.forEach((n, i) => assert.deepEqual(summaryOf(results[i]), summaryOf(buildSummary(TEXTS[n], DEFAULT_CATALOGUE, 'auto')), n));
    assert.equal(pool.usingWorkers, false);
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0], /index worker stopped \(exit code 3\).*main thread/);
  });

  it('falls back when a worker throws while loading, and the workspace index is whole', async () => {
    const script = path.join(scratch, 'throwing.js');
    fs.writeFileSync(script, `throw new Error('broken worker bundle');`);
    const logged: string[] = [];
    const pool = new WorkerPoolSummaryBuilder({ script, log: (m) => logged.push(m) });
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(TEXTS)) files[`file:///ws/${name.replace('/', '-')}`] = text;
    const ws = new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'], summaryBuilder: pool });
    const expected = await new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'] }).summaries();
    assert.deepEqual(await ws.summaries(), expected);
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0], /broken worker bundle/);
  });

  it('answers in this thread after dispose', async () => {
    const pool = new WorkerPoolSummaryBuilder({ script: WORKER });
    await pool.build(job('north_atlantic_treaty_1949_en.txt'));
    assert.ok(pool.usingWorkers);
    pool.dispose();
    assert.equal(pool.usingWorkers, false);
    const after = await pool.build(job('north_atlantic_treaty_1949_en.txt'));
    assert.deepEqual(summaryOf(after), summaryOf(buildSummary(TEXTS['north_atlantic_treaty_1949_en.txt'], DEFAULT_CATALOGUE, 'auto')));
  });

  it('does not keep a process alive once its jobs are answered', () => {
    // A process that builds one summary and never disposes the pool must still end by itself.
    const script = `
      const { WorkerPoolSummaryBuilder } = require(${JSON.stringify(path.join(REPO, 'server/src/workspace/summaryWorkerPool.ts'))});
      const { DEFAULT_CATALOGUE } = require(${JSON.stringify(path.join(REPO, 'server/src/model'))});
      const pool = new WorkerPoolSummaryBuilder({ script: ${JSON.stringify(WORKER)}, workers: 2 });
      pool.build({ uri: 'file:///a', text: 'Treaty of Test\\n\\nArticle 1\\nScope\\n\\nAs Article 2 says.\\n\\nArticle 2\\nEnd\\n', catalogue: DEFAULT_CATALOGUE, language: 'auto' })
        .then((r) => console.log(pool.usingWorkers, r.summary.symbols.entries.length));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.signal, null, 'the process ended by itself');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'true 3');
  });
});

/** Answers out of order (later files first) and fails one file: the workspace must not mind. */
class ShuffledBuilder implements SummaryBuilder {
  readonly concurrency = 3;
  private readonly inner = new InThreadSummaryBuilder();
  private held: Array<() => void> = [];

  build(job: SummaryJob): Promise<SummaryResult> {
    if (job.uri.endsWith('broken-references.treaty.txt')) return Promise.resolve({ failed: 'parse', message: 'Error: no parse for you' });
    return new Promise((resolve) => {
      this.held.push(() => void this.inner.build(job).then(resolve));
      // Release in reverse once three are waiting (or after a turn, for the last ones).
      if (this.held.length === 3) this.release();
      else setImmediate(() => this.release());
    });
  }

  private release(): void {
    const held = this.held.reverse();
    this.held = [];
    for (const h of held) h();
  }

  dispose(): void {}
}

describe('the workspace with a summary builder', () => {
  it('keeps the index order when answers come out of order, and leaves out a file that fails with a log line', async () => {
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(TEXTS)) files[`file:///ws/${name.replace('/', '-')}`] = text;
    const logged: string[] = [];
    const ws = new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'], summaryBuilder: new ShuffledBuilder(), log: (m) => logged.push(m) });
    const plain = await new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'] }).summaries();
    const got = await ws.summaries();
    assert.deepEqual(
      got,
      plain.filter((e) => !e.uri.endsWith('broken-references.treaty.txt')),
    );
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^pacta: cannot parse file:\/\/\/ws\/broken-references\.treaty\.txt: Error: no parse for you/);
    // The failed file is not an instrument anyone finds, as when parsing fails in this thread.
    const title = plain.find((e) => e.uri.endsWith('broken-references.treaty.txt'))!.title;
    assert.equal(ws.locate({ cited: title, title }), undefined);
  });
});
