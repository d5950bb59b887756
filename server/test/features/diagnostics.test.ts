import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codeActions } from '../../src/features/codeActions';
import { DEFAULT_DIAGNOSTICS_OPTIONS, diagnostics, findings, type DiagnosticsOptions } from '../../src/features/diagnostics';
import { LineIndex, parseTreaty, referenceAt } from '../../src/model';
import { lines, positionOf, readCorpus } from '../helpers/text';
import { testWorkspace } from '../helpers/workspace';

/** A draft written for these tests, with deliberate faults. */
const DRAFT = lines(
  'Convention on Shared Beekeeping',
  '',
  'Article 1',
  'Scope',
  '',
  '1. This Convention applies to hives kept within ten kilometres of a border.',
  '2. The procedure is set out in Articles 2 to 12 and the fees in Article 25.',
  '',
  'Article 2',
  'Registration',
  '',
  '1. Each hive shall be registered.',
  '2. Registration is free of charge.',
  '4. The register is public.',
  '',
  'Article 3',
  'Inspection',
  '',
  '1. Inspectors may visit a registered hive, as provided in paragraph 5 of Article 2.',
  '2. The preceding paragraph does not apply in winter; see Article 6.',
  '',
  'Article 5',
  'Disputes',
  '',
  'Disputes shall be settled under Article 3(2)(c) or Article 33 of the Charter of the United Nations.',
);

const uri = 'file:///ws/draft.treaty';

function textOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

