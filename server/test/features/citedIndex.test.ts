// The index of which references may cite each provision (features/citedIndex.ts) is kept across
// incremental re-parses: after any sequence of edits, Find All References through it must find
// exactly what the rule finds by looking at every reference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { citationsOf } from '../../src/features/references';
import { parseTreaty, walk, type Provision, type Reference, type TreatyDocument } from '../../src/model';
import { editedFrom, incrementalStats, reparseTreaty, resetIncrementalStats } from '../../src/model/incremental';
import { editOffsets, editSpec, fcParams, runs } from '../helpers/fuzz';
import { readCorpus } from '../helpers/text';

const DEEP = new Set(['article', 'paragraph', 'point']);

/** The rule, by looking at every reference: a written number names the provision, or a target is it (or, below an article, inside it). */
function byEveryReference(doc: TreatyDocument, p: Provision): Array<[number, number]> {
  const inside = (q: Provision | undefined): boolean => {
    for (let r = q; r; r = r.parent) if (r === p) return true;
    return false;
  };
  const out: Array<[number, number]> = [];
  for (const ref of doc.references as Reference[]) {
    if (ref.instrument) continue;
    const named = (ref.numbers ?? []).filter((n) => n.provision === p);
    if (named.length) for (const n of named) out.push([n.start, n.end]);
    else if (ref.targets.some((t) => t.provision && (t.provision === p || (DEEP.has(p.kind) && inside(t.provision))))) out.push([ref.start, ref.end]);
  }
  return out;
}

function throughIndex(doc: TreatyDocument, p: Provision): Array<[number, number]> {
  return citationsOf({ uri: 'u', doc, provision: p }, [{ uri: 'u', doc }]).map((c) => [c.span.start, c.span.end]);
}

function assertSame(doc: TreatyDocument, what: string): void {
  for (const p of walk(doc.root)) {
    if (p.kind === 'document') continue;
    assert.deepEqual(throughIndex(doc, p), byEveryReference(doc, p), `${what}: ${p.eId}`);
  }
}

describe('the index of citing references, kept across edits', () => {
  it('finds what every reference says on the corpus texts', () => {
    for (const name of ['vclt_1969_en.txt', 'un_charter_en.txt', 'unclos_1982_en.txt']) assertSame(parseTreaty(readCorpus(name)), name);
  });

  it('typing references into an article, and deleting them, on the fast path', () => {
    let text = readCorpus('vclt_1969_en.txt');
    let doc = parseTreaty(text);
    assertSame(doc, 'opened');
    resetIncrementalStats();
    // In Article 80 a new reference is resolved on the fast path (nothing after it looks back).
    let at = text.indexOf('for registration or filing and recording') + 'for registration or filing and recording'.length;
    let reresolved = 0;
    for (const ch of ' (see article 2, paragraph 1, and article 5)') {
      text = text.slice(0, at) + ch + text.slice(at);
      doc = reparseTreaty(doc, text, {}, { start: at, oldEnd: at, newEnd: at + 1 });
      if (editedFrom(doc)?.reresolved) reresolved++;
      at++;
      assertSame(doc, `after typing ${JSON.stringify(ch)}`);
    }
    assert.ok(reresolved > 0, 'no keystroke resolved a new reference on the fast path');
    for (let i = 0; i < 12; i++) {
      text = text.slice(0, at - 1) + text.slice(at);
      doc = reparseTreaty(doc, text, {}, { start: at - 1, oldEnd: at, newEnd: at - 1 });
      at--;
      assertSame(doc, 'after a backspace');
    }
    // The case this is about happened: most keystrokes kept the model (and the index).
    assert.ok(incrementalStats.fast > 40, JSON.stringify(incrementalStats));
  });

  it(`random edits anywhere (${runs(30)} cases)`, () => {
    const base = readCorpus('un_charter_en.txt');
    fc.assert(
      fc.property(fc.array(editSpec, { minLength: 1, maxLength: 8 }), (edits) => {
        let text = base;
        let doc = parseTreaty(text);
        throughIndex(doc, doc.root.children[0]); // the index exists before the edits
        for (const e of edits) {
          const { start, end } = editOffsets(text, e);
          text = text.slice(0, start) + e.insert + text.slice(end);
          doc = reparseTreaty(doc, text, {}, { start, oldEnd: end, newEnd: start + e.insert.length });
          assertSame(doc, `after ${JSON.stringify(edits)}`);
        }
      }),
      fcParams(runs(30)),
    );
  });
});
