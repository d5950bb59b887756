// `npm start`: opens samples/ in VS Code with Pacta loaded.
//  - With VS Code's `code` on PATH: code --extensionDevelopmentPath=<repo> samples
//    (the extension runs from this working tree's dist/).
//  - Otherwise (as on machines that reach only npm and apt): code-server, with
//    the freshly packaged extension installed and `pacta.library` pointing at
//    ../shared/corpus when it exists; prints the address and runs until Ctrl-C.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, freePort, packageVsix, prepareCodeServer, repoRoot, startCodeServer, stopProcess } from './lib/codeServer.mjs';

const samples = path.join(repoRoot, 'samples');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

if (onPath('code') && !process.env.PACTA_USE_CODE_SERVER) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, samples], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

const settings = { 'editor.wordWrap': 'on' };
if (fs.existsSync(corpus)) settings['pacta.library'] = [corpus];
// Kept between runs (in .e2e/, git-ignored) so the user's layout and open
// editors survive a restart.
const { bin, dirs } = prepareCodeServer({ base: path.join(repoRoot, '.e2e', 'start'), vsix: packageVsix(), settings });

const port = Number(process.env.PORT) || (await freePort());
const child = await startCodeServer({ bin, dirs, port, workspace: samples, logFile: path.join(dirs.base, 'code-server.log') });
console.log(`\nPacta is running in code-server ${CODE_SERVER_VERSION} with samples/ open:\n`);
console.log(`  http://127.0.0.1:${port}/?folder=${encodeURIComponent(samples)}\n`);
if (settings['pacta.library']) console.log(`pacta.library = ${corpus}`);
console.log(`log: ${path.join(dirs.base, 'code-server.log')}`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stopProcess(child);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server stopped (exit ${code})`);
    process.exit(code ?? 1);
  }
});
setInterval(() => {}, 1 << 30); // run until Ctrl-C