function apply(text: string, edits: Array<{ span: { start: number; end: number }; newText: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function withLevels(levels: Partial<DiagnosticsOptions['levels']>, ignore: string[] = []): DiagnosticsOptions {
  return { levels: { ...DEFAULT_DIAGNOSTICS_OPTIONS.levels, ...levels }, ignore };
}

describe('diagnostics', () => {
  const doc = parseTreaty(DRAFT);
  const all = findings(doc);

  it('reports each fault of the draft once, in text order, with the model\'s explanation and candidates', () => {
    assert.deepEqual(
      all.map((f) => [f.kind, textOf(DRAFT, f.span), f.message]),
      [
        ['brokenReference', 'Articles 2 to 12', 'This document has no Article 12; the last is Article 5. Did you mean Article 5?'],
        ['brokenReference', 'Article 25', 'This document has no Article 25; the last is Article 5. Did you mean Article 5?'],
        ['numbering', '4', 'Article 2(4) follows Article 2(2): number 3 is skipped'],
        ['brokenReference', 'paragraph 5 of Article 2', 'Article 2 has no paragraph 5; the last is paragraph 4. Did you mean Article 2(4)?'],
        ['brokenReference', 'Article 6', 'This document has no Article 6; the last is Article 5. Did you mean Article 5?'],
        ['numbering', '5', 'Article 5 follows Article 3: number 4 is skipped'],
        ['brokenReference', 'Article 3(2)(c)', 'Article 3(2) has no point (c); it has no points'],
        ['instrumentNotFound', 'Article 33 of the Charter of the United Nations', 'The text of the Charter of the United Nations is not open, in the workspace, or in a pacta.library folder'],
      ],
    );
  });

  it('names both neighbours of a number that falls in a gap', () => {
    const text = lines('Pact', '', 'Article 1', '', 'See Article 3.', '', 'Article 2', '', 'Text.', '', 'Article 4', '', 'Text.');
    const f = findings(parseTreaty(text)).find((x) => x.kind === 'brokenReference')!;
    assert.match(f.message, /Did you mean Article 2 or Article 4\?$/);
    assert.deepEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Change to Article 2', false], ['Change to Article 4', false]]);
  });

  it('fixes change only the number characters, and the fixed reference resolves to the candidate', () => {
    for (const f of all.filter((x) => x.fixes.length)) {
      for (const fix of f.fixes) {
        for (const e of fix.edits) {
          assert.match(textOf(DRAFT, e.span), /^\d+$/, `${fix.title} edits "${textOf(DRAFT, e.span)}"`);
          assert.ok(e.span.start >= f.span.start && e.span.end <= f.span.end);
        }
        const fixed = apply(DRAFT, fix.edits);
        const after = parseTreaty(fixed);
        const ref = referenceAt(after, f.span.start + 1)!;
        assert.ok(ref.resolved, `after "${fix.title}": ${ref.text} — ${ref.problem}`);
      }
    }
    const range = all.find((f) => textOf(DRAFT, f.span) === 'Articles 2 to 12')!;
    assert.deepEqual(range.fixes.map((x) => [x.title, x.edits[0].newText, x.preferred]), [['Change to Article 5', '5', false]]);
  });

  it('maps levels to severities and leaves out kinds that are off', () => {
    const ds = diagnostics(doc, uri, undefined, withLevels({ brokenReference: 'error', numbering: 'hint', instrumentNotFound: 'off' }));
    const by = (code: string) => ds.filter((d) => d.code === code);
    assert.ok(by('brokenReference').every((d) => d.severity === DiagnosticSeverity.Error && d.source === 'pacta'));
    assert.ok(by('numbering').every((d) => d.severity === DiagnosticSeverity.Hint));
    assert.equal(by('instrumentNotFound').length, 0);
    assert.equal(by('brokenReference').length, 5);
    const info = diagnostics(doc, uri).filter((d) => d.code === 'instrumentNotFound');
    assert.deepEqual(info.map((d) => d.severity), [DiagnosticSeverity.Information]);
    assert.deepEqual(info[0].range.start, positionOf(DRAFT, 'Article 33', 1, 0));
  });

  it('ignores by reference text, by eId and by instrument title, without regard to case or spacing', () => {
    const left = (ignore: string[]) => findings(doc, undefined, withLevels({}, ignore)).map((f) => textOf(DRAFT, f.span));
    assert.ok(!left(['article   25']).includes('Article 25'));
    assert.ok(!left(['art_6']).includes('Article 6'));
    assert.ok(!left(['art_5']).includes('5'), 'a numbering fault is silenced by its provision\'s eId');
    assert.ok(!left(['charter of the united nations']).some((t) => t.includes('Charter')));
    assert.equal(left(['Article 25']).length, all.length - 1);
  });

  it('reports an unresolved relative reference inside an article, but not outside articles', () => {
    const inside = lines('Pact', '', 'Article 1', '', '1. The preceding paragraph applies.', '2. Text.');
    assert.deepEqual(findings(parseTreaty(inside)).map((f) => f.message), ['There is no preceding paragraph']);
    const outside = lines('Pact', '', 'Article 1', '', 'Text.', '', 'Resolution I', '', 'Recalling the preceding paragraph,', '1. Decides.');
    assert.deepEqual(findings(parseTreaty(outside)), []);
  });

  it('takes an editorial note\'s word for left-out articles: no broken reference to them, no gap', () => {
    const text = lines('Pact', '', 'Article 1', '', 'See Article 5 and Article 9.', '', '[… Articles 2 to 6 are not reproduced in this excerpt …]', '', 'Article 7', '', 'Text.');
    assert.deepEqual(findings(parseTreaty(text)).map((f) => f.message), ['This document has no Article 9; the last is Article 7. Did you mean Article 7?']);
    const without = text.replace(/\[.*\]/, '');
    assert.deepEqual(findings(parseTreaty(without)).map((f) => f.kind), ['brokenReference', 'brokenReference', 'numbering']);
  });

  it('says nothing about references in a text without articles (a note, not a treaty)', () => {
    assert.deepEqual(findings(parseTreaty(lines('Note on the Charter', '', 'Article 51 and Article 2, paragraph 4, matter here.'))), []);
  });

  it('reports a reference to a number two provisions carry as ambiguous, with both places', () => {
    const text = lines('Pact', '', 'Article 1', '', 'See Article 2.', '', 'Article 2', '', 'First.', '', 'Article 2', '', 'Second.');
    const d = diagnostics(parseTreaty(text), uri);
    const amb = d.find((x) => x.code === 'ambiguousReference')!;
    assert.equal(amb.message, '“Article 2” is ambiguous: Article 2 occurs twice (lines 7 and 11); it is read as the one on line 7');
    assert.deepEqual(amb.relatedInformation?.map((r) => r.location.range.start.line), [6, 10]);
    assert.ok(d.some((x) => x.code === 'numbering' && typeof x.message === 'string' && x.message.startsWith('Article 2 is numbered twice')));
  });

  it('checks references into another instrument when its text is in the workspace', async () => {
    const text = lines('Pact', '', 'Article 1', '', 'Article 112 of the Charter of the United Nations and Article 51 of the Charter of the United Nations apply.');
    const t = testWorkspace({ 'file:///ws/charter.txt': readCorpus('un_charter_en.txt') });
    const parsed = t.open(uri, text);
    const fs = findings(parsed.doc, await t.ws.lookupFor(parsed.doc));
    assert.deepEqual(fs.map((f) => [f.kind, f.message]), [
      ['brokenExternalReference', 'The Charter of the United Nations has no Article 112; the last is Article 111. Did you mean Article 111?'],
    ]);
    assert.equal(apply(text, fs[0].fixes[0].edits), text.replace('Article 112', 'Article 111'));
  });
});

describe('code actions', () => {
  const doc = parseTreaty(DRAFT);
  const lineIndex = new LineIndex(DRAFT);
  const at = (needle: string, delta = 2) => {
    const p = positionOf(DRAFT, needle, 1, delta);
    return { start: p, end: p };
  };

  it('offers the candidate as a quick fix that edits only the number, linked to its diagnostic', () => {
    const actions = codeActions(doc, uri, at('Article 25'), undefined, { diagnostics: DEFAULT_DIAGNOSTICS_OPTIONS });
    assert.equal(actions.length, 1);
    const [a] = actions;
    assert.equal(a.title, 'Change to Article 5');
    assert.equal(a.kind, 'quickfix');
    assert.equal(a.isPreferred, false, 'a candidate is a guess: never applied by Auto Fix');
    assert.equal(a.diagnostics?.[0].code, 'brokenReference');
    const edits = a.edit!.changes![uri];
    assert.equal(edits.length, 1);
    const start = lineIndex.offsetAt(edits[0].range.start);
    const end = lineIndex.offsetAt(edits[0].range.end);
    assert.equal(DRAFT.slice(start, end), '25');
    assert.equal(edits[0].newText, '5');
  });

  it('adds "don\'t report" and "renumber" actions when the commands exist, and nothing off the faults', () => {
    const options = { diagnostics: DEFAULT_DIAGNOSTICS_OPTIONS, ignoreCommand: 'pacta.ignoreDiagnostic', renumberCommand: 'pacta.server.renumberSequentially' };
    const onRef = codeActions(doc, uri, at('Article 6'), undefined, options);
    assert.deepEqual(onRef.map((a) => a.title), ['Change to Article 5', 'Don\'t report “Article 6” (add to pacta.diagnostics.ignore)']);
    assert.deepEqual(onRef[1].command?.arguments, ['Article 6']);
    const onFault = codeActions(doc, uri, at('\nArticle 5\n', 9), undefined, options);
    assert.deepEqual(onFault.map((a) => a.title), ['Renumber the articles sequentially (and every reference to them)', 'Don\'t report “art_5” (add to pacta.diagnostics.ignore)']);
    assert.deepEqual(onFault[0].command?.arguments, [{ uri, position: positionOf(DRAFT, '\nArticle 5\n', 1, 9), kind: 'article' }]);
    assert.deepEqual(codeActions(doc, uri, at('Inspectors'), undefined, options), []);
    assert.deepEqual(codeActions(doc, uri, at('Article 25'), undefined, { ...options, only: ['refactor'] }), []);
  });
});

describe('diagnostics, properties', () => {
  it('for any numbering and any cited number: no throw, fixes touch only digits and make the reference resolve', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (nums, cited, twice) => {
          const sorted = [...nums].sort((a, b) => a - b);
          if (twice) sorted.push(sorted[sorted.length - 1]);
          const text = lines('Pact', '', ...sorted.flatMap((n) => [`Article ${n}`, '', 'Text.', '']), `See Article ${cited} and Articles ${sorted[0]} to ${cited}.`);
          const doc = parseTreaty(text);
          for (const f of findings(doc)) {
            assert.ok(f.span.start >= 0 && f.span.end <= text.length);
            for (const fix of f.fixes) {
              for (const e of fix.edits) {
                assert.match(text.slice(e.span.start, e.span.end), /^\d+$/);
                assert.match(e.newText, /^\d+$/);
              }
              const ref = referenceAt(parseTreaty(apply(text, fix.edits)), f.span.start + 1);
              assert.ok(ref?.resolved, `${fix.title} in ${JSON.stringify(text.slice(-60))}`);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
