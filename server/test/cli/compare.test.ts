// `pacta compare` as a user runs it: `node bin/pacta.js compare FILE#EID OTHER#EID` on the
// samples written for comparing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt } from '../helpers/build';
import { REPO } from '../helpers/paths';

const BIN = path.join(REPO, 'bin/pacta.js');
const DIR = path.join(REPO, 'samples/compare');
const A = 'friendship-treaty-1961-style.treaty.txt';
const B = 'partnership-treaty-2024-style.treaty.txt';
const ADDED = '{+, in accordance with Article 51 of the Charter of the United Nations and with the laws of both Contracting Parties, +}';

function pacta(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: DIR, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

before(() => ensureBuilt());

describe('pacta compare', () => {
  it('prints the word diff from the 1961 Article 1(2) to the 2024 Article 4 and their similarity', () => {
    const r = pacta('compare', `${A}#art_1__para_2`, `${B}#art_4`);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout.split('\n');
    assert.equal(out[0], `--- ${A}#art_1__para_2  Article 1(2)`);
    assert.equal(out[1], `+++ ${B}#art_4  Article 4 — Mutual assistance`);
    assert.ok(out[2].includes(`shall at once${ADDED}give it military and other aid`), out[2]);
    assert.ok(!out[2].includes('[-'), 'nothing removed');
    assert.match(r.stdout, /^similarity: 82% \(45 words in common, in order, of 45 and 65\)$/m);
  });

  it('prints the other direction as a removal', () => {
    const r = pacta('compare', `${B}#art_4`, `${A}#art_1__para_2`);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('[-, in accordance with Article 51 of the Charter'), r.stdout);
  });

  it('gives JSON with --json', () => {
    const r = pacta('compare', `${A}#art_1__para_2`, `${B}#art_4`, '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { left: { eId: string; label: string }; right: { label: string }; added: string[]; similarity: number; percent: string };
    assert.equal(j.left.label, 'Article 1(2)');
    assert.equal(j.right.label, 'Article 4');
    assert.equal(j.added.length, 1);
    assert.equal(j.percent, '82%');
    assert.ok(j.similarity > 0.81 && j.similarity < 0.82);
  });

  it('says which provisions a file has when the eId is not there (exit 2)', () => {
    const r = pacta('compare', `${A}#art_9`, `${B}#art_4`);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /has no provision art_9; its articles run from art_1 to art_6/);
    const p = pacta('compare', `${A}#art_1__para_5`, `${B}#art_4`);
    assert.match(p.stderr, /Article 1 has art_1__para_1, art_1__para_2/);
  });

  it('explains the FILE#EID form and a missing file', () => {
    assert.match(pacta('compare', A, `${B}#art_4`).stderr, /write a provision as FILE#EID/);
    assert.match(pacta('compare', `${A}#art_1`).stderr, /compare takes two provisions/);
    const missing = pacta('compare', 'nope.txt#art_1', `${B}#art_4`);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nope\.txt/);
  });
});
