// The documents the server knows about, and where cited instruments are found.
//
// Three sources, searched in this order when a reference cites another instrument:
//   1. open documents (the editor's text wins over the file on disk),
//   2. treaty-like files in the workspace folders,
//   3. treaty-like files in the `pacta.library` folders.
// Files on disk are indexed in two steps: their title lines (and parallel-version notes),
// which is all that finding a cited instrument needs, then — in the background, a few files at
// a time, yielding to requests in between — a summary of each (workspace/summary.ts: outline
// and references to other instruments), which is what workspace-wide requests read; a
// `SummaryBuilder` makes them, in this thread or in worker threads (the Node server). Parsed
// models of closed files are not kept beyond a small cache of recent parses: a file is parsed
// again when a feature needs its text. Open documents are parsed per version. Only files
// inside the workspace folders and the library folders are ever read.
import {
  Catalogue,
  type ChunkedText,
  DEFAULT_CATALOGUE,
  normaliseName,
  type InstrumentCitation,
  type InstrumentLookup,
  type Reference,
  type TreatyDocument,
} from '../model';
import { isInside, joinUri, normaliseUri, type FileSystem } from './fileSystem';
import { CancelledError, throwIfCancelled, untilCancelled, type CancellationSignal } from './cancellation';
import { resolveLibraryEntries } from './libraryRoots';
import { DEFAULT_SETTINGS, maxFileSizeBytes } from './settings';
import { parallelNote } from '../model/parallel';
import { composeChanges, parseText, reparseTreaty, type TextChange } from '../model/incremental';
import { citationKey, detach, summarise, type DocumentSummary } from './summary';
import { InThreadSummaryBuilder, internSummary, type SummaryBuilder, type SummaryResult } from './summaryBuilder';

export type DocumentSource = 'open' | 'workspace' | 'library';

export interface ParsedDocument {
  /** The URI as the client (or caller) spelled it: what goes back out in locations. */
  uri: string;
  /** The editor's version for open documents; undefined for files read from disk. */
  version?: number;
  source: DocumentSource;
  doc: TreatyDocument;
}

export interface WorkspaceOptions {
  /** Workspace folder URIs. */
  folders?: readonly string[];
  /** `pacta.library` entries as the user wrote them: paths (absolute, `~/…`, relative to a workspace folder) or URIs. */
  library?: readonly string[];
  catalogue?: Catalogue;
  /** Files larger than this are not indexed (bytes). */
  maxFileSize?: number;
  /** At most this many files are indexed per folder tree. */
  maxFiles?: number;
  log?: (message: string) => void;
  /** Problems the user should see (refused or missing library folders); each said once. */
  warn?: (message: string) => void;
  /** An open document above maxFileSize: called once per document while it stays open. */
  onTooLarge?: (uri: string, size: number, limit: number) => void;
  /** False in an untrusted workspace: relative library entries may not leave the folders. */
  trusted?: boolean;
  /** Parses and summarises closed files for the index; in this thread by default. */
  summaryBuilder?: SummaryBuilder;
}

interface OpenEntry {
  uri: string;
  version: number;
  text: () => string | ChunkedText;
  parsed?: ParsedDocument;
  /** The last parsed model and the edits since (model/incremental.ts re-parses only what they touch). */
  base?: { doc: TreatyDocument; change: TextChange; catalogue: Catalogue; language: string };
}

interface DiskEntry {
  mtime: number;
  size: number;
  parsed?: ParsedDocument;
}

/** What indexing learnt of one file, kept while its modification time and size stay the same. */
interface FileFacts {
  mtime: number;
  size: number;
  title?: string;
  parallel: string[];
  summary?: DocumentSummary;
  /** The file could not be parsed: it has no summary and is not an instrument anyone finds. */
  failed?: boolean;
}

/** One building of the summaries, for one generation of the index. */
interface SummaryRun {
  generation: number;
  files: Promise<SummarisedEntry[]>;
  listeners: Set<IndexListener>;
  /** Summaries asked of the builder while the title index was read, by normalised URI (summariseEarly). */
  early: Map<string, Promise<SummaryResult | undefined>>;
}

/** An indexed file with its summary. */
export interface SummarisedEntry extends IndexEntry {
  summary: DocumentSummary;
}

/** Reports indexing work as it is done: files read for titles (total undefined), then files summarised of `total`. */
export type IndexListener = (done: number, total: number | undefined) => void;

export interface IndexEntry {
  uri: string;
  source: 'workspace' | 'library';
  /** The title line as written. */
  title: string;
  /** `normaliseName(title)`, for instruments the catalogue does not know. */
  key: string;
  instrumentId?: string;
  /** The paths its `pacta: parallel=…` note names, as written. */
  parallel: readonly string[];
}

