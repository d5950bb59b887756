// Renumbering in a real VS Code (code-server + headless Chromium, the harness of
// vscode.test.mjs): F2 on an article number renumbers the heading and a reference in a
// SECOND file of the workspace, which is then opened and read; "Pacta: Insert Article…"
// goes through the refactor preview and renumbers what follows.
// Run through `npm run test:e2e`, or directly: node --test test/e2e/rename.test.mjs
//
// Fails, never skips, when code-server or Chromium is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureCodeServer,
  freePort,
  installExtension,
  makeIsolatedDirs,
  packageVsix,
  repoRoot,
  startCodeServer,
  stopProcess,
  writeUserSettings,
} from '../../scripts/lib/codeServer.mjs';

const CHROMIUM = process.env.PACTA_CHROMIUM || '/usr/bin/chromium';
const FAILURES = path.join(repoRoot, '.e2e', 'failures');
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

let tmp;
let codeServer;
let context;
let page;
let workspace;
let logFile;

const squash = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

async function quickOpen(name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 45_000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('.tabs-container .tab.active .label-name')?.textContent?.trim() === n,
    name,
    { timeout: 30_000 },
  );
}

async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (want) => document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent?.includes(want),
    `Ln ${line}, Col ${column}`,
    { timeout: 10_000 },
  );
}

async function runCommand(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 10_000 })
    .catch(() => assert.fail(`the Command Palette has no "${title}"`));
  await page.keyboard.press('Enter');
}

/**
 * The text of the active editor as shown, line by line in screen order (Monaco reuses line
 * elements, so their DOM order is not the text's order after an edit).
 */
async function editorText() {
  const text = await page.evaluate(() => {
    const root = document.querySelector('.editor-group-container.active .editor-instance .view-lines')
      ?? document.querySelector('.editor-instance .view-lines');
    const rows = [...(root?.querySelectorAll('.view-line') ?? [])];
    rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return rows.map((r) => r.textContent ?? '').join('\n');
  });
  return squash(text);
}

async function waitForText(pattern, what) {
  let last = '';
  for (let i = 0; i < 60; i++) {
    last = await editorText();
    if (pattern.test(last)) return last;
    await page.waitForTimeout(250);
  }
  assert.fail(`${what}: the editor shows “${last}”`);
}

async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    fs.mkdirSync(FAILURES, { recursive: true });
    await page?.screenshot({ path: path.join(FAILURES, `rename-${name}.png`) }).catch(() => {});
    err.message += `\n  (screenshot: ${path.join(FAILURES, `rename-${name}.png`)}; code-server log: ${logFile})`;
    throw err;
  }
}

describe('Renumbering in VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set PACTA_CHROMIUM)`);
    const { chromium } = await import('playwright-core').catch(() => {
      throw new Error('playwright-core is not installed: run `npm ci`');
    });
    const bin = ensureCodeServer();
    const vsix = process.env.PACTA_VSIX || packageVsix();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-rename-'));
    workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, CONVENTION), CONVENTION_TEXT);
    fs.writeFileSync(path.join(workspace, PROTOCOL), PROTOCOL_TEXT);
    const dirs = makeIsolatedDirs(path.join(tmp, 'code-server'));
    writeUserSettings(dirs, { 'breadcrumbs.enabled': true, 'editor.minimap.enabled': false, 'files.autoSave': 'off', 'editor.inlayHints.enabled': 'off' });
    installExtension(bin, vsix, dirs);
    const port = await freePort();
    logFile = path.join(tmp, 'code-server.log');
    codeServer = await startCodeServer({ bin, dirs, port, workspace, logFile });
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await stopProcess(codeServer);
    if (tmp && !process.env.PACTA_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('F2 on "3" of the heading "Article 3" renumbers it, its reference here and the one in the second file', async () => {
    await step('f2', async () => {
      await quickOpen(CONVENTION);
      // Ready when the server has answered: the breadcrumbs show an article.
      await goTo(13, 9);
      await page.waitForFunction(
        () => [...document.querySelectorAll('.breadcrumbs-control .monaco-icon-label')].some((e) => /Article 3/.test(e.textContent ?? '')),
        null, { timeout: 60_000 },
      ).catch(() => assert.fail('the breadcrumbs never showed Article 3: the language server did not answer'));
      await goTo(13, 9); // on "3" of "Article 3"
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
      await quickOpen(PROTOCOL);
      const other = await waitForText(/Article 7 of the Convention on Orchard Boundaries applies to fences/, 'the reference in the second file was not renumbered');
      assert.match(other, /^Protocol on Orchard Fences Article 1 Article 7 of the Convention/);
      // Saved, the file on disk reads the same.
      await runCommand('File: Save All Files');
      let disk = '';
      for (let i = 0; i < 40 && !disk.includes('Article 7 of'); i++) {
        await page.waitForTimeout(250);
        disk = fs.readFileSync(path.join(workspace, PROTOCOL), 'utf8');
      }
      assert.equal(disk, PROTOCOL_TEXT.replace('Article 3 of', 'Article 7 of'));
      assert.equal(fs.readFileSync(path.join(workspace, CONVENTION), 'utf8'),
        CONVENTION_TEXT.replace('Article 3 sets', 'Article 7 sets').replace('\nArticle 3\n', '\nArticle 7\n'));
    });
  });

  it('"Pacta: Insert Article…" previews the edit; applied, it inserts Article 3 and renumbers Article 7 → 8 in both files', async () => {
    await step('insert', async () => {
      await quickOpen(CONVENTION);
      await goTo(11, 5); // inside Article 2
      await runCommand('Pacta: Insert Article…');
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
      await quickOpen(CONVENTION);
      const here = await waitForText(/with posts\. Article 3 Article 8 Consultation/, 'the new article was not inserted');
      assert.match(here, /orchards; Article 8 sets out/);
      await quickOpen(PROTOCOL);
      await waitForText(/Article 8 of the Convention on Orchard Boundaries/, 'the second file was not updated');
      // One edit: saved, both files on disk read as expected.
      await runCommand('File: Save All Files');
      let disk = '';
      for (let i = 0; i < 40 && !disk.includes('Article 8 of'); i++) {
        await page.waitForTimeout(250);
        disk = fs.readFileSync(path.join(workspace, PROTOCOL), 'utf8');
      }
      assert.equal(disk, PROTOCOL_TEXT.replace('Article 3 of', 'Article 8 of'));
      assert.equal(fs.readFileSync(path.join(workspace, CONVENTION), 'utf8'), CONVENTION_TEXT
        .replace('Article 3 sets', 'Article 8 sets')
        .replace('with posts.\n', 'with posts.\n\nArticle 3\n')
        .replace('\nArticle 3\nConsultation', '\nArticle 8\nConsultation'));
    });
  });
});
