// The requests behind the VS Code client's status bar and commands, on createServer with
// an in-memory file system: pacta/documentInfo (article count, language), the
// pacta.akomaNtoso command (the XML of a document), and window/workDoneProgress while
// the workspace folders are indexed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConfigurationRequest,
  WorkDoneProgressCreateRequest,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../helpers/inProcessServer';
import { readCorpus } from '../helpers/text';

const NATO = readCorpus('north_atlantic_treaty_1949_en.txt');
const KOREAN = readCorpus('vclt_1969_ko_partial.txt');
/** More files than one progress report covers, so the progress moves at least once. */
const FILES = 60;

describe('status bar, export and indexing progress (in process)', () => {
  let client: ProtocolConnection;
  let dispose: () => void;
  const progress: Array<{ kind: string; title?: string; message?: string }> = [];
  let progressDone!: () => void;
  const indexed = new Promise<void>((resolve) => (progressDone = resolve));

  before(async () => {
    const files: Record<string, string> = { 'file:///ws/charter.txt': readCorpus('un_charter_en.txt') };
    for (let i = 0; i < FILES; i++) files[`file:///ws/drafts/draft-${String(i).padStart(2, '0')}.treaty`] = `Draft ${i}\n\nArticle 1\nSee Article 2.\n\nArticle 2\nText.\n`;
    ({ client, dispose } = startInProcess(files, (c) => {
      c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
      c.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
      c.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => {
        progress.push(p.value);
        if (p.value.kind === 'end') progressDone();
      });
    }));
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    });
    await client.sendNotification('initialized', {});
    for (const [uri, text] of [['file:///ws/nato.txt', NATO], ['file:///ws/vclt-ko.txt', KOREAN]]) {
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
    }
  });

  after(() => dispose());

  it('indexing the workspace folder shows begin, reports and end', async () => {
    await indexed;
    assert.equal(progress[0].kind, 'begin');
    assert.equal(progress[0].title, 'Pacta');
    assert.match(progress[0].message ?? '', /indexing treaty texts/);
    const reports = progress.filter((p) => p.kind === 'report');
    assert.ok(reports.length >= 2, `reports: ${JSON.stringify(reports)}`);
    assert.match(reports[reports.length - 1].message ?? '', /indexing treaty texts — \d+ files/);
    assert.equal(progress[progress.length - 1].kind, 'end');
  });

  it('pacta/documentInfo: articles and language', async () => {
    const nato = await client.sendRequest('pacta/documentInfo', { textDocument: { uri: 'file:///ws/nato.txt' } });
    assert.deepEqual(nato, {
      title: 'NORTH ATLANTIC TREATY',
      articles: 14,
      annexArticles: 0,
      annexes: 0,
      references: 3,
      language: 'en',
      languageName: 'English',
    });
    const ko = (await client.sendRequest('pacta/documentInfo', { textDocument: { uri: 'file:///ws/vclt-ko.txt' } })) as { language: string; languageName: string; articles: number };
    assert.equal(ko.language, 'ko');
    assert.equal(ko.languageName, '한국어');
    assert.ok(ko.articles > 20);
    assert.equal(await client.sendRequest('pacta/documentInfo', { textDocument: { uri: 'file:///ws/not-open.txt' } }), null);
  });

  it('workspace/executeCommand pacta.akomaNtoso returns the XML, with the Charter in the workspace resolving Article 51', async () => {
    const r = (await client.sendRequest('workspace/executeCommand', { command: 'pacta.akomaNtoso', arguments: ['file:///ws/nato.txt'] })) as {
      xml: string;
      fileName: string;
      stats: { refs: number; unresolved: number };
    };
    assert.equal(r.fileName, 'nato.akn.xml');
    assert.match(r.xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<akomaNtoso xmlns="http:\/\/docs.oasis-open.org\/legaldocml\/ns\/akn\/3.0">/);
    assert.match(r.xml, /<ref href="\/akn\/un\/act\/treaty\/1945-06-26\/charter\/~art_51">/);
    assert.equal(r.stats.unresolved, 0);
    // A file of the workspace that is not open is exported too.
    const charter = (await client.sendRequest('workspace/executeCommand', { command: 'pacta.akomaNtoso', arguments: ['file:///ws/charter.txt'] })) as { fileName: string; xml: string };
    assert.equal(charter.fileName, 'charter.akn.xml');
    assert.match(charter.xml, /<article eId="art_111">/);
    await assert.rejects(
      client.sendRequest('workspace/executeCommand', { command: 'pacta.akomaNtoso', arguments: ['file:///elsewhere/x.txt'] }),
      /not an open treaty text or a file of the workspace/,
    );
  });
});
