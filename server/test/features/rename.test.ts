// Rename (F2) and the renumbering commands on an in-memory workspace, as the server wires them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseError, type AnnotatedTextEdit, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTreaty } from '../../src/model';
import { prepareRename, rename, type RenumberWorld } from '../../src/features/rename';
import { RENUMBER_COMMANDS, executeRenumberCommand, type CommandHost } from '../../src/features/renumberCommands';
import { allDocuments } from '../../src/workspace/allDocuments';
import { lines, positionOf } from '../helpers/text';
import { testWorkspace, type TestWorkspace } from '../helpers/workspace';

const DRAFT = lines(
  'Convention on Orchard Boundaries',
  '',
  'Article 1',
  'Scope',
  '',
  'This Convention applies to orchards; Article 3 sets out the duties and Articles 2 to 4 the procedure.',
  '',
  'Article 2',
  '',
  '1. Each Party shall mark its boundary.',
  '2. The marks under paragraph 1 shall be visible.',
  '',
  'Article 3',
  '',
  'The Parties shall consult as provided in Article 2, paragraph 2.',
  '',
  'Article 4',
  '',
  'This Article and the preceding Article apply from entry into force.',
  '',
);

const PROTOCOL = lines(
  'Protocol on Orchard Fences',
  '',
  'Article 1',
  '',
  'Article 3 of the Convention on Orchard Boundaries applies to fences; Article 3 of this Protocol does not.',
  '',
  'Article 3',
  '',
  'Fences.',
  '',
);

const HOME = 'file:///ws/convention.treaty';
const OTHER = 'file:///ws/protocol.treaty';

function world(t: TestWorkspace, open: string[]): RenumberWorld {
  return {
    documents: () => allDocuments(t.ws, open),
    instrument: (c) => t.ws.findInstrument(c),
    parse: (text) => parseTreaty(text),
  };
}

/** Applies a WorkspaceEdit to the texts the way a client does (vscode-languageserver-textdocument). */
function apply(edit: WorkspaceEdit, texts: Record<string, string>): Record<string, string> {
  const out = { ...texts };
  const edits = edit.documentChanges
    ? (edit.documentChanges as TextDocumentEdit[]).map((d) => [d.textDocument.uri, d.edits] as const)
    : Object.entries(edit.changes ?? {});
  for (const [uri, list] of edits) {
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'treaty', 1, out[uri]), list as TextEdit[]);
  }
  return out;
}

function setup() {
  const t = testWorkspace({ [OTHER]: PROTOCOL });
  const home = t.open(HOME, DRAFT, 7);
  return { t, home, w: world(t, [HOME]) };
}

describe('prepareRename', () => {
  it('gives the number in a heading, in a paragraph label and in a reference', async () => {
    const { home, w } = setup();
    const heading = await prepareRename(w, home, positionOf(DRAFT, 'Article 3\n', 1, 8));
    assert.deepEqual(heading, { range: { start: { line: 12, character: 8 }, end: { line: 12, character: 9 } }, placeholder: '3' });
    const label = await prepareRename(w, home, positionOf(DRAFT, '2. The marks', 1, 0));
    assert.equal(label?.placeholder, '2');
    assert.equal(label?.range.start.character, 0);
    const ref = await prepareRename(w, home, positionOf(DRAFT, 'Articles 2 to 4', 1, 'Articles 2 to '.length + 1));
    assert.equal(ref?.placeholder, '4');
  });

  it('is null away from numbers, and says why on a reference without one', async () => {
    const { home, w } = setup();
    assert.equal(await prepareRename(w, home, positionOf(DRAFT, 'orchards;', 1, 2)), null);
    await assert.rejects(
      () => prepareRename(w, home, positionOf(DRAFT, 'This Article and', 1, 7)),
      (e: unknown) => e instanceof ResponseError && /has no number to rename; rename Article 4 at its heading/.test(e.message),
    );
    await assert.rejects(() => prepareRename(w, home, positionOf(DRAFT, 'Articles 2 to 4', 1, 2)), /put the cursor on a number/);
  });
});

