// Diagnostics, quick fixes, Find All References, highlights and code lenses through the
// built server over a real stdio connection.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic, DocumentHighlight, Location, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { LspClient, REQUEST_TIMEOUT_MS } from '../helpers/lsp';
import { lines, positionOf } from '../helpers/text';
import { FOG_SIGNALS, LIGHTHOUSE_DRAFT } from '../../../test/fixtures/lighthouse.mjs';

/** A draft with one broken reference and a gap in its numbering (shared with the e2e suites). */
const DRAFT = lines(...LIGHTHOUSE_DRAFT);
/** A second file of the workspace, on disk only, citing the draft by its title. */
const NOTE = lines(...FOG_SIGNALS);

let tmp: string;
let client: LspClient;
let draftUri: string;
let noteUri: string;
const published = new Map<string, PublishDiagnosticsParams[]>();
let onPublish: (() => void) | undefined;

/** Waits until the server publishes diagnostics for `uri` that satisfy `ok` (fails after the request timeout). */
async function diagnosticsFor(uri: string, ok: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
  const deadline = Date.now() + REQUEST_TIMEOUT_MS;
  for (;;) {
    const last = published.get(uri)?.at(-1);
    if (last && ok(last.diagnostics)) return last.diagnostics;
    if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(last?.diagnostics ?? null)}`);
    await new Promise<void>((resolve) => {
      onPublish = resolve;
      setTimeout(resolve, 1000);
    });
  }
}

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}: ${d.message}`);

before(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-lsp-diag-'));
  fs.writeFileSync(path.join(tmp, 'draft.treaty'), DRAFT);
  fs.writeFileSync(path.join(tmp, 'fog.treaty'), NOTE);
  draftUri = pathToFileURL(path.join(tmp, 'draft.treaty')).href;
  noteUri = pathToFileURL(path.join(tmp, 'fog.treaty')).href;
  ({ client } = await LspClient.start({
    folders: [pathToFileURL(tmp).href],
    configuration: {},
    initializationOptions: { clientCommands: ['pacta.showReferences', 'pacta.ignoreDiagnostic'] },
  }));
  client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const list = published.get(p.uri) ?? [];
    list.push(p);
    published.set(p.uri, list);
    onPublish?.();
  });
  await client.notify('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'treaty', version: 1, text: DRAFT } });
});

