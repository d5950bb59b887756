// `pacta check PATH...`: every reference in the files (and in the treaty-like files of the
// folders) is resolved; what does not resolve is reported as text, JSON or SARIF.
// Exit status: 0 all resolve, 1 some do not, 2 something could not be read (or no file).
import type { InstrumentLookup, TreatyDocument } from '../model';
import { findProblems, formatJson, formatText, type CheckedFile, type CheckSummary } from './findings';
import { toSarif } from './sarif';
import { expandPaths, readsLikeTreaty } from './treatyFiles';

export type CheckFormat = 'text' | 'json' | 'sarif';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif'];

export interface CheckIo {
  /** Reads and parses a file into the workspace; throws an Error whose message says why not. */
  load(file: string): { doc: TreatyDocument; uri: string };
  /** Drops a file that turned out not to be a treaty from the workspace. */
  unload(uri: string): void;
  lookupFor(doc: TreatyDocument): Promise<InstrumentLookup>;
  /** True for the errors `load` throws for unreadable input (anything else is a bug). */
  isInputError(err: unknown): boolean;
  write(text: string): void;
  warn(text: string): void;
}

export interface CheckRequest {
  paths: string[];
  format: CheckFormat;
  version: string;
  /** Where SARIF paths are relative to. */
  root: string;
  /** The tool's home page, for SARIF viewers. */
  informationUri?: string;
  /** Numbering faults (warnings) fail the check too. */
  strict?: boolean;
}

export async function runCheck(req: CheckRequest, io: CheckIo): Promise<number> {
  const summary: CheckSummary = { files: [], problems: [], findings: [] };
  const problem = (file: string, message: string) => {
    summary.problems.push({ file, message });
    io.warn(`pacta: cannot read ${file}: ${message}`);
  };
  const candidates = expandPaths(req.paths, (m) => io.warn(`pacta: ${m}`));
  const checked: CheckedFile[] = [];
  for (const c of candidates) {
    try {
      const { doc, uri } = io.load(c.file);
      if (c.needsSniff && !readsLikeTreaty(doc)) {
        io.unload(uri); // a README or notes: not a treaty, not checked
        continue;
      }
      checked.push({ file: c.file, doc });
      summary.files.push(c.file);
    } catch (err) {
      if (!io.isInputError(err)) throw err;
      const message = (err as Error).message;
      const prefix = `cannot read ${c.file}: `;
      problem(c.file, message.startsWith(prefix) ? message.slice(prefix.length) : message);
    }
  }
  if (!checked.length && !summary.problems.length) {
    io.warn(`pacta: no treaty texts found in ${req.paths.join(', ')} (looked for *.treaty, *.treaty.txt, *.treaty.md, and .txt/.md files with articles)`);
    summary.problems.push({ file: req.paths.join(', '), message: 'no treaty texts found' });
  }
  // Every file is an open document of the workspace, so each one's cited instruments are
  // found among the files checked first, then in the --library folders.
  for (const f of checked) f.lookup = await io.lookupFor(f.doc);
  summary.findings = findProblems(checked);

  const errors = summary.findings.filter((f) => f.level === 'error').length;
  if (req.format === 'json') io.write(formatJson(summary));
  else if (req.format === 'sarif') io.write(JSON.stringify(toSarif(summary, { version: req.version, root: req.root, informationUri: req.informationUri }), null, 2));
  else {
    const lines = formatText(summary.findings);
    if (lines.length) io.write(lines.join('\n'));
  }
  if (errors) io.warn(`pacta: ${errors} unresolved reference${errors === 1 ? '' : 's'} in ${summary.files.length} file${summary.files.length === 1 ? '' : 's'}`);
  const warnings = summary.findings.filter((f) => f.level === 'warning').length;
  if (warnings && req.strict) io.warn(`pacta: ${warnings} numbering fault${warnings === 1 ? '' : 's'} (--strict)`);
  return summary.problems.length ? 2 : errors || (req.strict && warnings) ? 1 : 0;
}
