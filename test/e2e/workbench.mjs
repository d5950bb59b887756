// A real VS Code for one test file: code-server with the packaged .vsix installed and a
// workspace of given files, driven through headless Chromium by playwright-core — the harness
// of vscode.test.mjs (scripts/lib/codeServer.mjs), with the few UI steps every test needs.
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
export const FAILURES = path.join(repoRoot, '.e2e', 'failures');
export const SHOTS = path.join(repoRoot, 'docs', 'screenshots');

/** Monaco renders spaces as U+00A0; compare text with single ordinary spaces. */
export const squash = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Starts code-server on a temporary workspace holding `files` (relative path → text) and opens
 * it in Chromium. Fails (never skips) when code-server or Chromium is missing.
 */
export async function startWorkbench({ name, files, settings = {} }) {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set PACTA_CHROMIUM)`);
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Error('playwright-core is not installed: run `npm ci`');
  });
  const bin = ensureCodeServer();
  const vsix = process.env.PACTA_VSIX || packageVsix();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pacta-${name}-`));
  const workspace = path.join(tmp, 'workspace');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  }
  const dirs = makeIsolatedDirs(path.join(tmp, 'code-server'));
  writeUserSettings(dirs, { 'workbench.editor.enablePreview': false, 'breadcrumbs.enabled': true, 'editor.minimap.enabled': false, 'editor.wordWrap': 'on', 'diffEditor.wordWrap': 'on', ...settings });
  installExtension(bin, vsix, dirs);
  const port = await freePort();
  const logFile = path.join(tmp, 'code-server.log');
  const codeServer = await startCodeServer({ bin, dirs, port, workspace, logFile });
  const wb = new Workbench({ name, tmp, workspace, codeServer, logFile });
  try {
    wb.context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    wb.page = wb.context.pages()[0] ?? (await wb.context.newPage());
    await wb.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 120_000 });
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
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

  /** The title of the active tab of the active editor group (each group has an active tab). */
  async activeTabTitle() {
    return (await this.page.locator('.editor-group-container.active .tabs-container .tab.active .label-name').first().innerText()).trim();
  }

  /**
   * Opens a file of the workspace's top folder by clicking it in the Explorer, as a user
   * would. (Quick Open waits for a file search, which took over 20 s on a loaded machine.)
   */
  async quickOpen(file) {
    const page = this.page;
    await page.keyboard.press('Escape');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
    await row.waitFor({ timeout: 30_000 }).catch(() => assert.fail(`the Explorer does not list ${file}`));
    await row.click();
    await page.waitForFunction(
      (n) => document.querySelector('.editor-group-container.active .tabs-container .tab.active .label-name')?.textContent?.trim() === n,
      path.basename(file), { timeout: 20_000 },
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
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (want) => document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent?.includes(want),
      `Ln ${line}, Col ${column}`, { timeout: 10_000 },
    );
  }

  /** Line and column of the cursor in the active editor, from the status bar. */
  async cursor() {
    const text = await this.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
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
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 10_000 })
      .catch(() => assert.fail(`the Command Palette has no "${title}"`));
    await page.keyboard.press('Enter');
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
