// How the workspace turns a closed file's text into its summary (parse, then summary.ts).
// Behind an interface so the Node server can do it in worker threads (summaryWorkerPool.ts,
// wired in by main.ts) while the browser worker server and tests do it here, in this thread.
// Nothing here imports Node: the browser bundle uses this module.
import { parseTreaty, WELL_KNOWN_INSTRUMENTS, type Catalogue, type CatalogueEntry } from '../model';
import { summarise, type DocumentSummary } from './summary';

export interface SummaryJob {
  /** For log lines only. */
  uri: string;
  text: string;
  catalogue: Catalogue;
  /** `pacta.language` ("auto" detects). */
  language: string;
}

/** A file the builder reads itself, from its path on this machine (FileSystem.localPath). */
export interface SummaryFileJob {
  /** For log lines only. */
  uri: string;
  path: string;
  catalogue: Catalogue;
  language: string;
}

/**
 * A summary, or why there is none: `stage` says whether parsing or summarising failed (the
 * workspace words its log line after it), `message` holds the stack.
 */
export type SummaryResult = { summary: DocumentSummary } | { failed: 'parse' | 'index'; message: string };

export interface SummaryBuilder {
  /** How many jobs it works on at once: the workspace keeps about twice as many in flight. */
  readonly concurrency: number;
  /** Never rejects: a failure is a result. Jobs may finish out of order. */
  build(job: SummaryJob): Promise<SummaryResult>;
  /**
   * Reads the file itself and summarises it; undefined when it cannot be read. The worker pool
   * has this: its workers read the file, and this thread neither reads nor copies the text.
   */
  buildFile?(job: SummaryFileJob): Promise<SummaryResult | undefined>;
  /** Jobs are coming (the title index is being read): a chance to start threads meanwhile. */
  prepare?(): void;
  /** Stops any threads; later jobs still get answers (in this thread). */
  dispose(): void;
}

/** Parses and summarises in the calling thread, one job per event-loop turn. */
export class InThreadSummaryBuilder implements SummaryBuilder {
  readonly concurrency = 1;
  private tail: Promise<unknown> = Promise.resolve();

  build(job: SummaryJob): Promise<SummaryResult> {
    // One job at a time, each after a turn of the event loop: hovers and edits on open
    // documents go first (immediates queued together would otherwise run back to back).
    const result = this.tail.then(nextTurn).then(() => buildSummary(job.text, job.catalogue, job.language));
    this.tail = result;
    return result;
  }

  dispose(): void {}
}

/**
 * The work itself, shared by this thread and the index workers. `posted`: the summary goes to
 * another thread, whose copy holds nothing of this text, so its strings need no detaching here.
 */
export function buildSummary(text: string, catalogue: Catalogue, language: string, posted = false): SummaryResult {
  let doc;
  try {
    // A summary keeps only the references to other instruments: the others are not resolved.
    doc = parseTreaty(text, { catalogue, language, references: 'otherInstruments' });
  } catch (err) {
    return { failed: 'parse', message: describe(err) };
  }
  try {
    return { summary: summarise(doc, catalogue, undefined, posted ? (s) => s : undefined) };
  } catch (err) {
    return { failed: 'index', message: describe(err) };
  }
}

/** The entries a catalogue adds to the built-in ones (what a worker needs to rebuild it). */
export function extraEntries(catalogue: Catalogue): CatalogueEntry[] {
  // Catalogue puts the built-in entries first, then the user's.
  return catalogue.entries.slice(WELL_KNOWN_INSTRUMENTS.length);
}

/**
 * Shares the summary's words through `pool`, in place. Summaries built elsewhere (another
 * thread, or without a pool) hold their own copies of "article", "part" and every number:
 * tens of thousands of strings a shared pool keeps once.
 */
export function internSummary(summary: DocumentSummary, pool: Map<string, string>): DocumentSummary {
  const intern = (list: readonly string[]) => {
    const words = list as string[];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const shared = pool.get(w);
      if (shared === undefined) pool.set(w, w);
      else words[i] = shared;
    }
  };
  intern(summary.symbols.titleWords);
  for (const e of summary.symbols.entries) {
    intern(e.own);
    intern(e.pathWords);
  }
  return summary;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** The next turn of the event loop (setImmediate in Node; a zero timeout in a browser worker). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