describe('rename', () => {
  it('renumbers an article in this file and in the other file of the workspace that cites it, only the numbers', async () => {
    const { home, w } = setup();
    const result = await rename(w, home, positionOf(DRAFT, 'Article 3\n', 1, 8), '30', { documentChanges: true });
    assert.ok(result);
    const changes = result.edit.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version]), [[HOME, 7], [OTHER, null]]);
    const after = apply(result.edit, { [HOME]: DRAFT, [OTHER]: PROTOCOL });
    assert.equal(after[HOME], DRAFT.replace('Article 3 sets', 'Article 30 sets').replace('\nArticle 3\n', '\nArticle 30\n'));
    assert.equal(after[OTHER], PROTOCOL.replace('Article 3 of the Convention', 'Article 30 of the Convention'));
    // "Articles 2 to 4" still covers the same articles, but no longer says so: a warning.
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /^convention\.treaty:6: “Articles 2 to 4” still covers/);
  });

  it('from a reference in the other file, renumbers the cited article in its own file', async () => {
    const t = testWorkspace({ [HOME]: DRAFT });
    const other = t.open(OTHER, PROTOCOL, 3);
    const w = world(t, [OTHER]);
    const at = positionOf(PROTOCOL, 'Article 3 of the Convention', 1, 8);
    assert.equal((await prepareRename(w, other, at))?.placeholder, '3');
    const result = await rename(w, other, at, '9', { documentChanges: false });
    const after = apply(result!.edit, { [HOME]: DRAFT, [OTHER]: PROTOCOL });
    assert.match(after[HOME], /\nArticle 9\n\nThe Parties shall consult/);
    assert.match(after[OTHER], /Article 9 of the Convention on Orchard Boundaries applies to fences; Article 3 of this Protocol/);
  });

  it('refuses a number that is taken, and one it cannot read, with the reason', async () => {
    const { home, w } = setup();
    await assert.rejects(
      () => rename(w, home, positionOf(DRAFT, 'Article 3\n', 1, 8), '4', {}),
      (e: unknown) => e instanceof ResponseError && /^Article 4 already exists/.test(e.message),
    );
    await assert.rejects(() => rename(w, home, positionOf(DRAFT, 'Article 3\n', 1, 8), 'three', {}), /“three” is not a number Pacta can read for Article 3/);
  });

  it('does not renumber a pacta.library text', async () => {
    const t = testWorkspace({ 'file:///lib/convention.treaty': DRAFT }, ['file:///lib']);
    const other = t.open(OTHER, PROTOCOL);
    await assert.rejects(
      () => prepareRename(world(t, [OTHER]), other, positionOf(PROTOCOL, 'Article 3 of the Convention', 1, 8)),
      /is a pacta.library text/,
    );
  });
});

