// An in-memory workspace for feature tests: files "on disk" in a MemoryFileSystem, plus
// open documents, the way the server holds them.
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { Workspace, type ParsedDocument } from '../../src/workspace/workspace';

export interface TestWorkspace {
  fs: MemoryFileSystem;
  ws: Workspace;
  /** Opens a document (as the editor would) and returns its parse. */
  open(uri: string, text: string, version?: number): ParsedDocument;
}

export function testWorkspace(files: Record<string, string> = {}, library: string[] = []): TestWorkspace {
  const fs = new MemoryFileSystem(files);
  const ws = new Workspace(fs, { folders: ['file:///ws'], library });
  return {
    fs,
    ws,
    open(uri, text, version = 1) {
      ws.setOpen(uri, version, text);
      const parsed = ws.get(uri);
      if (!parsed) throw new Error(`cannot parse ${uri}`);
      return parsed;
    },
  };
}
