// Localisation: the manifest's strings live in package.nls.json with Korean and Russian
// translations under the same keys (scripts/l10n/nls.mjs moves new ones there), and every
// message the client passes through vscode.l10n.t has a translation in l10n/bundle.l10n.*.json
// with the same {0}… placeholders.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/paths';

const LANGUAGES = ['ko', 'ru'];

function json(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));
}

/** Every string literal passed to vscode.l10n.t in the client sources. */
function clientMessages(): Map<string, string> {
  const out = new Map<string, string>();
  const dir = path.join(REPO, 'client/src');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(dir, name), 'utf8');
    for (const m of src.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      if (m[1] === '`' && m[2].includes('${')) assert.fail(`${name}: l10n.t with a template literal cannot be translated: ${m[2]}`);
      out.set(m[2].replace(/\\(['"`\\])/g, '$1'), name);
    }
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

describe('localisation', () => {
  it('the manifest uses %keys% for every title and description, translated into Korean and Russian', async () => {
    const { check } = (await import(path.join(REPO, 'scripts/l10n/nls.mjs'))) as { check: () => string[] };
    assert.deepEqual(check(), [], 'run node scripts/l10n/nls.mjs, then translate the new keys in package.nls.ko.json and package.nls.ru.json');
  });

  it('every client message has a Korean and a Russian translation with the same placeholders', () => {
    const messages = clientMessages();
    assert.ok(messages.size >= 10, `found ${messages.size} messages`);
    for (const lang of LANGUAGES) {
      const bundle = json(`l10n/bundle.l10n.${lang}.json`);
      for (const [msg, file] of messages) {
        assert.ok(typeof bundle[msg] === 'string' && bundle[msg].trim(), `l10n/bundle.l10n.${lang}.json has no translation of "${msg}" (${file})`);
        assert.equal(placeholders(bundle[msg]), placeholders(msg), `${lang}: placeholders of "${msg}"`);
      }
      for (const key of Object.keys(bundle)) assert.ok(messages.has(key), `l10n/bundle.l10n.${lang}.json: "${key}" is no longer used`);
    }
  });

  it('package.json points VS Code at the bundles', () => {
    const pkg = json('package.json') as unknown as { l10n?: string };
    assert.equal(pkg.l10n, './l10n');
  });
});