/** Names a treaty text may have. `.treaty.txt` and `.treaty.md` are covered by the last two. */
const TREATY_FILE = /\.(treaty|txt|md)$/i;
/** Folders never worth descending into. */
const SKIPPED_FOLDER = /^(\.|node_modules$)/;
const MAX_DEPTH = 12;
/** Files read at once while indexing titles. */
const PARALLEL_READS = 8;
/** Parsed closed files kept for hovers and look-ups: the most recently used, by count and by text size. */
const MAX_PARSED = 24;
const MAX_PARSED_CHARS = 24 * 1024 * 1024;

export class Workspace {
  private readonly open = new Map<string, OpenEntry>();
  private readonly disk = new Map<string, DiskEntry>();
  private folders: string[] = [];
  private libraryEntries: string[] = [];
  private libraryRoots: string[] = [];
  private catalogueValue: Catalogue;
  private index?: Promise<IndexEntry[]>;
  /** The index while it is built: its files' entries in their final order, as they are read (findInstrument). */
  private reading?: IndexReading;
  /** The last index built, kept while a new one is being built: what requests that may not wait use. */
  private lastIndex?: IndexEntry[];
  /** Bumped by every refresh: background work of an older index stops. */
  private generation = 0;
  private readonly facts = new Map<string, FileFacts>();
  private summarised?: SummaryRun;
  /** For `locate`: the index's files by catalogue id and by title key, and the answers so far by citation key. */
  private located?: LocationTables;
  private readonly wordPool = new Map<string, string>();
  private maxFileSize: number;
  private readonly maxFiles: number;
  private readonly log: (message: string) => void;
  private readonly warn: (message: string) => void;
  private readonly warned = new Set<string>();
  private readonly onTooLarge?: (uri: string, size: number, limit: number) => void;
  private readonly reportedLarge = new Set<string>();
  private trusted: boolean;
  private readonly builder: SummaryBuilder;

  constructor(
    private readonly fs: FileSystem,
    options: WorkspaceOptions = {},
  ) {
    this.catalogueValue = options.catalogue ?? DEFAULT_CATALOGUE;
    // The setting's default: a server whose settings arrive with it must not index twice.
    this.maxFileSize = options.maxFileSize ?? maxFileSizeBytes(DEFAULT_SETTINGS.maxFileSize);
    this.maxFiles = options.maxFiles ?? 5000;
    this.log = options.log ?? (() => undefined);
    this.warn = options.warn ?? this.log;
    this.onTooLarge = options.onTooLarge;
    this.trusted = options.trusted ?? true;
    this.builder = options.summaryBuilder ?? new InThreadSummaryBuilder();
    this.folders = (options.folders ?? []).map(normaliseUri);
    this.libraryEntries = [...(options.library ?? [])];
    this.libraryRoots = this.resolveLibrary();
  }

  // --- configuration ---------------------------------------------------------------------

  get catalogue(): Catalogue {
    return this.catalogueValue;
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  get libraryFolders(): readonly string[] {
    return this.libraryRoots;
  }

  setFolders(folders: readonly string[]): void {
    this.folders = folders.map(normaliseUri);
    // Relative library entries depend on the folders.
    this.libraryRoots = this.resolveLibrary();
    this.refresh();
  }

  setLibrary(entries: readonly string[]): void {
    if (sameList(entries, this.libraryEntries)) return;
    this.libraryEntries = [...entries];
    this.libraryRoots = this.resolveLibrary();
    this.refresh();
  }

  /** `pacta.maxFileSize` in bytes: larger open documents get no features, larger files are not indexed. */
  setMaxFileSize(bytes: number): void {
    if (bytes === this.maxFileSize) return;
    this.maxFileSize = bytes;
    this.reportedLarge.clear();
    this.refresh();
  }

  /** Whether the user trusts the workspace (VS Code's workspace trust); see libraryRoots.ts. */
  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.libraryRoots = this.resolveLibrary();
    this.refresh();
  }

  private languageValue = 'auto';

  /** `pacta.language`: a different language reads every text anew. */
  setLanguage(language: string): void {
    if (language === this.languageValue) return;
    this.languageValue = language;
    for (const e of this.open.values()) e.parsed = undefined;
    this.disk.clear();
    this.facts.clear();
    this.refresh();
  }

  /** A new catalogue changes what references mean, so every parse is dropped. */
  setCatalogue(catalogue: Catalogue): void {
    if (catalogue === this.catalogueValue) return;
    this.catalogueValue = catalogue;
    for (const e of this.open.values()) e.parsed = undefined;
    this.disk.clear();
    this.facts.clear();
    this.refresh();
  }

