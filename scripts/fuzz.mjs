// `npm run fuzz`: the reliability properties with far more cases than `npm test` runs.
//   npm run fuzz                      PACTA_FUZZ_SCALE=20: about 200,000 model cases, 6,600 through LSP
//   PACTA_FUZZ_SCALE=100 npm run fuzz  longer still
//   PACTA_FUZZ_SEED=1234 npm run fuzz  replay a run (fast-check prints the seed of a failure)
// Also runs the heavy fixed inputs (400,000 references on a 10 MB line, …) that npm test leaves out.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scale = process.env.PACTA_FUZZ_SCALE ?? '20';
const files = [
  ...['model-properties', 'lsp-fuzz', 'big-inputs'].map((f) => `server/test/reliability/${f}.test.ts`),
  'server/test/model/incremental.test.ts', // incremental equals fresh, on random edit sequences
  'server/test/features/incrementalFeatures.test.ts', // diagnostics and outline kept across edits equal a fresh parse's
];
console.log(`[pacta-fuzz] PACTA_FUZZ_SCALE=${scale}${process.env.PACTA_FUZZ_SEED ? ` PACTA_FUZZ_SEED=${process.env.PACTA_FUZZ_SEED}` : ''}: ${files.join(', ')}`);
const started = Date.now();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, PACTA_FUZZ_SCALE: scale },
});
console.log(`[pacta-fuzz] ${((Date.now() - started) / 60000).toFixed(1)} min`);
process.exit(r.status ?? 1);
