// The extension manifest has what the Marketplace and VS Code need: icon, categories,
// keywords, repository, licence, changelog, both entry points, capabilities for untrusted
// and virtual workspaces, every setting with a type, a default and a description, every
// command with a title and the "Pacta" category.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/paths';

interface Manifest {
  [key: string]: unknown;
  icon: string;
  main: string;
  browser: string;
  categories: string[];
  keywords: string[];
  repository?: { url: string };
  license: string;
  engines: { vscode: string };
  capabilities: { untrustedWorkspaces: { supported: boolean | string; description?: string }; virtualWorkspaces: boolean | { supported: unknown } };
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    configuration: { properties: Record<string, { type?: unknown; default?: unknown; description?: string; markdownDescription?: string }> };
  };
}

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string with its %key% resolved through package.nls.json. */
const text = (s: string | undefined) => (s && /^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);

describe('package.json as an extension manifest', () => {
  it('has an icon: a PNG of at least 128×128', () => {
    const png = fs.readFileSync(path.join(REPO, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && height >= 128, `icon is ${width}×${height}`);
  });

  it('has Marketplace fields, a licence and a changelog', () => {
    assert.ok(pkg.categories.includes('Programming Languages'));
    assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30);
    // No repository is named until the project has a public home; vsce packages without one.
    assert.equal(pkg.repository, undefined);
    assert.equal(pkg.license, 'MIT');
    for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md']) assert.ok(fs.existsSync(path.join(REPO, f)), `${f} is missing`);
    assert.ok(text(pkg.displayName as string));
    assert.ok(text(pkg.description as string));
  });

  it('has a desktop and a web entry point, built by scripts/build.mjs', () => {
    assert.equal(pkg.main, './dist/client/extension.js');
    assert.equal(pkg.browser, './dist/web/extension.js');
    const build = fs.readFileSync(path.join(REPO, 'scripts/build.mjs'), 'utf8');
    for (const out of ['dist/client/extension.js', 'dist/web/extension.js', 'dist/web/server.js']) assert.ok(build.includes(out), `build.mjs does not write ${out}`);
  });

  it('declares what works in untrusted and virtual workspaces', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.ok(untrusted.supported === true || (untrusted.supported === 'limited' && text(untrusted.description)), 'limited support needs a description');
    assert.ok(pkg.capabilities.virtualWorkspaces !== undefined);
  });

  it('does not ask for a newer VS Code than @types/vscode describes (vsce refuses that)', () => {
    assert.equal(pkg.engines.vscode.replace(/^\^/, ''), pkg.devDependencies['@types/vscode'].replace(/^\^/, ''));
  });

  it('gives every setting a type, a default and a description', () => {
    for (const [name, p] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.ok(p.type !== undefined, `${name} has no type`);
      assert.ok(p.default !== undefined, `${name} has no default`);
      assert.ok(text(p.description) || text(p.markdownDescription), `${name} has no description`);
    }
  });

  it('gives every command a title and the Pacta category', () => {
    for (const c of pkg.contributes.commands) {
      assert.ok(text(c.title), `${c.command} has no title`);
      assert.equal(c.category, 'Pacta', `${c.command} is not in the Pacta category`);
    }
  });
});
