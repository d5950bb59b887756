// Comparing provisions in a real VS Code (code-server + headless Chromium): with the cursor in
// Article 4 of the 2024-style sample, "Pacta: Compare Provision With…" → the 1961-style
// treaty → its Article 1(2) (preselected as the most similar) opens VS Code's diff editor,
// whose right side marks the one added phrase as inserted; "Pacta: Find Similar Provisions"
// lists that clause first.
// Run through `npm run test:e2e`, or directly: node --test test/e2e/compare.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';
import { lineStarting, squash, startWorkbench } from './workbench.mjs';

const T1961 = 'friendship-treaty-1961-style.treaty.txt';
const T2024 = 'partnership-treaty-2024-style.treaty.txt';
const text1961 = fs.readFileSync(path.join(repoRoot, 'samples', 'compare', T1961), 'utf8');
const text2024 = fs.readFileSync(path.join(repoRoot, 'samples', 'compare', T2024), 'utf8');
const PHRASE = 'in accordance with Article 51 of the Charter of the United Nations and with the laws of both Contracting Parties';

let wb;

/** Items of the open quick pick, in list order: label, description, and whether it is focused. */
async function quickPickRows() {
  return wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((rows) =>
    // Rows of a list that is not shown any more (the Command Palette's) stay in the DOM: skip them.
    // The list is virtual: rows are positioned, not in DOM order; data-index is their order.
    rows
      .filter((r) => r.getClientRects().length > 0 && r.closest('.quick-input-list')?.getClientRects().length)
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((r) => ({
        label: (r.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
        description: (r.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
        focused: r.classList.contains('focused'),
      })),
  );
}

/**
 * Which of `words` the diff editor marks as inserted on its right side (or, with 'original'
 * and 'char-delete', as removed on its left side). Monaco draws the
 * marks (`.char-insert`) as boxes in an overlay layer under the text: a word is marked when
 * the box covers where the word is drawn.
 */
async function marked(words, side = 'modified', mark = 'char-insert') {
  return wb.page.evaluate(({ ws, sideClass, markClass }) => {
    // The diff editor on screen (the workbench may keep others, hidden).
    const side = [...document.querySelectorAll(`.monaco-diff-editor .editor.${sideClass}`)].find(
      (e) => e.querySelector('.view-lines') && e.getClientRects().length > 0,
    );
    if (!side) return {};
    const boxes = [...side.querySelectorAll(`.${markClass}`)].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 2);
    const walker = document.createTreeWalker(side.querySelector('.view-lines'), NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const out = {};
    for (const w of ws) {
      out[w] = null; // not on screen
      for (const n of nodes) {
        const at = n.textContent.replace(/\u00a0/g, ' ').indexOf(w);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + w.length);
        const r = range.getBoundingClientRect();
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        out[w] = boxes.some((b) => cx > b.left && cx < b.right && cy > b.top && cy < b.bottom);
        break;
      }
    }
    return out;
  }, { ws: words, sideClass: side, markClass: mark });
}

describe('Comparing provisions in VS Code', { timeout: 300_000 }, () => {
  before(async () => {
    wb = await startWorkbench({ name: 'compare', files: { [T1961]: text1961, [T2024]: text2024 } });
  });

  after(async () => {
    await wb?.stop();
  });

  it('"Compare Provision With…" opens the diff editor, which shows the added phrase as inserted', async () => {
    await wb.step('compare', async () => {
      await wb.quickOpen(T2024);
      const body = lineStarting(text2024, 'If one of the Contracting Parties'); // Article 4
      await wb.serverReady(body + 1, /Article 4/);
      await wb.runCommand('Pacta: Compare Provision With…');

      // First pick: the document. The 1961 treaty is offered first: it holds the closest wording.
      const docs = await wb.until(quickPickRows, (rows) => rows.some((r) => r.label === T1961), `no ${T1961} in the document pick`);
      assert.equal(docs[0].label, T1961, `documents offered: ${JSON.stringify(docs)}`);
      assert.match(docs[0].description, /closest: Article 1\(2\) \(82%\)/);
      await wb.page.keyboard.type('friendship');
      await wb.until(quickPickRows, (rows) => rows[0]?.label === T1961 && rows[0].focused, 'the 1961 treaty is not the focused row');
      await wb.page.keyboard.press('Enter');

      // Second pick: the provision, with the most similar one already selected.
      const rows = await wb.until(quickPickRows, (r) => r.some((x) => x.focused && /Article 1\(2\)/.test(x.description)), 'Article 1(2) is not preselected');
      const focused = rows.find((r) => r.focused);
      assert.match(focused.description, /82% similar/);
      await wb.page.keyboard.press('Enter');

      // The diff editor: left the 1961 clause, right the 2024 Article 4.
      const diff = wb.page.locator('.monaco-diff-editor');
      await diff.first().waitFor({ timeout: 20_000 });
      const title = await wb.until(() => wb.activeTabTitle(), (t) => t.includes('↔'), 'the diff editor tab has no "↔" title');
      assert.match(title, /Article 1\(2\) ↔ .*Article 4 \(82% similar\)/);
      // The added phrase is marked as inserted; the words around it are not.
      const added = ['accordance', 'Charter', 'United', 'laws', 'both'];
      const kept = ['attacked', 'war', 'military', 'every'];
      const marks = await wb.until(() => marked([...added, ...kept]), (m) => added.every((w) => m[w] === true), 'the added phrase is not marked as inserted');
      for (const w of kept) assert.equal(marks[w], false, `"${w}" is marked as inserted: ${JSON.stringify(marks)}`);
      const modified = squash(await diff.locator('.editor.modified .view-lines').first().innerText());
      assert.ok(modified.includes(PHRASE), `the right side reads: ${modified}`);
      const original = squash(await diff.locator('.editor.original .view-lines').first().innerText());
      assert.match(original, /shall at once give it military and other aid/);
      assert.doesNotMatch(original, /Article 51/);
      // Nothing is removed: VS Code may mark the space the phrase went into, but no word.
      const removed = await marked(['attacked', 'war', 'once', 'give', 'military', 'every'], 'original', 'char-delete');
      assert.ok(Object.values(removed).every((v) => v === false), `words marked as removed: ${JSON.stringify(removed)}`);
      await wb.screenshot('compare.png');
    });
  });

  it('"Find Similar Provisions" lists the 1961 Article 1(2) first', async () => {
    await wb.step('similar', async () => {
      await wb.quickOpen(T2024);
      const body = lineStarting(text2024, 'If one of the Contracting Parties');
      await wb.goTo(body + 1, 5);
      await wb.runCommand('Pacta: Find Similar Provisions');
      const rows = await wb.until(quickPickRows, (r) => r.length > 0 && /%/.test(r[0].label), 'no similar provisions listed');
      assert.match(rows[0].label, /^82% +Article 1\(2\)$/);
      assert.match(rows[0].description, new RegExp(T1961.replace(/\./g, '\\.')));
      await wb.page.keyboard.press('Enter');
      const want = lineStarting(text1961, '2. If one of the Contracting Parties') + 1;
      await wb.until(() => wb.activeTabTitle(), (t) => t === T1961, `${T1961} did not open`);
      await wb.until(() => wb.cursor(), (c) => c.line === want, `the cursor is not on line ${want}`);
    });
  });
});
