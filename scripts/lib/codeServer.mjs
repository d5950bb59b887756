// Shared by scripts/e2e.mjs, scripts/start.mjs and test/e2e/workbench.mjs:
// installs the Debian tools and code-server the real-editor runs need, packages
// the .vsix, and starts code-server in isolated folders.
//
// Why code-server: VS Code desktop cannot be downloaded on these machines (only
// the npm registry and Debian apt are reachable), but code-server from npm is a
// real VS Code workbench + extension host. See ../shared/notes/real-editors.md.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// 4.100.3 is VS Code 1.100.3, the newest code-server that installs on Node 20;
// engines.vscode (^1.100.0) must not be newer than it.
export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot() {
  return process.env.PACTA_E2E_CACHE || path.join(os.homedir(), '.cache', 'pacta-e2e');
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function log(msg) {
  process.stderr.write(`[pacta-e2e] ${msg}\n`);
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Debian packages and what each one is for. */
export const DEBIAN_PACKAGES = {
  chromium: 'headless browser that drives code-server (vscode.test.mjs)',
  neovim: 'second real LSP client (neovim.test.mjs)',
  'fonts-nanum': 'a Korean font, so that screenshots of Korean texts show the letters (parallel.test.mjs)',
  ripgrep: 'stands in for the ripgrep binary code-server would download from GitHub',
  'libkrb5-dev': 'native build dependency of code-server (kerberos)',
  'libxkbfile-dev': 'native build dependency of code-server (native-keymap)',
  'libsecret-1-dev': 'native build dependency of code-server (keytar)',
};

/**
 * Installs missing Debian packages with apt-get when running as root.
 * Returns the names still missing afterwards (empty when all are present).
 */
export function ensureDebianPackages(pkgs = Object.keys(DEBIAN_PACKAGES)) {
  const missing = pkgs.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return [];
  if (!isRoot || !hasCommand('apt-get')) {
    log(`missing Debian packages: ${missing.join(' ')}`);
    log(`install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    return missing;
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env });
  if (r.status !== 0) {
    // The package lists may be absent on a fresh machine: update once and retry.
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env });
  }
  const still = missing.filter((p) => !dpkgInstalled(p));
  if (still.length) log(`could not install Debian packages: ${still.join(' ')}`);
  return still;
}

function ripgrepTarget() {
  const arch = os.arch();
  if (arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (arch === 'arm64') return 'aarch64-unknown-linux-musl';
  return null;
}

/**
 * @vscode/ripgrep's postinstall downloads ripgrep from GitHub, which these
 * machines cannot reach, and fails the whole install. It first looks for a
 * cached archive in $TMPDIR/vscode-ripgrep-cache-<version>/, so we put Debian's
 * /usr/bin/rg there as the archive it expects.
 */
function seedRipgrepCache(tmpDir) {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  const target = ripgrepTarget();
  if (!rg || !target) throw new Error(`ripgrep (apt package "ripgrep") is needed to install code-server offline; found ${rg ?? 'none'} for arch ${os.arch()}`);
  const stage = fs.mkdtempSync(path.join(tmpDir, 'rg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  // code-server 4.100.3 pins 1.15.11; the neighbours cost nothing and cover a
  // lockfile refresh inside code-server.
  for (const v of ['1.15.9', '1.15.10', '1.15.11', '1.15.12', '1.15.13', '1.15.14']) {
    const dir = path.join(tmpDir, `vscode-ripgrep-cache-${v}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const rel of ['v13.0.0-10', 'v13.0.0-13', 'v13.0.0-4']) {
      const archive = path.join(dir, `ripgrep-${rel}-${target}.tar.gz`);
      if (!fs.existsSync(archive)) execFileSync('tar', ['czf', archive, '-C', stage, 'rg']);
    }
  }
}

export function codeServerDir(version = CODE_SERVER_VERSION) {
  return path.join(cacheRoot(), `code-server-${version}`);
}

export function codeServerBin(version = CODE_SERVER_VERSION) {
  return path.join(codeServerDir(version), 'node_modules', '.bin', 'code-server');
}

function codeServerWorks(bin) {
  if (!fs.existsSync(bin)) return false;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && /\d+\.\d+\.\d+/.test(r.stdout);
}

/**
 * Installs code-server with npm into a cache folder outside the repository
 * (about 300 MB; the first install takes 1–2 minutes). Returns the path of
 * its executable, or throws with the reason it could not be installed.
 */
export function ensureCodeServer(version = CODE_SERVER_VERSION) {
  const dir = codeServerDir(version);
  const bin = codeServerBin(version);
  const stamp = path.join(dir, '.pacta-installed');
  if (fs.existsSync(stamp) && codeServerWorks(bin)) return bin;

  const missing = ['ripgrep', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev'].filter((p) => !dpkgInstalled(p));
  if (missing.length) {
    throw new Error(`code-server ${version} cannot be installed: missing Debian packages ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`);
  }
  log(`installing code-server ${version} into ${dir} (first run only; 1–2 min)`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tmpDir = path.join(dir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'pacta-e2e-code-server', private: true, version: '0.0.0',
    description: 'Cache folder created by pacta scripts/lib/codeServer.mjs',
    // npm 11 asks for install scripts to be approved; code-server's postinstall
    // installs VS Code's own dependencies, which need theirs too.
    allowScripts: { 'code-server': true },
  }, null, 2));
  const env = {
    ...process.env,
    TMPDIR: tmpDir, // where @vscode/ripgrep looks for the seeded archive
    npm_config_yes: 'true', // node-pty's build runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  if (isRoot) env.npm_config_unsafe_perm = 'true';
  const started = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${version}`], {
    cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !codeServerWorks(bin)) {
    throw new Error(`npm install code-server@${version} failed (exit ${r.status}) in ${dir}; see the npm output above`);
  }
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  log(`code-server ${version} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return bin;
}

/**
 * Builds and packages the extension into a .vsix through `npm run package`
 * (production bundle + @vscode/vsce), the same command a release uses, with
 * the output redirected to `out`. Returns its path.
 */
export function packageVsix(out = path.join(repoRoot, '.e2e', 'pacta.vsix')) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  if (!fs.existsSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'))) {
    throw new Error('@vscode/vsce is not installed: run `npm ci` first');
  }
  // vsce takes the last --out, so this one wins over the script's own.
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out], {
    cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`npm run package failed (exit ${r.status})`);
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Folders that keep code-server away from the user's own ~/.config and
 * ~/.local (code-server writes there through the XDG variables).
 */
export function makeIsolatedDirs(base) {
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    xdg: path.join(base, 'xdg'),
  };
  for (const d of [dirs.userData, dirs.extensions]) fs.mkdirSync(d, { recursive: true });
  for (const x of ['config', 'data', 'state', 'cache']) fs.mkdirSync(path.join(dirs.xdg, x), { recursive: true });
  return dirs;
}

export function isolatedEnv(dirs) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  };
}

