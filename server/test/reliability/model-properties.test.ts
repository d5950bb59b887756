// No crash, no hang, on any text — the model in process, where cases are cheap.
// Properties over generated treaty-like documents, damaged documents and junk: parseTreaty
// never throws and keeps the invariants ARCHITECTURE.md promises; queries, rendering and
// resolution work at any offset. About 10,000 cases in `npm test`; `npm run fuzz` runs
// PACTA_FUZZ_SCALE times as many. Fixed huge inputs are in big-inputs.test.ts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  Catalogue,
  LineIndex,
  labelSpan,
  outlineName,
  parseTreaty,
  provisionAt,
  provisionLabel,
  provisionPath,
  provisionText,
  referenceAt,
  resolveReference,
  walk,
  type TreatyDocument,
} from '../../src/model';
import { canonicalModel } from '../../src/features/debugModel';
import { anyText, damagedDocument, fcParams, junk, runs, treatyDocument } from '../helpers/fuzz';

let cases = 0;
after(() => console.log(`# model properties: ${cases} generated cases`));

/** Every invariant of ARCHITECTURE.md, with a message naming the broken one. */
export function checkInvariants(doc: TreatyDocument): void {
  const n = doc.text.length;
  const all = new Set(walk(doc.root));
  for (const p of all) {
    const where = p.eId || '(root)';
    assert.ok(Number.isInteger(p.start) && Number.isInteger(p.end), `${where}: integer range`);
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= n, `${where}: range inside the text`);
    const label = labelSpan(p);
    assert.ok(label.start >= p.start && label.end <= p.end && label.start <= label.end, `${where}: label inside range`);
    for (const c of p.children) {
      assert.equal(c.parent, p, `${c.eId}: parent link`);
      assert.ok(c.start >= p.start && c.end <= p.end, `${c.eId} inside ${where}`);
    }
    for (let i = 1; i < p.children.length; i++) assert.ok(p.children[i - 1].end <= p.children[i].start, `${where}: children in order, not overlapping`);
    if (p.eId) assert.ok(doc.byId.get(p.eId), `${p.eId} is in byId`);
  }
  let prevEnd = 0;
  for (const r of doc.references) {
    assert.ok(r.start >= prevEnd, `references sorted, not overlapping (at ${r.start})`);
    assert.ok(r.start < r.end && r.end <= n, 'reference inside the text');
    assert.equal(r.text, doc.text.slice(r.start, r.end), 'reference text is the text at its range');
    prevEnd = r.end;
    for (const t of r.targets) {
      assert.equal(typeof t.eId, 'string');
      // Two "Article 31" in a draft share an eId; a target may be either, but it is in the tree.
      if (t.provision) assert.ok(all.has(t.provision) && t.provision.eId === t.eId, `target ${t.eId} of "${r.text}" is a provision of the document`);
    }
    if (r.resolved && !r.instrument) assert.ok(r.targets.every((t) => t.provision), `"${r.text}" resolved means every target exists`);
    for (const num of r.numbers ?? []) assert.ok(num.start >= r.start && num.end <= r.end && num.start < num.end, `number token of "${r.text}" inside it`);
  }
}

/** Queries, rendering and resolution at a spread of offsets: none may throw. */
function exercise(doc: TreatyDocument): void {
  const lines = new LineIndex(doc.text);
  const step = Math.max(1, Math.floor(doc.text.length / 40));
  for (let o = 0; o <= doc.text.length; o += step) {
    const p = provisionAt(doc, o);
    assert.ok(p.start <= o && o <= p.end, 'provisionAt contains the offset');
    const r = referenceAt(doc, o);
    if (r) assert.ok(r.start <= o && o <= r.end, 'referenceAt contains the offset');
    const pos = lines.positionAt(o);
    assert.equal(lines.offsetAt(pos), o, 'offset -> position -> offset');
  }
  for (const p of walk(doc.root)) {
    assert.equal(typeof provisionLabel(p), 'string');
    assert.equal(typeof outlineName(p), 'string');
    assert.equal(typeof provisionPath(doc, p), 'string');
    provisionText(doc, p, 200);
  }
  for (const r of doc.references) resolveReference(doc, r, () => undefined);
}

