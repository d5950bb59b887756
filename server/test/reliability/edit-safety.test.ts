// Edits never change what the user did not ask to change: every WorkspaceEdit the server
// proposes on the real texts of ../shared/corpus — rename at numbers, quick fixes for its
// diagnostics, the renumbering commands (through workspace/applyEdit) — is applied and
// checked by helpers/editSafety.ts: the text outside the edited spans is identical, and each
// edit replaces a number token with a number token (plus the insertion or removal the
// command is about). The helper's own checks come first.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex, parseTreaty, walk } from '../../src/model';
import { applyTextEdits, checkWorkspaceEdit, type DocumentText, type EditMode } from '../helpers/editSafety';
import { LspSession } from '../helpers/lspSession';
import { CORPUS_DIR } from '../support/corpus';

const URI = 'file:///doc.treaty';
const TEXT = 'Article 1\r\nSee Article 12 and Article 3.\nArticle 3\nText 😀.\n';
const pos = (offset: number) => new LineIndex(TEXT).positionAt(offset);
const edit = (start: number, end: number, newText: string): WorkspaceEdit => ({ changes: { [URI]: [{ range: { start: pos(start), end: pos(end) }, newText }] } });
const texts = new Map<string, DocumentText>([[URI, { text: TEXT, version: 3 }]]);

describe('the edit-safety check itself', () => {
  it('accepts a number replaced by a number and applies it', () => {
    const at = TEXT.indexOf('12');
    const r = checkWorkspaceEdit(edit(at, at + 2, '13'), texts, 'numbers');
    assert.deepEqual(r.problems, []);
    assert.equal(r.after.get(URI), TEXT.replace('12', '13'));
  });

  it('catches what an edit must not do', () => {
    const at = TEXT.indexOf('Article 12');
    const problems = (e: WorkspaceEdit, mode: EditMode = 'numbers') => checkWorkspaceEdit(e, texts, mode).problems.join('\n');
    assert.match(problems(edit(at, at + 10, 'Article 13')), /wider than the change/);
    assert.match(problems(edit(at, at + 3, 'Sec')), /not a number token/);
    assert.match(problems(edit(at + 8, at + 10, '12')), /changes nothing/);
    assert.match(problems(edit(TEXT.indexOf('\r\n') + 1, TEXT.indexOf('\r\n') + 1, '5')), /inside a CRLF/);
    assert.match(problems(edit(TEXT.indexOf('😀') + 1, TEXT.indexOf('😀') + 1, '5')), /inside a surrogate pair/);
    const two: WorkspaceEdit = { changes: { [URI]: [edit(at + 8, at + 10, '13').changes![URI][0], edit(at + 9, at + 10, '4').changes![URI][0]] } };
    assert.match(problems(two), /overlap/);
    assert.match(problems({ changes: { 'file:///other.treaty': [] } }), /not a document the edit was meant for/);
    assert.match(problems({ documentChanges: [{ textDocument: { uri: URI, version: 2 }, edits: [] }] }), /edit for version 2, the document is at 3/);
    assert.match(problems({ documentChanges: [{ kind: 'delete', uri: URI }] }), /must not create, rename or delete files/);
    assert.match(problems({ changes: { [URI]: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: '1' }] } }), /does not exist/);
    assert.equal(problems(edit(TEXT.indexOf('Article 3\n'), TEXT.indexOf('Text'), ''), 'numbersAndLineDeletions'), '', 'whole lines may go when an article is removed');
    assert.equal(problems(edit(0, 0, 'Article 0\n'), 'numbersAndInsertions'), '', 'an insertion when one is asked for');
  });

  it('applies edits as an LSP client does: all ranges refer to the original text', () => {
    const a = TEXT.indexOf('12');
    const b = TEXT.indexOf('3.');
    const r = applyTextEdits(TEXT, [
      { range: { start: pos(b), end: pos(b + 1) }, newText: '4' },
      { range: { start: pos(a), end: pos(a + 2) }, newText: '123' },
    ]);
    assert.deepEqual(r.problems, []);
    assert.equal(r.text, TEXT.replace('12', '123').replace('3.', '4.'));
  });
});

