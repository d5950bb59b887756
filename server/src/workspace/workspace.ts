// The documents the server knows about, and where cited instruments are found.
//
// Three sources, searched in this order when a reference cites another instrument:
//   1. open documents (the editor's text wins over the file on disk),
//   2. treaty-like files in the workspace folders,
//   3. treaty-like files in the `pacta.library` folders.
// Files on disk are indexed lazily, by their title line only; a file is parsed when a
// reference actually needs it. Every parse is cached: open documents per version, files
// on disk per modification time. Only files inside the workspace folders and the library
// folders are ever read.
import {
  Catalogue,
  DEFAULT_CATALOGUE,
  normaliseName,
  parseTreaty,
  type InstrumentCitation,
  type InstrumentLookup,
  type Reference,
  type TreatyDocument,
} from '../model';
import { isInside, joinUri, normaliseUri, type FileSystem } from './fileSystem';
import { throwIfCancelled, untilCancelled, type CancellationSignal } from './cancellation';
import { resolveLibraryEntries } from './libraryRoots';

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
}

interface OpenEntry {
  uri: string;
  version: number;
  text: () => string;
  parsed?: ParsedDocument;
}

interface DiskEntry {
  mtime: number;
  size: number;
  parsed?: ParsedDocument;
}

export interface IndexEntry {
  uri: string;
  source: 'workspace' | 'library';
  /** The title line as written. */
  title: string;
  /** `normaliseName(title)`, for instruments the catalogue does not know. */
  key: string;
  instrumentId?: string;
}

/** Names a treaty text may have. `.treaty.txt` and `.treaty.md` are covered by the last two. */
const TREATY_FILE = /\.(treaty|txt|md)$/i;
/** Folders never worth descending into. */
const SKIPPED_FOLDER = /^(\.|node_modules$)/;
const MAX_DEPTH = 12;

export class Workspace {
  private readonly open = new Map<string, OpenEntry>();
  private readonly disk = new Map<string, DiskEntry>();
  private folders: string[] = [];
  private libraryEntries: string[] = [];
  private libraryRoots: string[] = [];
  private catalogueValue: Catalogue;
  private index?: Promise<IndexEntry[]>;
  private maxFileSize: number;
  private readonly maxFiles: number;
  private readonly log: (message: string) => void;
  private readonly warn: (message: string) => void;
  private readonly warned = new Set<string>();
  private readonly onTooLarge?: (uri: string, size: number, limit: number) => void;
  private readonly reportedLarge = new Set<string>();
  private trusted: boolean;

  constructor(
    private readonly fs: FileSystem,
    options: WorkspaceOptions = {},
  ) {
    this.catalogueValue = options.catalogue ?? DEFAULT_CATALOGUE;
    this.maxFileSize = options.maxFileSize ?? 8 * 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 5000;
    this.log = options.log ?? (() => undefined);
    this.warn = options.warn ?? this.log;
    this.onTooLarge = options.onTooLarge;
    this.trusted = options.trusted ?? true;
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
    this.refresh();
  }

  /** A new catalogue changes what references mean, so every parse is dropped. */
  setCatalogue(catalogue: Catalogue): void {
    if (catalogue === this.catalogueValue) return;
    this.catalogueValue = catalogue;
    for (const e of this.open.values()) e.parsed = undefined;
    this.disk.clear();
    this.refresh();
  }

  /** Forget the file index (files were added, removed or renamed on disk). */
  refresh(): void {
    this.index = undefined;
  }

  // --- open documents ------------------------------------------------------------------

  /** Records an open document's text. The text may be given lazily; it is read on first use. */
  setOpen(uri: string, version: number, text: string | (() => string)): void {
    this.open.set(normaliseUri(uri), { uri, version, text: typeof text === 'string' ? () => text : text });
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
      const doc = this.parse(text, uri);
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
    this.index ??= this.buildIndex().catch((err: unknown) => {
      this.log(`pacta: indexing failed: ${String(err)}`);
      return [];
    });
    // A cancelled request stops waiting; the index goes on being built for the next one.
    return untilCancelled(this.index, token);
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
    const index = await this.files(token);
    for (const source of ['workspace', 'library'] as const) {
      for (const entry of index) {
        if (entry.source !== source || !this.matches(citation, wanted, entry.instrumentId, entry.key)) continue;
        if (this.isOpen(entry.uri)) continue; // after the cheap test: isOpen parses the URI
        throwIfCancelled(token);
        const parsed = await this.loadFromDisk(entry.uri);
        if (parsed) return parsed;
      }
    }
    return undefined;
  }

  /**
   * A synchronous `InstrumentLookup` for `resolveReference`, with every instrument the given
   * references cite (all of the document's references by default) already found and parsed.
   */
  async lookupFor(doc: TreatyDocument, refs: readonly Reference[] = doc.references, token?: CancellationSignal): Promise<InstrumentLookup> {
    const found = new Map<string, ParsedDocument | undefined>();
    for (const ref of refs) {
      if (!ref.instrument) continue;
      const key = citationKey(ref.instrument);
      if (!found.has(key)) found.set(key, await this.findInstrument(ref.instrument, token));
    }
    return (citation) => {
      const parsed = found.get(citationKey(citation));
      return parsed ? { doc: parsed.doc, uri: parsed.uri } : undefined;
    };
  }

  // --- internals ---------------------------------------------------------------------------

  private parse(text: string, uri: string): TreatyDocument | undefined {
    try {
      return parseTreaty(text, { catalogue: this.catalogueValue, language: this.languageValue });
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
    if (cached?.parsed && cached.mtime === stat.mtime && cached.size === stat.size) return cached.parsed;
    const text = await this.fs.readFile(uri);
    if (text === undefined) return undefined;
    const doc = this.parse(text, uri);
    if (!doc) return undefined;
    const parsed: ParsedDocument = { uri, source, doc };
    this.disk.set(key, { mtime: stat.mtime, size: stat.size, parsed });
    return parsed;
  }

  private async buildIndex(): Promise<IndexEntry[]> {
    const out: IndexEntry[] = [];
    const seen = new Set<string>();
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
          const entry = await this.indexFile(uri, source);
          if (entry) out.push(entry);
        }
      }
      if (truncated) this.log(`pacta: stopped indexing ${root} after ${this.maxFiles} files`);
    }
    return out;
  }

  private async indexFile(uri: string, source: 'workspace' | 'library'): Promise<IndexEntry | undefined> {
    const stat = await this.fs.stat(uri);
    if (!stat || stat.type !== 'file' || stat.size > this.maxFileSize) return undefined;
    const text = await this.fs.readFile(uri);
    if (text === undefined) return undefined;
    const title = titleLine(text);
    if (!title) return undefined;
    return { uri, source, title, key: normaliseName(title), instrumentId: this.catalogueValue.identify(title)?.id };
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

function citationKey(c: InstrumentCitation): string {
  return c.id ? `id:${c.id}` : `name:${normaliseName(c.title)}|${normaliseName(c.cited)}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

