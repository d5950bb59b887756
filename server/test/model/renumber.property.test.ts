// Property tests of renumbering, on generated treaty texts and on the real texts in
// ../shared/corpus. After any renumbering (one provision, insert, remove, sequential):
//   - the new text parses to the expected outline: the same provisions, in the same order,
//     with the expected numbers (plus the inserted article, minus the removed one);
//   - outside the changed spans the text is unchanged, and the changed spans are numbers;
//   - every reference still resolves to the same provisions it did before — identity is a
//     provision's position in the original outline, like Akoma Ntoso's wId — or is among
//     the findings the change reports; and only references that a change of that kind may
//     affect are reported (a range across the insertion point, a reference to the removed
//     article, "the preceding Article").
// This oracle pairs provisions and references by order, not by offsets, so it does not
// share the model's own offset mapping.
//
// Case counts: PACTA_PROPERTY_RUNS (default 200 for generated texts; the corpus texts get a
// tenth of it, UNCLOS a fortieth, as each case parses them twice).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTreaty, provisionLabel, walk, type Provision, type Reference, type TreatyDocument } from '../../src/model';
import {
  RenumberRefusal,
  applyChanges,
  articlesIn,
  checkRenumbering,
  labelNumberSpan,
  mapOffset,
  offsetMapper,
  planRenumbering,
  type CitingDocument,
  type RenumberOperation,
  type RenumberPlan,
  type TextChange,
} from '../../src/model/renumber';
import { readCorpus } from '../support/corpus';

const RUNS = Math.max(1, Number(process.env.PACTA_PROPERTY_RUNS ?? 200) || 200);
// PACTA_PROPERTY_SEED replays a reported run from its seed, every case in order.
const SEED = process.env.PACTA_PROPERTY_SEED ? { seed: Number(process.env.PACTA_PROPERTY_SEED) } : {};
const TITLE = 'Convention on Generated Matters';

// --- generated texts ----------------------------------------------------------------

interface Spec {
  numbers: number[];
  captions: boolean[];
  paragraphs: number[];
  points: boolean[];
  chapters: boolean[];
  refs: Array<[number, number, number, number]>;
  annex: number;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  // Article numbers: increasing, with gaps and the odd duplicate (step 0).
  numbers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 12 }).map((steps) => {
    let n = 0;
    return steps.map((s, i) => (n += i === 0 ? 1 : s === 0 ? (i % 5 === 0 ? 0 : 1) : s));
  }),
  captions: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  paragraphs: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
  points: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  chapters: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  refs: fc.array(fc.tuple(fc.nat(11), fc.nat(), fc.nat(), fc.nat()), { maxLength: 30 }),
  annex: fc.integer({ min: 0, max: 3 }),
});

