// The one renderer: the same provision reads the same in hover, outline and diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTreaty, provisionLabel, outlineName, provisionPath, provisionText } from '../../src/model';
import { readCorpus } from '../support/corpus';

const charter = parseTreaty(readCorpus('un_charter_en.txt'));
const unclos = parseTreaty(readCorpus('unclos_1982_en.txt'));
const nato = parseTreaty(readCorpus('north_atlantic_treaty_1949_en.txt'));

test('labels in citation style', () => {
  assert.equal(provisionLabel(charter.byId.get('art_51')!), 'Article 51');
  assert.equal(provisionLabel(charter.byId.get('art_13__para_1__point_b')!), 'Article 13(1)(b)');
  assert.equal(provisionLabel(unclos.byId.get('annex_VII__art_3__point_b')!), 'Annex VII, Article 3(b)');
  assert.equal(provisionLabel(unclos.byId.get('part_XI__sec_4')!), 'Part XI, Section 4');
  assert.equal(provisionLabel(nato.byId.get('art_5__para_2')!), 'Article 5, second paragraph');
  assert.equal(provisionLabel(charter.byId.get('chp_VII')!), 'Chapter VII');
});

test('outline names carry the heading after a dash, none without', () => {
  assert.equal(outlineName(unclos.byId.get('art_287')!), 'Article 287 — Choice of procedure');
  assert.equal(outlineName(charter.byId.get('art_51')!), 'Article 51');
});

test('paths name the instrument and the containers', () => {
  assert.equal(provisionPath(charter, charter.byId.get('art_51')!), 'Charter of the United Nations › Chapter VII › Article 51');
  assert.equal(provisionPath(charter, charter.byId.get('art_52__para_3')!), 'Charter of the United Nations › Chapter VIII › Article 52(3)');
});

test('recitals are numbered; annex paths do not repeat the annex', () => {
  assert.equal(outlineName(nato.byId.get('preamble__recital_2')!), 'Recital 2');
  assert.equal(provisionPath(unclos, unclos.byId.get('annex_VII__art_3__point_b')!), 'United Nations Convention on the Law of the Sea › Annex VII, Article 3(b)');
});

test('texts are cut on a word with a flag', () => {
  const full = provisionText(charter, charter.byId.get('art_51')!, 10_000);
  assert.equal(full.cut, false);
  assert.match(full.text, /^Article 51\nNothing in the present Charter shall impair the inherent right/);
  const cut = provisionText(charter, charter.byId.get('art_51')!, 100);
  assert.equal(cut.cut, true);
  assert.ok(cut.text.length <= 100 && !cut.text.endsWith(' '));
});

test('a cut text counts the whole provision the way the full text reads it', () => {
  // Lines trimmed, blank lines dropped, CRLF and lone CR as line ends: the cut prefix and the
  // count must agree with the full text, which is built only when asked for.
  const text = 'Pact\r\n\r\nPART I\r\n\r\n  Article 1  \r\n\r\n1. First   line\rsecond line \u00a0\n\n\t\n2. ' + 'word '.repeat(400) + '\n\nArticle 2\n\nEnd.\n';
  const doc = parseTreaty(text);
  const part = doc.byId.get('part_I')!;
  const full = provisionText(doc, part, Number.MAX_SAFE_INTEGER);
  assert.match(full.text, /^PART I\nArticle 1\n1\. First {3}line\nsecond line\n2\. word word/);
  assert.ok(!/\r|\n\n|\u00a0/.test(full.text));
  for (const max of [10, 37, 200, 1200]) {
    const cut = provisionText(doc, part, max);
    assert.equal(cut.fullLength, full.text.length, `fullLength at ${max}`);
    assert.equal(cut.cut, full.text.length > max);
    assert.ok(full.text.startsWith(cut.text) && cut.text.length <= max, `a prefix of the full text at ${max}`);
  }
});
