// `npm run test:e2e`: Pacta in real editors.
//   1. makes sure the tools are there, installing them on first use:
//      Debian chromium, neovim, ripgrep and code-server's build deps (apt-get, as root),
//      code-server into $PACTA_E2E_CACHE (default ~/.cache/pacta-e2e), outside node_modules;
//   2. packages the extension (.e2e/pacta.vsix), as users install it;
//   3. runs test/e2e/vscode.test.mjs (code-server + Chromium) and
//      test/e2e/neovim.test.mjs with node's test runner.
// Whatever could not be installed is reported here, and the suite that needs
// it then fails with the reason: nothing is skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  DEBIAN_PACKAGES,
  codeServerDir,
  ensureCodeServer,
  ensureDebianPackages,
  packageVsix,
  repoRoot,
} from './lib/codeServer.mjs';

const started = Date.now();
const problems = [];
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[pacta-e2e] ${msg}`);

let t = Date.now();
const missing = ensureDebianPackages();
for (const p of missing) problems.push(`Debian package "${p}" is missing (${DEBIAN_PACKAGES[p]})`);
say(`Debian packages: ${missing.length ? `missing ${missing.join(' ')}` : 'ok'} (${secs(t)})`);

t = Date.now();
try {
  const bin = ensureCodeServer();
  say(`code-server: ${bin} (${secs(t)})`);
} catch (err) {
  problems.push(`code-server could not be installed into ${codeServerDir()}: ${err.message}`);
}

try {
  createRequire(path.join(repoRoot, 'package.json')).resolve('playwright-core');
} catch {
  problems.push('playwright-core is not installed (a devDependency): run `npm ci`');
}

t = Date.now();
const env = { ...process.env };
try {
  env.PACTA_VSIX = packageVsix();
  say(`packaged ${path.relative(repoRoot, env.PACTA_VSIX)} (${secs(t)})`);
} catch (err) {
  problems.push(`the extension could not be packaged: ${err.message}`);
}

if (problems.length) {
  say('NOT READY — the suites that need these will fail:');
  for (const p of problems) say(`  - ${p}`);
}
say(`setup took ${secs(started)}; running the suites`);

// `npm run test:e2e -- restart` runs only the suites whose path contains a given word.
const only = process.argv.slice(2);
const allSuites = ['test/e2e/vscode.test.mjs', 'test/e2e/neovim.test.mjs', 'test/e2e/parallel.test.mjs', 'test/e2e/compare.test.mjs', 'test/e2e/rename.test.mjs', 'test/e2e/neovim-rename.test.mjs', 'test/e2e/package.test.mjs', 'test/e2e/diagnostics.test.mjs', 'test/e2e/neovim-diagnostics.test.mjs', 'test/e2e/restart.test.mjs'];
const suites = only.length ? allSuites.filter((f) => only.some((w) => f.includes(w))) : allSuites;
for (const s of suites) {
  if (!fs.existsSync(path.join(repoRoot, s))) {
    console.error(`[pacta-e2e] missing suite ${s}`);
    process.exit(1);
  }
}
// One file at a time: code-server + Chromium take most of this 2-core machine.
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...suites], {
  cwd: repoRoot, env, stdio: 'inherit',
});
// Nothing is printed after node's summary (its duration_ms line times the
// suites), so the run's output ends with the test runner's verdict.
process.exit(r.status ?? 1);
