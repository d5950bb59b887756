// File access for the workspace, behind an interface so the same workspace code runs on
// the Node file system (server, CLI), on an in-memory map (tests) and, later, on files
// fetched from the client (a web worker has no `fs`). Everything is addressed by URI.

export type FileType = 'file' | 'directory' | 'other';

export interface FileStat {
  type: FileType;
  /** Size in bytes. */
  size: number;
  /** Modification time in ms; used to notice that a file on disk changed. */
  mtime: number;
}

export interface DirectoryEntry {
  name: string;
  type: FileType;
}

export interface FileSystem {
  /** The file's text (UTF-8), or undefined when it cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /** The entries of a folder; [] when it cannot be listed. */
  readDirectory(uri: string): Promise<DirectoryEntry[]>;
  stat(uri: string): Promise<FileStat | undefined>;
  /** The user's home folder as a URI, for `~/…` in settings; absent where there is none. */
  homeUri?(): string | undefined;
  /**
   * The file's first `bytes` bytes as text (a character cut at the end is replaced), or
   * undefined when it cannot be read; absent where only whole files can be read.
   */
  readHead?(uri: string, bytes: number): Promise<string | undefined>;
  /**
   * The file's path on this machine, where another thread of this process can read it
   * itself (the index workers); absent, or undefined, where files are not local.
   */
  localPath?(uri: string): string | undefined;
}

// --- URI helpers shared by the implementations and the workspace -----------------------

/** A canonical form: dot segments resolved, no trailing slash (except the root). */
export function normaliseUri(uri: string): string {
  let out = uri;
  try {
    out = new URL(uri).href;
  } catch {
    // not a URL the platform parses; keep it as written
  }
  if (out.endsWith('/') && !/^[a-z][a-z0-9+.-]*:\/*$/i.test(out)) out = trimTrailingSlashes(out);
  return out;
}

/** Without trailing slashes; a loop, not a regex, so a long run of slashes stays linear. */
function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}

/** `folder` + one or more path segments (segments are percent-encoded). */
export function joinUri(folder: string, ...names: string[]): string {
  const base = normaliseUri(folder);
  const tail = names
    .flatMap((n) => n.split(/[\\/]/))
    .filter((s) => s.length > 0)
    .map((s) => encodeURIComponent(s))
    .join('/');
  return normaliseUri(tail ? `${base}/${tail}` : base);
}

/** True when `uri` is `folder` itself or lies below it. */
export function isInside(uri: string, folder: string): boolean {
  const u = normaliseUri(uri);
  const f = normaliseUri(folder);
  return u === f || u.startsWith(f.endsWith('/') ? f : f + '/');
}

/** The last path segment, decoded: the file name. */
export function baseName(uri: string): string {
  const full = normaliseUri(uri);
  const cut = full.search(/[?#]/);
  const path = cut < 0 ? full : full.slice(0, cut);
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A `file:` URI for an absolute path (POSIX `/x/y` or Windows `C:\x\y`). */
export function fileUriFromPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(p)) p = '/' + p;
  const encoded = p
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return normaliseUri('file://' + encoded);
}
