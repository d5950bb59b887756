// Builds the bundles the process-level tests run (bin/ → dist/). Test files run in
// parallel processes, so builds are serialised with a lock folder, and skipped when the
// bundles are newer than every source file.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './paths';

const OUTPUTS = ['dist/server/server.js', 'dist/server/indexWorker.js', 'dist/cli.js', 'dist/web/server.js'].map((f) => path.join(REPO, f));
const SOURCES = ['server/src', 'client/src', 'scripts/build.mjs', 'package.json'].map((f) => path.join(REPO, f));

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

function upToDate(): boolean {
  const built = Math.min(...OUTPUTS.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  return built > 0 && built >= Math.max(...SOURCES.map(newestMtime));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function build(): void {
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
  } catch (err) {
    // The full build also bundles the VS Code client, which another part of the project
    // owns; when only that fails, build the two server-side bundles these tests need.
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '');
    if (!/client\/src\/extension/.test(stderr)) throw err;
    const script = `
      const esbuild = require('esbuild');
      const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
      Promise.all([
        esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server/server.js' }),
        esbuild.build({ ...common, entryPoints: ['server/src/workspace/indexWorker.ts'], outfile: 'dist/server/indexWorker.js' }),
        esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
      ]).catch((e) => { console.error(e); process.exit(1); });`;
    execFileSync(process.execPath, ['-e', script], { cwd: REPO, stdio: 'pipe' });
  }
}

/** Makes sure dist/ holds bundles built from the current sources. */
export function ensureBuilt(): void {
  const lock = path.join(REPO, 'dist', '.test-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than two minutes is left over from a crash.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone already */
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another test build');
      sleep(100);
    }
  }
  try {
    if (!upToDate()) build();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
