// Pacta in a real VS Code: code-server (VS Code 1.100) with the packaged .vsix
// installed, driven through headless Debian Chromium by playwright-core.
// Run through `npm run test:e2e` (scripts/e2e.mjs installs what this needs), or
// directly: node --test test/e2e/vscode.test.mjs
//
// Fails, never skips, when code-server, Chromium or the corpus is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE, articles, corpusDir, firstInternalReference, openingWords, positionOf, squash } from './treatyText.mjs';
import { startWorkbench } from './workbench.mjs';

const TREATY = 'partnership-treaty.treaty.txt';
const CHARTER = 'un_charter.treaty.txt';
// The Charter's words for Article 51 (the corpus spells it "self-defense").
const ARTICLE_51 = /inherent right of individual or collective self-defen[cs]e/;

let wb;
let treatyText;
let charterText;

describe('Pacta in VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  before(async () => {
    // Preconditions: each missing piece fails the suite with the reason.
    assert.ok(fs.existsSync(SAMPLE), `the sample ${SAMPLE} is missing`);
    treatyText = fs.readFileSync(SAMPLE, 'utf8');
    charterText = fs.readFileSync(path.join(corpusDir(), 'un_charter_en.txt'), 'utf8');
    wb = await startWorkbench({ name: 'vscode', files: { [TREATY]: treatyText, [CHARTER]: charterText } });
  });

  after(async () => {
    await wb?.stop();
  });

  it('opens the treaty with the Treaty language and the server answering', async () => {
    await wb.step('open', async () => {
      await wb.quickOpen(TREATY);
      const mode = wb.page.locator('.statusbar-item[id="status.editor.mode"]');
      await wb.page.waitForFunction(
        () => document.querySelector('.statusbar-item[id="status.editor.mode"]')?.textContent?.includes('Treaty'),
        null, { timeout: 20_000 },
      ).catch(async () => assert.fail(`language mode is "${await mode.innerText()}", not Treaty`));
      // Ready when the breadcrumbs show a symbol from the server: without this
      // wait the first hover can arrive before the server has started.
      await wb.serverReady(articles(treatyText).get(4).line + 3, /Article 4/);
    });
  });

  it('hover on "Article 51 of the Charter of the United Nations" shows the Charter\'s Article 51', async () => {
    await wb.step('hover-charter', async () => {
      const at = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
      const text = await wb.hoverAt(at.line + 1, at.character + 'Article 5'.length, ARTICLE_51); // on "51"
      assert.match(text, ARTICLE_51, `hover text was: ${text.slice(0, 400)}`);
      await wb.screenshot('hover.png');
    });
  });

  it('hover on an internal reference shows the words of the cited article', async () => {
    await wb.step('hover-internal', async () => {
      const ref = firstInternalReference(treatyText);
      const words = openingWords(ref.article.body);
      assert.ok(words.split(' ').length >= 5, `Article ${ref.n} has no body text to look for`);
      const want = new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const text = await wb.hoverAt(ref.line + 1, ref.character + 'Article '.length + 1, want); // on the number
      assert.match(text, want, `hover on "Article ${ref.n}" (line ${ref.line + 1}) was: ${text.slice(0, 400)}`);
    });
  });

  it('Go to Definition (F12) on the Charter reference lands on Article 51 of un_charter.treaty.txt', async () => {
    await wb.step('definition', async () => {
      const page = wb.page;
      await page.keyboard.press('Escape');
      const at = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
      await wb.goTo(at.line + 1, at.character + 'Article 5'.length); // on "51"
      await page.keyboard.press('F12');
      await page.waitForFunction(
        (n) => document.querySelector('.tabs-container .tab.active .label-name')?.textContent?.trim() === n,
        CHARTER, { timeout: 20_000 },
      ).catch(async () => assert.fail(`F12 did not open ${CHARTER}; active tab is "${await wb.activeTabTitle()}"`));
      const a51 = articles(charterText).get(51);
      // The cursor must be on the heading "Article 51" or inside that article.
      let pos;
      for (let i = 0; i < 20; i++) { // the status bar updates a moment after the tab
        pos = await wb.cursor();
        if (pos.line - 1 >= a51.line && pos.line - 1 < a51.endLine) break;
        await page.waitForTimeout(100);
      }
      assert.ok(pos.line - 1 >= a51.line && pos.line - 1 < a51.endLine,
        `cursor at Ln ${pos.line}; Article 51 spans lines ${a51.line + 1}–${a51.endLine}`);
      const visible = squash(await page.locator('.editor-instance .view-lines').first().innerText());
      assert.match(visible.replace(/\u00a0/g, ' '), /Article 51/);
      assert.match(visible.replace(/\u00a0/g, ' '), ARTICLE_51);
      await wb.screenshot('definition.png');
    });
  });

  it('the Outline view lists the treaty\'s articles', async () => {
    await wb.step('outline', async () => {
      const page = wb.page;
      await wb.quickOpen(TREATY);
      await wb.runCommand('Explorer: Focus on Outline View');
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
      await wb.screenshot('outline.png');
    });
  });

  it('"Pacta: Restart Language Server" restarts it, "Pacta: Show Output" shows its log, and hovers work again', async () => {
    await wb.step('restart', async () => {
      await wb.quickOpen(TREATY);
      await wb.runCommand('Pacta: Restart Language Server');
      await wb.outputShows(/Pacta language server restarted/, 'the Output panel does not show the restart');
      const at = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
      const text = await wb.hoverAt(at.line + 1, at.character + 'Article 5'.length, ARTICLE_51);
      assert.match(text, ARTICLE_51, `hover after the restart was: ${text.slice(0, 400)}`);
    });
  });
});
