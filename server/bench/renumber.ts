// Renumbering at growing sizes, in process, as the server runs it (features/renumberCommands.ts
// on a Workspace over a MemoryFileSystem): Renumber Articles Sequentially, Insert Article and
// Remove Article on
// a generated convention of n articles (every other number missing, each article citing two
// others, a range and a paragraph), with a protocol that cites the convention n times.
// The figure to read is the growth column: linear work grows 2× per doubling.
//
//   node --import tsx server/bench/renumber.ts [--quick] [--sizes=500,1000,2000,4000]
import { parseTreaty } from '../src/model';
import { executeRenumberCommand, RENUMBER_COMMANDS, type CommandHost } from '../src/features/renumberCommands';
import type { RenumberWorld } from '../src/features/rename';
import { allDocuments } from '../src/workspace/allDocuments';
import { MemoryFileSystem } from '../src/workspace/memoryFileSystem';
import { Workspace } from '../src/workspace/workspace';
import { median, ms, ratio, section, table, timeAsync } from './util';

const HOME = 'file:///ws/convention.treaty';
const OTHER = 'file:///ws/protocol.treaty';

/** n articles numbered 1, 3, 5, …, each with two paragraphs and four references. */
export function renumberConvention(n: number): string {
  const out = ['Convention on Orchard Boundaries', ''];
  for (let i = 0; i < n; i++) {
    const a = i * 2 + 1;
    const cited = ((i * 7) % n) * 2 + 1;
    out.push(`Article ${a}`, `Heading ${i}`, '');
    out.push(`1. Each Party shall apply Article ${cited} and Articles ${Math.max(1, a - 4)} to ${a}.`);
    out.push(`2. The measures under paragraph 1 of Article ${a} shall follow paragraph 1.`, '');
  }
  return out.join('\n');
}

/** A protocol citing the convention's articles by its title. */
export function renumberProtocol(n: number): string {
  const out = ['Protocol on Orchard Fences', '', 'Article 1', ''];
  for (let i = 0; i < n; i++) out.push(`Article ${i * 2 + 1} of the Convention on Orchard Boundaries applies to fences.`);
  return out.join('\n') + '\n';
}

type Command = 'sequential' | 'insert' | 'remove';

const COMMAND_NAMES: Record<Command, string> = { sequential: 'renumber sequentially', insert: 'insert article', remove: 'remove article' };

/** CPU milliseconds of one command on a fresh workspace (parsing the documents not counted). */
export async function renumberCpu(n: number, command: Command): Promise<{ cpu: number; applied: boolean }> {
  const ws = new Workspace(new MemoryFileSystem({ [OTHER]: renumberProtocol(n) }), { folders: ['file:///ws'], library: [] });
  ws.setOpen(HOME, 1, renumberConvention(n));
  const world: RenumberWorld = {
    documents: () => allDocuments(ws, [HOME]),
    instrument: (c) => ws.findInstrument(c),
    parse: (text) => parseTreaty(text, { catalogue: ws.catalogue }),
  };
  await world.documents(); // indexes and parses both texts before the clock starts
  await ws.load(OTHER);
  const host: CommandHost = {
    documentChanges: true,
    changeAnnotations: true,
    get: (uri) => ws.load(uri),
    applyEdit: async () => true,
  };
  // The cursor in Article 1: every later number moves.
  const args = [{ uri: HOME, position: { line: 2, character: 1 }, kind: 'article' as const }];
  const id = { sequential: RENUMBER_COMMANDS.renumberSequentially, insert: RENUMBER_COMMANDS.insertArticle, remove: RENUMBER_COMMANDS.removeArticle }[command];
  const { result, sample } = await timeAsync(() => executeRenumberCommand(world, host, id, args));
  return { cpu: sample.cpu, applied: result.applied };
}

export async function runRenumber(opts: { sizes: number[]; runs: number }): Promise<void> {
  section('Renumbering: sequentially, insert and remove an article (in process)');
  const rows: Array<Array<string | number>> = [];
  for (const command of ['sequential', 'insert', 'remove'] as const) {
    await renumberCpu(100, command); // warm-up
    let last: number | undefined;
    for (const n of opts.sizes) {
      const times: number[] = [];
      let applied = true;
      for (let i = 0; i < opts.runs; i++) {
        const r = await renumberCpu(n, command);
        times.push(r.cpu);
        applied &&= r.applied;
      }
      const cpu = median(times);
      rows.push([COMMAND_NAMES[command], n, ms(cpu), last === undefined ? '' : ratio(cpu, last), applied ? 'yes' : 'NO']);
      last = cpu;
    }
  }
  console.log(table(['command', 'articles', 'cpu p50', 'growth', 'applied'], rows));
}

if (process.argv[1]?.endsWith('renumber.ts')) {
  const quick = process.argv.includes('--quick');
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : quick ? [500, 1000, 2000] : [500, 1000, 2000, 4000];
  runRenumber({ sizes, runs: quick ? 1 : 3 }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
