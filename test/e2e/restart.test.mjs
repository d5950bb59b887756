// The language server dies while a document with unsaved edits is open, in a real VS Code
// (code-server + headless Chromium, the harness of workbench.mjs). The test kills the server
// process (found by its command line, dist/server/server.js under this run's extensions
// folder) and checks: the client restarts it, hover works again on text that exists only in
// the unsaved editor, the editor still holds that text, and the user is told once — a second
// crash adds no second notification. Prints the restart time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { squash, startWorkbench } from './workbench.mjs';
import { corpusDir } from './treatyText.mjs';

const FILE = 'nato-draft.treaty.txt';
const ADDED = '\n\nArticle 15\n\nThe Parties shall review this Treaty every ten years; see Article 15 (unsaved).\n';
const NOTICE = /stopped unexpectedly and was restarted/;

let wb;
let text;

/** PIDs of Pacta language servers started from this run's extensions folder. */
function serverPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (cmd.includes('dist/server/server.js') && cmd.includes(wb.tmp)) pids.push(Number(entry));
  }
  return pids;
}

/** The editor shows the added text and its tab is marked as modified (not saved). */
async function unsavedState() {
  const tabClass = (await wb.page.locator('.tabs-container .tab.active').first().getAttribute('class')) ?? '';
  const lines = squash((await wb.page.locator('.editor-instance .view-lines').first().allInnerTexts()).join(' '));
  return { dirty: /\bdirty\b/.test(tabClass), shown: /see Article 15 \(unsaved\)/.test(lines), tabClass };
}

async function editorHoldsUnsavedText() {
  const s = await unsavedState();
  return s.dirty && s.shown;
}

async function noticesInCenter() {
  await wb.runCommand('Notifications: Show Notifications');
  const rows = wb.page.locator('.notifications-center .notification-list-item');
  await wb.page.waitForTimeout(500);
  const texts = await rows.allInnerTexts();
  await wb.page.keyboard.press('Escape');
  return texts.filter((t) => NOTICE.test(squash(t))).length;
}

describe('the language server dies with unsaved edits open (VS Code)', { timeout: 600_000 }, () => {
  before(async () => {
    text = fs.readFileSync(path.join(corpusDir(), 'north_atlantic_treaty_1949_en.txt'), 'utf8');
    // No auto-save: the point is text that exists only in the editor.
    wb = await startWorkbench({ name: 'restart', files: { [FILE]: text }, settings: { 'files.autoSave': 'off' } });
  });
  after(async () => wb?.stop());

  it('restarts the server, keeps the text, answers hover again, says so once', async () => {
    const lastLine = text.split(/\r?\n/).length;
    const added = ADDED.split('\n');
    const refLine = lastLine + added.findIndex((l) => l.includes('(unsaved)'));
    const refColumn = added.find((l) => l.includes('(unsaved)')).indexOf('Article 15 (unsaved)') + 3;

    await wb.step('open', async () => {
      await wb.quickOpen(FILE);
      await wb.serverReady(text.split(/\r?\n/).findIndex((l) => /^Article 5\b/.test(l)) + 2, /Article 5/);
    });
    await wb.step('edit', async () => {
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.insertText(ADDED);
      await wb.page.keyboard.press('Escape');
      await wb.until(unsavedState, (s) => s.dirty && s.shown, 'the editor shows the unsaved Article 15');
      const h = await wb.hoverAt(refLine, refColumn, /Article 15/, 80);
      assert.match(h, /review this Treaty every ten years/, `hover before the crash: ${h}`);
    });

    const first = serverPids();
    assert.equal(first.length, 1, `one server process for this run (found ${first.join(', ') || 'none'})`);
    let restartMs;
    await wb.step('kill', async () => {
      const killedAt = Date.now();
      process.kill(first[0], 'SIGKILL');
      // The client starts a new process and sends it the open document, unsaved text included.
      const second = await wb.until(() => serverPids().filter((p) => p !== first[0]), (ps) => ps.length === 1, 'a new server process', 240);
      const h = await wb.hoverAt(refLine, refColumn, /review this Treaty every ten years/, 80);
      restartMs = Date.now() - killedAt;
      assert.match(h, /review this Treaty every ten years/, `hover after the restart: ${h}`);
      assert.ok(await editorHoldsUnsavedText(), 'the unsaved text is still in the editor, still unsaved');
      console.log(`# restart (VS Code): new server process ${second[0]} after kill; hover on unsaved text answered ${(restartMs / 1000).toFixed(1)} s after the kill`);
    });

    await wb.step('second-crash', async () => {
      const [pid] = serverPids();
      process.kill(pid, 'SIGKILL');
      await wb.until(() => serverPids().filter((p) => p !== pid), (ps) => ps.length === 1, 'a third server process', 240);
      const h = await wb.hoverAt(refLine, refColumn, /review this Treaty every ten years/, 80);
      assert.match(h, /review this Treaty every ten years/, `hover after the second restart: ${h}`);
      assert.equal(await noticesInCenter(), 1, 'one notification for two restarts');
      assert.ok(await editorHoldsUnsavedText(), 'the unsaved text survived two crashes');
    });
  });
});
