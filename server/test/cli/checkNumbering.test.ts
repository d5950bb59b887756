// `pacta check` reports numbering faults as warnings: listed, but the exit status changes
// only with --strict.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt } from '../helpers/build';
import { REPO } from '../helpers/paths';
import { sarifSchemaErrors } from '../support/sarif';

const BIN = path.join(REPO, 'bin/pacta.js');
// Written for this test: every reference resolves, but Article 3 is missing and paragraph 3 of Article 2 too.
const GAPPY = ['Pact on Gaps', '', 'Article 1', '', 'Article 2 applies.', '', 'Article 2', '', '1. One.', '2. Two.', '4. Four.', '', 'Article 4', '', 'Article 1 applies.', ''].join('\n');

let tmp: string;
let file: string;

function pacta(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-numbering-'));
  file = path.join(tmp, 'gaps.treaty');
  fs.writeFileSync(file, GAPPY);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('pacta check: numbering faults', () => {
  it('lists them as warnings at the number, and exits 0 without --strict', () => {
    const r = pacta('check', 'gaps.treaty');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'gaps.treaty:11:1: warning: Article 2(4) follows Article 2(2): number 3 is skipped',
      'gaps.treaty:13:9: warning: Article 4 follows Article 2: number 3 is skipped',
    ]);
  });

  it('exits 1 with --strict, and says why', () => {
    const r = pacta('check', '--strict', 'gaps.treaty');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /2 numbering faults \(--strict\)/);
  });

  it('counts them as warnings in JSON and as warning results in valid SARIF', () => {
    const json = JSON.parse(pacta('check', '--format', 'json', 'gaps.treaty').stdout);
    assert.deepEqual([json.errors, json.warnings, json.notes], [0, 2, 0]);
    assert.deepEqual(json.findings.map((f: { rule: string; targets: string[] }) => [f.rule, f.targets]), [['numbering-fault', ['art_2__para_4']], ['numbering-fault', ['art_4']]]);
    const sarif = JSON.parse(pacta('check', '--format', 'sarif', 'gaps.treaty').stdout);
    assert.deepEqual(sarifSchemaErrors(sarif), []);
    assert.deepEqual(sarif.runs[0].results.map((x: { level: string; ruleId: string }) => [x.ruleId, x.level]), [['numbering-fault', 'warning'], ['numbering-fault', 'warning']]);
  });
});
