// Bundles the extension client, the language server and the CLI with esbuild.
// `npm install` runs this through `prepare`, so a fresh clone is ready to use.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server/server.js' },
  // The worker threads that parse closed files while indexing; server.js finds it beside itself.
  { entryPoints: ['server/src/workspace/indexWorker.ts'], outfile: 'dist/server/indexWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  // The web extension (package.json "browser"): the client for VS Code's browser extension
  // host, and the language server as a Web Worker script. Shared client modules import the
  // desktop client's entry; the browser client exports the same API, so it stands in.
  {
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: { 'vscode-languageclient/node': 'vscode-languageclient/browser' },
  },
  { entryPoints: ['server/src/browserMain.ts'], outfile: 'dist/web/server.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
