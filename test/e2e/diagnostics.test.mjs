// Diagnostics, quick fix, Find All References and the "cited by N" lens in a real VS Code
// (code-server + headless Chromium, the harness of workbench.mjs): a broken reference is
// squiggled, its quick fix rewrites the number and nothing else, Shift+F12 on an article
// heading lists the citations in this file and in a second file of the workspace, and the
// lens above the article opens the same list. A reference typed to a missing article is styled
// as unresolved by the server's semantic tokens, and as a resolved one once it is typed over
// (the editor then asks for the tokens as a delta of the last ones).
// Run through `npm run test:e2e`, or directly: node --test test/e2e/diagnostics.test.mjs
//
// Fails, never skips, when code-server or Chromium is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FOG_SIGNALS, LIGHTHOUSE_DRAFT, asFile } from '../fixtures/lighthouse.mjs';
import { lineStarting, squash, startWorkbench } from './workbench.mjs';

const DRAFT = 'draft.treaty.txt';
const FOG = 'fog.treaty.txt';
// The lighthouse draft without its numbering gap (Article 4 there is Article 3 here), so that
// the broken reference ("Article 7") is the one warning; the second file cites the first by its title.
const DRAFT_TEXT = asFile(LIGHTHOUSE_DRAFT).replace('\nArticle 4\n', '\nArticle 3\n');
const FOG_TEXT = asFile(FOG_SIGNALS);

let wb;

/**
 * The active editor's text as shown (Monaco renders spaces as U+00A0), without the inlay
 * hints ("Article 2 ‹Keepers›") that are shown but are not text.
 */
async function editorText() {
  const shown = await wb.page.locator('.editor-group-container.active .editor-instance .view-lines').first().innerText();
  return shown.replace(/\u00a0/g, ' ').replace(/\s?‹[^›]*›/g, '');
}

/** Squiggles of a severity in the active editor. */
async function squiggles(kind) {
  return wb.page.locator(`.editor-group-container.active .editor-instance .squiggly-${kind}`).count();
}

/**
 * The classes Monaco gives each run of `text` on the line holding `marker` (its colour and
 * style, from the semantic tokens once they arrive; Monaco shows spaces as U+00A0).
 */
async function tokenClasses(marker, text) {
  return wb.page.evaluate(([marker, text]) => {
    const norm = (s) => (s ?? '').replace(/\u00a0/g, ' ');
    const line = [...document.querySelectorAll('.editor-group-container.active .editor-instance .view-line')].find((l) => norm(l.textContent).includes(marker));
    if (!line) return undefined;
    return [...line.querySelectorAll('span > span')].filter((s) => norm(s.textContent) === text).map((s) => s.className);
  }, [marker, text]);
}

/** The text of the references peek (its title, file groups and lines). */
async function peekText() {
  return squash((await wb.page.locator('.peekview-widget').allInnerTexts()).join(' '));
}

