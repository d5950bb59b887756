// An in-memory file system for tests (and any host that hands us texts directly).
// Folders are implied by the files' URIs, as in an object store.
import { baseName, isInside, normaliseUri, type DirectoryEntry, type FileStat, type FileSystem } from './fileSystem';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, { text: string; mtime: number }>();
  private clock = 1;
  /** Every URI passed to readFile, in order: tests use it to check what was read. */
  readonly reads: string[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.write(uri, text);
  }

  write(uri: string, text: string): void {
    this.files.set(normaliseUri(uri), { text, mtime: this.clock++ });
  }

  delete(uri: string): void {
    this.files.delete(normaliseUri(uri));
  }

  async readFile(uri: string): Promise<string | undefined> {
    this.reads.push(normaliseUri(uri));
    return this.files.get(normaliseUri(uri))?.text;
  }

  async stat(uri: string): Promise<FileStat | undefined> {
    const key = normaliseUri(uri);
    const f = this.files.get(key);
    if (f) return { type: 'file', size: f.text.length, mtime: f.mtime };
    for (const k of this.files.keys()) if (k !== key && isInside(k, key)) return { type: 'directory', size: 0, mtime: 0 };
    return undefined;
  }

  async readDirectory(uri: string): Promise<DirectoryEntry[]> {
    const folder = normaliseUri(uri);
    const seen = new Map<string, DirectoryEntry>();
    for (const k of this.files.keys()) {
      if (k === folder || !isInside(k, folder)) continue;
      const rest = k.slice(folder.length + 1);
      const slash = rest.indexOf('/');
      const segment = slash < 0 ? rest : rest.slice(0, slash);
      const name = baseName(folder + '/' + segment);
      seen.set(name, { name, type: slash < 0 ? 'file' : 'directory' });
    }
    return [...seen.values()];
  }
}
