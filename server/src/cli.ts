// `pacta` — the treaty model on the command line: outline, references, and a checker
// for broken cross-references (exit 1) that CI can run.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  outlineName,
  provisionLabel,
  resolveReference,
  type InstrumentLookup,
  type Provision,
  type Reference,
  type TreatyDocument,
} from './model';
import { linesOf, toRange } from './features/convert';
import { fileUriFromPath } from './workspace/fileSystem';
import { NodeFileSystem } from './workspace/nodeFileSystem';
import { Workspace } from './workspace/workspace';
import pkg from '../../package.json';

const HELP = `pacta ${pkg.version} — structure and cross-references of treaty texts

Usage:
  pacta outline FILE [--json]           the provision tree (chapters, articles, paragraphs…)
  pacta refs FILE [--json]              every reference and what it points to
  pacta check FILE... [--library DIR]   report references that do not resolve
  pacta --help | --version

Options:
  --json           machine-readable output (ranges are 0-based LSP positions)
  --library DIR    a folder with the texts of other instruments (repeatable);
                   the FILES given are searched first

Exit status (check): 0 all references resolve, 1 some do not, 2 a file could not be read.
References to an instrument whose text is not available are listed as information only.`;

/** Thrown for a usage or input problem: printed as "pacta: message", exit code 2. */
class CliError extends Error {}

