// createServer on an in-memory connection and file system: checks the wiring that is
// awkward to reach through a child process (failing handlers, settings of the wrong type).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConfigurationRequest,
  LogMessageNotification,
  type Hover,
  type MarkupContent,
  type LogMessageParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { PactaServer } from '../../src/server';
import { startInProcess } from '../helpers/inProcessServer';
import { DEFAULT_SETTINGS } from '../../src/workspace/settings';
import { readCorpus, positionOf } from '../helpers/text';

const NATO_TEXT = readCorpus('north_atlantic_treaty_1949_en.txt');

describe('createServer (in process)', () => {
  let client: ProtocolConnection;
  let server: PactaServer;
  let dispose: () => void;
  const logs: string[] = [];
  let configuration: unknown = { library: 42, instruments: 'none', hover: { maxLength: -1 } };

  before(async () => {
    ({ client, server, dispose } = startInProcess({ 'file:///ws/charter.txt': readCorpus('un_charter_en.txt') }, (c) => {
      c.onNotification(LogMessageNotification.method, (m: LogMessageParams) => void logs.push(m.message));
      c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => configuration));
    }));
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ws/nato.txt', languageId: 'treaty', version: 1, text: NATO_TEXT },
    });
  });

  after(() => dispose?.());

  const hoverOn51 = () =>
    client.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///ws/nato.txt' },
      position: positionOf(NATO_TEXT, 'Article 51 of the Charter', 1, 3),
    }) as Promise<Hover | null>;

  it('treats settings of the wrong type as the defaults', async () => {
    const h = await hoverOn51();
    assert.ok(h);
    assert.match((h.contents as MarkupContent).value, /Chapter VII › Article 51/);
    assert.deepEqual(server.settings(), DEFAULT_SETTINGS);
  });

  it('logs a failing handler and answers null instead of crashing', async () => {
    const get = server.workspace.get.bind(server.workspace);
    server.workspace.get = () => {
      throw new Error('boom');
    };
    try {
      assert.equal(await hoverOn51(), null);
      assert.equal(await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///ws/nato.txt' } }), null);
      assert.ok(logs.some((l) => /pacta: hover failed: Error: boom/.test(l)), logs.join('\n'));
    } finally {
      server.workspace.get = get;
    }
    assert.ok(await hoverOn51(), 'serves again once the fault is gone');
  });

  it('re-reads settings on didChangeConfiguration', async () => {
    configuration = { hover: { maxLength: 40 } };
    await client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const h = await hoverOn51();
    assert.match((h!.contents as MarkupContent).value, /cut: \d+ of \d+ characters shown/);
    assert.equal(server.settings().hoverMaxLength, 40);
  });
});
