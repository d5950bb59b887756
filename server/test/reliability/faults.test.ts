// Faults: the server process dies in the middle of a session (kill -9, a request in flight).
// The client sees an error, not a hang; a new server started the way vscode-languageclient
// restarts one (initialize, then didOpen of every open document with the text the editor
// holds, unsaved edits included) answers hover exactly as before. Restart time is printed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../src/model';
import { LspSession } from '../helpers/lspSession';
import { readCorpus } from '../support/corpus';

// The editor's text: the North Atlantic Treaty with an unsaved edit adding an Article 15
// that a new reference cites. Only this text has it; the disk has nothing.
const SAVED = readCorpus('north_atlantic_treaty_1949_en.txt');
const UNSAVED = SAVED + '\n\nArticle 15\n\nThe Parties shall review this Treaty as Article 12 provides; see also Article 15 (unsaved).\n';
const AT = new LineIndex(UNSAVED).positionAt(UNSAVED.lastIndexOf('Article 15 (unsaved)') + 3);

describe('the server dies mid-session', { timeout: 5 * 60_000 }, () => {
  const sessions: LspSession[] = [];
  after(async () => {
    for (const s of sessions) await s.stop();
  });

  it('a new server, given the open documents again, answers hover as before', async () => {
    const first = await LspSession.start();
    sessions.push(first);
    const uri = `${first.folderUri}/nato-draft.treaty.txt`;
    await first.open(uri, SAVED);
    await first.change(uri, [{ start: SAVED.length, end: SAVED.length, text: UNSAVED.slice(SAVED.length) }]);
    const before = await first.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: AT });
    assert.match(JSON.stringify(before?.contents), /Article 15/, 'hover on the unsaved article');

    // Kill it with a request in flight: the client must get an error, not wait forever.
    const inFlight = first.client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).then(
      () => 'answered',
      () => 'failed',
    );
    first.client.proc.kill('SIGKILL');
    const outcome = await Promise.race([inFlight, new Promise((r) => first.client.proc.once('exit', () => setTimeout(() => r('closed'), 500)))]);
    assert.ok(['answered', 'failed', 'closed'].includes(String(outcome)));
    assert.ok(!first.alive(), 'the first server is gone');

    // Restart as vscode-languageclient does, with the editor's text (not the disk's).
    const started = Date.now();
    const second = await LspSession.start({ folder: first.folder });
    sessions.push(second);
    await second.open(uri, first.docs.get(uri)!.text);
    const after = await second.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: AT });
    const restartMs = Date.now() - started;
    assert.deepEqual(after, before, 'the same hover after the restart');
    console.log(`# restart: a new server process answered the first hover ${restartMs} ms after it was started (spawn, initialize, didOpen of a 7 KB text, hover)`);
  });
});
