// `pacta` — the treaty model on the command line: outline, references, and a checker
// for broken cross-references (exit 1) that CI can run.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
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
import { CHECK_FORMATS, runCheck, type CheckFormat } from './cli/check';
import { exportAkn } from './cli/exportAkn';
import { compareText, missingProvision, parseSpec } from './cli/compare';

const HELP = `pacta ${pkg.version} — structure and cross-references of treaty texts

Usage:
  pacta outline FILE [--json]           the provision tree (chapters, articles, paragraphs…)
  pacta refs FILE [--json]              every reference and what it points to
  pacta check FILE|FOLDER... [--library DIR] [--format text|json|sarif] [-o OUT]
                                        report references that do not resolve, in the
                                        files and in the treaty texts of folders (recursive)
  pacta export FILE --akn [-o OUT]      the text as Akoma Ntoso 3.0 XML, references as <ref>
  pacta compare FILE#EID OTHER#EID [--json]
                                        word diff of two provisions ([-removed-]{+added+})
                                        and their similarity, e.g. a.txt#art_4 b.txt#art_1__para_2
  pacta --help | --version

Options:
  --json           machine-readable output (ranges are 0-based LSP positions)
  --format F       check's output: text (default), json, or sarif (SARIF 2.1.0, for
                   code-scanning annotations in pull requests)
  -o, --output OUT write to OUT instead of the standard output
  --strict         check: numbering faults (Article 5 after Article 3, two Articles 4,
                   paragraphs 1, 2, 4), always listed as warnings, also fail the check
  --library DIR    a folder with the texts of other instruments (repeatable);
                   the FILES given are searched first

Exit status (check): 0 all references resolve, 1 some do not, 2 could not run (a file could
not be read, no treaty text was found, or a usage error).
References to an instrument whose text is not available are listed as information only;
numbering faults are warnings, and change the exit status only with --strict.`;

/** Thrown for a usage or input problem: printed as "pacta: message", exit code 2. */
class CliError extends Error {}

interface Args {
  command?: string;
  files: string[];
  library: string[];
  json: boolean;
  format?: string;
  akn: boolean;
  /** check: numbering faults (warnings) fail the check too. */
  strict?: boolean;
  output?: string;
  help: boolean;
  version: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], library: [], json: false, akn: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--version' || a === '-v') args.version = true;
    else if (a === '--akn') args.akn = true;
    else if (a === '--strict') args.strict = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      args.format = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!args.format) throw new CliError(`--format needs one of ${CHECK_FORMATS.join(', ')}`);
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      args.output = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!args.output) throw new CliError(`${a} needs a file name`);
    } else if (a === '--library' || a.startsWith('--library=')) {
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
  // A batch run may take its time: no interactive size limit on the files it is given.
  return new Workspace(new NodeFileSystem(), { library: library.map((d) => path.resolve(d)), log: warn, maxFileSize: 512 * 1024 * 1024 });
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
      range: toRange(lines, p),
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
      range: toRange(lines, r),
      text: r.text,
      targets: r.targets.map((t) => ({ eId: t.eId, instrument: t.instrument })),
      resolved: isResolved(doc, r, lookup),
    }));
    return JSON.stringify(items, null, 2);
  }
  return doc.references
    .map((r) => {
      const pos = lines.positionAt(r.start);
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
      if (args.files.length === 0) throw new CliError('check needs at least one FILE or folder (see pacta --help)');
      const format = args.format ?? (args.json ? 'json' : 'text');
      if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown format ${format}: use ${CHECK_FORMATS.join(', ')}`);
      const out = outputTo(args.output);
      const code = await runCheck(
        { paths: args.files, format: format as CheckFormat, version: pkg.version, root: process.cwd(), informationUri: homepage(), strict: args.strict },
        {
          load: (file) => load(ws, file),
          unload: (uri) => ws.close(uri),
          lookupFor: (doc) => ws.lookupFor(doc),
          isInputError: (err) => err instanceof CliError,
          write: out,
          warn: (m) => process.stderr.write(m + '\n'),
        },
      );
      return code;
    }
    case 'export': {
      if (!args.akn) throw new CliError('export needs a format: --akn (Akoma Ntoso 3.0 XML)');
      if (args.files.length !== 1) throw new CliError('export takes one FILE (see pacta --help)');
      const { doc } = load(ws, args.files[0]);
      const { xml, stats } = exportAkn(doc, await ws.lookupFor(doc));
      outputTo(args.output)(xml);
      if (args.output) {
        process.stderr.write(`pacta: wrote ${args.output} (${stats.refs} ref, ${stats.rrefs} rref, ${stats.mrefs} mref; ${stats.unresolved} unresolved left as text)\n`);
      }
      return 0;
    }
    case 'compare': {
      const specs = args.files.map((f) => ({ arg: f, spec: parseSpec(f) }));
      if (specs.length !== 2) throw new CliError('compare takes two provisions: FILE#EID OTHER#EID (see pacta --help)');
      const sides = specs.map(({ arg, spec }) => {
        if (!spec) throw new CliError(`${arg}: write a provision as FILE#EID, for example treaty.txt#art_4__para_1`);
        const { doc } = load(ws, spec.file);
        if (!doc.byId.has(spec.eId)) throw new CliError(missingProvision(doc, spec.file, spec.eId));
        return { spec, doc };
      });
      const text = compareText(sides[0], sides[1], args.json);
      outputTo(args.output)(text);
      return 0;
    }
    default:
      throw new CliError(`unknown command ${args.command} (see pacta --help)`);
  }
}

/** Prints to stdout, or writes the whole text to a file (-o). */
function outputTo(file: string | undefined): (text: string) => void {
  if (!file) return print;
  return (text) => {
    try {
      writeFileSync(file, text.endsWith('\n') ? text : text + '\n');
    } catch (err) {
      throw new CliError(`cannot write ${file}: ${reason(err)}`);
    }
  };
}

function homepage(): string | undefined {
  const p = pkg as { homepage?: string; repository?: string | { url?: string } };
  const repo = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  return p.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '');
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
