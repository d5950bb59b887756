// Which documents are language versions of one another, and their alignments.
//
// Three ways to link versions, strongest first:
//   1. the `pacta.parallelVersions` setting: groups of paths (relative to a workspace folder,
//      absolute, `~/…`, or URIs), each group one treaty;
//   2. a `pacta: parallel=…` note in a text's leading comment lines, naming the other
//      versions by paths relative to the text; a note links both ways, and versions linked to
//      a linked version are versions too (English names Korean and Russian: Korean sees both);
//   3. a proposal, for this document only, when the catalogue identifies another text in the
//      workspace as the same instrument in another language and its numbering matches
//      (`proposeParallel` in the model). A proposal is shown but not assumed by others.
// Notes of files on disk come with the workspace's title index (read with the title, once per
// index; the index is rebuilt when files change), those of open documents are read each time,
// since they are being edited. A hover does not wait for the index: it uses the last one built.
import type { Catalogue, TreatyDocument } from '../model';
import { textOf } from '../model/text';
import { alignDocuments, type Alignment } from '../model/alignment';
import { documentLanguage, parallelNote, proposeParallel } from '../model/parallel';
import { fileUriFromPath, joinUri, normaliseUri, type FileSystem } from './fileSystem';
import type { IndexEntry, ParsedDocument, Workspace } from './workspace';

export type LinkSource = 'setting' | 'note' | 'proposed';

export interface ParallelVersion {
  uri: string;
  doc: TreatyDocument;
  source: LinkSource;
  /** ISO 639-1 code, when known. */
  language?: string;
  /** For proposals: why the two texts look like versions of one treaty. */
  reason?: string;
}

export interface ParallelVersionsOptions {
  /** The open documents' URIs (the server's text documents). */
  openUris: () => readonly string[];
  /** `pacta.parallelVersions`. */
  groups: () => readonly (readonly string[])[];
}

interface FileNotes {
  /** Normalised URIs this file names as its other versions. */
  targets: string[];
  /** The catalogue entry its title names (read after its leading comment lines). */
  instrumentId?: string;
}

/** How many versions a group may hold: a bound on following notes from text to text. */
const MAX_GROUP = 24;

export class ParallelVersions {
  private scanned?: { index: IndexEntry[]; notes: Map<string, FileNotes> };
  private readonly alignments = new WeakMap<TreatyDocument, WeakMap<TreatyDocument, Alignment>>();

  constructor(
    private readonly ws: Workspace,
    private readonly fs: FileSystem,
    private readonly options: ParallelVersionsOptions,
  ) {}

  /** The alignment of two versions, computed once per pair of parses. */
  alignment(left: TreatyDocument, right: TreatyDocument): Alignment {
    let inner = this.alignments.get(left);
    if (!inner) this.alignments.set(left, (inner = new WeakMap()));
    let a = inner.get(right);
    if (!a) inner.set(right, (a = alignDocuments(left, right)));
    return a;
  }

  /**
   * The other versions of the document at `uri`: linked ones first, then a proposal if any.
   * `wait: false` (hovers) answers from the file index as it is now instead of waiting for it.
   */
  async versionsOf(uri: string, options: { wait?: boolean } = {}): Promise<ParallelVersion[]> {
    const self = await this.ws.load(uri);
    if (!self) return [];
    const selfKey = normaliseUri(uri);
    const notes = await this.allNotes(options.wait !== false);
    const linked = this.linkedGroup(selfKey, notes);
    const out: ParallelVersion[] = [];
    for (const [key, source] of linked) {
      if (key === selfKey) continue;
      const parsed = await this.ws.load(key);
      if (parsed) out.push(this.version(parsed, source));
    }
    if (self.doc.instrumentId) {
      const linkedKeys = new Set(linked.keys());
      for (const candidate of this.sameInstrument(self.doc.instrumentId, notes)) {
        const key = normaliseUri(candidate);
        if (key === selfKey || linkedKeys.has(key)) continue;
        const parsed = await this.ws.load(candidate);
        if (!parsed) continue;
        const title = this.ws.catalogue.entries.find((e) => e.id === self.doc.instrumentId)?.title;
        const proposal = proposeParallel(self.doc, parsed.doc, title);
        if (proposal) out.push({ ...this.version(parsed, 'proposed'), reason: proposal.reason });
      }
    }
    return out;
  }

  private version(parsed: ParsedDocument, source: LinkSource): ParallelVersion {
    return { uri: parsed.uri, doc: parsed.doc, source, language: documentLanguage(parsed.doc) };
  }

