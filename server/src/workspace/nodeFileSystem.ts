// The Node implementation of FileSystem, for the language server and the CLI.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { fileUriFromPath, type DirectoryEntry, type FileStat, type FileSystem, type FileType } from './fileSystem';

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class NodeFileSystem implements FileSystem {
  async readFile(uri: string): Promise<string | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    try {
      return await fsp.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  async stat(uri: string): Promise<FileStat | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    try {
      const s = await fsp.stat(path);
      return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  async readDirectory(uri: string): Promise<DirectoryEntry[]> {
    const path = toPath(uri);
    if (!path) return [];
    try {
      const entries = await fsp.readdir(path, { withFileTypes: true });
      // Symbolic links are reported as 'other' and so never followed: a link could lead
      // out of the workspace folders, or round in a cycle.
      return entries.map((e) => {
        const type: FileType = e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other';
        return { name: e.name, type };
      });
    } catch {
      return [];
    }
  }

  homeUri(): string | undefined {
    try {
      return fileUriFromPath(os.homedir());
    } catch {
      return undefined;
    }
  }
}
