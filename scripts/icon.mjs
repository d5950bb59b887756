// Renders images/icon.svg to images/icon.png (256×256, transparent corners) with headless
// Chromium through playwright-core: the Marketplace wants a PNG of at least 128×128.
// Run after editing the SVG: node scripts/icon.mjs. The PNG is committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'images/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.PACTA_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'images/icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('wrote images/icon.png');
