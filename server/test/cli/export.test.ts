// `pacta export FILE --akn`: every corpus text and every sample is written as Akoma Ntoso
// 3.0 and validated against the official OASIS schema (../shared/schemas/akn3) with
// xmllint (Debian's libxml2-utils); every local href/from/upTo must name an eId in the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTreaty, walk } from '../../src/model';
import { ensureBuilt } from '../helpers/build';
import { CORPUS, REPO } from '../helpers/paths';

const BIN = path.join(REPO, 'bin/pacta.js');
const SCHEMA = path.resolve(REPO, '../shared/schemas/akn3/akomantoso30.xsd');
const CORPUS_TEXTS = ['un_charter_en.txt', 'vclt_1969_en.txt', 'north_atlantic_treaty_1949_en.txt', 'unclos_1982_en.txt', 'vclt_1969_ko_partial.txt'];
let tmp: string;

function sampleTexts(dir = path.join(REPO, 'samples')): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sampleTexts(full));
    else if (/\.treaty(\.txt|\.md)?$/.test(e.name)) out.push(full);
  }
  return out.sort();
}

function xmllint(): string {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    assert.fail('xmllint is not installed: the Akoma Ntoso tests need it (apt-get install -y libxml2-utils; .ci/run installs it)');
  }
  return 'xmllint';
}

