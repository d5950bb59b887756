// Diagnostics stay proportional to the text: an ambiguous reference names a few of its twins,
// not all of them, and a document publishes at most pacta.diagnostics.maxPerDocument findings
// plus one note of how many more there are, without wording the ones it leaves out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeActions } from '../../src/features/codeActions';
import { DEFAULT_DIAGNOSTICS_OPTIONS, diagnostics, findings } from '../../src/features/diagnostics';
import { parseTreaty, type Reference, type TreatyDocument } from '../../src/model';
import { DEFAULT_SETTINGS, readSettings } from '../../src/workspace/settings';
import { lines } from '../helpers/text';

const uri = 'file:///ws/limits.treaty';

/** "Article 1" n times, each followed by a reference to it: n twins, n ambiguous references. */
const duplicates = (n: number) => 'Pact\n\n' + 'Article 1\nSee Article 1.\n'.repeat(n);

/** One article and n references to articles it does not have (Articles 101, 102, …). */
const broken = (n: number) => lines('Pact', '', 'Article 1', '', ...Array.from({ length: n }, (_, i) => `See Article ${101 + i}.`));

/** Counts how often the model's explanation of a broken reference is read: once per worded finding. */
function countWording(doc: TreatyDocument): { reads: number } {
  const counter = { reads: 0 };
  doc.references = doc.references.map((r): Reference => {
    const problem = r.problem;
    const copy = { ...r };
    Object.defineProperty(copy, 'problem', {
      get: () => {
        counter.reads++;
        return problem;
      },
      enumerable: true,
    });
    return copy;
  });
  return counter;
}

describe('ambiguous references name a few twins, not all', () => {
  it('ten twins: the first three lines, "and 7 more", three related locations', () => {
    const d = diagnostics(parseTreaty(duplicates(10)), uri).filter((x) => x.code === 'ambiguousReference');
    assert.equal(d.length, 10);
    assert.equal(d[0].message, '“Article 1” is ambiguous: Article 1 occurs 10 times (lines 3, 5, 7 and 7 more); it is read as the one on line 3');
    for (const x of d) assert.deepEqual(x.relatedInformation?.map((r) => r.location.range.start.line), [2, 4, 6]);
  });

  it('four twins are all named (never "and 1 more")', () => {
    const d = diagnostics(parseTreaty(duplicates(4)), uri).find((x) => x.code === 'ambiguousReference')!;
    assert.equal(d.message, '“Article 1” is ambiguous: Article 1 occurs 4 times (lines 3, 5, 7 and 9); it is read as the one on line 3');
    assert.equal(d.relatedInformation?.length, 4);
  });

  it('related locations grow with the references, not references × twins', () => {
    const related = (n: number) => diagnostics(parseTreaty(duplicates(n)), uri).reduce((sum, x) => sum + (x.relatedInformation?.length ?? 0), 0);
    const small = related(50);
    const big = related(400);
    // 8× the text: linear is about 8×, the old listing of every twin was 64×.
    assert.ok(big <= 9 * small, `${small} related locations for 50 twins, ${big} for 400`);
  });
});

describe('pacta.diagnostics.maxPerDocument', () => {
  it('publishes the first N findings in text order and one note at the first left out', () => {
    const doc = parseTreaty(broken(50));
    const all = diagnostics(doc, uri);
    assert.equal(all.length, 50);
    const capped = diagnostics(doc, uri, undefined, { ...DEFAULT_DIAGNOSTICS_OPTIONS, maxPerDocument: 10 });
    assert.equal(capped.length, 11);
    assert.deepEqual(capped.slice(0, 10), all.slice(0, 10));
    const note = capped[10];
    assert.equal(note.code, 'moreNotShown');
    assert.equal(note.severity, 3 /* Information */);
    assert.deepEqual(note.range, all[10].range, 'the note stands where the list stops');
    assert.equal(
      note.message,
      'Pacta shows the first 10 problems in this document; 40 more, from here to the end, are not shown. Fix those shown, or raise the setting pacta.diagnostics.maxPerDocument, to see the rest.',
    );
  });

  it('no note when the findings fit', () => {
    const d = diagnostics(parseTreaty(broken(10)), uri, undefined, { ...DEFAULT_DIAGNOSTICS_OPTIONS, maxPerDocument: 10 });
    assert.equal(d.length, 10);
    assert.ok(!d.some((x) => x.code === 'moreNotShown'));
  });

  it('counts what the ignore list silences out of the total', () => {
    const d = diagnostics(parseTreaty(broken(20)), uri, undefined, { ...DEFAULT_DIAGNOSTICS_OPTIONS, ignore: ['Article 101', 'art_102'], maxPerDocument: 5 });
    assert.equal(d.length, 6);
    assert.match(String(d[0].message), /Article 103\b/);
    assert.match(String(d[5].message), /; 13 more, from here/);
  });

  it('words only the findings it publishes (candidates and explanations cost nothing for the rest)', () => {
    const doc = parseTreaty(broken(500));
    const counter = countWording(doc);
    diagnostics(doc, uri, undefined, { ...DEFAULT_DIAGNOSTICS_OPTIONS, maxPerDocument: 20 });
    assert.equal(counter.reads, 20);
    counter.reads = 0;
    diagnostics(doc, uri);
    // The 20 worded the first time are kept with the document's findings: only the rest are worded now.
    assert.equal(counter.reads, 480);
    counter.reads = 0;
    diagnostics(doc, uri);
    assert.equal(counter.reads, 0);
  });

  it('is read from the settings: 1000 by default, a positive integer, else the default', () => {
    assert.equal(DEFAULT_SETTINGS.diagnosticsMaxPerDocument, 1000);
    assert.equal(readSettings({ diagnostics: { maxPerDocument: 50 } }).diagnosticsMaxPerDocument, 50);
    assert.equal(readSettings({ 'pacta.diagnostics.maxPerDocument': 7 }).diagnosticsMaxPerDocument, 7);
    assert.equal(readSettings({ diagnostics: { maxPerDocument: 0 } }).diagnosticsMaxPerDocument, 1000);
    assert.equal(readSettings({ diagnostics: { maxPerDocument: 'many' } }).diagnosticsMaxPerDocument, 1000);
  });
});

describe('code actions word only the findings under the cursor', () => {
  it('a quick fix for one of 500 broken references reads one explanation', () => {
    const doc = parseTreaty(broken(500));
    const counter = countWording(doc);
    const line = 4 + 250; // "See Article 351."
    const actions = codeActions(doc, uri, { start: { line, character: 6 }, end: { line, character: 6 } }, undefined, { diagnostics: DEFAULT_DIAGNOSTICS_OPTIONS, ignoreCommand: 'pacta.ignoreDiagnostic' });
    assert.deepEqual(actions.map((a) => a.title), ['Change to Article 1', "Don't report “Article 351” (add to pacta.diagnostics.ignore)"]);
    assert.equal(counter.reads, 1);
    // The same findings as a whole-document pass, for that range.
    assert.equal(findings(doc, undefined, DEFAULT_DIAGNOSTICS_OPTIONS, { start: doc.references[250].start, end: doc.references[250].start }).length, 1);
  });
});