describe('renumbering commands', () => {
  function host(t: TestWorkspace, applied: WorkspaceEdit[], accept = true): CommandHost {
    return {
      documentChanges: true,
      changeAnnotations: true,
      get: (uri) => t.ws.load(uri),
      applyEdit: async (_label, edit) => {
        applied.push(edit);
        return accept;
      },
    };
  }

  it('Insert Article: one annotated edit across both files, needing confirmation; the cursor goes to the new heading', async () => {
    const { t, w } = setup();
    const edits: WorkspaceEdit[] = [];
    const r = await executeRenumberCommand(w, host(t, edits), RENUMBER_COMMANDS.insertArticle, [{ uri: HOME, position: positionOf(DRAFT, 'Each Party shall mark') }]);
    assert.equal(r.applied, true);
    assert.equal(edits.length, 1);
    const edit = edits[0];
    assert.ok(Object.values(edit.changeAnnotations ?? {}).every((a) => a.needsConfirmation));
    assert.deepEqual(Object.keys(edit.changeAnnotations ?? {}).sort(), ['Insert Article 3', 'Renumber headings', 'Update references']);
    const all = (edit.documentChanges as TextDocumentEdit[]).flatMap((d) => d.edits as AnnotatedTextEdit[]);
    assert.ok(all.every((e) => e.annotationId));
    const after = apply(edit, { [HOME]: DRAFT, [OTHER]: PROTOCOL });
    assert.match(after[HOME], /2\. The marks under paragraph 1 shall be visible\.\n\nArticle 3\n\nArticle 4\n\nThe Parties shall consult/);
    assert.match(after[HOME], /Article 4 sets out the duties and Articles 2 to 5 the procedure/);
    assert.match(after[OTHER], /Article 4 of the Convention on Orchard Boundaries applies/);
    assert.match(r.message, /^Inserted Article 3; renumbered Article 3 → 4, Article 4 → 5; updated 3 numbers in references in 2 files\./);
    assert.deepEqual(r.warnings, ['convention.treaty:6: “Articles 2 to 4” (to be written “Articles 2 to 5”) will also cover the new Article 3']);
    const line = after[HOME].split('\n')[r.cursor!.position.line];
    assert.equal(line, 'Article 3');
    assert.equal(r.cursor!.position.character, 'Article 3'.length);
  });

  it('Remove Article: references to it are listed, not rewritten', async () => {
    const { t, w } = setup();
    const edits: WorkspaceEdit[] = [];
    const r = await executeRenumberCommand(w, host(t, edits), RENUMBER_COMMANDS.removeArticle, [{ uri: HOME, position: positionOf(DRAFT, 'shall consult') }]);
    const after = apply(edits[0], { [HOME]: DRAFT, [OTHER]: PROTOCOL });
    assert.ok(!after[HOME].includes('shall consult'));
    assert.match(after[HOME], /Article 3 sets out/, 'left as written');
    assert.match(after[HOME], /\nArticle 3\n\nThis Article and the preceding Article/);
    assert.equal(after[OTHER], PROTOCOL);
    assert.deepEqual(r.warnings.map((x) => x.replace(/: .*/, '')), ['convention.treaty:6', 'convention.treaty:6', 'convention.treaty:19', 'protocol.treaty:5']);
    assert.match(r.message, /^Removed Article 3; renumbered Article 4 → 3; updated 1 number in references in 1 file\. 4 references change meaning — check them: convention\.treaty:6: “Article 3” cites Article 3, which is removed — not changed; left as written it will name Article 3 \(at present Article 4\); /);
  });

  it('Renumber Articles Sequentially, and a declined edit', async () => {
    const text = DRAFT.replace('Article 3\n', 'Article 7\n').replace('Article 3 sets', 'Article 7 sets');
    const t = testWorkspace();
    t.open(HOME, text);
    const edits: WorkspaceEdit[] = [];
    const r = await executeRenumberCommand(world(t, [HOME]), host(t, edits), RENUMBER_COMMANDS.renumberSequentially, [{ uri: HOME }]);
    assert.equal(apply(edits[0], { [HOME]: text })[HOME], DRAFT);
    assert.match(r.message, /^Renumbered Article 7 → 3; updated 1 number in references in 1 file\.$/);
    const declined = await executeRenumberCommand(world(t, [HOME]), host(t, [], false), RENUMBER_COMMANDS.renumberSequentially, [{ uri: HOME }]);
    assert.equal(declined.applied, false);
    assert.match(declined.message, /not applied/);
    const none = await executeRenumberCommand(world(t, [HOME]), host(t, []), RENUMBER_COMMANDS.removeArticle, [{ uri: HOME, position: { line: 0, character: 0 } }]);
    assert.deepEqual(none, { applied: false, message: 'Pacta: put the cursor inside the article to remove', warnings: [] });
  });
});