  /** Stops the summary builder's threads (server shutdown); the workspace still answers, in this thread. */
  dispose(): void {
    this.builder.dispose();
  }

  /** Forget the file index (files were added, removed or renamed on disk). */
  refresh(): void {
    this.index = undefined;
    this.generation++;
  }

  // --- open documents ------------------------------------------------------------------

  /**
   * Records an open document's text. The text may be given lazily; it is read on first use.
   * `change`: where this text differs from the previous version's, so the next parse can reuse
   * the previous model (which it then takes over: nothing may read that model afterwards).
   */
  setOpen(uri: string, version: number, text: string | ChunkedText | (() => string | ChunkedText), change?: TextChange): void {
    const key = normaliseUri(uri);
    const old = change ? this.open.get(key) : undefined;
    // Settings changes drop `parsed`, so a held parse was made with the current settings.
    const base = old?.parsed
      ? { doc: old.parsed.doc, change: change!, catalogue: this.catalogueValue, language: this.languageValue }
      : old?.base && { ...old.base, change: composeChanges(old.base.change, change!) };
    this.open.set(key, { uri, version, text: typeof text === 'function' ? text : () => text, base });
  }

  close(uri: string): void {
    this.open.delete(normaliseUri(uri));
    this.reportedLarge.delete(normaliseUri(uri));
  }

  isOpen(uri: string): boolean {
    return this.open.has(normaliseUri(uri));
  }

  /** The parsed open document (parsed at most once per version), or undefined. */
  get(uri: string): ParsedDocument | undefined {
    const entry = this.open.get(normaliseUri(uri));
    if (!entry) return undefined;
    if (!entry.parsed) {
      const text = entry.text();
      // Parsing blocks the server (about 2.5 MB/s): above the limit the document gets no
      // features rather than a frozen server. Length in UTF-16 units stands in for bytes.
      if (text.length > this.maxFileSize) {
        const key = normaliseUri(uri);
        if (!this.reportedLarge.has(key)) {
          this.reportedLarge.add(key);
          this.onTooLarge?.(entry.uri, text.length, this.maxFileSize);
        }
        return undefined;
      }
      const base = entry.base;
      entry.base = undefined;
      const doc =
        base && base.catalogue === this.catalogueValue && base.language === this.languageValue
          ? this.parse(text, uri, base)
          : this.parse(text, uri);
      if (!doc) return undefined;
      entry.parsed = { uri: entry.uri, version: entry.version, source: 'open', doc };
    }
    return entry.parsed;
  }

  /** An open document, or else a file inside the workspace or library folders. */
  async load(uri: string): Promise<ParsedDocument | undefined> {
    return this.get(uri) ?? (await this.loadFromDisk(uri));
  }

