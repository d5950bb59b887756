// Incremental re-parsing through the server's wiring (in process): didChange with ranges,
// one keystroke at a time and several changes per notification; after each, the model the
// server holds (`pacta/debugModel`) equals a fresh parse, and the fast path was taken for the
// keystrokes that change neither the outline nor a reference.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ConfigurationRequest,
  type DocumentSymbol,
  type Hover,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { startInProcess } from '../helpers/inProcessServer';
import { ChunkedText, LineIndex, parseTreaty, textOf } from '../../src/model';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { editedFrom, incrementalStats, reparseTreaty, resetIncrementalStats } from '../../src/model/incremental';
import { linesOf } from '../../src/features/convert';
import { canonicalModel, type CanonicalModel } from '../../src/features/debugModel';
import { editSpec, editOffsets, fcParams, runs } from '../helpers/fuzz';
import { readCorpus } from '../helpers/text';

const URI = 'file:///ws/vclt.txt';

describe('incremental re-parse through the server', () => {
  let client: ProtocolConnection;
  let dispose: () => void;
  let text = readCorpus('vclt_1969_en.txt');
  let version = 1;

  before(async () => {
    ({ client, dispose } = startInProcess({}, (c) => c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({}))), { debugModel: true }));
    await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }], capabilities: { workspace: { configuration: true } } });
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'treaty', version, text } });
  });

  after(() => dispose?.());

  /** One didChange of several [start, end) → insert edits, each in the text the previous left. */
  async function change(edits: Array<{ start: number; end: number; insert: string }>): Promise<void> {
    const contentChanges: TextDocumentContentChangeEvent[] = [];
    for (const e of edits) {
      const index = new LineIndex(text);
      contentChanges.push({ range: { start: index.positionAt(e.start), end: index.positionAt(e.end) }, text: e.insert });
      text = text.slice(0, e.start) + e.insert + text.slice(e.end);
    }
    await client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges });
  }

  async function assertHeldModelFresh(what: string): Promise<void> {
    const held = await client.sendRequest<CanonicalModel | null>('pacta/debugModel', { textDocument: { uri: URI } });
    assert.deepEqual(held, canonicalModel(parseTreaty(text)), what);
  }

  it('typing a sentence in an article: the fast path, and the same model as a fresh parse', async () => {
    await assertHeldModelFresh('after didOpen');
    resetIncrementalStats();
    let at = text.indexOf('applies to treaties between States') + 'applies to treaties between States'.length;
    const typed = ', as defined in Article 2, paragraph 1';
    for (const ch of typed) {
      await change([{ start: at, end: at, insert: ch }]);
      at++;
      await assertHeldModelFresh(`after typing ${JSON.stringify(ch)}`);
    }
    // Backspace over the last word and retype it.
    for (let i = 0; i < 3; i++) {
      await change([{ start: at - 1, end: at, insert: '' }]);
      at--;
      await assertHeldModelFresh('after a backspace');
    }
    const keystrokes = typed.length + 3;
    assert.equal(incrementalStats.fast + incrementalStats.full, keystrokes);
    // "Article 2" and "paragraph 1" change references as their digits appear, and the
    // backspaces remove them; every other keystroke keeps the model.
    assert.ok(incrementalStats.fast >= keystrokes - 8, JSON.stringify(incrementalStats));
  });

  it('several changes in one notification, then the outline and a hover answer from the held model', async () => {
    const first = text.indexOf('The fact that the present Convention does not apply');
    const second = text.indexOf('shall not affect', first);
    assert.ok(first > 0 && second > first);
    await change([
      { start: second, end: second, insert: 'really ' },
      { start: first + 4, end: first + 4, insert: 'whole ' },
    ]);
    await assertHeldModelFresh('after two changes in one didChange');
    const symbols = (await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.ok(symbols.some((s) => s.name.startsWith('Part I — ')), JSON.stringify(symbols.map((s) => s.name)));
    const ref = text.indexOf('article 30, paragraph 4');
    assert.ok(ref > 0);
    const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: new LineIndex(text).positionAt(ref + 2) })) as Hover | null;
    assert.ok(hover && JSON.stringify(hover.contents).includes('Article 30(4)(b)'), JSON.stringify(hover));
  });

  it(`random edits (headings, labels, references pasted anywhere) keep the held model fresh (${runs(25)} cases)`, async () => {
    const position = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => i / 1_000_000);
    const spec = fc.tuple(editSpec, position).map(([e, atFraction]) => ({ ...e, at: atFraction }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(spec, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        for (const batch of batches) {
          let t = text;
          const edits = batch.map((s) => {
            const { start, end } = editOffsets(t, s);
            t = t.slice(0, start) + s.insert + t.slice(end);
            return { start, end, insert: s.insert };
          });
          await change(edits);
          await assertHeldModelFresh(`after ${JSON.stringify(edits)}`);
        }
      }),
      fcParams(runs(25)),
    );
  });
});

