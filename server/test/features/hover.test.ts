import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { escapeMarkdown, hover } from '../../src/features/hover';
import { LineIndex, parseTreaty } from '../../src/model';
import { CITES_CHARTER, ORCHARD } from '../helpers/samples';
import { positionOf, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

const CHARTER_TEXT = readCorpus('un_charter_en.txt');
const NATO_TEXT = readCorpus('north_atlantic_treaty_1949_en.txt');

function markdown(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

async function hoverAt(text: string, needle: string, options = { maxLength: 1200 }, files: Record<string, string> = {}, occurrence = 1) {
  const t = testWorkspace(files);
  const parsed = t.open('file:///ws/doc.treaty', text);
  return hover(parsed.doc, positionOf(text, needle, occurrence, 2), await t.ws.lookupFor(parsed.doc), options);
}

describe('hover', () => {
  it('shows the cited paragraph: its path in bold, then its text quoted', async () => {
    const h = await hoverAt(ORCHARD, 'Article 1, paragraph 2');
    const md = markdown(h);
    const [head, body] = md.split('\n\n');
    assert.match(head, /^\*\*Convention on Orchard Neighbours › .*Article 1\(2\)\*\*$/);
    assert.equal(body, '> It does not cover hedges.');
    // The hover covers the whole reference.
    const start = positionOf(ORCHARD, 'Article 1, paragraph 2', 1, 0);
    assert.deepEqual(h!.range, { start, end: { line: start.line, character: start.character + 'Article 1, paragraph 2'.length } });
  });

  it('quotes a cited point only, not its whole article', async () => {
    const md = markdown(await hoverAt(ORCHARD, 'Article 2(a)'));
    assert.match(md, /Article 2\(a\)\*\*/);
    assert.match(md, /> "overhang" means a branch that crosses the boundary;/);
    assert.doesNotMatch(md, /windfall/);
  });

  it('cuts a long text at pacta.hover.maxLength and says how much is shown', async () => {
    const md = markdown(await hoverAt(ORCHARD, 'Article 2(a)', { maxLength: 20 }));
    const m = /… \(cut: (\d+) of (\d+) characters shown\)/.exec(md);
    assert.ok(m, md);
    assert.ok(Number(m[1]) <= 20);
    assert.equal(Number(m[2]), '"overhang" means a branch that crosses the boundary;'.length);
    assert.doesNotMatch(md, /boundary/);
  });

  it('lists each target of a list briefly: label and first line', async () => {
    const md = markdown(await hoverAt(ORCHARD, 'Articles 1 and 2'));
    const items = md.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(items.length, 2);
    assert.match(items[0], /^- \*\*Article 1\*\* — 1\\?\. This Convention governs fruit trees/);
    assert.match(items[1], /^- \*\*Article 2\*\* — For the purposes of this Convention:/);
  });

  it('lists each target of a range', async () => {
    const md = markdown(await hoverAt(ORCHARD, 'Articles 1 to 3'));
    const labels = md
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => /\*\*(.*?)\*\*/.exec(l)?.[1]);
    assert.deepEqual(labels, ['Article 1', 'Article 2', 'Article 3']);
  });

  it('says why a reference does not resolve', async () => {
    const md = markdown(await hoverAt(ORCHARD, 'Article 25'));
    assert.match(md, /^\*\*Article 25\*\*/);
    assert.match(md, /this document has no Article 25; the last is Article 3/);
  });

  it('gives nothing away from a reference', async () => {
    assert.equal(await hoverAt(ORCHARD, 'Scope'), null);
    assert.equal(await hoverAt('', ''), null);
  });

  it("shows Charter Article 51 on NATO's citation when the Charter is in the workspace", async () => {
    const md = markdown(await hoverAt(NATO_TEXT, 'Article 51 of the Charter', undefined, { 'file:///ws/un_charter.txt': CHARTER_TEXT }));
    assert.match(md, /^\*\*Charter of the United Nations › Chapter VII › Article 51\*\*/);
    assert.match(md, /> Nothing in the present Charter shall impair the inherent right of individual or collective self-defense/);
    assert.doesNotMatch(md, /cut:/);
  });

  it('resolves into the Charter from a pacta.library folder too', async () => {
    const t = testWorkspace({ 'file:///lib/charter.txt': CHARTER_TEXT }, ['file:///lib']);
    const parsed = t.open('file:///ws/pact.treaty', CITES_CHARTER);
    const md = markdown(hover(parsed.doc, positionOf(CITES_CHARTER, 'Article 2 of the Charter'), await t.ws.lookupFor(parsed.doc)));
    assert.match(md, /Charter of the United Nations › Chapter I › Article 2\*\*/);
    assert.match(md, /Purposes stated in Article 1/);
  });

  it('names a missing instrument and says how to make the reference resolve', async () => {
    const md = markdown(await hoverAt(NATO_TEXT, 'Article 51 of the Charter'));
    assert.match(md, /Charter of the United Nations/);
    assert.match(md, /not available/);
    assert.match(md, /open/);
    assert.match(md, /workspace/);
    assert.match(md, /`pacta\.library`/);
  });

  it('says which target is missing in a found instrument', async () => {
    const text = 'Pact\n\nArticle 1\n\nSee Article 200 of the Charter of the United Nations.\n';
    const md = markdown(await hoverAt(text, 'Article 200', undefined, { 'file:///ws/charter.txt': CHARTER_TEXT }));
    assert.match(md, /Does not resolve: /);
    assert.match(md, /Charter of the United Nations/);
  });

  it('keeps treaty text literal in Markdown', () => {
    assert.equal(escapeMarkdown('1. a *b* [c] <d>'), '1\\. a \\*b\\* \\[c\\] \\<d\\>');
    assert.equal(escapeMarkdown('- dash\n# hash'), '\\- dash\n\\# hash');
  });

  it('gives a hover on every reference of the corpus texts', () => {
    for (const file of ['un_charter_en.txt', 'vclt_1969_en.txt', 'north_atlantic_treaty_1949_en.txt']) {
      const doc = parseTreaty(readCorpus(file));
      const lines = new LineIndex(doc.text);
      assert.ok(doc.references.length > 0, file);
      for (const ref of doc.references) {
        for (const offset of [ref.start, ref.end - 1]) {
          const h = hover(doc, lines.positionAt(offset), undefined, { maxLength: 300 });
          assert.ok(markdown(h).length > 0, `${file}: ${ref.text}`);
        }
      }
    }
  });
});