const CAPTIONS = ['Scope', 'Definitions', 'Obligations of the Parties', 'Cooperation', 'Reports', 'Amendments'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Builds a treaty text from a spec: chapters, articles with captions, paragraphs, points, references. */
function buildText(s: Spec): string {
  const out: string[] = [TITLE, '', 'The States Parties to this Convention,', '', 'Have agreed as follows:', ''];
  const nums = s.numbers;
  let refIndex = 0;
  let chapter = 0;
  const sentence = (article: number, paras: number): string => {
    const r = s.refs[refIndex++ % Math.max(1, s.refs.length)];
    if (!r || s.refs.length === 0) return 'The Parties shall act in good faith.';
    const [form, a0, b0, p0] = r;
    const a = nums[a0 % nums.length];
    const b = nums[(a0 + 1 + (b0 % nums.length)) % nums.length];
    const p = 1 + (p0 % 3);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const ref = [
      `Article ${a}`,
      lo < hi ? `Articles ${lo} to ${hi}` : `Article ${lo}`,
      `Articles ${a} and ${b}`,
      `paragraph ${p} of Article ${a}`,
      `Article ${a}, paragraph ${p}`,
      `Article ${a}(${p})`,
      'the preceding Article',
      'the following Article',
      'this Article',
      paras >= p ? `paragraph ${p}` : `Article ${a}`,
      paras >= 2 ? 'the preceding paragraph' : `Article ${b}`,
      `Articles ${a}, ${b} and ${lo}`,
    ][form % 12];
    void article;
    return `The Parties shall apply ${ref} in good faith.`;
  };
  nums.forEach((n, i) => {
    if (s.chapters[i] && i > 0) {
      out.push(`CHAPTER ${ROMAN[chapter++]}`, '');
    }
    out.push(`Article ${n}`);
    if (s.captions[i]) out.push(CAPTIONS[(n + i) % CAPTIONS.length]);
    out.push('');
    const paras = s.paragraphs[i];
    if (paras === 0) out.push(sentence(n, 0));
    for (let p = 1; p <= paras; p++) {
      out.push(`${p}. ${sentence(n, paras)}`);
      if (s.points[i] && p === 1) out.push(`(a) the first case under ${'Article ' + nums[(i + 1) % nums.length]};`, '(b) the second case.');
    }
    out.push('');
  });
  if (s.annex > 0) {
    out.push('ANNEX', '');
    for (let k = 1; k <= s.annex; k++) {
      out.push(`Article ${k}`, '', k > 1 ? `As provided in article ${k - 1} of this Annex.` : 'The annex applies.', '');
    }
  }
  return out.join('\n');
}

const CITING = (nums: number[]) =>
  [
    'Protocol on Further Generated Matters',
    '',
    'Article 1',
    '',
    `Article ${nums[0]} of the ${TITLE} applies, as do Articles ${nums[0]} to ${nums[nums.length - 1]} of the ${TITLE}.`,
    '',
    'Article 2',
    '',
    `See Article ${nums[nums.length - 1]}, paragraph 1, of the ${TITLE} and Article 1 of this Protocol.`,
    '',
  ].join('\n');

// --- the oracle -------------------------------------------------------------------------

/** What the operation should do to the outline, computed from the old outline alone. */
interface Expectation {
  /** New number of each provision that gets one. */
  numbers: Map<Provision, string>;
  /** Where the new article goes: after this provision's subtree (undefined: before `before`). */
  insertAfter?: Provision;
  insertBefore?: Provision;
  insertNum?: string;
  removed?: Provision;
}

function expectation(doc: TreatyDocument, op: RenumberOperation): Expectation {
  const numbers = new Map<Provision, string>();
  const scopeOf = (p: Provision) => scopeAt(p) ?? doc.root;
  switch (op.op) {
    case 'renumber':
      numbers.set(op.provision, op.num.trim());
      return { numbers };
    case 'sequential':
      if (op.kind === 'article') {
        const scopes = [doc.root, ...[...walk(doc.root)].filter((p) => p.kind === 'annex' && articlesIn(p).length)];
        for (const scope of scopes) articlesIn(scope).forEach((a, i) => numbers.set(a, String(i + 1)));
      } else {
        // Numbered paragraphs only: unnumbered ones are counted by position and stay so.
        op.within!.children.filter((c) => c.kind === 'paragraph' && c.num).forEach((c, i) => numbers.set(c, String(i + 1)));
      }
      return { numbers };
    case 'removeArticle': {
      const list = articlesIn(scopeOf(op.article));
      for (const a of list.slice(list.indexOf(op.article) + 1)) numbers.set(a, String(Number(a.num) - 1));
      return { numbers, removed: op.article };
    }
    case 'insertArticle': {
      let current: Provision | undefined;
      for (const p of walk(doc.root)) if (p.kind === 'article' && p.start <= op.offset && op.offset < p.end) current = p;
      const list = articlesIn(current ? scopeOf(current) : doc.root);
      if (!current) current = [...list].reverse().find((a) => a.start <= op.offset);
      const following = current ? list.slice(list.indexOf(current) + 1) : list;
      for (const a of following) numbers.set(a, String(Number(a.num) + 1));
      return current
        ? { numbers, insertAfter: current, insertNum: String(Number(current.num) + 1) }
        : { numbers, insertBefore: list[0], insertNum: list[0].num };
    }
  }
}

interface Row {
  kind: string;
  num: string | undefined;
  /** The old provision; undefined for the inserted article. */
  old?: Provision;
}

/** The outline the new text should have, provision by provision, in document order. */
function expectedOutline(doc: TreatyDocument, e: Expectation): Row[] {
  const rows: Row[] = [];
  const visit = (p: Provision) => {
    if (p === e.removed) return;
    if (p === e.insertBefore) rows.push({ kind: 'article', num: e.insertNum });
    rows.push({ kind: p.kind, num: e.numbers.get(p) ?? p.num, old: p });
    p.children.forEach(visit);
    if (p === e.insertAfter) rows.push({ kind: 'article', num: e.insertNum });
  };
  visit(doc.root);
  return rows;
}

// A lone "l" before "(" is a number too: the model reads the VCLT's misprint "paragraph l(a)"
// as paragraph 1, so renumbering that paragraph rewrites it ("paragraph 3(a)").
const shape = (text: string) => text.replace(/\d+|\b[IVXLC]+\b|\bl(?=\()/g, '#');

interface Outcome {
  /** References whose targets differ from before (by identity). */
  changed: Reference[];
  /** References the plan reports. */
  reported: Set<Reference>;
}

/** Checks a plan against the oracle; returns the references whose meaning changed. */
function verify(doc: TreatyDocument, op: RenumberOperation, plan: RenumberPlan, citing: CitingDocument[]): Outcome {
  const text = doc.text;
  const changes = plan.changes.get('home') ?? [];
  const after = applyChanges(text, changes);
  const newDoc = parseTreaty(after);

  // 1. Outside the changes, the text is as it was; the changes are numbers or whole articles.
  assertOnlyChanges(text, after, changes);

  // 2. The outline is the expected one.
  const e = expectation(doc, op);
  const rows = expectedOutline(doc, e);
  const got = [...walk(newDoc.root)];
  assert.deepEqual(
    got.map((p) => `${p.kind} ${p.num ?? ''}`),
    rows.map((r) => `${r.kind} ${r.num ?? ''}`),
    'the new outline is not the expected one',
  );
  const identity = new Map<Provision, Provision | undefined>(got.map((p, i) => [p, rows[i].old]));

  // 3. References: paired in order (those inside the removed article are gone).
  const removedRange = e.removed;
  const kept = doc.references.filter((r) => !removedRange || r.end <= lineStart(text, removedRange.start) || r.start >= removedRange.end);
  assert.equal(newDoc.references.length, kept.length, 'references appeared or vanished');
  const changed: Reference[] = [];
  kept.forEach((r, i) => {
    const n = newDoc.references[i];
    assert.equal(shape(n.text), shape(r.text), `reference ${i} is not the same reference: “${r.text}” → “${n.text}”`);
    if (r.instrument) return;
    const before = r.targets.map((t) => t.provision);
    const now = n.targets.map((t) => (t.provision ? identity.get(t.provision) : undefined));
    if (r.resolved !== n.resolved || before.length !== now.length || before.some((p, k) => p !== now[k])) changed.push(r);
  });
  for (const c of citing) {
    const newOther = parseTreaty(applyChanges(c.doc.text, plan.changes.get(c.key) ?? []));
    assertOnlyChanges(c.doc.text, newOther.text, plan.changes.get(c.key) ?? []);
    c.doc.references.forEach((r, i) => {
      const n = newOther.references[i];
      if (!r.instrument || !c.citesHome(r)) return;
      const before = r.targets.map((t) => doc.byId.get(t.eId));
      const now = n.targets.map((t) => {
        const p = newDoc.byId.get(t.eId);
        return p ? identity.get(p) : undefined;
      });
      if (before.length !== now.length || before.some((p, k) => p !== now[k])) changed.push(r);
    });
  }
  const check = checkRenumbering(plan, (t) => parseTreaty(t));
  const reported = new Set(check.findings.filter((f) => f.kind !== 'reads-differently').map((f) => f.ref));
  for (const r of changed) assert.ok(reported.has(r), `“${r.text}” changed meaning and was not reported`);
  return { changed, reported };
}

function provisionAtOffset(doc: TreatyDocument, at: number): Provision | undefined {
  let found: Provision | undefined;
  for (const p of walk(doc.root)) if (p.start <= at && at < p.end) found = p;
  return found;
}

function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function assertOnlyChanges(before: string, after: string, changes: readonly TextChange[]): void {
  let oldAt = 0;
  let newAt = 0;
  for (const c of changes) {
    const gap = before.slice(oldAt, c.start);
    assert.equal(after.slice(newAt, newAt + gap.length), gap, 'text outside the changes differs');
    newAt += gap.length;
    const old = before.slice(c.start, c.end);
    if (c.kind === 'number') {
      assert.match(old, /^(?:\d+|[IVXLC]+|[a-z]{1,2})$/, `a change replaced “${old}”, which is not a number`);
      assert.match(c.newText, /^(?:\d+|[IVXLC]+|[a-z]{1,2})$/);
    } else if (c.kind === 'insert') {
      assert.match(c.newText, /^\s*(?:Article|ARTICLE) \d+\s*$/, `inserted “${c.newText}”`);
    } else {
      // An article heading, with the cross-heading over it ("Voting") when there is one.
      assert.match(old, /^(?:[^\n]{1,80}\n\s*)?(?:Article|ARTICLE) \d+/, 'a removal starts at an article heading');
    }
    assert.equal(after.slice(newAt, newAt + c.newText.length), c.newText);
    newAt += c.newText.length;
    oldAt = c.end;
  }
  assert.equal(after.slice(newAt), before.slice(oldAt), 'text after the last change differs');
}

/** The references that a change of this kind may legitimately alter (and must report). */
function mayChange(doc: TreatyDocument, op: RenumberOperation, e: Expectation, r: Reference): boolean {
  if (/preceding|following|foregoing/i.test(r.text)) return true;
  // Inside the second of two articles with one number, "paragraph 1" resolves by eId into the
  // first one (a model quirk); renumbering them apart corrects it, and reports it.
  for (let q: Provision | undefined = provisionAtOffset(doc, r.start); q; q = q.parent) {
    if (q.kind === 'article' && doc.byId.get(q.eId) !== q) return true;
  }
  // Another text's range is expanded by its numbers ("Articles 3 to 5 of the Charter":
  // art_3, art_4, art_5), so an arbitrary new number of one of them changes what it covers.
  if (op.op === 'renumber' && r.instrument && r.form === 'range') return true;
  // The same with two articles of one number: the range's expansion (art_5, art_6) skipped the
  // second Article 5; numbering them apart brings it in ("Articles 1 to 7"), and that is reported.
  if (r.instrument && r.form === 'range' && [...walk(doc.root)].some((q) => q.kind === 'article' && doc.byId.get(q.eId) !== q)) return true;
  // A broken reference may come to resolve (and is reported if it does).
  if (!r.resolved || (r.instrument && r.targets.some((t) => !doc.byId.get(t.eId)))) return true;
  if (takenOverInAnnex(doc, e, r)) return true;
  if (op.op === 'removeArticle') {
    return r.targets.some((t) => {
      for (let q = t.provision ?? (r.instrument ? doc.byId.get(t.eId) : undefined); q; q = q.parent) if (q === op.article) return true;
      return false;
    });
  }
  if (op.op === 'insertArticle' && r.form === 'range') {
    const before = e.insertAfter;
    const targets = r.targets.map((t) => t.provision ?? doc.byId.get(t.eId));
    return !!before && targets.includes(before) && targets.indexOf(before) < targets.length - 1;
  }
  return false;
}

/**
 * Inside an annex a bare "article 313" names the main text's Article 313 only while the annex has
 * no article of that number. A change that gives one of the annex's articles that number takes
 * the reference over; renumbering cannot keep it without writing words the user did not ask
 * for ("of the Convention"), so it reports it (UNCLOS Annex VI, article 41: "article 313").
 */
function takenOverInAnnex(doc: TreatyDocument, e: Expectation, r: Reference): boolean {
  if (r.instrument) return false;
  const annex = scopeAt(provisionAtOffset(doc, r.start));
  if (!annex) return false;
  const written = new Set((r.numbers ?? []).filter((n) => n.provision?.kind === 'article' && scopeAt(n.provision) !== annex).map((n) => n.num));
  if (!written.size) return false;
  for (const [p, num] of e.numbers) if (p.kind === 'article' && scopeAt(p) === annex && written.has(num)) return true;
  return e.insertNum !== undefined && written.has(e.insertNum) && scopeAt(e.insertAfter ?? e.insertBefore) === annex;
}

/** The annex, protocol or attachment a provision stands in, if any. */
function scopeAt(p: Provision | undefined): Provision | undefined {
  for (let q = p; q; q = q.parent) if (q.kind === 'annex' || q.kind === 'protocol' || q.kind === 'attachment') return q;
  return undefined;
}

function citingFor(doc: TreatyDocument, text: string): CitingDocument {
  const cites = (r: Reference) => (r.instrument?.id && doc.instrumentId ? r.instrument.id === doc.instrumentId : r.instrument?.title === doc.title);
  return { key: 'other', doc: parseTreaty(text), citesHome: cites };
}

/** An operation on a parsed document, drawn from plain numbers. */
function operation(doc: TreatyDocument, kind: number, a: number, b: number): RenumberOperation | undefined {
  const all = [...walk(doc.root)];
  const arts = all.filter((p) => p.kind === 'article');
  const paras = all.filter((p) => p.kind === 'paragraph' && p.num);
  if (!arts.length) return undefined;
  const art = arts[a % arts.length];
  switch (kind % 6) {
    case 0:
      return { op: 'renumber', provision: art, num: String(1 + (b % 450)) };
    case 1:
      return paras.length ? { op: 'renumber', provision: paras[a % paras.length], num: String(1 + (b % 9)) } : undefined;
    case 2:
      return { op: 'insertArticle', offset: art.start + (b % Math.max(1, art.end - art.start)) };
    case 3:
      return { op: 'removeArticle', article: art };
    case 4:
      return { op: 'sequential', kind: 'article' };
    default:
      return { op: 'sequential', kind: 'paragraph', within: art };
  }
}

/** Runs one case; returns false when the operation was (rightly) refused. */
function runCase(doc: TreatyDocument, op: RenumberOperation, citing: CitingDocument[]): boolean {
  let plan: RenumberPlan;
  try {
    plan = planRenumbering({ home: { key: 'home', doc }, citing }, op);
  } catch (err) {
    if (!(err instanceof RenumberRefusal)) throw err;
    // Refusals only for a number that is taken, a count that cannot go lower, or a number the
    // tool cannot rewrite in place: UNCLOS's resolutions number paragraphs with a number alone on
    // its line, which reads as a paragraph only while it is the next in sequence.
    assert.match(err.message, /already exists|cannot be numbered one lower|would be numbered|has no number in its heading that Pacta can rewrite/, err.message);
    if (/has no number in its heading/.test(err.message)) {
      const named = [...walk(doc.root)].find((p) => p.num && err.message.startsWith(`${provisionLabel(p)} has no number`));
      assert.ok(named && !labelNumberSpan(doc, named), `refused although its number can be rewritten: ${err.message}`);
      return false;
    }
    if (op.op === 'renumber') {
      const clash = [...walk(doc.root)].some((p) => p !== op.provision && p.kind === op.provision.kind && p.parent === op.provision.parent && p.num === op.num);
      const taken = [...walk(doc.root)].some((p) => p !== op.provision && p.eId === op.provision.eId.replace(/_[^_]+$/, `_${op.num}`));
      assert.ok(clash || taken, `refused although ${op.num} is free: ${err.message}`);
    }
    return false;
  }
  const e = expectation(doc, op);
  const { changed, reported } = verify(doc, op, plan, citing);
  const unexpected = changed.filter((r) => !mayChange(doc, op, e, r));
  assert.deepEqual(unexpected.map((r) => r.text), [], 'references changed meaning where this kind of change should not alter them');
  // Nothing is reported that did not change, except ranges that now read differently.
  for (const r of reported) assert.ok(changed.includes(r) || !r.resolved, `“${r.text}” reported without a change`);
  return true;
}

describe('renumbering keeps every reference on its provision (generated texts)', () => {
  test(`${RUNS} random texts and operations`, () => {
    let done = 0;
    fc.assert(
      fc.property(spec, fc.nat(), fc.nat(), fc.nat(), fc.boolean(), (s, kind, a, b, withCiting) => {
        const text = buildText(s);
        const doc = parseTreaty(text);
        const op = operation(doc, kind, a, b);
        if (!op) return;
        const citing = withCiting ? [citingFor(doc, CITING(s.numbers))] : [];
        if (runCase(doc, op, citing)) done++;
      }),
      { numRuns: RUNS, ...SEED },
    );
    assert.ok(done > RUNS / 3, `only ${done} of ${RUNS} cases ran (the rest were refused)`);
  });

  test('a generated text parses as intended (the generator is checked too)', () => {
    const s: Spec = {
      numbers: [1, 2, 4, 4, 7],
      captions: Array(12).fill(true),
      paragraphs: [0, 2, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0],
      points: Array(12).fill(true),
      chapters: [false, false, true, false, false, false, false, false, false, false, false, false],
      refs: [[1, 0, 3, 0], [3, 1, 0, 1], [6, 0, 0, 0]],
      annex: 2,
    };
    const doc = parseTreaty(buildText(s));
    assert.deepEqual(articlesIn(doc.root).map((a) => a.num), ['1', '2', '4', '4', '7']);
    assert.equal(doc.byId.get('art_4__para_2')?.kind, 'paragraph');
    assert.equal(doc.byId.get('art_2__para_1__point_a')?.kind, 'point');
    assert.equal(doc.byId.get('annex_1__art_2')?.kind, 'article', [...doc.byId.keys()].join(' '));
    assert.ok(doc.references.some((r) => r.form === 'range' && r.resolved), doc.references.map((r) => r.text).join(' | '));
    assert.ok(doc.references.filter((r) => r.resolved).length >= 5);
  });
});

describe('renumbering keeps every reference on its provision (real texts)', () => {
  const texts: Array<[string, string, number]> = [
    ['un_charter_en.txt', 'the Charter of the United Nations', Math.max(3, Math.round(RUNS / 10))],
    ['vclt_1969_en.txt', 'the Vienna Convention on the Law of Treaties', Math.max(3, Math.round(RUNS / 10))],
    ['unclos_1982_en.txt', 'the United Nations Convention on the Law of the Sea', Math.max(2, Math.round(RUNS / 40))],
  ];
  for (const [file, name, runs] of texts) {
    test(`${file}: ${runs} random operations`, () => {
      const doc = parseTreaty(readCorpus(file));
      const citing = citingFor(doc, `Notes\n\nArticle 1\n\nArticle 2 of ${name} and Articles 3 to 5 of ${name}; Article 7, paragraph 1, of ${name}.\n`);
      assert.ok(citing.doc.references.some((r) => r.instrument && citing.citesHome(r)), 'the citing note cites the text');
      fc.assert(
        fc.property(fc.nat(), fc.nat(), fc.nat(), (kind, a, b) => {
          const op = operation(doc, kind, a, b);
          if (op) runCase(doc, op, [citing]);
        }),
        { numRuns: runs, ...SEED },
      );
    });
  }
});

describe('renumbering never throws on odd texts', () => {
  test(`${RUNS} texts of random headings, labels and words`, () => {
    const piece = fc.constantFrom(
      'Article 1', 'Article 2', 'ARTICLE 3', 'Art. 4.', '## Article 5 — Heading', 'Article IV', 'Article 8 bis', '제3조 (목적)',
      'CHAPTER II', 'ANNEX I', '1.', '2. Text', '(a) x', '① y', 'Articles 1 to 3', 'paragraph 2 of Article 1', 'the preceding Article',
      'Article 1(2)(a)', 'of the Charter of the United Nations', '', ' ', '\r\n', '\n', 'text', 'DONE at Rome',
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 4 }).map((l) => l.join(' ')), { maxLength: 30 }), fc.nat(), fc.nat(), fc.nat(), (ls, kind, a, b) => {
        const doc = parseTreaty(ls.join('\n'));
        const op = operation(doc, kind, a, b);
        if (!op) return;
        try {
          const plan = planRenumbering({ home: { key: 'home', doc } }, op);
          checkRenumbering(plan, (t) => parseTreaty(t));
        } catch (err) {
          if (!(err instanceof RenumberRefusal)) throw err;
        }
      }),
      { numRuns: RUNS, ...SEED },
    );
  });
});

