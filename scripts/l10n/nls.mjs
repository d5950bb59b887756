// Moves the manifest's user-visible strings (display name, description, command titles,
// setting descriptions, capability notes) from package.json into package.nls.json and
// puts %key% placeholders in their place, as VS Code localises a manifest. Translations
// live in package.nls.ko.json and package.nls.ru.json under the same keys.
//
//   node scripts/l10n/nls.mjs          extract new strings (run after adding a command or setting)
//   node scripts/l10n/nls.mjs --check  list untranslated keys and literal strings; exit 1 if any
//
// server/test/package/l10n.test.ts runs the same check.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LANGUAGES = ['ko', 'ru'];

function readJson(file, fallback) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : fallback;
}

/** Every localisable string slot in the manifest: [key, get, set]. */
export function slots(pkg) {
  const out = [];
  const slot = (key, obj, prop) => {
    if (obj && typeof obj[prop] === 'string') out.push({ key, get: () => obj[prop], set: (v) => (obj[prop] = v) });
  };
  slot('displayName', pkg, 'displayName');
  slot('description', pkg, 'description');
  slot('capabilities.untrustedWorkspaces.description', pkg.capabilities?.untrustedWorkspaces, 'description');
  slot('capabilities.virtualWorkspaces.description', pkg.capabilities?.virtualWorkspaces, 'description');
  for (const c of pkg.contributes?.commands ?? []) slot(`command.${c.command}.title`, c, 'title');
  const props = pkg.contributes?.configuration?.properties ?? {};
  for (const [name, p] of Object.entries(props)) {
    for (const prop of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) slot(`config.${name}.${prop}`, p, prop);
    (p.enumDescriptions ?? []).forEach((_, i) => slot(`config.${name}.enumDescriptions.${i}`, p.enumDescriptions, i));
    (p.markdownEnumDescriptions ?? []).forEach((_, i) => slot(`config.${name}.markdownEnumDescriptions.${i}`, p.markdownEnumDescriptions, i));
  }
  return out;
}

const isPlaceholder = (s) => /^%[^%]+%$/.test(s);

export function check() {
  const pkg = readJson(path.join(root, 'package.json'));
  const base = readJson(path.join(root, 'package.nls.json'), {});
  const problems = [];
  for (const s of slots(pkg)) {
    const v = s.get();
    if (!isPlaceholder(v)) problems.push(`package.json: "${s.key}" is a literal string; run node scripts/l10n/nls.mjs`);
    else if (!(v.slice(1, -1) in base)) problems.push(`package.nls.json has no "${v.slice(1, -1)}"`);
  }
  for (const lang of LANGUAGES) {
    const t = readJson(path.join(root, `package.nls.${lang}.json`), {});
    for (const k of Object.keys(base)) if (typeof t[k] !== 'string' || !t[k].trim()) problems.push(`package.nls.${lang}.json: no translation of "${k}"`);
    for (const k of Object.keys(t)) if (!(k in base)) problems.push(`package.nls.${lang}.json: "${k}" is not in package.nls.json`);
  }
  return problems;
}

function extract() {
  const file = path.join(root, 'package.json');
  // Re-read right before writing: several people edit the manifest.
  const pkg = readJson(file);
  const nlsFile = path.join(root, 'package.nls.json');
  const base = readJson(nlsFile, {});
  let moved = 0;
  for (const s of slots(pkg)) {
    const v = s.get();
    if (isPlaceholder(v)) continue;
    base[s.key] = v;
    s.set(`%${s.key}%`);
    moved++;
  }
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
  const sorted = Object.fromEntries(Object.entries(base).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(nlsFile, JSON.stringify(sorted, null, 2) + '\n');
  console.log(`moved ${moved} strings into package.nls.json`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const problems = check();
    for (const p of problems) console.log(p);
    process.exit(problems.length ? 1 : 0);
  } else extract();
}
