// The samples shipped in samples/ resolve as they claim to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTreaty, walk } from '../../src/model';

const read = (name: string) => parseTreaty(readFileSync(path.resolve(__dirname, '../../../samples', name), 'utf8'));

for (const name of ['partnership-treaty.treaty.txt', 'forms-showcase.treaty.txt']) {
  test(`${name}: every internal reference resolves`, () => {
    const doc = read(name);
    const broken = doc.references.filter((r) => !r.instrument && !r.resolved).map((r) => `${r.text}: ${r.problem}`);
    assert.deepEqual(broken, []);
    assert.ok(doc.references.length >= 20);
  });
}

test('partnership treaty: 23 articles; Article 4 cites Article 51 of the Charter', () => {
  const doc = read('partnership-treaty.treaty.txt');
  assert.match(doc.title ?? '', /^Treaty on Comprehensive Strategic Partnership/);
  assert.equal([...walk(doc.root)].filter((p) => p.kind === 'article').length, 23);
  const art4 = doc.byId.get('art_4')!;
  const cites = doc.references.filter((r) => r.start >= art4.start && r.end <= art4.end && r.instrument);
  assert.deepEqual(cites.map((r) => [r.instrument?.title, r.targets[0].eId]), [['Charter of the United Nations', 'art_51']]);
});

test('broken-references sample: the deliberate faults and nothing else', () => {
  const doc = read('broken-references.treaty.txt');
  const broken = doc.references.filter((r) => !r.instrument && !r.resolved).map((r) => r.text);
  assert.deepEqual(broken, ['Article 25', 'paragraph 5 of Article 3', 'Annex I', 'Article 6', 'Article 3(2)(c)', 'Articles 2 to 12']);
});