describe('offsets map through the changes by binary search as they do one change at a time', () => {
  /** The plain reading of mapOffset's contract: walk the changes in order. */
  const stepwise = (changes: readonly TextChange[], offset: number): number | undefined => {
    let delta = 0;
    for (const c of changes) {
      if (offset < c.start) break;
      if (c.kind === 'delete' && offset < c.end) return undefined;
      if (c.kind === 'number' && offset < c.end) return c.start + delta;
      delta += c.newText.length - (c.end - c.start);
    }
    return offset + delta;
  };
  // Sorted, non-overlapping changes as sortChanges leaves them: a gap, then a number, an
  // insertion (possibly right where a number starts) or a deletion.
  const changeList = fc
    .array(fc.tuple(fc.nat(3), fc.constantFrom('number', 'insert', 'delete'), fc.integer({ min: 1, max: 4 }), fc.nat(5)), { maxLength: 25 })
    .map((steps) => {
      const out: TextChange[] = [];
      let at = 0;
      for (const [gap, kind, length, written] of steps) {
        at += gap;
        if (kind === 'insert') out.push({ start: at, end: at, newText: 'x'.repeat(written + 1), kind });
        else {
          out.push({ start: at, end: at + length, newText: kind === 'delete' ? '' : '9'.repeat(written + 1), kind: kind as TextChange['kind'] });
          at += length;
        }
      }
      return out;
    });

  test(`${RUNS} random change lists, every offset`, () => {
    fc.assert(
      fc.property(changeList, (changes) => {
        const map = offsetMapper(changes);
        const last = changes.length ? changes[changes.length - 1].end + 2 : 3;
        for (let o = 0; o <= last; o++) {
          assert.equal(map(o), stepwise(changes, o), `offset ${o} in ${JSON.stringify(changes)}`);
          assert.equal(mapOffset(changes, o), stepwise(changes, o));
        }
      }),
      { numRuns: RUNS, ...SEED },
    );
  });
});
