// Diagnostics, a quick fix and Find All References through Neovim's built-in LSP client
// (headless Neovim 0.7 running `pacta-language-server --stdio`): the diagnostics Neovim
// shows (vim.diagnostic), the quick fix applied by Neovim's own workspace-edit code,
// references across two files, highlights, and "cited by N" lenses without a client command.
//
// Fails, never skips, when nvim is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const NVIM = process.env.PACTA_NVIM || 'nvim';
const SERVER = path.join(repoRoot, 'bin', 'pacta-language-server.js');

// Written for this test: a broken reference (Article 7), a gap (no Article 3), and a second
// file that cites Article 2 by the first one's title.
const DRAFT_TEXT = [
  'Convention on Lighthouse Keeping',
  '',
  'Article 1',
  'Lights',
  '',
  '1. Each Party shall keep its lighthouses lit.',
  '2. The duties in Article 2 and Article 7 apply at night.',
  '',
  'Article 2',
  'Keepers',
  '',
  'A keeper shall be appointed for each light under Article 1.',
  '',
  'Article 4',
  'Final provisions',
  '',
  'This Convention enters into force on signature; Articles 1 and 2 apply at once.',
  '',
].join('\n');
const FOG_TEXT = ['Protocol on Fog Signals', '', 'Article 1', '', 'Article 2 of the Convention on Lighthouse Keeping applies to fog signals.', ''].join('\n');

const lineOf = (text, prefix) => text.split('\n').findIndex((l) => l.startsWith(prefix));

let tmp;
let answers;
let draftUri;
let fogUri;

describe('Pacta diagnostics and references in Neovim (headless, LSP over stdio)', { timeout: 120_000 }, () => {
  before(() => {
    const v = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0, `Neovim not found ("${NVIM}"): apt-get install -y neovim (or set PACTA_NVIM)`);
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'server', 'server.js')), 'dist/server/server.js is missing: run `npm run build`');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-nvim-diag-'));
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    const draft = path.join(workspace, 'draft.treaty.txt');
    fs.writeFileSync(draft, DRAFT_TEXT);
    fs.writeFileSync(path.join(workspace, 'fog.treaty.txt'), FOG_TEXT);
    draftUri = pathToFileURL(draft).href;
    fogUri = pathToFileURL(path.join(workspace, 'fog.treaty.txt')).href;

    const a2 = lineOf(DRAFT_TEXT, 'Article 2');
    const broken = lineOf(DRAFT_TEXT, '2. The duties');
    const queries = {
      references: { method: 'textDocument/references', position: { line: a2, character: 3 }, context: { includeDeclaration: false } },
      highlights: { method: 'textDocument/documentHighlight', position: { line: a2, character: 3 } },
      lenses: { method: 'textDocument/codeLens' },
    };
    const r = spawnSync(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', path.join(here, 'nvim-diagnostics.lua')], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        XDG_CACHE_HOME: path.join(tmp, 'cache'),
        XDG_STATE_HOME: path.join(tmp, 'state'),
        XDG_CONFIG_HOME: path.join(tmp, 'config'),
        XDG_DATA_HOME: path.join(tmp, 'data'),
        PACTA_SERVER_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
        PACTA_FILE: draft,
        PACTA_ROOT: workspace,
        PACTA_QUERIES: JSON.stringify(queries),
        PACTA_FIX_AT: JSON.stringify({ line: broken, character: DRAFT_TEXT.split('\n')[broken].indexOf('Article 7') + 'Article '.length }),
      },
    });
    const m = /PACTA-JSON-BEGIN\n([\s\S]*?)\nPACTA-JSON-END/.exec(r.stdout ?? '');
    assert.ok(m, `Neovim printed no results (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}).\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    answers = JSON.parse(m[1]);
    assert.equal(answers.error, undefined, `Neovim client: ${answers.error}`);
  });

  after(() => {
    if (tmp && !process.env.PACTA_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

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
