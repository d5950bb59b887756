// The Akoma Ntoso writer on texts made for the test: lists with ranges inside, escaping,
// odd input (empty, no structure, control characters, a huge line). Every output is
// validated against the OASIS schema with xmllint (Debian libxml2-utils).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { detectLanguage, parseTreaty, toAkomaNtoso, workIdentity } from '../../src/model';
import { REPO } from '../helpers/paths';

const SCHEMA = path.resolve(REPO, '../shared/schemas/akn3/akomantoso30.xsd');
let tmp: string;

function akn(text: string): { xml: string; stats: ReturnType<typeof toAkomaNtoso>['stats'] } {
  return toAkomaNtoso(parseTreaty(text), { generated: '2026-01-02' });
}

function assertValid(xml: string, name: string): void {
  const file = path.join(tmp, `${name}.xml`);
  fs.writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  if (r.error) assert.fail('xmllint is not installed: apt-get install -y libxml2-utils (.ci/run installs it)');
  assert.equal(r.status, 0, `${name}:\n${r.stderr.slice(0, 3000)}`);
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-akn-model-'));
  assert.ok(fs.existsSync(SCHEMA), `the Akoma Ntoso schema must be at ${SCHEMA}`);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TEXT = `Convention on Testing & Checking <Draft>

The Parties,

Have agreed as follows:

Article 1
Scope

1. This Convention applies to Articles 3 to 5 and 7.
2. Nothing in paragraph 1 affects Articles 2, 4 and 6, or Article 51 of the Charter of the United Nations.

Article 2
Article 1 applies "mutatis mutandis" to Article 99.

Article 3
Text.

Article 4
Text.

Article 5
Text.

Article 6
Text.

Article 7
(a) first;
(b) second, as in point (a).

IN WITNESS WHEREOF the undersigned have signed this Convention.
`;

describe('toAkomaNtoso', () => {
  it('marks up lists, ranges inside lists, external and unresolved references, and validates', () => {
    const { xml, stats } = akn(TEXT);
    assertValid(xml, 'forms');
    assert.match(xml, /<mref>Articles <rref from="#art_3" upTo="#art_5">3 to 5<\/rref> and <ref href="#art_7">7<\/ref><\/mref>/);
    assert.match(xml, /<mref>Articles <ref href="#art_2">2<\/ref>, <ref href="#art_4">4<\/ref> and <ref href="#art_6">6<\/ref><\/mref>/);
    assert.match(xml, /<ref href="\/akn\/un\/act\/treaty\/1945-06-26\/charter\/~art_51">Article 51 of the Charter of the United Nations<\/ref>/);
    assert.match(xml, /<ref href="#art_7__point_a">point \(a\)<\/ref>/);
    // Article 99 does not exist: plain text, counted.
    assert.match(xml, /to Article 99\./);
    assert.equal(stats.unresolved, 1);
    assert.match(xml, /<docTitle>Convention on Testing &amp; Checking &lt;Draft&gt;<\/docTitle>/);
    assert.match(xml, /<formula name="enactingFormula" eId="preamble__recital_2">\s*<p>Have agreed as follows:<\/p>/);
    assert.match(xml, /<article eId="art_1">\s*<num>Article 1<\/num>\s*<heading>Scope<\/heading>\s*<paragraph eId="art_1__para_1">\s*<num>1\.<\/num>/);
    assert.match(xml, /<conclusions eId="conclusions">\s*<p>IN WITNESS WHEREOF/);
  });

  it('never fails on odd input, and every output validates', () => {
    const odd: Record<string, string> = {
      empty: '',
      blank: '\n\n   \n',
      prose: 'Just a sentence with no structure at all.',
      control: 'Title\u0000\u0007\n\nArticle 1\nText \u001b with controls \ud800 and a lone surrogate.',
      crlf: 'Agreement\r\n\r\nArticle 1\r\nSee Article 2.\r\n\r\nArticle 2\r\nText.\r\n',
      headingsOnly: 'Article 1\nArticle 2\nArticle 3',
      longLine: 'Treaty\n\nArticle 1\n' + 'the Parties shall act under Article 1 and '.repeat(1000),
      annexOnly: 'ANNEX I\nText of the annex.\n\nArticle 1\nSee Article 2 of this Annex.',
    };
    for (const [name, text] of Object.entries(odd)) {
      const { xml } = akn(text);
      assertValid(xml, name);
    }
  });

  it('names the language and the Work', () => {
    assert.equal(detectLanguage('제1조 이 협약은 국가 간의 조약에 적용된다.').iso639_2, 'kor');
    assert.equal(detectLanguage('Статья 1. Настоящая Конвенция применяется к договорам между государствами.').code, 'ru');
    assert.equal(detectLanguage("Article premier. La présente Convention s'applique aux traités entre les États et des organisations.").code, 'fr');
    assert.equal(detectLanguage('Article 1. The present Convention applies to treaties between States.').code, 'en');
    assert.equal(workIdentity('vclt', undefined).iri, '/akn/un/act/treaty/1969-05-23/vclt');
    assert.equal(workIdentity(undefined, 'Treaty on Comprehensive Strategic Partnership between the Republic of Arcadia and Borealis').iri, '/akn/int/act/treaty/treaty-on-comprehensive-strategic-partnership-between-the');
  });
});
