// Where things are, resolved from this file so tests run from any working directory.
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
/** The shared corpus lives beside the clone (`../shared/corpus`); never copied into the project. */
export const CORPUS = path.resolve(REPO, '../shared/corpus');

export function corpusFile(name: string): string {
  return path.join(CORPUS, name);
}
