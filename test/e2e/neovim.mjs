// One headless Neovim session as the LSP client of the built Pacta server — the harness of
// the Neovim suites: a temporary workspace of given files, Neovim running a Lua script beside
// this file (nvim-init.lua by default; both scripts start the client through nvim-lsp.lua)
// that asks the given queries, and the answers it prints as JSON.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const NVIM = process.env.PACTA_NVIM || 'nvim';
const SERVER = path.join(repoRoot, 'bin', 'pacta-language-server.js');

/**
 * Runs Neovim once on a workspace holding `files` (name → text) with `open` in its buffer and
 * `queries` ({ name: { method, position?, params? } }) for the script to ask; `env` adds
 * variables for the script. Returns { answers, workspace, file(name), uri(name), close() }.
 * Fails (never skips) when nvim or the built server is missing, or Neovim answers nothing.
 */
export function runNeovim({ name, files, open, queries, script = 'nvim-init.lua', env = {} }) {
  const v = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  assert.equal(v.status, 0, `Neovim not found ("${NVIM}"): apt-get install -y neovim (or set PACTA_NVIM)`);
  assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'server', 'server.js')), 'dist/server/server.js is missing: run `npm run build`');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pacta-${name}-`));
  const close = () => {
    if (!process.env.PACTA_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);
  const file = (f) => path.join(workspace, f);
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(file(f), text);
  const r = spawnSync(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', path.join(here, script)], {
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      XDG_CACHE_HOME: path.join(tmp, 'cache'), // nvim's lsp.log goes here, not into ~/.cache
      XDG_STATE_HOME: path.join(tmp, 'state'),
      XDG_CONFIG_HOME: path.join(tmp, 'config'),
      XDG_DATA_HOME: path.join(tmp, 'data'),
      PACTA_SERVER_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
      PACTA_FILE: file(open),
      PACTA_ROOT: workspace,
      PACTA_QUERIES: JSON.stringify(queries),
      ...env,
    },
  });
  try {
    const m = /PACTA-JSON-BEGIN\n([\s\S]*?)\nPACTA-JSON-END/.exec(r.stdout ?? '');
    assert.ok(m, `Neovim printed no results (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}).\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    const answers = JSON.parse(m[1]);
    assert.equal(answers.error, undefined, `Neovim client: ${answers.error}`);
    if (process.env.PACTA_DEBUG) console.error(JSON.stringify(answers, null, 1).slice(0, 3000));
    return { answers, workspace, file, uri: (f) => pathToFileURL(file(f)).href, close };
  } catch (err) {
    close();
    throw err;
  }
}