describe('every edit the server proposes on the corpus', { timeout: 15 * 60_000 }, () => {
  let session: LspSession;
  const files = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt'));
  // Renumbering a text updates the references to it in every workspace file, the corpus README too.
  const workspaceFiles = fs.readdirSync(CORPUS_DIR).filter((f) => /\.(txt|md|treaty)$/.test(f));
  const onDisk = new Map<string, DocumentText>();
  const stats = { rename: 0, codeAction: 0, command: 0, refused: 0 };

  before(async () => {
    // The corpus folder is the workspace: the server reads it, never writes (edits come back to the client).
    session = await LspSession.start({ folder: CORPUS_DIR });
    for (const f of workspaceFiles) onDisk.set(pathToFileURL(path.join(CORPUS_DIR, f)).href, { text: fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8') });
  });
  after(async () => {
    console.log(`# edit safety on ${files.length} corpus texts: ${stats.rename} rename edits, ${stats.codeAction} quick-fix edits, ${stats.command} command edits checked; ${stats.refused} renames refused with a reason`);
    await session?.stop();
  });

  /** The texts an edit may touch: open documents (as the client holds them) over the files on disk. */
  const known = (): Map<string, DocumentText> => {
    const m = new Map(onDisk);
    for (const d of session.docs.values()) m.set(d.uri, { text: d.text, version: d.version });
    return m;
  };
  const check = (e: WorkspaceEdit, mode: EditMode, what: string) => {
    const r = checkWorkspaceEdit(e, known(), mode);
    assert.deepEqual(r.problems, [], `${what}: the edit touches what it should not`);
    return r.edits;
  };

  for (const file of files) {
    it(file, async () => {
      const uri = pathToFileURL(path.join(CORPUS_DIR, file)).href;
      const text = onDisk.get(uri)!.text;
      await session.open(uri, text);
      try {
        const doc = parseTreaty(text);
        const lines = new LineIndex(text);
        // Rename at numbers written in references and at article numbers, spread over the text.
        const numbers = doc.references.flatMap((r) => r.numbers ?? []);
        const spots: Array<{ at: Position; num: string }> = [
          ...spread(numbers, 12).map((n) => ({ at: lines.positionAt(n.start), num: n.num })),
          ...spread([...walk(doc.root)].filter((p) => p.kind === 'article' && p.num), 6).map((p) => ({ at: lines.positionAt(text.indexOf(p.num!, p.start)), num: p.num! })),
        ];
        for (const { at, num } of spots) {
          const newName = /^\d+$/.test(num) ? String(Number(num) + 1) : /^[a-z]$/.test(num) ? String.fromCharCode(num.charCodeAt(0) + 1) : '99';
          try {
            const e = await session.client.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position: at, newName });
            if (e) stats.rename += check(e, 'numbers', `rename ${num} → ${newName} at ${at.line + 1}:${at.character + 1}`);
          } catch (err) {
            if (!/^-?\d/.test(String((err as { code?: number }).code)) || (err as { code: number }).code === -32603) throw err;
            stats.refused++;
          }
        }
        // Quick fixes for whatever the server reports, over the whole text.
        await waitForDiagnostics(session, uri);
        const diagnostics = session.diagnostics.get(uri) ?? [];
        const actions = await session.client.request<Array<{ title: string; edit?: WorkspaceEdit; command?: { command: string; arguments?: unknown[] } }> | null>('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) },
          context: { diagnostics },
        });
        for (const a of actions ?? []) if (a.edit) stats.codeAction += check(a.edit, 'numbers', `quick fix "${a.title}"`);
        // The renumbering commands the server offers, at the first and a middle article.
        const commands = session.init.capabilities.executeCommandProvider?.commands ?? [];
        const articles = [...walk(doc.root)].filter((p) => p.kind === 'article');
        for (const art of [articles[0], articles[Math.floor(articles.length / 2)]].filter(Boolean)) {
          const position = lines.positionAt(art.start);
          for (const command of commands.filter((c) => /renumber|insertArticle|removeArticle/i.test(c))) {
            session.applyEdits.length = 0;
            await session.client.request('workspace/executeCommand', { command, arguments: [{ uri, position, kind: 'article' }] }).catch(() => undefined);
            const mode: EditMode = /insertArticle/.test(command) ? 'numbersAndInsertions' : /removeArticle/.test(command) ? 'numbersAndLineDeletions' : 'numbers';
            for (const e of session.applyEdits) stats.command += check(e, mode, `${command} at ${art.eId}`);
          }
        }
        assert.deepEqual(session.takeHandlerFailures(), []);
      } finally {
        await session.close(uri);
      }
    });
  }
});

function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
}

async function waitForDiagnostics(session: LspSession, uri: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!session.diagnostics.has(uri) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

