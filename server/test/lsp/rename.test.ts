// Rename and the renumbering commands through the built server over stdio, across two
// files of a workspace folder: one open in the "editor", one only on disk.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ApplyWorkspaceEditParams, ClientCapabilities, InitializeResult, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt } from '../helpers/build';
import { LspClient } from '../helpers/lsp';
import { lines, positionOf } from '../helpers/text';

const DRAFT = lines(
  'Convention on Orchard Boundaries',
  '',
  'Article 1',
  '',
  'This Convention applies to orchards; Article 3 sets out the duties.',
  '',
  'Article 2',
  '',
  'Each Party shall mark its boundary.',
  '',
  'Article 3',
  '',
  'The Parties shall consult as provided in Article 2.',
  '',
);
const PROTOCOL = lines('Protocol on Orchard Fences', '', 'Article 1', '', 'Article 3 of the Convention on Orchard Boundaries applies to fences.', '');

const CAPABILITIES: ClientCapabilities = {
  workspace: {
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } },
  },
  textDocument: { rename: { prepareSupport: true }, synchronization: { dynamicRegistration: false } },
};

let tmp: string;
let client: LspClient;
let init: InitializeResult;
let homeUri: string;
let otherUri: string;
const applied: ApplyWorkspaceEditParams[] = [];
const messages: string[] = [];

function apply(edit: WorkspaceEdit, texts: Record<string, string>): Record<string, string> {
  const out = { ...texts };
  for (const d of edit.documentChanges as TextDocumentEdit[]) {
    out[d.textDocument.uri] = TextDocument.applyEdits(TextDocument.create(d.textDocument.uri, 'treaty', 1, out[d.textDocument.uri]), d.edits as TextEdit[]);
  }
  return out;
}

before(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-rename-'));
  fs.writeFileSync(path.join(tmp, 'convention.treaty'), DRAFT);
  fs.writeFileSync(path.join(tmp, 'protocol.treaty'), PROTOCOL);
  homeUri = pathToFileURL(path.join(tmp, 'convention.treaty')).href;
  otherUri = pathToFileURL(path.join(tmp, 'protocol.treaty')).href;
  const started = await LspClient.start({ folders: [pathToFileURL(tmp).href], capabilities: CAPABILITIES });
  client = started.client;
  init = started.result;
  client.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
    applied.push(params);
    return { applied: true };
  });
  client.connection.onNotification('window/showMessage', (m: { message: string }) => void messages.push(m.message));
  await client.notify('textDocument/didOpen', { textDocument: { uri: homeUri, languageId: 'treaty', version: 4, text: DRAFT } });
});

after(() => {
  client?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('rename over LSP', () => {
  it('announces rename with prepare and the renumbering commands', () => {
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    const commands = init.capabilities.executeCommandProvider?.commands ?? [];
    for (const c of ['pacta.server.insertArticle', 'pacta.server.removeArticle', 'pacta.server.renumberSequentially']) assert.ok(commands.includes(c), c);
  });

  it('prepareRename gives the number under the cursor', async () => {
    const r = await client.request('textDocument/prepareRename', { textDocument: { uri: homeUri }, position: positionOf(DRAFT, 'Article 3\n', 1, 8) });
    assert.deepEqual(r, { range: { start: { line: 10, character: 8 }, end: { line: 10, character: 9 } }, placeholder: '3' });
  });

  it('rename renumbers the article here and in the file on disk that cites it', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: homeUri },
      position: positionOf(DRAFT, 'Article 3 sets', 1, 8),
      newName: '12',
    });
    const changes = edit.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version]), [[homeUri, 4], [otherUri, null]]);
    const after = apply(edit, { [homeUri]: DRAFT, [otherUri]: PROTOCOL });
    assert.equal(after[homeUri], DRAFT.replace('Article 3 sets', 'Article 12 sets').replace('\nArticle 3\n', '\nArticle 12\n'));
    assert.equal(after[otherUri], PROTOCOL.replace('Article 3', 'Article 12'));
  });

  it('a taken number is refused with a message the editor shows', async () => {
    await assert.rejects(
      () => client.request('textDocument/rename', { textDocument: { uri: homeUri }, position: positionOf(DRAFT, 'Article 3\n', 1, 8), newName: '2' }),
      (e: { message?: string; code?: number }) => /^Article 2 already exists/.test(e.message ?? '') && e.code === -32803,
    );
  });

  it('Insert Article asks the client to apply one annotated edit and reports what it did', async () => {
    const result = await client.request<{ applied: boolean; message: string; warnings: string[] }>('workspace/executeCommand', {
      command: 'pacta.server.insertArticle',
      arguments: [{ uri: homeUri, position: positionOf(DRAFT, 'Each Party') }],
    });
    assert.equal(result.applied, true);
    assert.equal(applied.length, 1);
    assert.equal(applied[0].label, 'Insert Article 3');
    const edit = applied[0].edit;
    assert.ok(Object.values(edit.changeAnnotations ?? {}).every((a) => a.needsConfirmation === true));
    const after = apply(edit, { [homeUri]: DRAFT, [otherUri]: PROTOCOL });
    assert.match(after[homeUri], /its boundary\.\n\nArticle 3\n\nArticle 4\n\nThe Parties shall consult/);
    assert.match(after[homeUri], /orchards; Article 4 sets out/);
    assert.match(after[otherUri], /^Article 4 of the Convention/m);
    assert.match(result.message, /^Inserted Article 3; renumbered Article 3 → 4; updated 2 numbers in references in 2 files\.$/);
    for (let i = 0; i < 50 && !messages.length; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(messages, [result.message]);
  });
});
