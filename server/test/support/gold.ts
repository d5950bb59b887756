// Scores the reference recogniser against the hand-annotated gold files in
// server/test/fixtures/gold: precision and recall of (span, targets) pairs.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { LineIndex, parseTreaty, type Reference } from '../../src/model';
import { corpusPath } from './corpus';

interface GoldRef {
  line: number;
  text: string;
  occurrence?: number;
  targets: string[];
  instrument: string | null;
}

interface GoldFile {
  file: string;
  region?: { fromLine: number; toLine: number };
  regions?: Array<{ fromLine: number; toLine: number }>;
  references: GoldRef[];
}

export interface Mismatch {
  line: number;
  text: string;
  expected?: string;
  got?: string;
}

export interface GoldScore {
  file: string;
  gold: number;
  predicted: number;
  /** Predictions that overlap a gold reference and have exactly its targets. */
  correct: number;
  precision: number;
  recall: number;
  missed: Mismatch[];
  wrong: Mismatch[];
}

export const GOLD_DIR = path.resolve(__dirname, '../fixtures/gold');

export function goldFiles(): string[] {
  return readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json')).map((f) => path.join(GOLD_DIR, f));
}

const key = (targets: Array<{ eId: string; instrument: string | null }>) =>
  targets.map((t) => `${t.instrument ?? ''}#${t.eId}`).join(' ');

export function scoreGold(goldPath: string): GoldScore {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
  const text = readFileSync(corpusPath(gold.file), 'utf8');
  const doc = parseTreaty(text);
  const lines = new LineIndex(text);
  const regions = gold.regions ?? (gold.region ? [gold.region] : []);
  const inRegion = (line1: number) => regions.some((r) => line1 >= r.fromLine && line1 <= r.toLine);

  const goldSpans = gold.references.map((g) => {
    const lineStart = lines.offsetAt({ line: g.line - 1, character: 0 });
    const lineText = text.slice(lineStart, lines.offsetAt({ line: g.line, character: 0 }));
    let idx = -1;
    for (let k = 0; k < (g.occurrence ?? 1); k++) idx = lineText.indexOf(g.text, idx + 1);
    if (idx < 0) throw new Error(`${gold.file}:${g.line}: gold text "${g.text}" not on its line`);
    return { g, start: lineStart + idx, end: lineStart + idx + g.text.length, key: key(g.targets.map((eId) => ({ eId, instrument: g.instrument }))) };
  });

  const predicted = doc.references.filter((r) => inRegion(lines.positionAt(r.start).line + 1));
  const predKey = (r: Reference) => key(r.targets);
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

  let correct = 0;
  const wrong: Mismatch[] = [];
  const matchedGold = new Set<number>();
  for (const r of predicted) {
    const hits = goldSpans.map((g, i) => ({ g, i })).filter(({ g }) => overlaps(g, r));
    const good = hits.find(({ g }) => g.key === predKey(r));
    if (good) {
      correct++;
      matchedGold.add(good.i);
    } else {
      wrong.push({ line: lines.positionAt(r.start).line + 1, text: r.text, expected: hits.map((h) => h.g.key).join(' | ') || '(no reference here)', got: predKey(r) || `(unresolved: ${r.problem})` });
    }
  }
  const missed: Mismatch[] = goldSpans
    .filter((_, i) => !matchedGold.has(i))
    .map((g) => ({ line: g.g.line, text: g.g.text, expected: g.key }));
  return {
    file: gold.file,
    gold: goldSpans.length,
    predicted: predicted.length,
    correct,
    precision: predicted.length ? correct / predicted.length : 1,
    recall: goldSpans.length ? matchedGold.size / goldSpans.length : 1,
    missed,
    wrong,
  };
}
