// Pacta in a real VS Code: code-server (VS Code 1.100) with the packaged .vsix
// installed, driven through headless Debian Chromium by playwright-core.
// Run through `npm run test:e2e` (scripts/e2e.mjs installs what this needs), or
// directly: node --test test/e2e/vscode.test.mjs
//
// Fails, never skips, when code-server, Chromium or the corpus is missing.
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
import { SAMPLE, articles, corpusDir, firstInternalReference, openingWords, positionOf, squash } from './treatyText.mjs';

const CHROMIUM = process.env.PACTA_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(repoRoot, 'docs', 'screenshots');
const FAILURES = path.join(repoRoot, '.e2e', 'failures');
const TREATY = 'partnership-treaty.treaty.txt';
const CHARTER = 'un_charter.treaty.txt';
// The Charter's words for Article 51 (the corpus spells it "self-defense").
const ARTICLE_51 = /inherent right of individual or collective self-defen[cs]e/;

let tmp;
let codeServer;
let context;
let page;
let treatyText;
let charterText;
let workspace;
let logFile;

/** Line and column of the cursor, read from the status bar ("Ln 318, Col 1"). */
async function cursor() {
  const item = page.locator('.statusbar-item[id="status.editor.selection"]');
  await item.waitFor({ timeout: 10_000 });
  const text = await item.innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  assert.ok(m, `status bar selection item reads "${text}"`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

async function activeTabTitle() {
  return (await page.locator('.tabs-container .tab.active .label-name').first().innerText()).trim();
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
async function quickOpen(name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  // Wait until the file is the selected row before accepting: the list of
  // recently opened files is shown first, and Enter would take its top row.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('.tabs-container .tab.active .label-name')?.textContent?.trim() === n,
    name,
    { timeout: 20_000 },
  );
}

/** Moves the cursor with Go to Line (Ctrl+G, "line:column", both 1-based). */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // Ctrl+G opens Quick Open with ":" typed; keep it.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (want) => document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent?.includes(want),
    `Ln ${line}, Col ${column}`,
    { timeout: 10_000 },
  );
}

/**
 * Puts the cursor at (line, column) with Go to Line, then hovers the mouse over
 * that character (found from the cursor's position on screen, so it works with
 * word wrap and horizontal scrolling). Returns the hover's text once it matches
 * `expect`, or the last text seen.
 */
async function hoverAt(line, column, expect) {
  await goTo(line, column);
  const box = await page.locator('.editor-instance .cursors-layer .cursor').first().boundingBox();
  assert.ok(box, 'the editor cursor is not on screen');
  // The cursor is drawn at the left edge of its character: aim a few pixels right.
  const x = box.x + 4;
  const y = box.y + box.height / 2;
  const hover = page.locator('.monaco-hover-content');
  const read = async () => squash((await hover.allInnerTexts()).join(' '));
  // Approach from the side, as a hand on a mouse does: the hover follows movement.
  await page.mouse.move(x - 40, y + 40);
  await page.mouse.move(x, y, { steps: 5 });
  let last = '';
  for (let i = 0; i < 40 && !expect.test(last); i++) {
    await page.waitForTimeout(250);
    last = await read();
    // Nudge by a pixel every second: a hover asked before the server was ready
    // is asked again, the way a user would wiggle the mouse. Aim at the cursor where it
    // is now: code lenses ("cited by N") arriving late move the text down.
    if (i % 4 === 3 && !expect.test(last)) {
      const now = (await page.locator('.editor-instance .cursors-layer .cursor').first().boundingBox()) ?? box;
      await page.mouse.move(now.x + 4 + (i % 8 === 3 ? 1 : 0), now.y + now.height / 2);
    }
  }
  await page.waitForTimeout(400); // the hover fades in; let the screenshot show it fully
  return last;
}

async function shotOnFailure(name) {
  if (!page) return;
  fs.mkdirSync(FAILURES, { recursive: true });
  await page.screenshot({ path: path.join(FAILURES, `${name}.png`) }).catch(() => {});
}

/** Runs a step; on failure leaves a screenshot and the code-server log path. */
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    await shotOnFailure(name);
    err.message += `\n  (screenshot: ${path.join(FAILURES, `${name}.png`)}; code-server log: ${logFile})`;
    throw err;
  }
}

