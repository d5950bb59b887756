// Every document a workspace-wide edit may touch: the open documents (the editor's text)
// and the treaty files of the workspace folders (not the read-only pacta.library folders).
import type { ParsedDocument, Workspace } from './workspace';
import { throwIfCancelled, type CancellationSignal } from './cancellation';

/** Stops with a CancelledError when `token` is cancelled: this loop parses every file of the workspace. */
export async function allDocuments(workspace: Workspace, openUris: Iterable<string>, token?: CancellationSignal): Promise<ParsedDocument[]> {
  const out: ParsedDocument[] = [];
  for (const uri of openUris) {
    const parsed = workspace.get(uri);
    if (parsed) out.push(parsed);
  }
  for (const entry of await workspace.files(token)) {
    throwIfCancelled(token);
    if (entry.source !== 'workspace' || workspace.isOpen(entry.uri)) continue;
    const parsed = await workspace.load(entry.uri);
    if (parsed) out.push(parsed);
  }
  return out;
}
