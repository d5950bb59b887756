// Where the shared corpus of real treaty texts lives: beside the clone, never inside it.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS_DIR = path.resolve(__dirname, '../../../../shared/corpus');

export function corpusPath(file: string): string {
  const p = path.join(CORPUS_DIR, file);
  if (!existsSync(p)) {
    throw new Error(`corpus file missing: ${p} — the tests read ../shared/corpus beside the repository`);
  }
  return p;
}

export function readCorpus(file: string): string {
  return readFileSync(corpusPath(file), 'utf8');
}
