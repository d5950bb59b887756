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

describe('start-up (in process)', () => {
  // A refresh after the settings arrive throws away a title index already under way: with 500
  // files, the first hover on a reference to another treaty waited for both.
  it('indexes the folders once, after the settings, with a document opened at once', async () => {
    const events: string[] = [];
    const files = {
      'file:///ws/a.treaty': 'Agreement on Alpha\n\nArticle 1\nThe Parties agree.\n\nArticle 2\nSee Article 1 of the Convention on Beta.\n',
      'file:///ws/b.treaty': 'Convention on Beta\n\nArticle 1\nThe Parties cooperate.\n',
    };
    const { client, server, dispose } = startInProcess(files, (c, s) => {
      // The client answers workspace/configuration late, as a busy editor may.
      c.onRequest(ConfigurationRequest.type, async (p) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push('settings');
        return p.items.map(() => ({}));
      });
      const filesOf = s.workspace.files.bind(s.workspace);
      s.workspace.files = (token) => {
        events.push('files');
        return filesOf(token);
      };
      const refresh = s.workspace.refresh.bind(s.workspace);
      s.workspace.refresh = () => {
        events.push('refresh');
        refresh();
      };
    });
    try {
      await client.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }],
        capabilities: { workspace: { configuration: true } },
      });
      events.length = 0; // the folders given at initialize make the first (empty) index
      await client.sendNotification('initialized', {});
      await client.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///ws/a.treaty', languageId: 'treaty', version: 1, text: files['file:///ws/a.treaty'] },
      });
      const symbols = (await client.sendRequest('workspace/symbol', { query: 'Beta' })) as Array<{ name: string }>;
      assert.ok(symbols.some((x) => /Beta/.test(x.name)), JSON.stringify(symbols));
      assert.equal(events.indexOf('refresh'), -1, `default settings refresh nothing: ${events.join(', ')}`);
      assert.equal(events[0], 'settings', `nothing reads the index before the settings are in: ${events.join(', ')}`);
      assert.ok(events.includes('files'));
      assert.equal(server.settings().maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    } finally {
      dispose();
    }
  });
});
