// Small helpers for writing feature tests against inline texts and corpus files.
import * as fs from 'node:fs';
import type { Position } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../src/model';
import { corpusFile } from './paths';

export function readCorpus(name: string): string {
  return fs.readFileSync(corpusFile(name), 'utf8');
}

/** The position of the `occurrence`-th (1-based) `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, occurrence = 1, delta = 1): Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${occurrence}) not in text`);
  }
  return new LineIndex(text).positionAt(at + delta);
}

/** The line (0-based) on which `needle` first occurs. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  return positionOf(text, needle, occurrence, 0).line;
}

/** Joins lines with \n, so inline texts read like the files they stand for. */
export function lines(...ls: string[]): string {
  return ls.join('\n');
}
