// Rename through Neovim's built-in LSP client (headless Neovim 0.7, the harness of
// neovim.mjs and nvim-init.lua): prepareRename and rename on "Article 3" return the
// WorkspaceEdit that renumbers the heading, the reference in the same file and the one in
// a second file of the workspace — and nothing else; a taken number is refused.
//
// Fails, never skips, when nvim is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runNeovim } from './neovim.mjs';

const CONVENTION = 'convention.treaty.txt';
const PROTOCOL = 'protocol.treaty.txt';
const CONVENTION_TEXT = [
  'Convention on Orchard Boundaries',
  '',
  'Article 1',
  '',
  'This Convention applies to orchards; Article 3 sets out the duties of the Parties.',
  '',
  'Article 2',
  '',
  'Each Party shall mark its boundary.',
  '',
  'Article 3',
  '',
  'The Parties shall consult as provided in Article 2.',
  '',
].join('\n');
const PROTOCOL_TEXT = ['Protocol on Orchard Fences', '', 'Article 1', '', 'Article 3 of the Convention on Orchard Boundaries applies to fences.', ''].join('\n');

let session;
let answers;
let conventionUri;
let protocolUri;

/** Applies LSP text edits (documentChanges or changes) to a text, as a client does. */
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function editsFor(edit, uri) {
  if (edit.documentChanges) return edit.documentChanges.filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits);
  return edit.changes?.[uri] ?? [];
}

describe('Pacta rename in Neovim (headless, LSP over stdio)', { timeout: 120_000 }, () => {
  before(() => {
    const onThree = { line: 10, character: 8 }; // "3" of the heading "Article 3"
    const queries = {
      prepare: { method: 'textDocument/prepareRename', position: onThree },
      rename: { method: 'textDocument/rename', position: onThree, params: { newName: '12' } },
      taken: { method: 'textDocument/rename', position: onThree, params: { newName: '2' } },
    };
    session = runNeovim({ name: 'nvim-rename', files: { [CONVENTION]: CONVENTION_TEXT, [PROTOCOL]: PROTOCOL_TEXT }, open: CONVENTION, queries });
    ({ answers } = session);
    conventionUri = session.uri(CONVENTION);
    protocolUri = session.uri(PROTOCOL);
  });

  after(() => session?.close());

  it('prepareRename gives the range of the number and the number', () => {
    assert.equal(answers.prepare.error, undefined, JSON.stringify(answers.prepare.error));
    assert.deepEqual(answers.prepare.result, { range: { start: { line: 10, character: 8 }, end: { line: 10, character: 9 } }, placeholder: '3' });
  });

  it('rename returns the WorkspaceEdit for both files, numbers only', () => {
    assert.equal(answers.rename.error, undefined, JSON.stringify(answers.rename.error));
    const edit = answers.rename.result;
    assert.equal(applyEdits(CONVENTION_TEXT, editsFor(edit, conventionUri)),
      CONVENTION_TEXT.replace('Article 3 sets', 'Article 12 sets').replace('\nArticle 3\n', '\nArticle 12\n'));
    assert.equal(applyEdits(PROTOCOL_TEXT, editsFor(edit, protocolUri)), PROTOCOL_TEXT.replace('Article 3 of', 'Article 12 of'));
    for (const e of [...editsFor(edit, conventionUri), ...editsFor(edit, protocolUri)]) {
      assert.equal(e.newText, '12');
      assert.equal(e.range.end.character - e.range.start.character, 1, 'each edit replaces the one digit "3"');
    }
  });

  it('a number that is taken is refused with the reason', () => {
    assert.ok(answers.taken.error, `expected an error, got ${JSON.stringify(answers.taken.result)}`);
    assert.match(JSON.stringify(answers.taken.error), /Article 2 already exists/);
  });
});