  /** The documents linked to `start` by the setting and by notes (either way, transitively). */
  private linkedGroup(start: string, notes: ReadonlyMap<string, FileNotes>): Map<string, LinkSource> {
    const reverse = new Map<string, string[]>();
    for (const [from, n] of notes) for (const to of n.targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
    const groups = this.settingGroups();

    const found = new Map<string, LinkSource>([[start, 'setting']]);
    const queue = [start];
    while (queue.length && found.size < MAX_GROUP) {
      const at = queue.shift()!;
      const next: Array<[string, LinkSource]> = [];
      for (const g of groups) if (g.has(at)) for (const u of g) next.push([u, 'setting']);
      for (const u of notes.get(at)?.targets ?? []) next.push([u, 'note']);
      for (const u of reverse.get(at) ?? []) next.push([u, 'note']);
      for (const [u, source] of next) {
        if (found.has(u)) continue;
        found.set(u, source);
        queue.push(u);
      }
    }
    return found;
  }

  /** `pacta.parallelVersions` as sets of normalised URIs (a relative path: in each workspace folder). */
  private settingGroups(): Array<Set<string>> {
    const home = this.fs.homeUri?.();
    return this.options.groups().map((group) => {
      const uris = new Set<string>();
      for (const entry of group) for (const u of resolvePath(entry.trim(), this.ws.workspaceFolders, home)) uris.add(u);
      return uris;
    });
  }

  /** Notes of every indexed file (taken from the index once per index) and of every open document (read now). */
  private async allNotes(wait: boolean): Promise<Map<string, FileNotes>> {
    const index = wait ? await this.ws.files() : (this.ws.filesNow() ?? []);
    if (this.scanned?.index !== index) this.scanned = { index, notes: this.indexNotes(index) };
    const notes = new Map(this.scanned.notes);
    for (const uri of this.options.openUris()) {
      const parsed = this.ws.get(uri);
      if (parsed) notes.set(normaliseUri(uri), openNotes(parsed.doc, uri, this.ws.catalogue));
    }
    return notes;
  }

  private indexNotes(index: readonly IndexEntry[]): Map<string, FileNotes> {
    const out = new Map<string, FileNotes>();
    for (const entry of index) {
      const folder = parentUri(entry.uri);
      const targets = entry.parallel.flatMap((p) => resolvePath(p, [folder], undefined));
      out.set(normaliseUri(entry.uri), { targets, instrumentId: entry.instrumentId });
    }
    return out;
  }

  /** Open documents and indexed files whose title the catalogue identifies as this instrument. */
  private sameInstrument(instrumentId: string, notes: ReadonlyMap<string, FileNotes>): string[] {
    const out: string[] = [];
    for (const uri of this.options.openUris()) {
      if (this.ws.get(uri)?.doc.instrumentId === instrumentId) out.push(uri);
    }
    for (const [uri, n] of notes) if (n.instrumentId === instrumentId) out.push(uri);
    return out;
  }
}

// Every hover asks for the open documents' notes: read each version's once, not per request.
// A model's text never changes (an edit makes a new model), so the model is the key.
const openNotesMemo = new WeakMap<TreatyDocument, { uri: string; catalogue: Catalogue; notes: FileNotes }>();

function openNotes(doc: TreatyDocument, uri: string, catalogue: Catalogue): FileNotes {
  const memo = openNotesMemo.get(doc);
  if (memo && memo.uri === uri && memo.catalogue === catalogue) return memo.notes;
  // Notes and the title are read from the head only (model/parallel.ts: 8,192 characters).
  const notes = notesOf(textOf(doc).slice(0, 8192), uri, catalogue);
  openNotesMemo.set(doc, { uri, catalogue, notes });
  return notes;
}

function notesOf(text: string, uri: string, catalogue: Catalogue): FileNotes {
  const folder = parentUri(uri);
  const targets = parallelNote(text).flatMap((p) => resolvePath(p, [folder], undefined));
  const title = titleAfterNotes(text);
  return { targets, instrumentId: title ? catalogue.identify(title)?.id : undefined };
}

/** The first line that is neither blank nor a leading comment: the title, as the model reads it. */
function titleAfterNotes(text: string): string | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  for (const line of head.split(/\r\n?|\n/)) {
    const t = line.replace(/^\s*#+\s*/, '').replace(/[*_]+/g, '').trim();
    if (!t || /^(?:%|\/\/|<!--|\[)/.test(t)) continue;
    return t.slice(0, 300);
  }
  return undefined;
}

/** The folder a document is in. */
export function parentUri(uri: string): string {
  const u = normaliseUri(uri);
  const cut = u.lastIndexOf('/');
  return cut > u.indexOf('//') + 1 ? u.slice(0, cut) : u;
}

/**
 * A path as a user writes it in a note or a setting, as URIs: a URI as it is; an absolute
 * path; `~/…` in the home folder; anything else relative to each of `bases`.
 */
export function resolvePath(entry: string, bases: readonly string[], home: string | undefined): string[] {
  if (!entry) return [];
  if (/^[a-z][a-z0-9+.-]+:/i.test(entry) && !/^[a-z]:[\\/]/i.test(entry)) return [normaliseUri(entry)];
  if (/^~([\\/]|$)/.test(entry)) return home ? [joinUri(home, entry.slice(1))] : [];
  if (/^([\\/]|[a-z]:[\\/])/i.test(entry)) return [fileUriFromPath(entry)];
  return bases.map((b) => joinUri(b, entry));
}