/** User settings that keep the workbench quiet and deterministic. */
export function writeUserSettings(dirs, extra = {}) {
  const file = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'editor.hover.delay': 200,
    ...extra,
  }, null, 2));
  return file;
}

export function installExtension(bin, vsix, dirs) {
  const r = spawnSync(bin, [
    '--install-extension', vsix, '--force',
    '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData,
  ], { env: isolatedEnv(dirs), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * code-server with the packaged extension installed, in isolated folders under `base`, ready
 * for startCodeServer: installs code-server on first use, writes the user settings (the quiet
 * defaults plus `settings`) and installs `vsix`. Returns { bin, dirs }.
 */
export function prepareCodeServer({ base, vsix, settings = {} }) {
  const bin = ensureCodeServer();
  const dirs = makeIsolatedDirs(base);
  writeUserSettings(dirs, settings);
  installExtension(bin, vsix, dirs);
  const installed = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('pacta.pacta-'));
  if (installed.length !== 1) throw new Error(`the .vsix did not install (${dirs.extensions} holds: ${fs.readdirSync(dirs.extensions).join(', ')})`);
  return { bin, dirs };
}

/**
 * Starts code-server on 127.0.0.1:port without auth and resolves once it
 * answers HTTP. The caller stops it with stopProcess(child).
 */
export async function startCodeServer({ bin, dirs, port, workspace, logFile, extraArgs = [] }) {
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', ...extraArgs,
  ];
  if (workspace) args.push(workspace);
  const out = logFile ? fs.openSync(logFile, 'a') : 'inherit';
  // detached: its own process group, so stopProcess can end the extension
  // host and language server that code-server spawns along with it.
  const child = spawn(bin, args, { env: isolatedEnv(dirs), stdio: ['ignore', out, out], detached: true });
  const deadline = Date.now() + 60_000;
  let exited = null;
  child.once('exit', (code, sig) => { exited = `exit ${code ?? sig}`; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server stopped during start (${exited})${logFile ? `; log: ${logFile}` : ''}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopProcess(child);
  throw new Error(`code-server did not answer on port ${port} within 60 s`);
}

/** SIGTERM to the process group, SIGKILL if it lingers. */
export async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { try { child.kill(sig); } catch { /* gone */ } } };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}