interface Args {
  command?: string;
  files: string[];
  library: string[];
  json: boolean;
  help: boolean;
  version: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], library: [], json: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--version' || a === '-v') args.version = true;
    else if (a === '--library' || a.startsWith('--library=')) {
      const dir = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!dir) throw new CliError('--library needs a folder');
      args.library.push(dir);
    } else if (a === '--') args.files.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option ${a} (see pacta --help)`);
    else if (!args.command) args.command = a;
    else args.files.push(a);
  }
  return args;
}

interface Loaded {
  file: string;
  uri: string;
  doc: TreatyDocument;
  lookup?: InstrumentLookup;
}

/** Reads a text file, or says plainly why not ("pacta: cannot read FILE: reason"). */
function readText(file: string): string {
  let buf: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`);
    buf = readFileSync(file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${file}: ${reason(err)}`);
  }
  // NUL bytes do not occur in text: this is an image, an archive, a compiled file…
  if (buf.subarray(0, 8192).includes(0)) throw new CliError(`cannot read ${file}: not a text file (it contains NUL bytes)`);
  return buf.toString('utf8');
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
    EMFILE: 'too many open files',
  };
  if (code && known[code]) return known[code];
  return err instanceof Error ? err.message : String(err);
}

/** A workspace holding the given files as open documents, plus the library folders. */
function makeWorkspace(library: string[]): Workspace {
  const warn = (m: string) => process.stderr.write(m + '\n');
  return new Workspace(new NodeFileSystem(), { library: library.map((d) => path.resolve(d)), log: warn });
}

function load(ws: Workspace, file: string): Loaded {
  const text = readText(file);
  const uri = fileUriFromPath(path.resolve(file));
  ws.setOpen(uri, 0, text);
  const parsed = ws.get(uri);
  if (!parsed) throw new CliError(`cannot read ${file}: the text could not be parsed`);
  return { file, uri, doc: parsed.doc };
}

// --- outline -------------------------------------------------------------------------------

interface OutlineNode {
  kind: string;
  eId: string;
  num: string | null;
  heading: string | null;
  range: ReturnType<typeof toRange>;
  children: OutlineNode[];
}

function outline(doc: TreatyDocument, json: boolean): string {
  const lines = linesOf(doc);
  if (json) {
    const node = (p: Provision): OutlineNode => ({
      kind: p.kind,
      eId: p.eId,
      num: p.num ?? null,
      heading: p.heading ?? null,
      range: toRange(lines, p.range),
      children: p.children.map(node),
    });
    return JSON.stringify(doc.root.children.map(node), null, 2);
  }
  const out: string[] = [];
  const visit = (p: Provision, depth: number) => {
    out.push(`${'  '.repeat(depth)}${outlineName(p)}`);
    for (const c of p.children) visit(c, depth + 1);
  };
  for (const c of doc.root.children) visit(c, 0);
  return out.join('\n');
}

// --- refs ----------------------------------------------------------------------------------

function refs(doc: TreatyDocument, lookup: InstrumentLookup, json: boolean): string {
  const lines = linesOf(doc);
  if (json) {
    const items = doc.references.map((r) => ({
      range: toRange(lines, r.range),
      text: r.text,
      targets: r.targets.map((t) => ({ eId: t.eId, instrument: t.instrument })),
      resolved: isResolved(doc, r, lookup),
    }));
    return JSON.stringify(items, null, 2);
  }
  return doc.references
    .map((r) => {
      const pos = lines.positionAt(r.range.start);
      return `${pos.line + 1}:${pos.character + 1}  ${oneLine(r.text)}  →  ${describeTargets(doc, r, lookup)}`;
    })
    .join('\n');
}

function isResolved(doc: TreatyDocument, ref: Reference, lookup: InstrumentLookup): boolean {
  const res = resolveReference(doc, ref, lookup);
  return !res.problem && res.instrumentFound !== false && res.targets.every((t) => t.provision);
}

function describeTargets(doc: TreatyDocument, ref: Reference, lookup: InstrumentLookup): string {
  const res = resolveReference(doc, ref, lookup);
  const of = ref.instrument ? ` of the ${ref.instrument.title}` : '';
  const unavailable = res.instrumentFound === false;
  // Without the other text there is no provision to name: show the eId it would have.
  const names = res.targets.map((t) => (t.provision ? provisionLabel(t.provision) : unavailable ? t.eId : `${t.eId} (missing)`));
  const note = unavailable ? ' (text not available)' : '';
  return (names.join(', ') || '(no target)') + of + note;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

// --- check ---------------------------------------------------------------------------------

function check(loaded: Loaded[]): { errors: number; output: string[] } {
  const output: string[] = [];
  let errors = 0;
  for (const { file, doc, lookup } of loaded) {
    const lines = linesOf(doc);
    for (const ref of doc.references) {
      const res = resolveReference(doc, ref, lookup);
      const pos = lines.positionAt(ref.range.start);
      const where = `${file}:${pos.line + 1}:${pos.character + 1}`;
      if (ref.instrument && res.instrumentFound === false) {
        // Not the author's error: the other instrument's text is simply not at hand.
        output.push(`${where}: info: ${oneLine(ref.text)}: ${res.problem ?? 'text not available'}`);
      } else if (res.problem || res.targets.some((t) => !t.provision)) {
        errors++;
        output.push(`${where}: ${oneLine(ref.text)}: ${res.problem ?? 'target not found'}`);
      }
    }
  }
  return { errors, output };
}

// --- main ----------------------------------------------------------------------------------

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.version) return print(pkg.version), 0;
  if (args.help || !args.command) return print(HELP), args.help ? 0 : 2;
  const ws = makeWorkspace(args.library);
  switch (args.command) {
    case 'outline':
    case 'refs': {
      if (args.files.length !== 1) throw new CliError(`${args.command} takes one FILE (see pacta --help)`);
      const { doc } = load(ws, args.files[0]);
      const text = args.command === 'outline' ? outline(doc, args.json) : refs(doc, await ws.lookupFor(doc), args.json);
      if (text) print(text);
      return 0;
    }
    case 'check': {
      if (args.files.length === 0) throw new CliError('check needs at least one FILE (see pacta --help)');
      const loaded: Loaded[] = [];
      let unreadable = false;
      for (const f of args.files) {
        try {
          loaded.push(load(ws, f));
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          process.stderr.write(`pacta: ${err.message}\n`);
          unreadable = true;
        }
      }
      // All FILES are open documents of the workspace, so each one's cited instruments are
      // found among the FILES first, then in the --library folders.
      for (const l of loaded) l.lookup = await ws.lookupFor(l.doc);
      const { errors, output } = check(loaded);
      if (output.length) print(output.join('\n'));
      if (errors) process.stderr.write(`pacta: ${errors} unresolved reference${errors === 1 ? '' : 's'}\n`);
      return unreadable ? 2 : errors ? 1 : 0;
    }
    default:
      throw new CliError(`unknown command ${args.command} (see pacta --help)`);
  }
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

// A closed pipe (`pacta outline x | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

run(process.argv.slice(2)).then(
  // exitCode, not exit(): a large outline must finish flushing to a pipe first.
  (code) => (process.exitCode = code),
  (err: unknown) => {
    if (err instanceof CliError) process.stderr.write(`pacta: ${err.message}\n`);
    else process.stderr.write(`pacta: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
