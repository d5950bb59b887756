// Pacta in a second real editor: headless Neovim (Debian's 0.7) runs the
// language server through bin/pacta-language-server.js --stdio, as a user's
// init.lua would, and asks for hover, definition and document symbols.
//
// Fails, never skips, when nvim or the corpus is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNeovim } from './neovim.mjs';
import { SAMPLE, articles, corpusDir, firstInternalReference, openingWords, positionOf, squash } from './treatyText.mjs';

const ARTICLE_51 = /inherent right of individual or collective self-defen[cs]e/;
const TREATY = 'partnership-treaty.treaty.txt';
const CHARTER = 'un_charter.treaty.txt';

let session;
let answers;
let treatyText;
let charterText;
let charterPath;

function hoverText(h) {
  const c = h?.contents;
  if (!c) return '';
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value ?? '';
}

/** Location or LocationLink → { file, line } (0-based line of where the cursor lands). */
function landing(result) {
  const first = Array.isArray(result) ? result[0] : result;
  assert.ok(first, `definition returned nothing: ${JSON.stringify(result)}`);
  const uri = first.targetUri ?? first.uri;
  const range = first.targetSelectionRange ?? first.range;
  return { file: fileURLToPath(uri), line: range.start.line };
}

function flatten(symbols, out = []) {
  for (const s of symbols ?? []) {
    out.push(s.name);
    flatten(s.children, out);
  }
  return out;
}

describe('Pacta in Neovim (headless, LSP over stdio)', { timeout: 120_000 }, () => {
  before(() => {
    assert.ok(fs.existsSync(SAMPLE), `the sample ${SAMPLE} is missing`);
    treatyText = fs.readFileSync(SAMPLE, 'utf8');
    charterText = fs.readFileSync(path.join(corpusDir(), 'un_charter_en.txt'), 'utf8');

    const charterRef = positionOf(treatyText, 'Article 51 of the Charter of the United Nations');
    const internal = firstInternalReference(treatyText);
    const onNumber = (p, n) => ({ line: p.line, character: p.character + `Article ${n}`.length - 1 });
    const queries = {
      hoverCharter: { method: 'textDocument/hover', position: onNumber(charterRef, 51) },
      definitionCharter: { method: 'textDocument/definition', position: onNumber(charterRef, 51) },
      hoverInternal: { method: 'textDocument/hover', position: onNumber(internal, internal.n) },
      definitionInternal: { method: 'textDocument/definition', position: onNumber(internal, internal.n) },
      symbols: { method: 'textDocument/documentSymbol' },
    };
    session = runNeovim({ name: 'nvim', files: { [TREATY]: treatyText, [CHARTER]: charterText }, open: TREATY, queries });
    ({ answers } = session);
    charterPath = session.file(CHARTER);
    answers.internal = internal;
  });

  after(() => session?.close());

  it('hover on "Article 51 of the Charter of the United Nations" shows the Charter\'s words', () => {
    const a = answers.hoverCharter;
    assert.equal(a.error, undefined, JSON.stringify(a.error));
    assert.match(squash(hoverText(a.result)), ARTICLE_51);
  });

  it('definition of the Charter reference is the line "Article 51" of un_charter.treaty.txt', () => {
    const a = answers.definitionCharter;
    assert.equal(a.error, undefined, JSON.stringify(a.error));
    const at = landing(a.result);
    assert.equal(at.file, charterPath);
    const a51 = articles(charterText).get(51);
    assert.equal(at.line, a51.line, `landed on line ${at.line + 1}: "${charterText.split('\n')[at.line]}"`);
    assert.equal(charterText.split(/\r?\n/)[at.line].trim(), 'Article 51');
  });

  it('hover and definition on an internal reference give the cited article of the same text', () => {
    const { internal } = answers;
    const h = answers.hoverInternal;
    assert.equal(h.error, undefined, JSON.stringify(h.error));
    assert.ok(squash(hoverText(h.result)).includes(openingWords(internal.article.body)),
      `hover on Article ${internal.n} (line ${internal.line + 1}) was: ${hoverText(h.result).slice(0, 300)}`);
    const d = answers.definitionInternal;
    assert.equal(d.error, undefined, JSON.stringify(d.error));
    const at = landing(d.result);
    assert.equal(path.basename(at.file), TREATY);
    assert.equal(at.line, internal.article.line, `Article ${internal.n} is on line ${internal.article.line + 1}`);
  });

  it('document symbols list the articles, "Article 2" among them', () => {
    const s = answers.symbols;
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    const names = flatten(s.result);
    assert.ok(names.some((n) => /^Article 2\b/.test(n)), `symbols: ${JSON.stringify(names.slice(0, 40))}`);
    const count = names.filter((n) => /^Article \d+\b/.test(n)).length;
    assert.equal(count, articles(treatyText).size, `article symbols: ${count}; headings in the text: ${articles(treatyText).size}`);
  });
});
