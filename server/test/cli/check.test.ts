// `pacta check` over folders, with text, JSON and SARIF output, as CI runs it. The SARIF
// is validated against the SARIF 2.1.0 JSON schema and checked for what GitHub code
// scanning needs (relative URIs under %SRCROOT%, a rule for every result, 1-based regions).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt } from '../helpers/build';
import { CORPUS, REPO } from '../helpers/paths';
import { sarifSchemaErrors } from '../support/sarif';

const BIN = path.join(REPO, 'bin/pacta.js');
let tmp: string;

function pacta(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function put(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const BROKEN = `Agreement on Testing

Article 1
The Parties shall apply Article 2 and Article 9.

Article 2
Nothing in Article 1 or in Articles 3 to 4 affects Article 51 of the Charter of the United Nations.
`;
const CLEAN = `Protocol on Clean Texts

Article 1
This Protocol applies Article 2.

Article 2
Article 1 applies.
`;
// A README that mentions an article but is no treaty: a folder walk must not check it.
const NOTES = `# Notes\n\nSee Article 99 of the draft for the open question.\n`;

let repo: string;

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-check-'));
  repo = path.join(tmp, 'repo');
  put(repo, 'texts/agreement.treaty.txt', BROKEN);
  put(repo, 'texts/nested/protocol.treaty', CLEAN);
  put(repo, 'texts/plain-named.txt', CLEAN.replace('Protocol on Clean Texts', 'Second Protocol'));
  put(repo, 'texts/NOTES.md', NOTES);
  put(repo, 'node_modules/dep/bad.treaty', BROKEN);
  put(repo, '.git/bad.treaty', BROKEN);
  put(repo, 'clean/only.treaty', CLEAN);
  fs.mkdirSync(path.join(repo, 'empty'));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('pacta check on folders', () => {
  it('walks a folder recursively, checks treaty-like files only, and exits 1 on broken references', () => {
    const r = pacta(repo, 'check', 'texts');
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    // Article 9 and the range "Articles 3 to 4" do not exist; the Charter is not at hand (a note).
    assert.deepEqual(
      lines.map((l) => l.replace(/: [^:]*$/, '')),
      [
        `${path.join('texts', 'agreement.treaty.txt')}:4:39: Article 9`,
        `${path.join('texts', 'agreement.treaty.txt')}:7:28: Articles 3 to 4`,
        `${path.join('texts', 'agreement.treaty.txt')}:7:52: info: Article 51 of the Charter of the United Nations`,
      ],
    );
    assert.match(r.stderr, /2 unresolved references in 3 files/);
    assert.doesNotMatch(r.stdout + r.stderr, /NOTES|node_modules|\.git/);
  });

  it('exits 0 and prints nothing for a clean folder', () => {
    const r = pacta(repo, 'check', 'clean');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('exits 2 when it cannot run: a missing path, a folder without treaties, an unknown format', () => {
    const missing = pacta(repo, 'check', 'nowhere', 'clean');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nowhere: no such file or directory/);
    const empty = pacta(repo, 'check', 'empty');
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /no treaty texts found in empty/);
    const format = pacta(repo, 'check', '--format', 'xml', 'clean');
    assert.equal(format.status, 2);
    assert.match(format.stderr, /unknown format xml: use text, json, sarif/);
  });

  it('--format json lists files, counts and findings with 1-based positions', () => {
    const r = pacta(repo, 'check', '--format', 'json', 'texts');
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    // A folder's files in name order, then its subfolders.
    assert.deepEqual(out.files, ['agreement.treaty.txt', 'plain-named.txt', 'nested/protocol.treaty'].map((f) => path.join('texts', f)));
    assert.equal(out.errors, 2);
    assert.equal(out.notes, 1);
    const art9 = out.findings.find((f: { reference: string }) => f.reference === 'Article 9');
    assert.deepEqual(
      { rule: art9.rule, line: art9.line, column: art9.column, endLine: art9.endLine, endColumn: art9.endColumn, targets: art9.targets },
      { rule: 'unresolved-reference', line: 4, column: 39, endLine: 4, endColumn: 48, targets: [] },
    );
    assert.match(art9.message, /no Article 9; the last is Article 2/);
  });

  it('--format sarif is valid SARIF 2.1.0 with what GitHub code scanning reads', () => {
    const r = pacta(repo, 'check', '--format', 'sarif', 'texts');
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const rules: Array<{ id: string }> = run.tool.driver.rules;
    assert.deepEqual(rules.map((x) => x.id), ['unresolved-reference', 'instrument-text-unavailable', 'numbering-fault']);
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, new URL(`file://${repo}/`).href);
    assert.equal(run.results.length, 3);
    for (const res of run.results) {
      assert.equal(rules[res.ruleIndex].id, res.ruleId);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'texts/agreement.treaty.txt');
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      assert.ok(res.partialFingerprints['pactaReference/v1']);
    }
    assert.deepEqual(run.results.map((x: { level: string }) => x.level), ['error', 'error', 'note']);
    assert.equal(run.invocations[0].executionSuccessful, true);
  });

  it('SARIF records files it could not read as failed execution, and stays valid', () => {
    put(repo, 'bin/image.treaty', '\u0000\u0001PNG');
    const r = pacta(repo, 'check', '--format=sarif', 'bin', 'clean');
    assert.equal(r.status, 2);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(sarifSchemaErrors(log), []);
    const inv = log.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0].message.text, /not a text file/);
  });

  it('-o writes the report to a file', () => {
    const out = path.join(tmp, 'pacta.sarif');
    const r = pacta(repo, 'check', 'texts', '--format', 'sarif', '-o', out);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.deepEqual(sarifSchemaErrors(JSON.parse(fs.readFileSync(out, 'utf8'))), []);
  });

  it('checks the real corpus folder, with the Charter available as a library, into valid SARIF', () => {
    const r = pacta(REPO, 'check', CORPUS, path.join(REPO, 'samples'), '--library', CORPUS, '--format', 'sarif');
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(sarifSchemaErrors(log), []);
    const uris: string[] = log.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri);
    for (const f of ['un_charter_en.txt', 'unclos_1982_en.txt', 'vclt_1969_en.txt', 'north_atlantic_treaty_1949_en.txt']) {
      assert.ok(uris.some((u) => u.endsWith(f)), `${f} was checked`);
    }
    assert.ok(!uris.some((u) => /README\.md$/.test(u)), 'the corpus README is not a treaty');
    // With the Charter at hand, the sample's "Article 112 of the Charter" is an error, not a note.
    const a112 = log.runs[0].results.find((x: { message: { text: string } }) => x.message.text.startsWith('Article 112 of the Charter'));
    assert.equal(a112?.ruleId, 'unresolved-reference');
    assert.match(a112.message.text, /Charter of the United Nations has no Article 112; the last is Article 111/);
  });
});
