// A real VS Code for one test file: code-server with the packaged .vsix installed and a
// workspace of given files, driven through headless Chromium by playwright-core
// (scripts/lib/codeServer.mjs), with the UI steps the suites share: opening a file, Go to
// Line, the Command Palette, hovering, the Output panel, screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, packageVsix, prepareCodeServer, repoRoot, startCodeServer, stopProcess } from '../../scripts/lib/codeServer.mjs';
import { squash } from './treatyText.mjs';

export { squash };
export const CHROMIUM = process.env.PACTA_CHROMIUM || '/usr/bin/chromium';
export const FAILURES = path.join(repoRoot, '.e2e', 'failures');
export const SHOTS = path.join(repoRoot, 'docs', 'screenshots');

const ACTIVE_TAB = '.editor-group-container.active .tabs-container .tab.active .label-name';

/**
 * Starts code-server on a temporary workspace holding `files` (relative path → text) and opens
 * it in Chromium. Fails (never skips) when code-server or Chromium is missing.
 */
export async function startWorkbench({ name, files, settings = {}, vsix = process.env.PACTA_VSIX || packageVsix() }) {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set PACTA_CHROMIUM)`);
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Error('playwright-core is not installed: run `npm ci`');
  });
  assert.ok(fs.existsSync(vsix), `no .vsix at ${vsix}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pacta-${name}-`));
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  }
  // Treaty paragraphs are long lines: wrap them, as a reader would.
  const { bin, dirs } = prepareCodeServer({
    base: path.join(tmp, 'code-server'),
    vsix,
    settings: { 'workbench.editor.enablePreview': false, 'breadcrumbs.enabled': true, 'editor.minimap.enabled': false, 'editor.wordWrap': 'on', 'diffEditor.wordWrap': 'on', ...settings },
  });
  const port = await freePort();
  const logFile = path.join(tmp, 'code-server.log');
  const codeServer = await startCodeServer({ bin, dirs, port, workspace, logFile });
  const wb = new Workbench({ name, tmp, workspace, codeServer, logFile, consoleLines: [] });
  try {
    wb.context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    wb.page = wb.context.pages()[0] ?? (await wb.context.newPage());
    wb.page.on('console', (m) => wb.consoleLines.push(m.text()));
    await wb.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 120_000 });
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  } catch (err) {
    // Started but not usable: stop code-server (and its extension host) before failing.
    await wb.stop();
    throw err;
  }
  return wb;
}

export class Workbench {
  constructor(o) {
    Object.assign(this, o);
  }

  /** Always stops the browser and code-server (with the extension host and language server). */
  async stop() {
    await this.context?.close().catch(() => {});
    await stopProcess(this.codeServer);
    if (this.tmp && !process.env.PACTA_E2E_KEEP) fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  /** Runs a step; on failure leaves a screenshot and says where the code-server log is. */
  async step(label, fn) {
    try {
      await fn();
    } catch (err) {
      const shot = path.join(FAILURES, `${this.name}-${label}.png`);
      fs.mkdirSync(FAILURES, { recursive: true });
      await this.page.screenshot({ path: shot }).catch(() => {});
      err.message += `\n  (screenshot: ${shot}; code-server log: ${this.logFile})`;
      throw err;
    }
  }

  /** Writes a screenshot for the docs: docs/screenshots/<file>. */
  async screenshot(file, options = {}) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SHOTS, file), ...options });
  }

  /** The title of the active tab of the active editor group (each group has an active tab). */
  async activeTabTitle() {
    return (await this.page.locator(ACTIVE_TAB).first().innerText()).trim();
  }

  /**
   * Opens a file of the workspace's top folder by clicking it in the Explorer, as a user
   * would. (Quick Open waits for a file search, which took over 20 s on a loaded machine.)
   * Shows the Explorer and unfolds its file list first when a test has put them away.
   */
  async quickOpen(file) {
    const page = this.page;
    await page.keyboard.press('Escape');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
    if (!(await row.isVisible())) {
      await row.waitFor({ timeout: 5_000 }).catch(async () => {
        await this.runCommand('View: Show Explorer');
        const folders = page.locator('.pane-header[aria-label^="Explorer Section"]');
        await folders.waitFor({ timeout: 30_000 });
        if (!(await folders.getAttribute('class'))?.includes('expanded')) await folders.click();
      });
    }
    await row.waitFor({ timeout: 60_000 }).catch(() => assert.fail(`the Explorer does not list ${file}`));
    await row.click();
    await page.waitForFunction(
      ([sel, n]) => document.querySelector(sel)?.textContent?.trim() === n,
      [ACTIVE_TAB, path.basename(file)], { timeout: 60_000 },
    );
    // The click leaves the focus in the Explorer; editing keys go to the editor.
    await page.locator('.editor-group-container.active .editor-instance .view-lines').first().click();
  }

  /** Ctrl+G to a 1-based line and column, then waits until the status bar says so. */
  async goTo(line, column = 1) {
    const page = this.page;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    // Ctrl+G opens Quick Open with ":" typed; keep it.
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (want) => document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent?.includes(want),
      `Ln ${line}, Col ${column}`, { timeout: 10_000 },
    );
  }

  /** Line and column of the cursor in the active editor, from the status bar ("Ln 318, Col 1"). */
  async cursor() {
    const item = this.page.locator('.statusbar-item[id="status.editor.selection"]');
    await item.waitFor({ timeout: 10_000 });
    const text = await item.innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    assert.ok(m, `status bar selection item reads "${text}"`);
    return { line: Number(m[1]), column: Number(m[2]) };
  }

  /** Waits until the language server answers for the active editor: the breadcrumbs show `symbol`. */
  async serverReady(line, symbol) {
    await this.goTo(line, 1);
    await this.page.waitForFunction(
      (re) => [...document.querySelectorAll('.breadcrumbs-control .monaco-icon-label')].some((e) => new RegExp(re).test(e.textContent ?? '')),
      symbol.source, { timeout: 60_000 },
    ).catch(async () => {
      const crumbs = await this.page.locator('.breadcrumbs-control').allInnerTexts();
      assert.fail(`the breadcrumbs never showed ${symbol} (they show: ${JSON.stringify(crumbs)}): the language server did not answer`);
    });
  }

  /** Runs a command from the Command Palette by its title. */
  async runCommand(title) {
    const page = this.page;
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 20_000 })
      .catch(() => assert.fail(`the Command Palette has no "${title}"`));
    await page.keyboard.press('Enter');
  }

  /**
   * Puts the cursor at (line, column) with Go to Line and hovers the mouse over that character
   * (found from the cursor's place on screen, so it works with word wrap and scrolling).
   * Returns the hover's text once it matches `expect`, or the last text seen after `tries`
   * quarter-seconds.
   */
  async hoverAt(line, column, expect, tries = 40) {
    const page = this.page;
    // The cursor's place on screen moves when code lenses ("cited by N") and inlay hints
    // arrive late: measure it again before every nudge.
    const measure = async () => {
      await this.goTo(line, column);
      const box = await page.locator('.editor-instance .cursors-layer .cursor').first().boundingBox();
      assert.ok(box, 'the editor cursor is not on screen');
      // The cursor is drawn at the left edge of its character: aim a few pixels right.
      return { x: box.x + 4, y: box.y + box.height / 2 };
    };
    let { x, y } = await measure();
    const read = async () => squash((await page.locator('.monaco-hover-content').allInnerTexts()).join(' '));
    // Approach from the side, as a hand on a mouse does: the hover follows movement.
    await page.mouse.move(x - 40, y + 40);
    await page.mouse.move(x, y, { steps: 5 });
    let last = '';
    for (let i = 0; i < tries && !expect.test(last); i++) {
      await page.waitForTimeout(250);
      last = await read();
      // Wiggle every second: a hover asked before the server was ready (or while it was
      // down) is asked again, the way a user would move the mouse.
      if (i % 4 === 3 && !expect.test(last)) {
        ({ x, y } = await measure());
        await page.mouse.move(x - 40, y + 40);
        await page.mouse.move(x + (i % 8 === 3 ? 1 : 0), y, { steps: 3 });
      }
    }
    await page.waitForTimeout(400); // the hover fades in; let a screenshot show it fully
    return last;
  }

  /**
   * Shows the Pacta output and waits for a line matching `re`. The output view is virtualised and
   * follows the end of the log, so an early line can be out of the DOM: on each try, scroll the
   * output to its top as well; and run the command again in case the palette lost the keystroke.
   */
  async outputShows(re, what) {
    const page = this.page;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await this.runCommand('Pacta: Show Output');
      const seen = () => page.waitForFunction(
        (src) => [...document.querySelectorAll('.part.panel .view-lines')].some((e) => new RegExp(src).test((e.textContent ?? '').replace(/\u00a0/g, ' '))),
        re.source, { timeout: 10_000 },
      ).then(() => true, () => false);
      if (await seen()) return;
      const editor = page.locator('.part.panel .monaco-editor .view-lines').first();
      if (await editor.isVisible().catch(() => false)) {
        await editor.click().catch(() => {});
        await page.keyboard.press('Control+Home');
        if (await seen()) return;
      }
    }
    const shown = (await page.locator('.part.panel .view-lines').allInnerTexts().catch(() => ['(no panel)'])).join('\n').replace(/\u00a0/g, ' ');
    assert.fail(`${what}: ${shown}`);
  }

  /** Polls `read` until `test` holds (each wait is one animation frame's worth, bounded). */
  async until(read, test, what, tries = 80) {
    let last;
    for (let i = 0; i < tries; i++) {
      last = await read();
      if (test(last)) return last;
      await this.page.waitForTimeout(250);
    }
    assert.fail(`${what}; last seen: ${JSON.stringify(last)?.slice(0, 600)}`);
  }
}

/** 0-based line of the first line of `text` that starts with `prefix`. */
export function lineStarting(text, prefix) {
  const i = text.split(/\r?\n/).findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starts with "${prefix}"`);
  return i;
}