describe('Pacta in VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  before(async () => {
    // Preconditions: each missing piece fails the suite with the reason.
    assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set PACTA_CHROMIUM)`);
    assert.ok(fs.existsSync(SAMPLE), `the sample ${SAMPLE} is missing`);
    const { chromium } = await import('playwright-core').catch(() => {
      throw new Error('playwright-core is not installed: run `npm ci`');
    });
    const bin = ensureCodeServer(); // installs on first use, throws with the reason otherwise
    const vsix = process.env.PACTA_VSIX || packageVsix();
    assert.ok(fs.existsSync(vsix), `no .vsix at ${vsix}`);

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-vscode-'));
    workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    treatyText = fs.readFileSync(SAMPLE, 'utf8');
    charterText = fs.readFileSync(path.join(corpusDir(), 'un_charter_en.txt'), 'utf8');
    fs.writeFileSync(path.join(workspace, TREATY), treatyText);
    fs.writeFileSync(path.join(workspace, CHARTER), charterText);

    const dirs = makeIsolatedDirs(path.join(tmp, 'code-server'));
    // Treaty paragraphs are long lines: wrap them, as a reader would.
    writeUserSettings(dirs, { 'breadcrumbs.enabled': true, 'editor.wordWrap': 'on', 'editor.minimap.enabled': false });
    installExtension(bin, vsix, dirs);
    const installed = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('pacta.'));
    assert.ok(installed.length === 1, `the .vsix did not install (extensions dir holds: ${fs.readdirSync(dirs.extensions).join(', ')})`);

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
    // Always stop the browser and code-server (with the extension host and the
    // language server in its process group), even when a step failed.
    await context?.close().catch(() => {});
    await stopProcess(codeServer);
    if (tmp && !process.env.PACTA_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opens the treaty with the Treaty language and the server answering', async () => {
    await step('open', async () => {
      await quickOpen(TREATY);
      const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
      await page.waitForFunction(
        () => document.querySelector('.statusbar-item[id="status.editor.mode"]')?.textContent?.includes('Treaty'),
        null, { timeout: 20_000 },
      ).catch(async () => assert.fail(`language mode is "${await mode.innerText()}", not Treaty`));
      // Ready when the breadcrumbs show a symbol from the server: without this
      // wait the first hover can arrive before the server has started.
      const a4 = articles(treatyText).get(4);
      await goTo(a4.line + 3, 1);
      await page.waitForFunction(
        () => [...document.querySelectorAll('.breadcrumbs-control .monaco-icon-label')].some((e) => /Article 4/.test(e.textContent ?? '')),
        null, { timeout: 60_000 },
      ).catch(async () => {
        const crumbs = await page.locator('.breadcrumbs-control').allInnerTexts();
        assert.fail(`breadcrumbs never showed "Article 4" (they show: ${JSON.stringify(crumbs)})`);
      });
    });
  });

  it('hover on "Article 51 of the Charter of the United Nations" shows the Charter\'s Article 51', async () => {
    await step('hover-charter', async () => {
      const at = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
      const text = await hoverAt(at.line + 1, at.character + 'Article 5'.length, ARTICLE_51); // on "51"
      assert.match(text, ARTICLE_51, `hover text was: ${text.slice(0, 400)}`);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'hover.png') });
    });
  });

  it('hover on an internal reference shows the words of the cited article', async () => {
    await step('hover-internal', async () => {
      const ref = firstInternalReference(treatyText);
      const words = openingWords(ref.article.body);
      assert.ok(words.split(' ').length >= 5, `Article ${ref.n} has no body text to look for`);
      const want = new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const text = await hoverAt(ref.line + 1, ref.character + 'Article '.length + 1, want); // on the number
      assert.match(text, want, `hover on "Article ${ref.n}" (line ${ref.line + 1}) was: ${text.slice(0, 400)}`);
    });
  });

  it('Go to Definition (F12) on the Charter reference lands on Article 51 of un_charter.treaty.txt', async () => {
    await step('definition', async () => {
      await page.keyboard.press('Escape');
      const at = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
      await goTo(at.line + 1, at.character + 'Article 5'.length); // on "51"
      await page.keyboard.press('F12');
      await page.waitForFunction(
        (n) => document.querySelector('.tabs-container .tab.active .label-name')?.textContent?.trim() === n,
        CHARTER, { timeout: 20_000 },
      ).catch(async () => assert.fail(`F12 did not open ${CHARTER}; active tab is "${await activeTabTitle()}"`));
      const a51 = articles(charterText).get(51);
      // The cursor must be on the heading "Article 51" or inside that article.
      let pos;
      for (let i = 0; i < 20; i++) { // the status bar updates a moment after the tab
        pos = await cursor();
        if (pos.line - 1 >= a51.line && pos.line - 1 < a51.endLine) break;
        await page.waitForTimeout(100);
      }
      assert.ok(pos.line - 1 >= a51.line && pos.line - 1 < a51.endLine,
        `cursor at Ln ${pos.line}; Article 51 spans lines ${a51.line + 1}–${a51.endLine}`);
      const visible = squash(await page.locator('.editor-instance .view-lines').first().innerText());
      assert.match(visible.replace(/\u00a0/g, ' '), /Article 51/);
      assert.match(visible.replace(/\u00a0/g, ' '), ARTICLE_51);
      await page.screenshot({ path: path.join(SHOTS, 'definition.png') });
    });
  });

  it('the Outline view lists the treaty\'s articles', async () => {
    await step('outline', async () => {
      await quickOpen(TREATY);
      await runCommand('Explorer: Focus on Outline View');
      // Give the Outline the whole side bar (fold the file list) and show one
      // row per article (Collapse All), so that Article 4 is on screen: the
      // tree only renders the rows it shows.
      const outlineHeader = page.locator('.pane-header[aria-label="Outline Section"]');
      await outlineHeader.waitFor({ timeout: 10_000 });
      const folders = page.locator('.pane-header[aria-label^="Explorer Section"]');
      if ((await folders.getAttribute('class'))?.includes('expanded')) await folders.click();
      await outlineHeader.hover();
      await outlineHeader.locator('.action-label[aria-label="Collapse All"]').click();
      await page.mouse.move(900, 500); // away from the header, so no tooltip covers the rows
      const rows = page.locator('.outline-pane .monaco-list-row');
      const labels = async () => rows.evaluateAll((es) => es.map((e) => e.getAttribute('aria-label') ?? ''));
      await rows.filter({ hasText: /Article 4\b/ }).first().waitFor({ timeout: 20_000 })
        .catch(async () => assert.fail(`no "Article 4" row in the Outline; rows: ${JSON.stringify(await labels())}`));
      const all = await labels();
      // Rows read "Article 4 — Mutual assistance (class)": the number, then the caption.
      const a4 = articles(treatyText).get(4);
      const want = a4.caption ? `Article 4 — ${a4.caption}` : 'Article 4';
      assert.ok(all.some((l) => l.startsWith(want)), `no Outline row starts with "${want}"; rows: ${JSON.stringify(all)}`);
      for (const n of [1, 2, 3, 5]) {
        assert.ok(all.some((l) => new RegExp(`^Article ${n}\\b`).test(l)), `no Outline row for Article ${n}; rows: ${JSON.stringify(all)}`);
      }
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, 'outline.png') });
    });
  });

  it('"Pacta: Restart Language Server" restarts it, "Pacta: Show Output" shows its log, and hovers work again', async () => {
    await step('restart', async () => {
      await quickOpen(TREATY);
      await runCommand('Pacta: Restart Language Server');
      await runCommand('Pacta: Show Output');
      await page.waitForFunction(
        // Monaco renders spaces as U+00A0.
        () => [...document.querySelectorAll('.part.panel .view-lines')]
          .some((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes('Pacta language server restarted')),
        null, { timeout: 20_000 },
      ).catch(async () => assert.fail(`the Output panel does not show the restart: ${await page.locator('.part.panel').innerText().catch(() => '(no panel)')}`));
      const at = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
      const text = await hoverAt(at.line + 1, at.character + 'Article 5'.length, ARTICLE_51);
      assert.match(text, ARTICLE_51, `hover after the restart was: ${text.slice(0, 400)}`);
    });
  });
});

/** Runs a command from the Command Palette by its title. */
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
