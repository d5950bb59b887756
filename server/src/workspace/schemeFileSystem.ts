// Routes file access by URI scheme: `file:` to the local file system, every other scheme
// (vscode-vfs:, vscode-remote:, … in a virtual workspace) to the client, which can read
// whatever the editor shows. So the Node server works in VS Code's virtual workspaces too.
import type { DirectoryEntry, FileStat, FileSystem } from './fileSystem';

export class SchemeFileSystem implements FileSystem {
  constructor(
    private readonly local: FileSystem,
    private readonly remote: FileSystem,
  ) {}

  private pick(uri: string): FileSystem {
    return /^file:/i.test(uri) ? this.local : this.remote;
  }

  readFile(uri: string): Promise<string | undefined> {
    return this.pick(uri).readFile(uri);
  }

  readDirectory(uri: string): Promise<DirectoryEntry[]> {
    return this.pick(uri).readDirectory(uri);
  }

  readHead(uri: string, bytes: number): Promise<string | undefined> {
    const fs = this.pick(uri);
    return fs.readHead ? fs.readHead(uri, bytes) : fs.readFile(uri);
  }

  stat(uri: string): Promise<FileStat | undefined> {
    return this.pick(uri).stat(uri);
  }

  localPath(uri: string): string | undefined {
    return this.pick(uri).localPath?.(uri);
  }

  homeUri(): string | undefined {
    return this.local.homeUri?.();
  }
}
