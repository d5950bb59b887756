// The `pacta` command as a user runs it: `node bin/pacta.js …` on corpus files and on
// texts written to a temp folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt } from '../helpers/build';
import { corpusFile, REPO } from '../helpers/paths';
import { ORCHARD } from '../helpers/samples';

const BIN = path.join(REPO, 'bin/pacta.js');
const CHARTER = corpusFile('un_charter_en.txt');
const NATO = corpusFile('north_atlantic_treaty_1949_en.txt');
let tmp: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function pacta(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 120_000, // a hang fails the test rather than the run
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

interface OutlineNode {
  kind: string;
  eId: string;
  num: string | null;
  heading: string | null;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  children: OutlineNode[];
}

function* walk(nodes: OutlineNode[]): Generator<OutlineNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-cli-'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('pacta --help / --version', () => {
  it('prints usage and the version', () => {
    const help = pacta('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /pacta outline FILE/);
    assert.match(help.stdout, /pacta check FILE/);
    const version = pacta('--version');
    assert.equal(version.status, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  it('rejects an unknown command or option with a clear message', () => {
    const r = pacta('frobnicate', NATO);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pacta: unknown command frobnicate/);
    assert.match(pacta('outline', NATO, '--jsno').stderr, /unknown option --jsno/);
    assert.equal(pacta().status, 2);
  });
});

describe('pacta outline', () => {
  it('gives the UN Charter as JSON: 19 chapters holding 111 articles, the root skipped', () => {
    const r = pacta('outline', CHARTER, '--json');
    assert.equal(r.status, 0, r.stderr);
    const tree = JSON.parse(r.stdout) as OutlineNode[];
    assert.ok(!tree.some((n) => n.kind === 'document'), 'no document root');
    const chapters = tree.filter((n) => n.kind === 'chapter');
    assert.equal(chapters.length, 19);
    assert.equal([...walk(tree)].filter((n) => n.kind === 'article').length, 111);
    const chVII = chapters.find((c) => c.num === 'VII')!;
    assert.equal(chVII.eId, 'chp_VII');
    const art51 = chVII.children.find((c) => c.eId === 'art_51')!;
    assert.ok(art51, 'Article 51 in Chapter VII');
    assert.deepEqual(Object.keys(art51).sort(), ['children', 'eId', 'heading', 'kind', 'num', 'range'].sort());
    assert.equal(art51.num, '51');
    const line = fs.readFileSync(CHARTER, 'utf8').split('\n').indexOf('Article 51');
    assert.deepEqual(art51.range.start, { line, character: 0 });
    for (const n of walk(tree)) {
      assert.equal(typeof n.range.start.line, 'number');
      assert.equal(typeof n.range.end.character, 'number');
    }
  });

  it('prints an indented tree by default', () => {
    const r = pacta('outline', NATO);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.includes('Article 5'));
    assert.ok(lines.some((l) => /^ {2}\S/.test(l)), 'children are indented');
    assert.ok(!lines.some((l) => /NORTH ATLANTIC TREATY/.test(l)), 'the title (root) is not printed');
  });
});

describe('pacta refs', () => {
  it('lists the references of NATO as JSON', () => {
    const r = pacta('refs', NATO, '--json');
    assert.equal(r.status, 0, r.stderr);
    const refs = JSON.parse(r.stdout) as Array<{ range: OutlineNode['range']; text: string; targets: Array<{ eId: string; instrument: string | null }>; resolved: boolean }>;
    assert.ok(refs.length >= 2);
    for (const ref of refs) {
      assert.deepEqual(Object.keys(ref).sort(), ['range', 'resolved', 'targets', 'text']);
      assert.equal(typeof ref.resolved, 'boolean');
      for (const t of ref.targets) assert.deepEqual(Object.keys(t).sort(), ['eId', 'instrument']);
    }
    const a51 = refs.find((x) => x.text.startsWith('Article 51'))!;
    assert.deepEqual(a51.targets, [{ eId: 'art_51', instrument: 'Charter of the United Nations' }]);
    assert.equal(a51.resolved, false, 'the Charter is not given');
    const a5 = refs.find((x) => x.text === 'Article 5')!;
    assert.deepEqual(a5.targets, [{ eId: 'art_5', instrument: null }]);
    assert.equal(a5.resolved, true);
  });

  it('resolves into a --library folder', () => {
    const lib = path.join(tmp, 'lib');
    fs.mkdirSync(lib, { recursive: true });
    fs.copyFileSync(CHARTER, path.join(lib, 'charter.txt'));
    const refs = JSON.parse(pacta('refs', NATO, '--json', '--library', lib).stdout) as Array<{ text: string; resolved: boolean }>;
    assert.equal(refs.find((x) => x.text.startsWith('Article 51'))!.resolved, true);
  });

  it('prints line:col  text  →  targets by default', () => {
    const r = pacta('refs', NATO);
    assert.equal(r.status, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => /^\d+:\d+ {2}Article 5 {2}/.test(l));
    assert.ok(line, r.stdout);
    assert.match(line, /^\d+:\d+ {2}Article 5 {2}→ {2}Article 5$/);
  });
});

describe('pacta check', () => {
  it('exits 0 on a clean text', () => {
    const r = pacta('check', CHARTER);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });

  it('exits 1 and says where on a broken reference', () => {
    const file = write('three.treaty', 'Pact of Three Articles\n\nArticle 1\n\nThe Parties agree.\n\nArticle 2\n\nArticle 1 applies.\n\nArticle 3\n\nAs Article 99 provides.\n');
    const r = pacta('check', file);
    assert.equal(r.status, 1);
    assert.equal(r.stdout.trim(), `${file}:13:4: Article 99: this document has no Article 99; the last is Article 3`);
    assert.match(r.stderr, /1 unresolved reference/);
  });

  it('reports every broken reference of several files, 1-based', () => {
    const orchard = write('orchard.treaty', ORCHARD);
    const r = pacta('check', CHARTER, orchard);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /orchard\.treaty:21:15: Article 25: /);
  });

  it('does not count an instrument that is not available, but does check a found one', () => {
    const r = pacta('check', NATO);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /info: Article 51 of the Charter of the United Nations/);
    const pact = write('pact.treaty', 'Pact\n\nArticle 1\n\nSee Article 51 of the Charter of the United Nations and Article 200 of the Charter of the United Nations.\n');
    const withCharter = pacta('check', pact, CHARTER);
    assert.equal(withCharter.status, 1, withCharter.stdout);
    const out = withCharter.stdout.trim().split('\n');
    assert.equal(out.length, 1, withCharter.stdout);
    assert.match(out[0], /pact\.treaty:5:\d+: Article 200 of the Charter/);
  });

  it('exits 2 with a message on a missing file, and still checks the others', () => {
    const r = pacta('check', path.join(tmp, 'missing.treaty'), CHARTER);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pacta: cannot read .*missing\.treaty: no such file or directory$/m);
    assert.match(pacta('outline', tmp).stderr, /cannot read .*: it is a directory/);
  });
});

