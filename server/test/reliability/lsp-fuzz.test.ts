// No crash, no hang, through a real LSP connection; incremental equals fresh.
// One server process (the built bin/pacta-language-server.js over stdio) takes generated
// documents (treaty-like, damaged, junk) and random sequences of incremental didChange
// edits. After the edits:
//   - `pacta/debugModel` (the model the server holds) equals a fresh parse of the text the
//     client holds, after every batch of changes;
//   - every request the server advertises answers with a well-formed result or null, never
//     an error and never a handler failure (lspExercise.ts), and every edit it proposes
//     passes the edit-safety check (editSafety.ts);
//   - the server is still alive at the end.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTreaty } from '../../src/model';
import { canonicalModel, type CanonicalModel } from '../../src/features/debugModel';
import { checkWorkspaceEdit, type EditMode } from '../helpers/editSafety';
import { anyText, editOffsets, editSequence, fcParams, runs, type TextEditSpec } from '../helpers/fuzz';
import { exerciseAll } from '../helpers/lspExercise';
import { LspSession } from '../helpers/lspSession';

let session: LspSession;
let serial = 0;
let firstCase = -1;
const stats = { cases: 0, edits: 0, requests: 0, proposedEdits: 0, exercised: new Set<string>(), unknown: new Set<string>() };

/** Applies one batch of generated edits as a single didChange. */
async function applyBatch(uri: string, batch: readonly TextEditSpec[]): Promise<void> {
  let text = session.docs.get(uri)!.text;
  const changes = batch.map((spec) => {
    const { start, end } = editOffsets(text, spec);
    text = text.slice(0, start) + spec.insert + text.slice(end);
    return { start, end, text: spec.insert };
  });
  stats.edits += changes.length;
  await session.change(uri, changes);
}

async function heldModel(uri: string): Promise<CanonicalModel | null> {
  return session.client.request<CanonicalModel | null>('pacta/debugModel', { textDocument: { uri } });
}

function modeFor(source: string): EditMode {
  if (/insertArticle/.test(source)) return 'numbersAndInsertions';
  if (/removeArticle/.test(source)) return 'numbersAndLineDeletions';
  return 'numbers';
}

describe('LSP fuzz: generated documents and edit sequences', { timeout: 30 * 60_000 }, () => {
  before(async () => {
    session = await LspSession.start();
  });

  after(async () => {
    console.log(
      `# LSP fuzz: ${stats.cases} cases, ${stats.edits} incremental edits, ${stats.requests} requests, ${stats.proposedEdits} proposed edits checked; ` +
        `exercised: ${[...stats.exercised].sort().join(', ')}${stats.unknown.size ? `; NOT exercised (add them to lspExercise.ts): ${[...stats.unknown].join(', ')}` : ''}`,
    );
    await session?.stop();
  });

  it(`incremental edits leave the same model as a fresh parse (${runs(200)} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(anyText, editSequence, async (text, sequence) => {
        stats.cases++;
        const uri = `${session.folderUri}/incremental-${++serial}.treaty`;
        await session.open(uri, text);
        try {
          assert.deepEqual(await heldModel(uri), canonicalModel(parseTreaty(text)), 'after didOpen');
          for (const [i, batch] of sequence.entries()) {
            await applyBatch(uri, batch);
            const held = await heldModel(uri);
            const want = canonicalModel(parseTreaty(session.docs.get(uri)!.text));
            assert.equal(held?.textHash, want.textHash, `after change ${i + 1}: the server's text differs from the client's`);
            assert.deepEqual(held, want, `after change ${i + 1}: the held model differs from a fresh parse`);
          }
          assert.deepEqual(session.takeHandlerFailures(), []);
        } finally {
          await session.close(uri);
        }
      }),
      fcParams(runs(200)),
    );
    assert.ok(session.alive(), 'the server is alive');
  });

  it(`every advertised request answers well, before and after edits (${runs(50)} cases)`, async () => {
    const caps = session.init.capabilities;
    await fc.assert(
      fc.asyncProperty(anyText, editSequence, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }), async (text, sequence, spots) => {
        stats.cases++;
        const uri = `${session.folderUri}/requests-${++serial}.treaty`;
        if (firstCase < 0) firstCase = serial;
        await session.open(uri, text);
        try {
          for (const round of [0, 1]) {
            if (round === 1) for (const batch of sequence) await applyBatch(uri, batch);
            const doc = session.docs.get(uri)!;
            const model = await heldModel(uri);
            // Ask where things are: random spots, the first references, the first headings.
            const offsets = [...spots.map((f) => Math.floor(f * (doc.text.length + 1))), ...(model?.references.slice(0, 1).map((r) => r[0] + 1) ?? []), ...(model?.outline.slice(1, 2).map((p) => p[6] + 1) ?? [])];
            const positions = offsets.map((o) => session.positionAt(uri, Math.min(o, doc.text.length)));
            session.applyEdits.length = 0;
            // Junk arguments to every command: in the first case only, they do not depend on the text.
            const r = await exerciseAll(session.client, caps, { uri, text: doc.text, version: doc.version, positions, diagnostics: session.diagnostics.get(uri) ?? [] }, session, { junkCommands: serial === firstCase });
            stats.requests += r.requests;
            r.exercised.forEach((k) => stats.exercised.add(k));
            r.unknown.forEach((k) => stats.unknown.add(k));
            assert.deepEqual(r.problems, [], `round ${round}: malformed answers or errors`);
            assert.deepEqual(session.takeHandlerFailures(), [], `round ${round}: handlers that threw`);
            for (const { source, edit } of r.edits) {
              stats.proposedEdits++;
              const report = checkWorkspaceEdit(edit, new Map([[uri, { text: doc.text, version: doc.version }]]), modeFor(source));
              assert.deepEqual(report.problems, [], `${source}: the edit touches what it should not`);
            }
          }
        } finally {
          await session.close(uri);
        }
      }),
      fcParams(runs(80)),
    );
    assert.ok(session.alive(), 'the server is alive');
  });
});