function exportAkn(file: string, ...extra: string[]): { xml: string; stderr: string } {
  const out = path.join(tmp, path.basename(file) + '.akn.xml');
  const r = spawnSync(process.execPath, [BIN, 'export', file, '--akn', '-o', out, ...extra], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return { xml: fs.readFileSync(out, 'utf8'), stderr: r.stderr };
}

function validate(xml: string, name: string): void {
  const file = path.join(tmp, name + '.validate.xml');
  fs.writeFileSync(file, xml);
  const r = spawnSync(xmllint(), ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${name} does not validate against akomantoso30.xsd:\n${r.stderr.slice(0, 4000)}`);
  assert.match(r.stderr, /validates/);
}

/** Every `#eId` in href, from and upTo names an element of the file. */
function danglingLocalRefs(xml: string): string[] {
  const ids = new Set([...xml.matchAll(/ eId="([^"]+)"/g)].map((m) => m[1]));
  const refs = [...xml.matchAll(/ (?:href|from|upTo)="#([^"]+)"/g)].map((m) => m[1]);
  return refs.filter((r) => !ids.has(r));
}

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-akn-'));
  assert.ok(fs.existsSync(SCHEMA), `the Akoma Ntoso schema must be at ${SCHEMA} (../shared/schemas/akn3 beside the repository)`);
  xmllint();
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('pacta export --akn', () => {
  for (const name of CORPUS_TEXTS) {
    it(`${name}: valid Akoma Ntoso 3.0, the model's hierarchy and eIds, no dangling reference`, () => {
      const file = path.join(CORPUS, name);
      const { xml } = exportAkn(file, '--library', CORPUS);
      validate(xml, name);
      assert.deepEqual(danglingLocalRefs(xml), []);
      // Every article, chapter, part, paragraph and point of the model is an element with its eId.
      const doc = parseTreaty(fs.readFileSync(file, 'utf8'));
      for (const p of walk(doc.root)) {
        if (['article', 'chapter', 'part', 'section', 'paragraph', 'point', 'recital', 'annex'].includes(p.kind)) {
          assert.ok(xml.includes(` eId="${p.eId}"`), `${name}: ${p.eId} is missing`);
        }
      }
    });
  }

  it('the UN Charter: preface, preamble with enacting formula, cross-headings, ref/rref/mref', () => {
    const { xml } = exportAkn(path.join(CORPUS, 'un_charter_en.txt'));
    assert.match(xml, /<FRBRuri value="\/akn\/un\/act\/treaty\/1945-06-26\/charter"\/>/);
    assert.match(xml, /<FRBRlanguage language="eng"\/>/);
    assert.match(xml, /<docTitle>Charter of the United Nations<\/docTitle>/);
    assert.match(xml, /<recital eId="preamble__recital_1">/);
    assert.match(xml, /<formula name="enactingFormula"/);
    assert.match(xml, /<chapter eId="chp_VII">\s*<num>CHAPTER VII<\/num>/i);
    assert.match(xml, /<article eId="art_51">\s*<num>Article 51<\/num>/);
    assert.match(xml, /<crossHeading>Voting<\/crossHeading>/);
    assert.match(xml, /<rref from="#art_33" upTo="#art_37">Articles 33 to 37<\/rref>/);
    assert.match(xml, /<mref>Articles <ref href="#art_41">41<\/ref> and <ref href="#art_42">42<\/ref><\/mref>/);
    assert.match(xml, /<conclusions eId="conclusions">/);
  });

  it('UNCLOS and the VCLT: annexes are attachments with their own FRBR component, eIds unique in the file', () => {
    const { xml } = exportAkn(path.join(CORPUS, 'unclos_1982_en.txt'));
    assert.match(xml, /<attachment eId="annex_VII">\s*<num>ANNEX VII<\/num>/);
    assert.match(xml, /<FRBRthis value="\/akn\/un\/act\/treaty\/1982-12-10\/unclos\/!annex_VII"\/>/);
    assert.match(xml, /<article eId="annex_VII__art_1">/);
    const vclt = exportAkn(path.join(CORPUS, 'vclt_1969_en.txt')).xml;
    // The Final Act's own conclusions get an eId of their own.
    assert.equal([...vclt.matchAll(/<conclusions eId="conclusions"/g)].length, 1);
  });

  it('references to another instrument carry its /akn IRI; with its text at hand, a missing target stays text', () => {
    const nato = exportAkn(path.join(CORPUS, 'north_atlantic_treaty_1949_en.txt')).xml;
    assert.match(nato, /<ref href="\/akn\/un\/act\/treaty\/1945-06-26\/charter\/~art_51">Article 51 of the Charter of the United Nations<\/ref>/);
    const broken = path.join(REPO, 'samples/broken-references.treaty.txt');
    const without = exportAkn(broken).xml;
    assert.match(without, /<ref href="\/akn\/un\/act\/treaty\/1945-06-26\/charter\/~art_112">/);
    const withCharter = exportAkn(broken, '--library', CORPUS);
    assert.doesNotMatch(withCharter.xml, /~art_112/);
    assert.match(withCharter.xml, /Article 112 of the Charter of the United Nations/);
    assert.match(withCharter.stderr, /7 unresolved left as text/);
    // The text's own broken references are text too, never a dangling #eId.
    assert.match(without, /Article 25/);
    assert.doesNotMatch(without, /#art_25"/);
    assert.deepEqual(danglingLocalRefs(without), []);
  });

  for (const file of sampleTexts()) {
    const name = path.relative(REPO, file);
    it(`${name}: valid Akoma Ntoso 3.0`, () => {
      const { xml } = exportAkn(file);
      validate(xml, path.basename(file));
      assert.deepEqual(danglingLocalRefs(xml), []);
    });
  }

  it('writes to stdout without -o, and says what is wrong with a bad call', () => {
    const r = spawnSync(process.execPath, [BIN, 'export', path.join(CORPUS, 'north_atlantic_treaty_1949_en.txt'), '--akn'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<akomaNtoso xmlns="http:\/\/docs.oasis-open.org\/legaldocml\/ns\/akn\/3.0">/);
    const noFormat = spawnSync(process.execPath, [BIN, 'export', path.join(CORPUS, 'north_atlantic_treaty_1949_en.txt')], { encoding: 'utf8' });
    assert.equal(noFormat.status, 2);
    assert.match(noFormat.stderr, /export needs a format: --akn/);
  });
});
