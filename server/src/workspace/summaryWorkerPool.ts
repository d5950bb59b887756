// Node only: summaries of closed files built in worker threads (the one module of the
// workspace layer that imports node:worker_threads; main.ts wires it in, the browser server
// and tests use InThreadSummaryBuilder). Parsing is most of indexing a workspace; in workers it
// runs on the other cores and leaves this thread to answer requests on open documents.
//
// The worker script is a bundle of its own (indexWorker.ts → dist/server/indexWorker.js) that
// calls `serveIndexWorker`. When it is missing, or a worker fails in any way, the pool says so
// once and does the rest of its jobs, including those the workers held, in this thread.
import { Worker, parentPort } from 'node:worker_threads';
import { existsSync, readFile, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { Catalogue, DEFAULT_CATALOGUE, type CatalogueEntry } from '../model';
import { buildSummary, extraEntries, InThreadSummaryBuilder, type SummaryBuilder, type SummaryFileJob, type SummaryJob, type SummaryResult } from './summaryBuilder';

interface Request {
  id: number;
  /** The text, or (a file job) the path the worker reads it from. */
  text?: string;
  path?: string;
  language: string;
  /** The catalogue's own entries, when it differs from the last one this worker was sent. */
  catalogue?: CatalogueEntry[];
}

interface Reply {
  id: number;
  /**
   * The SummaryResult as JSON; undefined: the file of a file job could not be read. A string
   * crosses threads as one copy: posting the summary's objects cost the worker 0.7 ms a summary
   * to serialise (this thread 0.6 ms to read), against 0.3 ms for JSON.stringify (0.4 ms for
   * JSON.parse), measured on 100 KB treaties; the worker's share is on indexing's critical path.
   */
  json?: string;
}

interface Pending {
  id: number;
  job: SummaryJob | SummaryFileJob;
  resolve: (result: SummaryResult | undefined) => void;
}

interface Slot {
  worker: Worker;
  /** Sent and not yet answered, in the order sent (a worker answers in order). */
  jobs: Pending[];
  /** The catalogue the worker holds. */
  catalogue?: Catalogue;
}

const YOUNG_GENERATION_MB = 64;
// Jobs a worker holds at once: with one, it sat idle from its answer until this thread, busy
// with reading and interning, sent the next text; with two, still a fifth of the time (profiled).
const DEPTH = 4;

export interface WorkerPoolOptions {
  /** The worker script (a bundle whose entry calls `serveIndexWorker`). */
  script: string;
  /** Worker threads; by default one per core beside the main thread's, at least one, at most two. */
  workers?: number;
  log?: (message: string) => void;
}

export class WorkerPoolSummaryBuilder implements SummaryBuilder {
  readonly concurrency: number;
  private readonly script: string;
  private readonly size: number;
  private readonly log: (message: string) => void;
  private readonly local = new InThreadSummaryBuilder();
  private slots?: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  /** Set once a worker failed (or the script is missing): every job runs in this thread from then on. */
  private broken = false;
  private disposed = false;

  constructor(options: WorkerPoolOptions) {
    this.script = options.script;
    // A core stays for the main thread (requests) and the editor: on two cores, a second worker
    // took 20-50% more CPU in all and indexed no sooner (measured on a shared machine).
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    this.size = Math.max(1, options.workers ?? Math.min(2, cores - 1));
    this.log = options.log ?? (() => undefined);
    // The main thread takes no jobs: measured on two cores, parsing there too held hovers up
    // (median 14 ms instead of 2 ms) and finished no sooner (2.23-2.29 s either way).
    this.concurrency = this.size;
  }

  /** Whether jobs still go to workers (false after a failure or dispose). */
  get usingWorkers(): boolean {
    return !this.broken && !this.disposed;
  }

  build(job: SummaryJob): Promise<SummaryResult> {
    if (!this.usingWorkers) return this.local.build(job);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve: (r) => resolve(r!) });
      this.pump();
    });
  }

  buildFile(job: SummaryFileJob): Promise<SummaryResult | undefined> {
    if (!this.usingWorkers) return this.buildHere(job);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve });
      this.pump();
    });
  }

  /** A job done in this thread (no workers, or they failed): a file job reads its file first. */
  private buildHere(job: SummaryJob | SummaryFileJob): Promise<SummaryResult | undefined> {
    if ('text' in job) return this.local.build(job);
    return new Promise<string | undefined>((resolve) => readFile(job.path, 'utf8', (err, text) => resolve(err ? undefined : text))).then((text) =>
      text === undefined ? undefined : this.local.build({ uri: job.uri, text, catalogue: job.catalogue, language: job.language }),
    );
  }

  /** Starts the workers (they load their script while the workspace reads the title index). */
  prepare(): void {
    if (this.usingWorkers && !this.slots) this.start();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
  }

  private pump(): void {
    if (!this.usingWorkers) return;
    const slots = this.slots ?? this.start();
    if (!slots) return;
    for (let round = 0; round < DEPTH; round++) {
      for (const slot of slots) {
        if (!this.queue.length) return;
        if (slot.jobs.length <= round) this.send(slot, this.queue.shift()!);
      }
    }
  }

  private start(): Slot[] | undefined {
    if (!existsSync(this.script)) {
      this.fail(`the index worker ${this.script} is missing`);
      return undefined;
    }
    const slots: Slot[] = [];
    this.slots = slots;
    try {
      for (let i = 0; i < this.size; i++) {
        // A young generation twice the default: parsing makes short-lived garbage, and with the
        // default a worker spent more time collecting it than the main thread does (measured).
        const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
        const slot: Slot = { worker, jobs: [] };
        worker.on('message', (reply: Reply) => this.answer(slot, reply));
        worker.on('error', (err) => this.fail(`an index worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
        worker.on('messageerror', (err) => this.fail(`an index worker's answer could not be read: ${String(err)}`));
        worker.on('exit', (code) => {
          if (this.usingWorkers) this.fail(`an index worker stopped (exit code ${code})`);
        });
        // Idle workers must not keep the process alive; one with a job does (see send). After the
        // listeners: adding one refs the worker again.
        worker.unref();
        slots.push(slot);
      }
    } catch (err) {
      this.fail(`cannot start an index worker: ${String(err)}`);
      return undefined;
    }
    return slots;
  }

  private send(slot: Slot, p: Pending): void {
    const request: Request = 'text' in p.job ? { id: p.id, text: p.job.text, language: p.job.language } : { id: p.id, path: p.job.path, language: p.job.language };
    if (slot.catalogue !== p.job.catalogue) {
      request.catalogue = extraEntries(p.job.catalogue);
      slot.catalogue = p.job.catalogue;
    }
    slot.jobs.push(p);
    slot.worker.ref();
    try {
      slot.worker.postMessage(request);
    } catch (err) {
      this.fail(`cannot reach an index worker: ${String(err)}`);
    }
  }

  private answer(slot: Slot, reply: Reply): void {
    const at = slot.jobs.findIndex((p) => p.id === reply.id);
    if (at < 0) return;
    const p = slot.jobs.splice(at, 1)[0];
    if (!slot.jobs.length) slot.worker.unref();
    this.pump();
    p.resolve(reply.json === undefined ? undefined : (JSON.parse(reply.json) as SummaryResult));
  }

  /** Once: says why, stops the workers, and hands every waiting job to this thread. */
  private fail(reason: string): void {
    if (!this.usingWorkers) return;
    this.broken = true;
    this.log(`pacta: ${reason}; indexing goes on in the main thread.`);
    this.stop();
  }

  /** Terminates the workers; the jobs they held and the queue go to this thread. */
  private stop(): void {
    const held = (this.slots ?? []).flatMap((s) => s.jobs);
    for (const slot of this.slots ?? []) {
      slot.jobs = [];
      void slot.worker.terminate().catch(() => undefined);
    }
    this.slots = undefined;
    const waiting = [...held, ...this.queue.splice(0)].sort((a, b) => a.id - b.id);
    for (const p of waiting) void this.buildHere(p.job).then(p.resolve);
  }
}

/** The worker side: answers each request with the file's summary (or why there is none). */
export function serveIndexWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveIndexWorker runs in a worker thread');
  let catalogue = DEFAULT_CATALOGUE;
  port.on('message', (request: Request) => {
    if (request.catalogue) catalogue = new Catalogue(request.catalogue);
    // A file job: read here, so the main thread neither reads the text nor copies it over.
    const text = request.path === undefined ? request.text : readText(request.path);
    const reply: Reply = { id: request.id, json: text === undefined ? undefined : JSON.stringify(buildSummary(text, catalogue, request.language, true)) };
    port.postMessage(reply);
  });
}

/** The file's text, or undefined when it cannot be read (as NodeFileSystem.readFile). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
