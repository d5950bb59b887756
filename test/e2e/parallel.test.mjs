// Parallel language versions in a real VS Code (code-server + headless Chromium): with the
// English and Korean samples in the workspace, "Pacta: Open Other Language Version Beside"
// opens the Korean text in a second editor group at the article the cursor is in, and the
// code lens "Open the Korean text of this article" does the same for another article.
// Run through `npm run test:e2e`, or directly: node --test test/e2e/parallel.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';
import { lineStarting, squash, startWorkbench } from './workbench.mjs';

const EN = 'disaster-relief.en.treaty.txt';
const KO = 'disaster-relief.ko.treaty.txt';
const enText = fs.readFileSync(path.join(repoRoot, 'samples', 'parallel', EN), 'utf8');
const koText = fs.readFileSync(path.join(repoRoot, 'samples', 'parallel', KO), 'utf8');

let wb;

/** The text each editor group shows, left to right. */
async function groupTexts() {
  return wb.page.locator('.editor-group-container').evaluateAll((groups) =>
    groups.map((g) => ({
      tab: g.querySelector('.tab.active .label-name')?.textContent?.trim() ?? '',
      text: (g.querySelector('.editor-instance .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' '),
    })),
  );
}

describe('Parallel language versions in VS Code', { timeout: 300_000 }, () => {
  before(async () => {
    wb = await startWorkbench({ name: 'parallel', files: { [EN]: enText, [KO]: koText } });
  });

  after(async () => {
    await wb?.stop();
  });

  it('"Pacta: Open Other Language Version Beside" opens the Korean text beside, at the same article', async () => {
    await wb.step('command', async () => {
      await wb.quickOpen(EN);
      const costs = lineStarting(enText, '1. Unless the Parties agree otherwise'); // Article 4(1)
      await wb.serverReady(costs + 1, /Article 4/);
      await wb.runCommand('Pacta: Open Other Language Version Beside');
      const groups = await wb.until(groupTexts, (g) => g.length === 2 && g[1].tab === KO, 'no second editor group with the Korean text');
      assert.equal(groups[0].tab, EN, 'the English text stays in the first group');
      assert.equal(await wb.activeTabTitle(), KO);
      // The cursor is on the Korean Article 4(1), and the article is on screen.
      const want = lineStarting(koText, '① 당사국이 달리') + 1;
      const pos = await wb.until(() => wb.cursor(), (c) => c.line === want, `the cursor is not on line ${want} (제4조 ①)`);
      assert.equal(pos.line, want);
      assert.match(groups[1].text, /제4조 \(비용\)/);
      assert.match(squash(groups[1].text), /지원국은 자국이 보내는 지원의 비용을 부담한다/);
      await wb.screenshot('parallel.png');
    });
  });

  it('the code lens "Open the Korean text of this article" opens the Korean Article 5', async () => {
    await wb.step('lens', async () => {
      const art5 = lineStarting(enText, 'Article 5');
      const want = lineStarting(koText, '제5조 (') + 1;
      const clickLensAbove = async () => {
        await wb.runCommand('View: Focus First Editor Group');
        await wb.goTo(art5 + 1, 1);
        // The lens drawn just above the cursor's line (the heading "Article 5") in the English editor.
        const group = wb.page.locator('.editor-group-container').first();
        const lenses = group.locator('.codelens-decoration a', { hasText: 'Open the Korean text of this article' });
        await wb.until(() => lenses.count(), (n) => n > 0, 'the English editor shows no "Open the Korean text of this article" lens');
        const cursor = await group.locator('.cursors-layer .cursor').first().boundingBox();
        assert.ok(cursor, 'no cursor in the English editor');
        const boxes = await lenses.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
        let pick = -1;
        boxes.forEach((top, i) => {
          if (top < cursor.y && (pick < 0 || top > boxes[pick])) pick = i;
        });
        assert.ok(pick >= 0, `no lens above the cursor (lens tops ${boxes.join(', ')}; cursor at ${cursor.y})`);
        await lenses.nth(pick).click();
      };
      await clickLensAbove();
      // The server refreshes lenses after each diagnostics round: a click that lands while VS Code
      // redraws them is lost with the old lens. The second click must work.
      const landed = await wb.until(() => wb.cursor(), (c) => c.line === want, 'first click', 20).then(() => true, () => false);
      if (!landed) await clickLensAbove();
      await wb.until(() => wb.cursor(), (c) => c.line === want, `the lens did not put the cursor on 제5조 (line ${want})`);
      const groups = await groupTexts();
      assert.equal(groups.length, 2, 'the Korean text opened in the existing second group, not a third');
      assert.match(groups[1].text, /제5조 \(연락창구 및 발효\)/);
    });
  });
});
