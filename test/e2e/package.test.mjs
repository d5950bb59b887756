// The packaged extension as users get it: the .vsix holds only run-time files and is
// small; installed into code-server (VS Code 1.100) it activates, shows the status bar
// item (article count and language), exports Akoma Ntoso that validates; and its web
// build (package.json "browser") runs in code-server's browser extension host, with the
// language server in a Web Worker. Screenshots go to docs/screenshots/ for the README.
//
// Run through `npm run test:e2e`, or: node --test test/e2e/package.test.mjs
// Fails, never skips, when code-server, Chromium or xmllint is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageVsix, repoRoot } from '../../scripts/lib/codeServer.mjs';
import { SAMPLE, articles, corpusDir } from './treatyText.mjs';
import { CHROMIUM, startWorkbench } from './workbench.mjs';

const SCHEMA = path.resolve(repoRoot, '../shared/schemas/akn3/akomantoso30.xsd');
const TREATY = 'partnership-treaty.treaty.txt';
/** The largest .vsix we accept: the bundles are minified, nothing else is big. */
const MAX_VSIX_BYTES = 1024 * 1024;

/** Names and sizes in a zip file (a .vsix), from its central directory. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, `${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    out.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/** Waits for the Pacta status bar item to read "N articles · Language"; returns its text. */
async function statusItem(page, want) {
  const read = () => page.locator('.statusbar-item').allInnerTexts().then((t) => t.map((s) => s.trim()));
  await page.waitForFunction(
    (re) => [...document.querySelectorAll('.statusbar-item')].some((e) => new RegExp(re).test(e.textContent ?? '')),
    want.source, { timeout: 120_000 },
  ).catch(async () => assert.fail(`no status bar item matches ${want}; items: ${JSON.stringify(await read())}`));
  return (await read()).find((t) => want.test(t));
}

const treatyText = fs.readFileSync(SAMPLE, 'utf8');
const ARTICLE_COUNT = articles(treatyText).size;

let vsix;

