import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { completion, completionContext, completionItems } from '../../src/features/completion';
import { LineIndex, parseTreaty, type TreatyDocument } from '../../src/model';
import { REPO } from '../helpers/paths';
import { ORCHARD } from '../helpers/samples';
import { lines, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

const CHARTER = parseTreaty(readCorpus('un_charter_en.txt'));
const SHOWCASE = fs.readFileSync(path.join(REPO, 'samples/forms-showcase.treaty.txt'), 'utf8');

/** `text` holds one "|" where the cursor is; it is removed before parsing. */
function at(text: string): { doc: TreatyDocument; position: ReturnType<LineIndex['positionAt']> } {
  const i = text.indexOf('|');
  assert.ok(i >= 0, 'no cursor marker');
  const clean = text.slice(0, i) + text.slice(i + 1);
  return { doc: parseTreaty(clean), position: new LineIndex(clean).positionAt(i) };
}

function complete(text: string, other?: TreatyDocument): CompletionItem[] {
  const { doc, position } = at(text);
  return completion(doc, position, other ? () => other : undefined);
}

/** ORCHARD with `typed` appended to the last line of Article 3. */
function inOrchard(typed: string): string {
  return ORCHARD + ' ' + typed;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const inserts = (items: CompletionItem[]) => items.map((i) => (i.textEdit as TextEdit).newText);

describe('completion', () => {
  it('after "Article " offers the articles: renderer label, heading, first words, the number to insert', () => {
    const items = complete(inOrchard('See Article |'));
    assert.deepEqual(labels(items), ['Article 1', 'Article 2', 'Article 3']);
    assert.deepEqual(inserts(items), ['1', '2', '3']);
    assert.deepEqual(items.map((i) => i.detail), ['Scope', 'Definitions', 'Duties']);
    assert.equal((items[0].documentation as MarkupContent).value, '1. This Convention governs fruit trees planted along a shared boundary. 2. It does not cover hedges.');
    assert.deepEqual(items.map((i) => i.filterText), ['1', '2', '3']);
    // Document order, kept by sortText.
    assert.deepEqual([...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)), items);
  });

  it('replaces the part of the number already typed, for lower-case "article" too', () => {
    const text = inOrchard('under article 2|');
    const items = complete(text);
    assert.deepEqual(labels(items), ['Article 1', 'Article 2', 'Article 3']);
    const edit = items[0].textEdit as TextEdit;
    const lastLine = text.split('\n').length - 1;
    const col = text.split('\n')[lastLine].length - 1; // without the "|"
    assert.deepEqual(edit.range, { start: { line: lastLine, character: col - 1 }, end: { line: lastLine, character: col } });
  });

  it('continues a list and a range: "Articles 1, " leaves out 1, "Articles 1 to " offers what follows 1', () => {
    assert.deepEqual(labels(complete(inOrchard('See Articles 1, |'))), ['Article 2', 'Article 3']);
    assert.deepEqual(labels(complete(inOrchard('See Articles 2 to |'))), ['Article 3']);
    assert.deepEqual(labels(complete(inOrchard('See Articles 1 and |'))), ['Article 2', 'Article 3']);
  });

  it('after "article 1, paragraph " offers Article 1’s paragraphs; after "paragraph " those of the article around', () => {
    assert.deepEqual(labels(complete(inOrchard('See article 1, paragraph |'))), ['Article 1(1)', 'Article 1(2)']);
    const text = ORCHARD.replace('2. It does not cover hedges.', '2. It does not cover hedges, unlike paragraph |');
    assert.deepEqual(labels(complete(text)), ['Article 1(1)', 'Article 1(2)']);
    // Article 3 has no numbered paragraphs.
    assert.deepEqual(labels(complete(inOrchard('See paragraph |'))), []);
    // "paragraph | of Article 1": the article named after the cursor.
    assert.deepEqual(labels(complete(inOrchard('See paragraph | of Article 1'))), ['Article 1(1)', 'Article 1(2)']);
  });

  it('after "subparagraph (" offers the points around the cursor, closing the parenthesis when the editor did not', () => {
    const text = ORCHARD.replace('(b) "windfall" means fruit that drops without picking.', '(b) "windfall" means fruit that drops, unlike subparagraph (|');
    const items = complete(text);
    assert.deepEqual(labels(items), ['Article 2(a)', 'Article 2(b)']);
    assert.deepEqual(inserts(items), ['a)', 'b)']);
    const closed = complete(text.replace('(|', '(|)'));
    assert.deepEqual(inserts(closed), ['a', 'b']);
    // "Article 2(" on an article whose list has points only.
    assert.deepEqual(labels(complete(inOrchard('See Article 2(|)'))), ['Article 2(a)', 'Article 2(b)']);
  });

  it('after "Annex " offers the annexes, and "Annex II, article " that annex’s articles', () => {
    const text = SHOWCASE.replace('Article 17\n', 'Article 17\n\nSee Annex |\n');
    assert.deepEqual(labels(complete(text)), ['Annex I', 'Annex II']);
    const inAnnex = SHOWCASE.replace('Article 17\n', 'Article 17\n\nSee Annex II, article |\n');
    assert.deepEqual(labels(complete(inAnnex)), ['Annex II, Article 1', 'Annex II, Article 2']);
  });

  it('offers the cited instrument’s articles in "Article | of the Charter of the United Nations"', () => {
    const text = inOrchard('Nothing impairs Article | of the Charter of the United Nations.');
    const { doc, position } = at(text);
    const ctx = completionContext(doc, position);
    assert.equal(ctx?.instrument?.title, 'Charter of the United Nations');
    assert.equal(ctx?.instrument?.id, 'un-charter');
    const items = completionItems(doc, ctx!, CHARTER);
    assert.equal(items.length, 111);
    const art51 = items.find((i) => i.label === 'Article 51')!;
    assert.match((art51.documentation as MarkupContent).value, /^Nothing in the present Charter shall impair the inherent right/);
    assert.equal(art51.labelDetails?.description, 'Charter of the United Nations');
    // Without the Charter's text, this document's articles would mislead: nothing is offered.
    assert.deepEqual(completionItems(doc, ctx!, undefined), []);
    // Abbreviations from the catalogue work too.
    assert.equal(completionContext(at(inOrchard('Article | of the UN Charter')).doc, at(inOrchard('Article | of the UN Charter')).position)?.instrument?.id, 'un-charter');
    // "of this Convention" is this text.
    assert.deepEqual(labels(complete(inOrchard('See Article | of this Convention'))), ['Article 1', 'Article 2', 'Article 3']);
  });

  it('finds the cited instrument through the workspace', async () => {
    const t = testWorkspace({ 'file:///ws/charter.txt': readCorpus('un_charter_en.txt') });
    const text = inOrchard('See Article 5| of the UN Charter');
    const i = text.indexOf('|');
    const clean = text.replace('|', '');
    const parsed = t.open('file:///ws/doc.treaty', clean);
    const ctx = completionContext(parsed.doc, new LineIndex(clean).positionAt(i), t.ws.catalogue)!;
    const other = await t.ws.findInstrument(ctx.instrument!);
    assert.ok(other);
    const items = completionItems(parsed.doc, ctx, other.doc);
    assert.ok(items.some((x) => x.label === 'Article 51'));
  });

  it('offers nothing in plain text, after "this Article ", or on a heading line being written', () => {
    assert.deepEqual(complete(inOrchard('The neighbours |')), []);
    assert.deepEqual(complete(inOrchard('Nothing in this Article |')), []);
    assert.deepEqual(complete(inOrchard('as in the preceding paragraph |')), []);
    assert.deepEqual(complete(inOrchard('it forms part |')), []);
    assert.deepEqual(complete(inOrchard('\n\nArticle |')), []);
    assert.equal(at(lines('Title', '', '|')).doc.text, 'Title\n\n');
    assert.deepEqual(complete(lines('Title', '', '|')), []);
  });

  it('never throws, wherever the cursor is', () => {
    const text = SHOWCASE.slice(0, 4000);
    const doc = parseTreaty(text);
    const index = new LineIndex(text);
    for (let o = 0; o <= text.length; o += 7) assert.doesNotThrow(() => completion(doc, index.positionAt(o), () => CHARTER));
  });
});