describe('the line index of a re-parsed model (features/convert.ts linesOf)', () => {
  it('is carried over from the replaced model even after that model was collected, and stays right', async () => {
    // A GC between a keystroke and the next request collects the replaced model; its index is
    // still kept (by model id) and shifted. A wrong carry would give wrong lines below.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let text = readCorpus('vclt_1969_en.txt');
    let doc = parseTreaty(text);
    linesOf(doc);
    let at = text.indexOf('applies to treaties between States');
    let collected = 0;
    for (const insert of ['x', '\n', 'y\r\nz', '\r', '\n', 'ab']) {
      const change = { start: at, oldEnd: at, newEnd: at + insert.length };
      text = text.slice(0, at) + insert + text.slice(at);
      doc = reparseTreaty(doc, text, {}, change);
      // The replaced model is referenced by nothing now: WeakRefs clear after this turn and a GC.
      await new Promise((r) => setImmediate(r));
      gc();
      if (editedFrom(doc) && !editedFrom(doc)!.doc) collected++;
      assert.equal(editedFrom(doc)?.change.start, at);
      const lines = linesOf(doc);
      const fresh = new LineIndex(text);
      assert.equal(lines.lineCount, fresh.lineCount);
      for (const o of [0, at - 1, at, at + 1, at + insert.length, at + 5000, text.length - 1, text.length]) {
        assert.deepEqual(lines.positionAt(o), fresh.positionAt(o), `offset ${o} after inserting ${JSON.stringify(insert)}`);
      }
      at += insert.length;
    }
    // The case this is about happened (V8 clears WeakRefs at a full GC once the turn is over).
    assert.ok(collected > 0, 'the replaced model was never collected');
  });
});