before(() => {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set PACTA_CHROMIUM)`);
  vsix = process.env.PACTA_VSIX || packageVsix();
  assert.ok(fs.existsSync(vsix), `no .vsix at ${vsix}`);
});

describe('the .vsix', () => {
  it('holds only run-time files, minified bundles, and is small', (t) => {
    const entries = zipEntries(vsix);
    const names = entries.map((e) => e.name).sort();
    const total = fs.statSync(vsix).size;
    t.diagnostic(`pacta.vsix: ${(total / 1024).toFixed(0)} KB, ${entries.length} files`);
    for (const e of entries) t.diagnostic(`  ${e.name} ${(e.size / 1024).toFixed(0)} KB`);
    const allowed = [
      /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
      /^extension\/package\.json$/, /^extension\/package\.nls(\.[a-z-]+)?\.json$/, /^extension\/l10n\/bundle\.l10n\.[a-z-]+\.json$/,
      /^extension\/dist\/(client\/extension|server\/server|server\/indexWorker|web\/extension|web\/server)\.js$/,
      /^extension\/syntaxes\/treaty\.tmLanguage\.json$/, /^extension\/language-configuration\.json$/,
      /^extension\/images\/icon\.png$/, /^extension\/(readme|changelog)\.md$/, /^extension\/LICENSE\.txt$/,
    ];
    const stray = names.filter((n) => !allowed.some((re) => re.test(n)));
    assert.deepEqual(stray, [], 'files that are not needed at run time');
    for (const need of ['extension/dist/client/extension.js', 'extension/dist/server/server.js', 'extension/dist/server/indexWorker.js', 'extension/dist/web/extension.js',
      'extension/dist/web/server.js', 'extension/package.nls.ko.json', 'extension/package.nls.ru.json',
      'extension/l10n/bundle.l10n.ko.json', 'extension/l10n/bundle.l10n.ru.json', 'extension/images/icon.png', 'extension/changelog.md']) {
      assert.ok(names.includes(need), `${need} is missing from the .vsix`);
    }
    assert.ok(total <= MAX_VSIX_BYTES, `the .vsix is ${total} bytes, more than ${MAX_VSIX_BYTES}`);
    // Production bundles: minified (long lines), no source maps.
    const serverEntry = entries.find((e) => e.name === 'extension/dist/server/server.js');
    assert.ok(serverEntry.size < 1_500_000, `server bundle ${serverEntry.size} bytes`);
  });
});

describe('installed from the .vsix into code-server (desktop extension host)', { timeout: 600_000 }, () => {
  let wb;
  before(async () => {
    wb = await startWorkbench({
      name: 'vsix',
      vsix,
      files: { [TREATY]: treatyText, 'un_charter.treaty.txt': fs.readFileSync(path.join(corpusDir(), 'un_charter_en.txt'), 'utf8') },
    });
  });
  after(async () => wb?.stop());

  it('activates on a treaty text: the status bar shows its article count and language', async () => {
    await wb.step('activate', async () => {
      await wb.quickOpen(TREATY);
      const text = await statusItem(wb.page, new RegExp(`\\b${ARTICLE_COUNT} articles · English`));
      assert.match(text, /articles · English/);
      await wb.page.waitForTimeout(300);
      await wb.screenshot('status-bar.png', { clip: { x: 600, y: 780, width: 800, height: 80 } });
    });
  });

  it('"Pacta: Export as Akoma Ntoso" saves partnership-treaty.akn.xml beside it, opens it, and it validates', async () => {
    await wb.step('export', async () => {
      await wb.runCommand('Pacta: Export as Akoma Ntoso');
      const out = path.join(wb.workspace, 'partnership-treaty.akn.xml');
      // It opens beside the text, in a second editor group: look at every group's tabs.
      await wb.page.waitForFunction(
        () => [...document.querySelectorAll('.tabs-container .tab .label-name')].some((e) => e.textContent?.trim() === 'partnership-treaty.akn.xml'),
        null, { timeout: 60_000 },
      ).catch(() => assert.fail('the export did not open partnership-treaty.akn.xml'));
      assert.ok(fs.existsSync(out), `${out} was not written`);
      const xml = fs.readFileSync(out, 'utf8');
      assert.match(xml, /<akomaNtoso xmlns="http:\/\/docs.oasis-open.org\/legaldocml\/ns\/akn\/3.0">/);
      // The Charter is in the workspace, so Article 51 of the Charter is a checked external reference.
      assert.match(xml, /<ref href="\/akn\/un\/act\/treaty\/1945-06-26\/charter\/~art_51">/);
      const lint = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, out], { encoding: 'utf8' });
      if (lint.error) assert.fail('xmllint is not installed: apt-get install -y libxml2-utils');
      assert.equal(lint.status, 0, lint.stderr);
      // Show the reference to the Charter in the XML (the new editor has the focus).
      const line = xml.split('\n').findIndex((l) => l.includes('charter/~art_51')) + 1;
      await wb.page.keyboard.press('Control+G');
      await wb.page.locator('.quick-input-widget input').fill(`:${Math.max(1, line - 3)}`);
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('Control+L'); // select the line, so it stands out
      await wb.page.waitForTimeout(600);
      await wb.screenshot('export-akn.png');
    });
  });

  it('"Pacta: Show Output" shows the log of the desktop (Node) language server', async () => {
    await wb.step('output', async () => {
      await wb.outputShows(/Exported .*partnership-treaty\.akn\.xml/, 'the Pacta output does not show the export');
    });
  });
});

describe('the web extension in code-server\'s browser extension host (language server in a Web Worker)', { timeout: 600_000 }, () => {
  let wb;
  before(async () => {
    wb = await startWorkbench({
      name: 'web',
      vsix,
      files: { [TREATY]: treatyText },
      // "ui" puts an extension that has a browser entry into the web worker extension host
      // of the browser, as in VS Code for the Web.
      settings: { 'remote.extensionKind': { 'pacta.pacta': ['ui'] } },
    });
  });
  after(async () => wb?.stop());

  it('loads dist/web/extension.js, starts dist/web/server.js as a worker, and the status bar item comes from it', async () => {
    await wb.step('extension', async () => {
      await wb.quickOpen(TREATY);
      await statusItem(wb.page, new RegExp(`\\b${ARTICLE_COUNT} articles · English`));
      await wb.outputShows(/starting the language server in a Web Worker/, `the Pacta output is not the web extension's (console: ${wb.consoleLines.filter((l) => /pacta/i.test(l)).join('\n')})`);
      assert.ok(!wb.consoleLines.some((l) => /Activating extension 'pacta\.pacta' failed/.test(l)), wb.consoleLines.join('\n'));
      await wb.page.waitForTimeout(300);
      await wb.screenshot('web-extension.png');
    });
  });
});