after(() => {
  client?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('diagnostics over LSP', () => {
  it('publishes the broken reference and the numbering gap on open, with the document version', async () => {
    const ds = await diagnosticsFor(draftUri);
    assert.deepEqual(codes(ds), [
      'brokenReference: This document has no Article 7; the last is Article 4. Did you mean Article 4?',
      'numbering: Article 4 follows Article 2: number 3 is skipped',
    ]);
    assert.equal(published.get(draftUri)!.at(-1)!.version, 1);
    assert.deepEqual(ds[0].range.start, positionOf(DRAFT, 'Article 7', 1, 0));
    assert.equal(ds[0].severity, 2);
    assert.equal(ds[0].source, 'pacta');
  });

  it('offers the quick fix that changes only the number, and the diagnostic goes once it is applied', async () => {
    const at = positionOf(DRAFT, 'Article 7', 1, 8);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: { start: at, end: at },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Change to Article 4', 'Don\'t report “Article 7” (add to pacta.diagnostics.ignore)']);
    const [edit] = actions[0].edit!.changes![draftUri];
    assert.deepEqual(edit, { range: { start: at, end: { line: at.line, character: at.character + 1 } }, newText: '4' });
    assert.deepEqual(actions[1].command, { title: actions[1].title, command: 'pacta.ignoreDiagnostic', arguments: ['Article 7'] });
    await client.notify('textDocument/didChange', { textDocument: { uri: draftUri, version: 2 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
    const after = await diagnosticsFor(draftUri, (d) => d.length === 1);
    assert.deepEqual(codes(after), ['numbering: Article 4 follows Article 2: number 3 is skipped']);
    assert.equal(published.get(draftUri)!.at(-1)!.version, 2);
  });

  it('follows the severity settings and the ignore list', async () => {
    client.configuration = { diagnostics: { numbering: 'error', ignore: [] } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const ds = await diagnosticsFor(draftUri, (d) => d.length === 1 && d[0].severity === 1);
    assert.equal(ds[0].code, 'numbering');
    client.configuration = { diagnostics: { ignore: ['art_4'] } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await diagnosticsFor(draftUri, (d) => d.length === 0);
    client.configuration = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await diagnosticsFor(draftUri, (d) => d.length === 1);
  });
});

describe('references, highlights and lenses over LSP', () => {
  const text = () => DRAFT.replace('Article 7', 'Article 4');

  it('finds every citation of Article 2, in the open draft and in a workspace file on disk', async () => {
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: draftUri },
      position: positionOf(text(), '\nArticle 2\n', 1, 3),
      context: { includeDeclaration: true },
    });
    const t = text();
    assert.deepEqual(
      locations.map((l) => [l.uri === draftUri ? 'draft' : l.uri === noteUri ? 'fog' : l.uri, l.range.start.line + 1]),
      [['draft', 9], ['draft', 7], ['draft', 17], ['fog', 5]],
    );
    assert.deepEqual(locations[1].range.start, positionOf(t, 'Article 2 and', 1, 'Article '.length));
    assert.deepEqual(locations[3].range.start, positionOf(NOTE, 'Article 2 of', 1, 'Article '.length));
  });

  it('highlights the heading and the citations in the file', async () => {
    const hs = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument: { uri: draftUri },
      position: positionOf(text(), 'Article 1.', 1, 8),
    });
    assert.deepEqual(hs.map((h) => [h.range.start.line + 1, h.kind]), [[3, 3], [12, 2], [17, 2]]);
  });

  it('puts "cited by N" above each article, with the client command that lists them', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: draftUri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line + 1, l.command?.title]), [[3, 'cited by 2'], [9, 'cited by 3'], [14, 'cited by 1']]);
    const [uri, position, ...rest] = lenses[1].command!.arguments as [string, Position];
    assert.equal(lenses[1].command!.command, 'pacta.showReferences');
    assert.equal(uri, draftUri);
    assert.deepEqual(position, { line: 8, character: 0 });
    assert.deepEqual(rest, [], 'the lens carries no locations: the client asks for them on click');
    // What the client's command asks for: the references at the heading, as many as the lens says.
    const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    assert.equal(locations.length, 3);
    assert.ok(locations.some((l) => l.uri === noteUri));
  });

  it('turns the lenses off with pacta.codeLens.enabled', async () => {
    client.configuration = { codeLens: { enabled: false } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri: draftUri } }), []);
    client.configuration = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  });

  it('survives junk documents and stays answering', async () => {
    const junkUri = pathToFileURL(path.join(tmp, 'junk.treaty')).href;
    const junk = Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? '\nArticle 1\n' : String.fromCharCode((i * 7919) % 0xd7ff))).join('');
    await client.notify('textDocument/didOpen', { textDocument: { uri: junkUri, languageId: 'treaty', version: 1, text: junk } });
    await diagnosticsFor(junkUri);
    for (const method of ['textDocument/references', 'textDocument/documentHighlight']) {
      const r = await client.request(method, { textDocument: { uri: junkUri }, position: { line: 1, character: 3 }, context: { includeDeclaration: true } });
      assert.ok(r === null || Array.isArray(r));
    }
    assert.ok(Array.isArray(await client.request('textDocument/codeLens', { textDocument: { uri: junkUri } })));
    await client.notify('textDocument/didClose', { textDocument: { uri: junkUri } });
    assert.deepEqual(await diagnosticsFor(junkUri, (d) => d.length === 0), []);
    assert.equal(await client.stop(), 0);
  });
});
