// A FileSystem that asks the client for files: the browser build of the server runs in a
// Web Worker with no file system of its own, so the VS Code web extension answers these
// requests through `vscode.workspace.fs` (which reaches whatever the workbench shows:
// a local folder, a GitHub repository in vscode.dev, a code-server's remote folder).
// Transport-neutral: it gets a function that sends a request, not an LSP connection.
import type { DirectoryEntry, FileStat, FileSystem, FileType } from './fileSystem';

export const READ_FILE_METHOD = 'pacta/readFile';
export const READ_DIRECTORY_METHOD = 'pacta/readDirectory';
export const STAT_METHOD = 'pacta/stat';

export interface UriParams {
  uri: string;
}

/** Sends a request to the client and resolves with its answer. */
export type SendRequest = (method: string, params: UriParams) => Promise<unknown>;

const TYPES: readonly FileType[] = ['file', 'directory', 'other'];

export class ClientFileSystem implements FileSystem {
  constructor(private readonly send: SendRequest) {}

  async readFile(uri: string): Promise<string | undefined> {
    const r = await this.ask(READ_FILE_METHOD, uri);
    return typeof r === 'string' ? r : undefined;
  }

  async readDirectory(uri: string): Promise<DirectoryEntry[]> {
    const r = await this.ask(READ_DIRECTORY_METHOD, uri);
    if (!Array.isArray(r)) return [];
    return r.filter(
      (e): e is DirectoryEntry => typeof e === 'object' && e !== null && typeof e.name === 'string' && TYPES.includes(e.type),
    );
  }

  async stat(uri: string): Promise<FileStat | undefined> {
    const r = (await this.ask(STAT_METHOD, uri)) as Partial<FileStat> | null | undefined;
    if (!r || !TYPES.includes(r.type as FileType) || typeof r.size !== 'number' || typeof r.mtime !== 'number') return undefined;
    return { type: r.type as FileType, size: r.size, mtime: r.mtime };
  }

  /** A client that cannot answer (or fails) means "no such file", as for the Node file system. */
  private async ask(method: string, uri: string): Promise<unknown> {
    try {
      return await this.send(method, { uri });
    } catch {
      return undefined;
    }
  }
}
