// `npm run bench`: speed and memory figures, printed as Markdown tables, never asserted.
//
//   npm run bench                      everything (a few minutes)
//   npm run bench -- --quick           smaller sizes and fewer requests (about a minute)
//   npm run bench -- --only=scaling,lsp
//
// Parts: real (corpus texts), sideBySide (Pacta vs vscode-markdown-languageservice),
// scaling (per MB, 100 KB … 20 MB), lsp (stdio: latency, keystrokes), workspace (500 treaties),
// growth (adversarial input at n and 8n: linear or not), drafting (diagnostics, lenses and
// references on UNCLOS, in process).
// docs/performance.md holds the last full run's output.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { runLsp } from './lsp';
import { runRealTexts } from './realTexts';
import { runScaling } from './scaling';
import { runSideBySide } from './sideBySide';
import { gc, ms } from './util';
import { runWorkspace } from './workspaceIndex';
import { printGrowth } from './growth';
import { runDrafting } from './drafting';
import { runRenumber } from './renumber';
import { runIncremental } from './incremental';

const PARTS = ['real', 'sideBySide', 'scaling', 'lsp', 'workspace', 'growth', 'drafting', 'renumber', 'keystroke'] as const;
type Part = (typeof PARTS)[number];

const KB = 1000;
const MB = 1000 * KB;

function parseArgs(argv: string[]): { quick: boolean; parts: Set<Part> } {
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='));
  const wanted = only ? only.slice('--only='.length).split(',').map((s) => s.trim()) : [...PARTS];
  const unknown = wanted.filter((w) => !(PARTS as readonly string[]).includes(w));
  if (unknown.length) {
    console.error(`unknown part(s): ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
    process.exit(2);
  }
  return { quick, parts: new Set(wanted as Part[]) };
}

function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1e9).toFixed(1)} GB; load average ${load}`;
}

async function main(): Promise<void> {
  const { quick, parts } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`# Pacta benchmark${quick ? ' (--quick)' : ''}`);
  console.log('');
  console.log(machine());
  console.log('');
  console.log('Figures are noisy when other processes share the machine: each is a median, and CPU time of the');
  console.log('measuring process (process.cpuUsage) is printed beside wall time — on a busy machine read the CPU column.');
  if (!gc) console.log('(run with --expose-gc, as `npm run bench` does, for the heap figures)');

  if (parts.has('real')) runRealTexts({ runs: quick ? 10 : 30, rounds: quick ? 5 : 20 });
  if (parts.has('drafting')) runDrafting({ runs: quick ? 10 : 30 });
  if (parts.has('sideBySide')) {
    await runSideBySide({
      sizes: quick ? [100 * KB, 1 * MB] : [100 * KB, 1 * MB, 5 * MB],
      runs: (c) => (c <= 100 * KB ? 9 : c <= 1 * MB ? 5 : 3),
    });
  }
  if (parts.has('scaling')) {
    await runScaling({
      sizes: quick ? [100 * KB, 1 * MB, 5 * MB] : [100 * KB, 250 * KB, 500 * KB, 1 * MB, 2 * MB, 5 * MB, 10 * MB, 20 * MB],
      runs: (c) => (c <= 1 * MB ? 7 : c <= 5 * MB ? 3 : 2),
      profileSize: quick ? 1 * MB : 5 * MB,
    });
  }
  if (parts.has('lsp')) await runLsp({ requests: quick ? 300 : 1000, keystrokes: quick ? 3 : 5, bigChars: quick ? 1 * MB : 5 * MB });
  if (parts.has('keystroke')) await runIncremental({ chars: quick ? 1 * MB : 5 * MB, keystrokes: quick ? 5 : 15 });
  if (parts.has('renumber')) await runRenumber({ sizes: quick ? [500, 1000, 2000] : [500, 1000, 2000, 4000], runs: quick ? 1 : 3 });
  if (parts.has('growth')) printGrowth(quick ? 40_000 : 100_000); // adversarial input, n vs 8n (growth.ts)
  if (parts.has('workspace')) await runWorkspace({ treaties: quick ? 100 : 500, charsEach: 100 * KB, referenceRuns: quick ? 3 : 10 });

  console.log('');
  console.log(`(benchmark took ${ms(performance.now() - started)}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