describe('Diagnostics, quick fix and references in VS Code', { timeout: 300_000 }, () => {
  before(async () => {
    wb = await startWorkbench({ name: 'diagnostics', files: { [DRAFT]: DRAFT_TEXT, [FOG]: FOG_TEXT } });
  });

  after(async () => {
    await wb?.stop();
  });

  it('squiggles "Article 7" and its quick fix turns it into "Article 3", changing nothing else', async () => {
    await wb.step('quickfix', async () => {
      await wb.quickOpen(DRAFT);
      await wb.serverReady(lineStarting(DRAFT_TEXT, 'A keeper') + 1, /Article 2/);
      await wb.until(() => squiggles('warning'), (n) => n >= 1, 'no warning squiggle under the broken reference');
      // The Problems panel carries the message with the candidate.
      await wb.page.keyboard.press('Control+Shift+M');
      const problems = wb.page.locator('.markers-panel');
      await wb.until(async () => squash((await problems.allInnerTexts()).join(' ')), (t) => t.includes('This document has no Article 7; the last is Article 3. Did you mean Article 3?'),
        'the Problems panel does not show the broken reference');
      await wb.screenshot('diagnostics.png');

      const line = lineStarting(DRAFT_TEXT, '2. The duties') + 1;
      const column = DRAFT_TEXT.split('\n')[line - 1].indexOf('Article 7') + 'Article '.length + 1;
      await wb.page.locator('.editor-group-container.active .editor-instance .view-lines').first().click();
      await wb.goTo(line, column);
      await wb.page.keyboard.press('Control+.');
      const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Change to Article 3' }).first();
      await fix.waitFor({ timeout: 20_000 }).catch(async () => {
        assert.fail(`no "Change to Article 3" in the quick fix menu: ${JSON.stringify(await wb.page.locator('.action-widget').allInnerTexts())}`);
      });
      // Choose it with the keyboard, as the menu is meant to be used (a pointer blocker covers it).
      const focused = () => wb.page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label');
      for (let i = 0; i < 6 && (await focused()) !== 'Change to Article 3'; i++) await wb.page.keyboard.press('ArrowDown');
      assert.equal(await focused(), 'Change to Article 3');
      await wb.page.keyboard.press('Enter');
      const after = await wb.until(editorText, (t) => t.includes('Article 2 and Article 3 apply at night'), 'the quick fix did not rewrite the number');
      // Only the number changed: the whole text is the old one with 7 → 3 at that place.
      assert.ok(squash(after).includes(squash(DRAFT_TEXT.replace('Article 7 apply', 'Article 3 apply').split('\n').slice(0, 8).join(' '))), squash(after));
      await wb.until(() => squiggles('warning'), (n) => n === 0, 'the squiggle stayed after the fix');
      await wb.page.keyboard.press('Control+S');
      await wb.until(() => fs.readFileSync(path.join(wb.workspace, DRAFT), 'utf8'), (t) => t === DRAFT_TEXT.replace('Article 7 apply', 'Article 3 apply'),
        'the saved file is not the old text with that one number changed');
    });
  });

  it('Shift+F12 on the heading "Article 2" peeks its citations here and in the other file', async () => {
    await wb.step('references', async () => {
      await wb.quickOpen(DRAFT);
      await wb.goTo(lineStarting(DRAFT_TEXT, 'Article 2') + 1, 3);
      await wb.page.keyboard.press('Shift+F12');
      // The heading itself, two citations in the draft, one in the other file.
      const text = await wb.until(peekText, (t) => /References \(4\)/.test(t), 'the references peek does not list 4 references');
      assert.match(text, /draft\.treaty\.txt 3 /);
      assert.match(text, /fog\.treaty\.txt 1\b/);
      await wb.screenshot('references.png');
      await wb.page.keyboard.press('Escape');
    });
  });

  it('the lens "cited by 3" above Article 2 opens the same references', async () => {
    await wb.step('codelens', async () => {
      await wb.page.keyboard.press('Escape');
      await wb.quickOpen(DRAFT);
      await wb.goTo(lineStarting(DRAFT_TEXT, 'Article 2') + 1, 1);
      const lens = wb.page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'cited by 3' });
      await wb.until(() => lens.count(), (n) => n === 1, 'no "cited by 3" lens above Article 2');
      // Article 3 is cited once since the quick fix pointed "Article 7" at it.
      const lensTexts = async () => squash((await wb.page.locator('.editor-group-container.active .codelens-decoration').allInnerTexts()).join(' | '));
      await wb.until(lensTexts, (t) => t === 'cited by 2 | cited by 3 | cited by 1', 'the lenses do not read "cited by 2 | cited by 3 | cited by 1"');
      await lens.click();
      const text = await wb.until(peekText, (t) => /Locations \(3\)/.test(t), 'the lens did not open a peek of 3 locations');
      assert.match(text, /draft\.treaty\.txt 2 /);
      assert.match(text, /fog\.treaty\.txt 1\b/);
      await wb.page.keyboard.press('Escape');
    });
  });

  it('styles a reference typed to a missing article as unresolved, and as a reference once it names Article 1', async () => {
    await wb.step('semantic-tokens', async () => {
      await wb.quickOpen(DRAFT);
      const line = lineStarting(DRAFT_TEXT, 'A keeper') + 1;
      await wb.goTo(line, DRAFT_TEXT.split('\n')[line - 1].length + 1);
      // The reference already on the line ("under Article 1") is resolved: its style is the one to compare with.
      const marker = 'A keeper shall';
      const resolved = await wb.until(() => tokenClasses(marker, 'Article 1'), (c) => c?.length === 1, 'no run for "Article 1" on the line');
      await wb.page.keyboard.type(' See Article 9.', { delay: 30 });
      // The grammar colours every reference alike; the server's tokens mark this one unresolved.
      await wb.until(() => tokenClasses(marker, 'Article 9'), (c) => c?.length === 1 && c[0] !== resolved[0], '"Article 9" is not styled apart from a resolved reference');
      // Typed over: the next tokens come as a delta of the last ones.
      await wb.page.keyboard.press('Backspace');
      await wb.page.keyboard.press('Backspace');
      await wb.page.keyboard.type('1.', { delay: 30 });
      await wb.until(() => tokenClasses(marker, 'Article 1'), (c) => c?.length === 2 && c.every((k) => k === resolved[0]), 'the reference typed over is not styled as a resolved one');
      // Its inlay hint follows too: the heading of Article 1 after both references.
      const lineText = () => wb.page.evaluate((marker) => [...document.querySelectorAll('.editor-group-container.active .editor-instance .view-line')].map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).find((t) => t.includes(marker)), marker);
      await wb.until(lineText, (t) => t?.split('‹Lights›').length === 3, 'the typed reference has no inlay hint "‹Lights›"');
      await wb.screenshot('semantic-tokens.png');
    });
  });
});