describe('pacta on bad input', () => {
  it('an empty file', () => {
    const file = write('empty.txt', '');
    assert.deepEqual(JSON.parse(pacta('outline', file, '--json').stdout), []);
    assert.deepEqual(JSON.parse(pacta('refs', file, '--json').stdout), []);
    assert.equal(pacta('check', file).status, 0);
  });

  it('binary junk', () => {
    const junk = Buffer.alloc(64 * 1024);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    const file = write('junk.bin', junk);
    for (const cmd of ['outline', 'refs', 'check']) {
      const r = pacta(cmd, file);
      assert.equal(r.status, 2, cmd);
      assert.match(r.stderr, /^pacta: cannot read .*junk\.bin: not a text file/, cmd);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
    }
    // Junk without NUL bytes is read as text and gets normal output.
    const noNul = write('junk.txt', Buffer.from(junk.map((b) => (b === 0 ? 1 : b))));
    const r = pacta('outline', noNul, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Array.isArray(JSON.parse(r.stdout)));
  });

  it('a 10 MB file on one line', () => {
    const file = write('oneline.txt', 'the Parties shall act under Article 12 and '.repeat(250_000).slice(0, 10 * 1024 * 1024));
    const outline = pacta('outline', file, '--json');
    assert.equal(outline.status, 0, outline.stderr);
    assert.ok(Array.isArray(JSON.parse(outline.stdout)));
    const check = pacta('check', file);
    assert.ok(check.status === 0 || check.status === 1, check.stderr);
    assert.doesNotMatch(check.stderr, /internal error/);
  });

  it('100,000 "Article 1" lines', () => {
    const file = write('many.txt', 'Article 1\n'.repeat(100_000));
    const outline = pacta('outline', file, '--json');
    assert.equal(outline.status, 0, outline.stderr);
    const tree = JSON.parse(outline.stdout) as OutlineNode[];
    assert.equal([...walk(tree)].filter((n) => n.kind === 'article').length, 100_000);
    const check = pacta('check', file);
    assert.ok(check.status === 0 || check.status === 1, check.stderr);
    assert.doesNotMatch(check.stderr, /internal error/);
  });
});
