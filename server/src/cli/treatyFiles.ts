// Which files `pacta check` reads when given folders: every `*.treaty`, `*.treaty.txt`
// and `*.treaty.md`, and any other `.txt`/`.md` whose text reads like a treaty (it has
// article headings), so a folder of plain `.txt` treaties is checked but a README is not.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { walk, type TreatyDocument } from '../model';

/** Named as a treaty: always checked. */
export const TREATY_NAME = /\.treaty(\.(txt|md))?$/i;
/** May be a treaty: checked when its text has article headings. */
const CANDIDATE_NAME = /\.(txt|md)$/i;
/** Folders never worth descending into (as in the workspace index). */
const SKIPPED_FOLDER = /^(\.|node_modules$)/;
const MAX_DEPTH = 12;

export interface Candidate {
  /** The path as the user would write it (relative to the folder given, joined to it). */
  file: string;
  /** True when found in a folder by its extension only: keep it only if it reads like a treaty. */
  needsSniff: boolean;
}

/** Files to check from the command line's paths: files as given, folders walked in name order. */
export function expandPaths(paths: readonly string[], onProblem: (message: string) => void): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (file: string, needsSniff: boolean) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file, needsSniff });
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // Missing files are reported when they are read, with the reason.
    }
    if (!isDir) add(p, false);
    else walkFolder(p, 0, add, onProblem);
  }
  return out;
}

function walkFolder(dir: string, depth: number, add: (file: string, sniff: boolean) => void, onProblem: (m: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    onProblem(`cannot list ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const folders: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    // Symbolic links are not followed (as in the workspace): they could lead in a cycle.
    if (e.isDirectory()) {
      if (!SKIPPED_FOLDER.test(e.name) && depth < MAX_DEPTH) folders.push(full);
    } else if (e.isFile()) {
      if (TREATY_NAME.test(e.name)) add(full, false);
      else if (CANDIDATE_NAME.test(e.name)) add(full, true);
    }
  }
  for (const f of folders) walkFolder(f, depth + 1, add, onProblem);
}

/** A text reads like a treaty when it has at least two articles. */
export function readsLikeTreaty(doc: TreatyDocument): boolean {
  let articles = 0;
  for (const p of walk(doc.root)) if (p.kind === 'article' && ++articles >= 2) return true;
  return false;
}
