// Diagnostics, a quick fix and Find All References through Neovim's built-in LSP client
// (headless Neovim 0.7 running `pacta-language-server --stdio`): the diagnostics Neovim
// shows (vim.diagnostic), the quick fix applied by Neovim's own workspace-edit code,
// references across two files, highlights, and "cited by N" lenses without a client command.
//
// Fails, never skips, when nvim is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FOG_SIGNALS, LIGHTHOUSE_DRAFT, asFile } from '../fixtures/lighthouse.mjs';
import { runNeovim } from './neovim.mjs';

const DRAFT = 'draft.treaty.txt';
const FOG = 'fog.treaty.txt';
// The lighthouse draft: a broken reference (Article 7), a gap (no Article 3), and a second
// file that cites Article 2 by the first one's title.
const DRAFT_TEXT = asFile(LIGHTHOUSE_DRAFT);
const FOG_TEXT = asFile(FOG_SIGNALS);

const lineOf = (text, prefix) => text.split('\n').findIndex((l) => l.startsWith(prefix));

let session;
let answers;
let draftUri;
let fogUri;

describe('Pacta diagnostics and references in Neovim (headless, LSP over stdio)', { timeout: 120_000 }, () => {
  before(() => {
    const a2 = lineOf(DRAFT_TEXT, 'Article 2');
    const broken = lineOf(DRAFT_TEXT, '2. The duties');
    const queries = {
      references: { method: 'textDocument/references', position: { line: a2, character: 3 }, params: { context: { includeDeclaration: false } } },
      highlights: { method: 'textDocument/documentHighlight', position: { line: a2, character: 3 } },
      lenses: { method: 'textDocument/codeLens' },
    };
    session = runNeovim({
      name: 'nvim-diag',
      files: { [DRAFT]: DRAFT_TEXT, [FOG]: FOG_TEXT },
      open: DRAFT,
      queries,
      script: 'nvim-diagnostics.lua',
      env: { PACTA_FIX_AT: JSON.stringify({ line: broken, character: DRAFT_TEXT.split('\n')[broken].indexOf('Article 7') + 'Article '.length }) },
    });
    ({ answers } = session);
    draftUri = session.uri(DRAFT);
    fogUri = session.uri(FOG);
  });

  after(() => session?.close());

  it('shows the broken reference and the numbering gap as warnings from pacta', () => {
    const broken = lineOf(DRAFT_TEXT, '2. The duties');
    assert.deepEqual(
      answers.diagnostics.map((d) => [d.lnum, d.col, d.severity, d.source, d.code, d.message]),
      [
        [broken, DRAFT_TEXT.split('\n')[broken].indexOf('Article 7'), 2, 'pacta', 'brokenReference', 'This document has no Article 7; the last is Article 4. Did you mean Article 4?'],
        [lineOf(DRAFT_TEXT, 'Article 4'), 8, 2, 'pacta', 'numbering', 'Article 4 follows Article 2: number 3 is skipped'],
      ],
    );
  });

  it('applies the quick fix, which changes only the number, and the warning goes', () => {
    const actions = answers.codeActions.result;
    assert.deepEqual(actions.map((a) => a.title), ['Change to Article 4'], 'no client command is offered to a client that has none');
    assert.equal(answers.line_after_fix, '2. The duties in Article 2 and Article 4 apply at night.');
    assert.deepEqual(answers.diagnostics_after_fix.map((d) => d.code), ['numbering']);
  });

  it('finds the citations of Article 2 in both files', () => {
    const locs = answers.references.result;
    assert.deepEqual(
      locs.map((l) => [l.uri === draftUri ? 'draft' : l.uri === fogUri ? 'fog' : l.uri, l.range.start.line]),
      [['draft', lineOf(DRAFT_TEXT, '2. The duties')], ['draft', lineOf(DRAFT_TEXT, 'This Convention')], ['fog', lineOf(FOG_TEXT, 'Article 2 of')]],
    );
  });

  it('highlights the heading and its citations, and shows lenses as plain labels', () => {
    assert.deepEqual(answers.highlights.result.map((h) => [h.range.start.line, h.kind]), [
      [lineOf(DRAFT_TEXT, '2. The duties'), 2],
      [lineOf(DRAFT_TEXT, 'Article 2'), 3],
      [lineOf(DRAFT_TEXT, 'This Convention'), 2],
    ]);
    assert.deepEqual(answers.lenses.result.map((l) => [l.range.start.line, l.command.title, l.command.command]), [
      [lineOf(DRAFT_TEXT, 'Article 1'), 'cited by 2', ''],
      [lineOf(DRAFT_TEXT, 'Article 2'), 'cited by 3', ''],
      [lineOf(DRAFT_TEXT, 'Article 4'), 'not cited', ''],
    ]);
  });
});
