// The web extension's side of the browser server's file access: the server (in a Web
// Worker, without a file system) asks for files with pacta/readFile, pacta/readDirectory
// and pacta/stat, and this answers through vscode.workspace.fs. The server itself only
// asks for files inside the workspace folders and pacta.library folders.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

type FileType = 'file' | 'directory' | 'other';

function typeOf(t: vscode.FileType): FileType {
  // Symbolic links are 'other', never followed (as on the Node file system).
  if (t & vscode.FileType.SymbolicLink) return 'other';
  if (t & vscode.FileType.File) return 'file';
  if (t & vscode.FileType.Directory) return 'directory';
  return 'other';
}

function parse(params: unknown): vscode.Uri | undefined {
  const uri = (params as { uri?: unknown } | null)?.uri;
  if (typeof uri !== 'string') return undefined;
  try {
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

export function serveFiles(client: BaseLanguageClient): vscode.Disposable[] {
  const decoder = new TextDecoder('utf-8');
  return [
    client.onRequest('pacta/readFile', async (params: unknown) => {
      const uri = parse(params);
      if (!uri) return null;
      try {
        // The saved text, as the Node server reads it; open documents reach the server by didOpen/didChange.
        return decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return null;
      }
    }),
    client.onRequest('pacta/readDirectory', async (params: unknown) => {
      const uri = parse(params);
      if (!uri) return [];
      try {
        return (await vscode.workspace.fs.readDirectory(uri)).map(([name, type]) => ({ name, type: typeOf(type) }));
      } catch {
        return [];
      }
    }),
    client.onRequest('pacta/stat', async (params: unknown) => {
      const uri = parse(params);
      if (!uri) return null;
      try {
        const s = await vscode.workspace.fs.stat(uri);
        return { type: typeOf(s.type), size: s.size, mtime: s.mtime };
      } catch {
        return null;
      }
    }),
  ];
}
