// Renumbering in a real VS Code (code-server + headless Chromium, the harness of
// workbench.mjs): F2 on an article number renumbers the heading and a reference in a
// SECOND file of the workspace, which is then opened and read; "Pacta: Insert Article…"
// goes through the refactor preview and renumbers what follows.
// Run through `npm run test:e2e`, or directly: node --test test/e2e/rename.test.mjs
//
// Fails, never skips, when code-server or Chromium is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FAILURES, squash, startWorkbench } from './workbench.mjs';

const CONVENTION = 'convention.treaty.txt';
const PROTOCOL = 'protocol.treaty.txt';

// Written for this test: two short texts, the second citing the first by its title.
const CONVENTION_TEXT = [
  'Convention on Orchard Boundaries',
  '',
  'Article 1',
  'Scope',
  '',
  'This Convention applies to orchards; Article 3 sets out the duties of the Parties.',
  '',
  'Article 2',
  'Boundaries',
  '',
  'Each Party shall mark its boundary with posts.',
  '',
  'Article 3',
  'Consultation',
  '',
  'The Parties shall consult each other as provided in Article 2.',
  '',
].join('\n');
const PROTOCOL_TEXT = [
  'Protocol on Orchard Fences',
  '',
  'Article 1',
  '',
  'Article 3 of the Convention on Orchard Boundaries applies to fences between orchards.',
  '',
].join('\n');

let wb;

/**
 * The text of the active editor as shown, line by line in screen order (Monaco reuses line
 * elements, so their DOM order is not the text's order after an edit).
 */
async function editorText() {
  const text = await wb.page.evaluate(() => {
    const root = document.querySelector('.editor-group-container.active .editor-instance .view-lines')
      ?? document.querySelector('.editor-instance .view-lines');
    const rows = [...(root?.querySelectorAll('.view-line') ?? [])];
    rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return rows.map((r) => r.textContent ?? '').join('\n');
  });
  return squash(text);
}

async function waitForText(pattern, what) {
  return wb.until(editorText, (t) => pattern.test(t), what, 60);
}

/** The file on disk once a save has reached it (it holds `marker`), or as it is after 10 s. */
async function savedText(file, marker) {
  let disk = '';
  for (let i = 0; i < 40 && !disk.includes(marker); i++) {
    await wb.page.waitForTimeout(250);
    disk = fs.readFileSync(path.join(wb.workspace, file), 'utf8');
  }
  return disk;
}

describe('Renumbering in VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  before(async () => {
    wb = await startWorkbench({
      name: 'rename',
      files: { [CONVENTION]: CONVENTION_TEXT, [PROTOCOL]: PROTOCOL_TEXT },
      settings: { 'editor.wordWrap': 'off', 'files.autoSave': 'off', 'editor.inlayHints.enabled': 'off' },
    });
  });

  after(async () => {
    await wb?.stop();
  });

  it('F2 on "3" of the heading "Article 3" renumbers it, its reference here and the one in the second file', async () => {
    await wb.step('f2', async () => {
      const page = wb.page;
      await wb.quickOpen(CONVENTION);
      // Ready when the server has answered: the breadcrumbs show an article.
      await wb.serverReady(13, /Article 3/);
      await wb.goTo(13, 9); // on "3" of "Article 3"
      await page.keyboard.press('F2');
      const input = page.locator('.rename-box input, .rename-box .rename-input').first();
      await input.waitFor({ state: 'visible', timeout: 20_000 })
        .catch(() => assert.fail('F2 opened no rename box (prepareRename refused?)'));
      assert.equal(await input.inputValue().catch(async () => input.innerText()), '3', 'the rename box offers the number');
      // Type into the rename box itself: a Control+A that reaches the editor before the box
      // has focus would select the whole document and replace it.
      await input.fill('7');
      await input.press('Enter');
      const here = await waitForText(/Article 7 Consultation/, 'the heading was not renumbered');
      assert.match(here, /orchards; Article 7 sets out the duties/);
      assert.match(here, /as provided in Article 2\b/, 'other numbers stay');

      // The second file: open it and read it.
      await wb.quickOpen(PROTOCOL);
      const other = await waitForText(/Article 7 of the Convention on Orchard Boundaries applies to fences/, 'the reference in the second file was not renumbered');
      assert.match(other, /^Protocol on Orchard Fences Article 1 Article 7 of the Convention/);
      // Saved, the file on disk reads the same.
      await wb.runCommand('File: Save All Files');
      assert.equal(await savedText(PROTOCOL, 'Article 7 of'), PROTOCOL_TEXT.replace('Article 3 of', 'Article 7 of'));
      assert.equal(fs.readFileSync(path.join(wb.workspace, CONVENTION), 'utf8'),
        CONVENTION_TEXT.replace('Article 3 sets', 'Article 7 sets').replace('\nArticle 3\n', '\nArticle 7\n'));
    });
  });

  it('"Pacta: Insert Article…" previews the edit; applied, it inserts Article 3 and renumbers Article 7 → 8 in both files', async () => {
    await wb.step('insert', async () => {
      const page = wb.page;
      await wb.quickOpen(CONVENTION);
      await wb.goTo(11, 5); // inside Article 2
      await wb.runCommand('Pacta: Insert Article…');
      // needsConfirmation: VS Code shows the Refactor Preview with every change unchecked,
      // for the user to confirm; check both files, then apply.
      const pane = page.locator('.part.panel');
      const apply = pane.locator('.monaco-button', { hasText: /^Apply$/ }).first();
      await apply.waitFor({ state: 'visible', timeout: 30_000 })
        .catch(() => assert.fail('no Refactor Preview with an Apply button appeared'));
      if (process.env.PACTA_DEBUG) await page.screenshot({ path: path.join(FAILURES, 'rename-preview.png') });
      for (const file of [CONVENTION, PROTOCOL]) {
        const row = pane.locator('.monaco-list-row', { hasText: file }).first();
        await row.locator('.monaco-checkbox, input[type="checkbox"]').first().click();
      }
      await apply.click();
      await wb.quickOpen(CONVENTION);
      const here = await waitForText(/with posts\. Article 3 Article 8 Consultation/, 'the new article was not inserted');
      assert.match(here, /orchards; Article 8 sets out/);
      await wb.quickOpen(PROTOCOL);
      await waitForText(/Article 8 of the Convention on Orchard Boundaries/, 'the second file was not updated');
      // One edit: saved, both files on disk read as expected.
      await wb.runCommand('File: Save All Files');
      assert.equal(await savedText(PROTOCOL, 'Article 8 of'), PROTOCOL_TEXT.replace('Article 3 of', 'Article 8 of'));
      assert.equal(fs.readFileSync(path.join(wb.workspace, CONVENTION), 'utf8'), CONVENTION_TEXT
        .replace('Article 3 sets', 'Article 8 sets')
        .replace('with posts.\n', 'with posts.\n\nArticle 3\n')
        .replace('\nArticle 3\nConsultation', '\nArticle 8\nConsultation'));
    });
  });
});