const property = (name: string, arb: fc.Arbitrary<string>, base: number, check: (text: string) => void) =>
  it(`${name} (${runs(base)} cases)`, () => {
    fc.assert(
      fc.property(arb, (text) => {
        cases++;
        check(text);
      }),
      fcParams(runs(base)),
    );
  });

describe('model: no crash, invariants hold', () => {
  property('treaty-like documents', treatyDocument, 2000, (text) => {
    const doc = parseTreaty(text);
    checkInvariants(doc);
    exercise(doc);
  });

  property('damaged documents', damagedDocument, 2500, (text) => {
    const doc = parseTreaty(text);
    checkInvariants(doc);
    exercise(doc);
  });

  property('junk', junk, 3000, (text) => checkInvariants(parseTreaty(text)));

  property('line ends do not matter: LF, CRLF and CR give the same outline and targets', treatyDocument, 500, (text) => {
    const lf = text.replace(/\r\n?/g, '\n');
    const shape = (t: string) => {
      const doc = parseTreaty(t);
      return {
        outline: [...walk(doc.root)].map((p) => `${p.kind}:${p.eId}:${p.heading ?? ''}`),
        refs: doc.references.map((r) => `${r.text.replace(/\r\n?/g, '\n')}=>${r.targets.map((x) => x.eId).join(',')}`),
      };
    };
    const want = shape(lf);
    assert.deepEqual(shape(lf.replace(/\n/g, '\r\n')), want, 'CRLF');
    assert.deepEqual(shape(lf.replace(/\n/g, '\r')), want, 'CR');
  });

  property('deterministic: the same text gives the same model', anyText, 1000, (text) => {
    assert.deepEqual(canonicalModel(parseTreaty(text)), canonicalModel(parseTreaty(text)));
  });

  // pacta.instruments comes from settings files: titles and aliases full of regex syntax,
  // empty-ish strings, citation words, huge lists.
  const name = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('(', '[a-', '*', '\\', '$^', '.*', '(?<x>', 'Charter', 'the Charter of the United Nations', ' ', 'Pact of the first'), junk.map((s) => s.slice(0, 40)));
  const entries = fc.array(fc.record({ id: fc.string({ maxLength: 8 }), title: name, aliases: fc.array(name, { maxLength: 4 }) }), { maxLength: 5 });
  const withCatalogue = (extra: Array<{ id: string; title: string; aliases: string[] }>, text: string) =>
    parseTreaty(text + '\n' + extra.map((e) => `Article 1 of ${e.title}; Article 2 of ${e.aliases[0] ?? ''} paragraph of Article 1`).join('\n'), { catalogue: new Catalogue(extra) });

  it(`user catalogue entries of any shape: no throw, everything inside the text (${runs(700)} cases)`, () => {
    fc.assert(
      fc.property(entries, treatyDocument, (extra, text) => {
        cases++;
        const doc = withCatalogue(extra, text);
        for (const p of walk(doc.root)) assert.ok(p.start >= 0 && p.end <= doc.text.length && (!p.parent || (p.start >= p.parent.start && p.end <= p.parent.end)));
        for (const r of doc.references) assert.ok(r.start < r.end && r.end <= doc.text.length);
      }),
      fcParams(runs(700)),
    );
  });

  // An alias with citation words ("Pact of the first") once made "Article 2 of Pact of the first
  // paragraph of Article 1" two overlapping references (3–33 and 24–56).
  it(`user catalogue entries of any shape: every invariant (${runs(300)} cases)`, () => {
    fc.assert(
      fc.property(entries, treatyDocument, (extra, text) => {
        cases++;
        checkInvariants(withCatalogue(extra, text));
      }),
      fcParams(runs(300)),
    );
  });
});