  /** The open documents, parsed (diagnostics are published for these). */
  openDocuments(): ParsedDocument[] {
    const out: ParsedDocument[] = [];
    for (const entry of this.open.values()) {
      const parsed = this.get(entry.uri);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  // --- instruments -------------------------------------------------------------------------

  /** Whether the workspace may read this URI from disk. */
  isReadable(uri: string): boolean {
    return this.sourceOf(uri) !== undefined;
  }

  /** The index of treaty-like files on disk, built on first use. */
  files(token?: CancellationSignal): Promise<IndexEntry[]> {
    if (!this.index) {
      const generation = this.generation;
      this.index = this.buildIndex()
        .catch((err: unknown) => {
          this.log(`pacta: indexing failed: ${String(err)}`);
          return [];
        })
        .then((index) => {
          if (generation === this.generation) this.lastIndex = index;
          return index;
        });
    }
    // A cancelled request stops waiting; the index goes on being built for the next one.
    return untilCancelled(this.index, token);
  }

  /**
   * The file index as known now, without waiting: the last one built (possibly before the
   * latest file changes), or undefined before the first. Starts building one if needed.
   */
  filesNow(): IndexEntry[] | undefined {
    void this.files();
    return this.lastIndex;
  }

  /**
   * Every indexed file with its summary, in index order. Built in the background by the summary
   * builder (in this thread a file per event-loop turn, or in worker threads), so requests on
   * open documents are answered while a large workspace is indexed; once per index (a refresh starts over, reusing the summaries of files
   * whose modification time and size did not change).
   * `listener` hears of the work this takes, if any.
   */
  summaries(token?: CancellationSignal, listener?: IndexListener): Promise<SummarisedEntry[]> {
    if (this.summarised?.generation !== this.generation) {
      const run: SummaryRun = { generation: this.generation, listeners: new Set<IndexListener>(), files: Promise.resolve<SummarisedEntry[]>([]), early: new Map() };
      run.files = this.buildSummaries(run).catch((err: unknown) => {
        this.log(`pacta: indexing failed: ${String(err)}`);
        return [];
      });
      this.summarised = run;
      // Threads started ahead of the title index, but only when there are folders to index.
      if (this.folders.length || this.libraryRoots.length) this.builder.prepare?.();
    }
    if (listener) this.summarised.listeners.add(listener);
    return untilCancelled(this.summarised.files, token);
  }

  /**
   * The URI of the document `findInstrument` finds for a citation, from the index as it is
   * (no waiting, no parsing of closed files): open documents first, then workspace files,
   * then library files. `key` is the citation's `citationKey`, when the caller has it.
   */
  locate(citation: InstrumentCitation, key?: string): string | undefined {
    let wanted: string[] | undefined;
    const want = () => (wanted ??= [normaliseName(citation.title), normaliseName(citation.cited)]);
    for (const entry of this.open.values()) {
      const parsed = this.get(entry.uri);
      if (parsed && this.matches(citation, want(), parsed.doc.instrumentId, parsed.doc.title && normaliseName(parsed.doc.title))) return parsed.uri;
    }
    const index = this.lastIndex ?? [];
    if (this.located?.index !== index) this.located = locationTables(index);
    const located = this.located;
    const k = key ?? citationKey(citation);
    if (located.uris.has(k)) {
      const uri = located.uris.get(k);
      if (!uri || !this.isOpen(uri)) return uri;
    }
    // The files `matches` accepts, in index order (workspace folders before library folders, as
    // findInstrument searches): with an id, the files of that id and untitled-by-catalogue files of
    // the same name; without, the files of the same name.
    const candidates = new Set<number>();
    const add = (list: number[] | undefined) => list?.forEach((i) => candidates.add(i));
    if (citation.id) {
      add(located.byId.get(citation.id));
      for (const w of want()) add(located.byKeyWithoutId.get(w));
    } else for (const w of want()) add(located.byKey.get(w));
    let found: string | undefined;
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const entry = index[i];
      if (this.isOpen(entry.uri) || this.facts.get(normaliseUri(entry.uri))?.failed) continue;
      found = entry.uri;
      break;
    }
    located.uris.set(k, found);
    return found;
  }

  /**
   * `locate` with its answers kept for the caller's one request: a workspace-wide search asks
   * about the same few instruments for thousands of references.
   */
  locator(): (citation: InstrumentCitation, key?: string) => string | undefined {
    const memo = new Map<string, string | undefined>();
    return (citation, key = citationKey(citation)) => {
      if (memo.has(key)) return memo.get(key);
      const uri = this.locate(citation, key);
      memo.set(key, uri);
      return uri;
    };
  }

  /** How many closed files are held parsed now (bounded: see MAX_PARSED). */
  get parsedFileCount(): number {
    let n = 0;
    for (const e of this.disk.values()) if (e.parsed) n++;
    return n;
  }

  /** The document holding the cited instrument: open documents, then workspace, then library. */
  async findInstrument(citation: InstrumentCitation, token?: CancellationSignal): Promise<ParsedDocument | undefined> {
    // The cited names are normalised once per call, index entries carry their key already:
    // with 500 files, normalising per entry and citation dominated Find All References.
    const wanted = [normaliseName(citation.title), normaliseName(citation.cited)];
    for (const entry of this.open.values()) {
      const parsed = this.get(entry.uri);
      if (parsed && this.matches(citation, wanted, parsed.doc.instrumentId, parsed.doc.title && normaliseName(parsed.doc.title))) return parsed;
    }
    // Workspace files come before library files in the index, so its order is the search's.
    const whole = this.files(token);
    // Awaited below unless a match comes first; a cancellation after that is nobody's error.
    whole.catch(() => undefined);
    const reading = this.reading;
    const found = async (entry: IndexEntry): Promise<ParsedDocument | undefined> => {
      if (!this.matches(citation, wanted, entry.instrumentId, entry.key)) return undefined;
      if (this.isOpen(entry.uri)) return undefined; // after the cheap test: isOpen parses the URI
      throwIfCancelled(token);
      return this.loadFromDisk(entry.uri);
    };
    if (reading && reading.generation === this.generation && !reading.done) {
      const searched = { all: false };
      for await (const entry of this.entriesAsRead(reading, searched, token)) {
        const parsed = await found(entry);
        if (parsed) return parsed;
      }
      if (searched.all) return undefined;
    }
    for (const entry of await whole) {
      const parsed = await found(entry);
      if (parsed) return parsed;
    }
    return undefined;
  }

  /**
   * The entries of an index being built, in its order, each as soon as it and every one before
   * it are read: a match among them is the index's first whatever files are still to come, so a
   * hover on a citation of another treaty need not wait for the whole title index (500 files:
   * 0.1-0.5 s). `searched.all` says whether every entry came; it stops early (the caller then
   * searches the finished index) when a refresh starts another index or a read fails.
   */
  private async *entriesAsRead(reading: IndexReading, searched: { all: boolean }, token?: CancellationSignal): AsyncGenerator<IndexEntry> {
    for (let i = 0; ; i++) {
      while (i >= reading.entries.length && !reading.done) await untilCancelled(reading.changed(), token);
      if (reading.generation !== this.generation) return;
      if (i >= reading.entries.length) {
        searched.all = true;
        return;
      }
      let entry: IndexEntry | undefined;
      try {
        entry = await untilCancelled(reading.entries[i], token);
      } catch (err) {
        if (err instanceof CancelledError) throw err;
        return;
      }
      if (reading.generation !== this.generation) return;
      if (entry) yield entry;
    }
  }

  /**
   * A synchronous `InstrumentLookup` for `resolveReference`, with every instrument the given
   * references cite (all of the document's references by default) already found and parsed.
   */
  async lookupFor(doc: TreatyDocument, refs: readonly Reference[] = doc.references, token?: CancellationSignal): Promise<InstrumentLookup> {
    const found = new Map<string, ParsedDocument | undefined>();
    for (const [key, citation] of citedInstruments(doc, refs)) found.set(key, await this.findInstrument(citation, token));
    return (citation) => {
      const parsed = found.get(citationKey(citation));
      return parsed ? { doc: parsed.doc, uri: parsed.uri } : undefined;
    };
  }

  // --- internals ---------------------------------------------------------------------------

  private parse(text: string | ChunkedText, uri: string, base?: { doc: TreatyDocument; change: TextChange }): TreatyDocument | undefined {
    try {
      const options = { catalogue: this.catalogueValue, language: this.languageValue };
      return base ? reparseTreaty(base.doc, text, options, base.change) : parseText(text, options);
    } catch (err) {
      // A model bug must not take the server down; the document just has no features.
      this.log(`pacta: cannot parse ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    }
  }

  /** `wanted`: the citation's normalised title and cited name; `key`: the candidate's normalised title. */
  private matches(citation: InstrumentCitation, wanted: readonly string[], instrumentId: string | undefined, key: string | undefined): boolean {
    if (citation.id && instrumentId) return citation.id === instrumentId;
    return !!key && wanted.includes(key);
  }

  private sourceOf(uri: string): 'workspace' | 'library' | undefined {
    if (this.folders.some((f) => isInside(uri, f))) return 'workspace';
    if (this.libraryRoots.some((f) => isInside(uri, f))) return 'library';
    return undefined;
  }

  private async loadFromDisk(uri: string): Promise<ParsedDocument | undefined> {
    const source = this.sourceOf(uri);
    if (!source) return undefined; // outside every folder we were given: never read
    const key = normaliseUri(uri);
    const stat = await this.fs.stat(uri);
    if (!stat || stat.type !== 'file' || stat.size > this.maxFileSize) return undefined;
    const cached = this.disk.get(key);
    if (cached?.parsed && cached.mtime === stat.mtime && cached.size === stat.size) {
      // Most recently used last: the cache drops from the front.
      this.disk.delete(key);
      this.disk.set(key, cached);
      return cached.parsed;
    }
    const text = await this.fs.readFile(uri);
    if (text === undefined) return undefined;
    const doc = this.parse(text, uri);
    if (!doc) return undefined;
    const parsed: ParsedDocument = { uri, source, doc };
    this.disk.delete(key);
    this.disk.set(key, { mtime: stat.mtime, size: stat.size, parsed });
    this.trimParsed();
    // A file parsed for a feature before the background indexing reached it: summarise it now.
    const facts = this.facts.get(key);
    if (facts && !facts.summary && facts.mtime === stat.mtime && facts.size === stat.size) facts.summary = this.summarise(doc, uri);
    return parsed;
  }

  private summarise(doc: TreatyDocument, uri: string): DocumentSummary | undefined {
    try {
      return summarise(doc, this.catalogueValue, this.wordPool);
    } catch (err) {
      // As with parsing: one file's failure leaves that file out, not the whole index.
      this.log(`pacta: cannot index ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    }
  }

  /** Keeps the parses of closed files within MAX_PARSED documents and MAX_PARSED_CHARS of text. */
  private trimParsed(): void {
    let chars = 0;
    for (const e of this.disk.values()) chars += e.parsed?.doc.text.length ?? 0;
    for (const [key, e] of this.disk) {
      if (this.disk.size <= MAX_PARSED && chars <= MAX_PARSED_CHARS) break;
      if (this.disk.size === 1) break; // the one just parsed stays, however large
      chars -= e.parsed?.doc.text.length ?? 0;
      this.disk.delete(key);
    }
  }

  private async buildSummaries(run: SummaryRun): Promise<SummarisedEntry[]> {
    const report = (done: number, total: number | undefined) => {
      for (const l of run.listeners) l(done, total);
    };
    const index = await this.files();
    const stale = () => run.generation !== this.generation;
    let parsed = 0;
    const known = (f: FileFacts | undefined) => !!(f?.summary || f?.failed);
    const todo = index.filter((e) => !known(this.facts.get(normaliseUri(e.uri))));
    const pending = todo.length;
    // Files being read or summarised: enough that the builder has the next text ready when a
    // read is slow (a busy machine), few enough that little text waits in memory.
    const inFlight = new Set<Promise<void>>();
    const window = this.builder.concurrency * 8;
    const summariseFile = async (entry: IndexEntry, key: string): Promise<void> => {
      // A builder that reads files itself (worker threads) gets the path: this thread then
      // neither reads nor copies 100 KB of text per file while it answers requests. It may have
      // had it already, from the title index.
      const job = run.early.get(key) ?? this.fileJob(entry.uri);
      run.early.delete(key);
      if (job) {
        const result = await job;
        const facts = this.facts.get(key);
        if (!facts || stale()) return;
        if (result === undefined) facts.failed ||= !facts.summary;
        else this.keepSummary(facts, entry.uri, result);
        if (!stale()) report(++parsed, pending);
        return;
      }
      const text = await this.fs.readFile(entry.uri);
      const facts = this.facts.get(key);
      if (!facts || stale()) return;
      // Look again: a feature may have parsed the file meanwhile.
      if (text === undefined) facts.failed ||= !facts.summary;
      else if (!known(facts)) await this.summariseText(facts, entry.uri, text);
      if (!stale()) report(++parsed, pending);
    };
    // The first error (a file system that throws) ends this run, as it would one file at a time.
    let error: { cause: unknown } | undefined;
    for (const entry of todo) {
      const key = normaliseUri(entry.uri);
      // Parsed for a feature meanwhile: counted all the same.
      if (known(this.facts.get(key))) {
        if (!stale()) report(++parsed, pending);
        continue;
      }
      while (inFlight.size >= window) await Promise.race(inFlight);
      if (error) throw error.cause;
      // The files changed meanwhile: this index is stale; the next request starts over.
      if (stale()) return this.summaries();
      const task: Promise<void> = summariseFile(entry, key)
        .catch((cause: unknown) => void (error ??= { cause }))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    // Files the title index left out (no title) were summarised for nothing: drop their answers.
    run.early.clear();
    if (error) throw error.cause;
    if (stale()) return this.summaries();
    const out: SummarisedEntry[] = [];
    for (const entry of index) {
      const summary = this.facts.get(normaliseUri(entry.uri))?.summary;
      if (summary) out.push({ ...entry, summary });
    }
    return out;
  }

  /** Builds a file's summary into its facts (unless something else did meanwhile). */
  private async summariseText(facts: FileFacts, uri: string, text: string): Promise<void> {
    const result = await this.builder.build({ uri, text, catalogue: this.catalogueValue, language: this.languageValue });
    this.keepSummary(facts, uri, result);
  }

  /** A builder's answer into the file's facts (unless something else summarised it meanwhile). */
  private keepSummary(facts: FileFacts, uri: string, result: SummaryResult): void {
    // The answer goes to these facts even after a refresh: they hold for this text, and a
    // settings change that would alter the summary replaces them.
    if (facts.summary || facts.failed) return;
    if ('summary' in result) facts.summary = internSummary(result.summary, this.wordPool);
    else {
      facts.failed = true;
      // As for open documents: one file's failure leaves that file out, not the whole index.
      this.log(`pacta: cannot ${result.failed} ${uri}: ${result.message}`);
    }
  }

  private async buildIndex(): Promise<IndexEntry[]> {
    const reading = new IndexReading(this.generation);
    this.reading = reading;
    try {
      return await this.walkIndex(reading);
    } finally {
      reading.finish();
      // Read whole: lookups use the finished index (`files`), and its entries need not be kept twice.
      if (this.reading === reading) this.reading = undefined;
    }
  }

  /** Reads the folders' files into `found`, in folder order, and returns their entries. */
  private async walkIndex(found: IndexReading): Promise<IndexEntry[]> {
    // Several files are read at once (reading one at a time, the index of 500 files waited half a
    // second on the file system); their entries keep the folder order.
    const out = found.entries;
    const reading = new Set<Promise<unknown>>();
    const seen = new Set<string>();
    const reads = { n: 0 };
    const roots: Array<[string, 'workspace' | 'library']> = [
      ...this.folders.map((f): [string, 'workspace'] => [f, 'workspace']),
      ...this.libraryRoots.map((f): [string, 'library'] => [f, 'library']),
    ];
    for (const [root, source] of roots) {
      let budget = this.maxFiles;
      let truncated = false;
      const queue: Array<[string, number]> = [[root, 0]];
      while (queue.length && !truncated) {
        const [folder, depth] = queue.shift()!;
        const entries = await this.fs.readDirectory(folder);
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of entries) {
          const uri = joinUri(folder, e.name);
          if (e.type === 'directory') {
            if (depth < MAX_DEPTH && !SKIPPED_FOLDER.test(e.name)) queue.push([uri, depth + 1]);
            continue;
          }
          if (e.type !== 'file' || !TREATY_FILE.test(e.name)) continue;
          const key = normaliseUri(uri);
          if (seen.has(key)) continue; // a library folder inside a workspace folder
          seen.add(key);
          if (budget-- <= 0) {
            truncated = true;
            break;
          }
          while (reading.size >= PARALLEL_READS) await Promise.race(reading);
          const entry = this.indexFile(uri, source, reads);
          // Never rejects (Promise.all below reports a failure): only says when a read is done.
          const settled: Promise<unknown> = entry.then(
            () => reading.delete(settled),
            () => reading.delete(settled),
          );
          reading.add(settled);
          found.add(entry);
        }
      }
      if (truncated) this.log(`pacta: stopped indexing ${root} after ${this.maxFiles} files`);
    }
    const entries = (await Promise.all(out)).filter((e): e is IndexEntry => e !== undefined);
    // What is known of files no longer there goes (a refresh after they were deleted or renamed).
    for (const key of this.facts.keys()) if (!seen.has(key)) this.facts.delete(key);
    return entries;
  }

  private async indexFile(uri: string, source: 'workspace' | 'library', reads: { n: number }): Promise<IndexEntry | undefined> {
    const stat = await this.fs.stat(uri);
    if (!stat || stat.type !== 'file' || stat.size > this.maxFileSize) return undefined;
    const key = normaliseUri(uri);
    let facts = this.facts.get(key);
    // An unchanged file is not read again: its title and notes are known.
    if (!facts || facts.mtime !== stat.mtime || facts.size !== stat.size) {
      this.summariseEarly(uri, key);
      // The title and the notes come from the first 8,192 characters (titleLine, pactaNotes):
      // the rest of the file is read when it is summarised.
      const text = await this.readHead(uri, stat.size);
      if (text === undefined) return undefined;
      // Copies: the title and notes are slices of the text, which would otherwise stay in memory with them.
      const title = titleLine(text);
      facts = { mtime: stat.mtime, size: stat.size, title: title && detach(title), parallel: parallelNote(text).map(detach) };
      this.facts.set(key, facts);
      const n = ++reads.n;
      if (this.summarised?.generation === this.generation) for (const l of this.summarised.listeners) l(n, undefined);
    }
    const title = facts.title;
    if (!title) return undefined;
    return { uri, source, title, key: normaliseName(title), instrumentId: this.catalogueValue.identify(title)?.id, parallel: facts.parallel };
  }

  /**
   * A file that will need a summary goes to a builder that reads files itself as soon as the
   * title index finds it, when summaries are being built: the workers parse while this thread
   * reads the other titles (they waited for the whole title index, a fifth of indexing 500 files).
   */
  private summariseEarly(uri: string, key: string): void {
    const run = this.summarised;
    if (!run || run.generation !== this.generation || run.early.has(key)) return;
    const job = this.fileJob(uri);
    if (job) run.early.set(key, job);
  }

  /** The file's summary from a builder that reads files itself, where the file has a local path; else undefined. */
  private fileJob(uri: string): Promise<SummaryResult | undefined> | undefined {
    const build = this.builder.buildFile?.bind(this.builder);
    const path = build && this.fs.localPath?.(uri);
    return build && path !== undefined ? build({ uri, path, catalogue: this.catalogueValue, language: this.languageValue }) : undefined;
  }

  /**
   * At least the first HEAD_CHARS characters of the file (all of it when shorter). As many bytes
   * hold them when every one is ASCII, as in most treaty files; 4 bytes a character hold them in
   * any text, read only when the first read had other characters.
   */
  private async readHead(uri: string, size: number): Promise<string | undefined> {
    if (!this.fs.readHead) return this.fs.readFile(uri);
    const ascii = await this.fs.readHead(uri, HEAD_CHARS);
    // Each byte decoded to one character: they were all ASCII (a cut character would be one
    // replacement character for several bytes), or the file ends within the read.
    if (ascii === undefined || ascii.length >= HEAD_CHARS || size <= HEAD_CHARS) return ascii;
    return this.fs.readHead(uri, HEAD_CHARS * 4);
  }

  private resolveLibrary(): string[] {
    const { roots, problems } = resolveLibraryEntries(this.libraryEntries, {
      folders: this.folders,
      home: this.fs.homeUri?.(),
      trusted: this.trusted,
    });
    for (const p of problems) this.warnOnce(p);
    void this.checkLibraryRoots(roots);
    return roots;
  }

  /** A library folder that is missing or is a file gets a message, not silence. */
  private async checkLibraryRoots(roots: readonly string[]): Promise<void> {
    for (const root of roots) {
      try {
        const stat = await this.fs.stat(root);
        if (!stat) this.warnOnce(`pacta.library folder ${root} does not exist or cannot be read; ignored.`);
        else if (stat.type !== 'directory') this.warnOnce(`pacta.library entry ${root} is not a folder; ignored.`);
      } catch (err) {
        this.warnOnce(`pacta.library folder ${root} cannot be read: ${String(err)}`);
      }
    }
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warn(message);
  }
}

/** The index being built: its files' entries in their final order, and whether more may come. */
class IndexReading {
  readonly entries: Array<Promise<IndexEntry | undefined>> = [];
  done = false;
  private waiting: Array<() => void> = [];

  constructor(readonly generation: number) {}

  add(entry: Promise<IndexEntry | undefined>): void {
    this.entries.push(entry);
    this.wake();
  }

  finish(): void {
    this.done = true;
    this.wake();
  }

  /** Resolves at the next entry or at the end. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/** What the title index reads of each file, in characters (titleLine, model/parallel.ts). */
const HEAD_CHARS = 8192;

/** The first non-blank line, without a BOM or Markdown heading marks: how a text names itself. */
export function titleLine(text: string): string | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  for (const line of head.split(/\r\n?|\n/)) {
    // The same leading notes the parser skips: "[Illustrative …]", "% pacta: …", "// …", "<!-- … -->".
    if (/^\s*(?:%|\/\/|<!--|\[)/.test(line)) continue;
    const t = line
      .replace(/^\s*#+\s*/, '')
      .replace(/[*_]+/g, '')
      .trim();
    if (t) return t.slice(0, 300);
  }
  return undefined;
}

interface LocationTables {
  index: IndexEntry[];
  /** Positions in `index`, in order. */
  byId: Map<string, number[]>;
  byKey: Map<string, number[]>;
  byKeyWithoutId: Map<string, number[]>;
  uris: Map<string, string | undefined>;
}

function locationTables(index: IndexEntry[]): LocationTables {
  const byId = new Map<string, number[]>();
  const byKey = new Map<string, number[]>();
  const byKeyWithoutId = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, k: string, i: number) => {
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  };
  index.forEach((e, i) => {
    if (e.instrumentId) push(byId, e.instrumentId, i);
    else push(byKeyWithoutId, e.key, i);
    push(byKey, e.key, i);
  });
  return { index, byId, byKey, byKeyWithoutId, uris: new Map() };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}


// Every request that resolves a document's citations asks for its instruments (Find All
// References twice): the 20,000 references of a 5 MB text are walked once per model.
const instrumentsCited = new WeakMap<TreatyDocument, Map<string, InstrumentCitation>>();

/** The distinct instruments `refs` cite, by citation key (for all of a model's references, kept per model). */
function citedInstruments(doc: TreatyDocument, refs: readonly Reference[]): Map<string, InstrumentCitation> {
  const whole = refs === doc.references;
  const known = whole ? instrumentsCited.get(doc) : undefined;
  if (known) return known;
  const out = new Map<string, InstrumentCitation>();
  for (const ref of refs) {
    if (!ref.instrument) continue;
    const key = citationKey(ref.instrument);
    if (!out.has(key)) out.set(key, ref.instrument);
  }
  if (whole) instrumentsCited.set(doc, out);
  return out;
}