describe('a keystroke does not copy the whole text (model/text.ts, openDocument.ts)', () => {
  it('outline, hover, definition, references, diagnostics, completion, folding, lenses, inlay hints and highlights after keystrokes read the chunks only, and answer as a server given the final text does', async () => {
    type Published = { uri: string; version?: number; diagnostics: unknown[] };
    const open = (initial: string) => {
      const published: Published[] = [];
      const session = startInProcess({}, (c) => {
        c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
        c.onNotification('textDocument/publishDiagnostics', (p: Published) => void published.push(p));
      });
      const ready = (async () => {
        await session.client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: [], capabilities: { workspace: { configuration: true } } });
        await session.client.sendNotification('initialized', {});
        await session.client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'treaty', version: 1, text: initial } });
      })();
      return { ...session, published, ready };
    };
    const diagnosticsFor = async (s: ReturnType<typeof open>, v: number) => {
      for (let i = 0; i < 500; i++) {
        const p = s.published.find((x) => x.version === v);
        if (p) return p.diagnostics;
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.fail(`no diagnostics for version ${v}`);
    };
    let text = readCorpus('vclt_1969_en.txt');
    assert.ok(text.length > 3 * 16_384, 'the text spans several chunks');
    resetIncrementalStats();
    const typing = open(text);
    await typing.ready;
    // Typing starts once the opened text is parsed (its diagnostics are out); before that, a
    // keystroke's version is parsed whole, as the first one must be.
    await diagnosticsFor(typing, 1);
    const ask = async (s: ReturnType<typeof open>, current: string) => {
      const lines = new LineIndex(current);
      const ref = current.indexOf('article 30, paragraph 4');
      const heading = current.indexOf('\nArticle 31') + 1;
      const doc = { textDocument: { uri: URI } };
      return {
        outline: await s.client.sendRequest('textDocument/documentSymbol', doc),
        hover: await s.client.sendRequest('textDocument/hover', { ...doc, position: lines.positionAt(ref + 2) }),
        definition: await s.client.sendRequest('textDocument/definition', { ...doc, position: lines.positionAt(ref + 20) }),
        references: await s.client.sendRequest('textDocument/references', { ...doc, position: lines.positionAt(heading + 3), context: { includeDeclaration: true } }),
        // What else an editor asks for while one types.
        completion: await s.client.sendRequest('textDocument/completion', { ...doc, position: lines.positionAt(ref + 'article '.length) }),
        folding: await s.client.sendRequest('textDocument/foldingRange', doc),
        lenses: await s.client.sendRequest('textDocument/codeLens', doc),
        hints: await s.client.sendRequest('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: lines.positionAt(current.length) } }),
        highlights: await s.client.sendRequest('textDocument/documentHighlight', { ...doc, position: lines.positionAt(ref + 2) }),
      };
    };
    let v = 1;
    let answers: Awaited<ReturnType<typeof ask>> | undefined;
    let fastKeystrokes = 0;
    let reresolved = 0;
    // A sentence typed in Article 1 and in Article 80: the digit makes a new reference, which in
    // Article 80 is resolved on the fast path (no "that article" after it depends on it).
    for (const after of ['applies to treaties between States', 'for registration or filing and recording']) {
      let at = text.indexOf(after) + after.length;
      assert.ok(at >= after.length, after);
      for (const ch of ' (see article 2)') {
        const position = new LineIndex(text).positionAt(at);
        text = text.slice(0, at) + ch + text.slice(at);
        at++;
        const fastBefore = incrementalStats.fast;
        await typing.client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++v }, contentChanges: [{ range: { start: position, end: position }, text: ch }] });
        answers = await ask(typing, text);
        await diagnosticsFor(typing, v);
        const model = typing.server.workspace.get(URI)!.doc;
        // A full parse (the edit changed what it cannot re-read alone) needs the whole text.
        if (incrementalStats.fast === fastBefore) continue;
        fastKeystrokes++;
        if (editedFrom(model)?.reresolved) reresolved++;
        assert.equal(typing.server.documents.get(URI)!.text.isJoined, false, `the open document's text was joined after typing ${JSON.stringify(ch)}`);
        const source = textOf(model);
        assert.ok(source instanceof ChunkedText && !source.isJoined, `the model's text was joined after typing ${JSON.stringify(ch)}`);
      }
    }
    assert.ok(fastKeystrokes >= 28, `${fastKeystrokes} of 32 keystrokes took the fast path`);
    assert.ok(reresolved > 0, 'no keystroke resolved a new reference on the fast path');
    // The same answers as a server that was given the final text whole.
    const fresh = open(text);
    await fresh.ready;
    assert.deepEqual(answers, await ask(fresh, text));
    assert.deepEqual(await diagnosticsFor(typing, v), await diagnosticsFor(fresh, 1));
    // And the text itself, when something asks for all of it.
    assert.equal(typing.server.documents.get(URI)!.getText(), text);
    typing.dispose();
    fresh.dispose();
  });
});
