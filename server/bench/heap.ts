// Heap the model holds beyond its text (with the line index the features build), in bytes
// per character. Measured in a function of its own: read inline after timing loops, dead
// results still referenced from the caller's frame made the figure come out near zero or
// negative. Small texts are parsed several times and the heap divided, so collector noise
// averages out.
import { parseTreaty, type TreatyDocument } from '../src/model';
import { linesOf } from '../src/features/convert';
import { heapUsed } from './util';

export function modelHeapPerChar(text: string, copies = Math.max(1, Math.round(2e6 / Math.max(1, text.length)))): number {
  const before = heapUsed();
  const docs: TreatyDocument[] = [];
  for (let i = 0; i < copies; i++) {
    const doc = parseTreaty(text);
    linesOf(doc);
    docs.push(doc);
  }
  const after = heapUsed();
  if (docs.length !== copies) throw new Error('unreachable: keeps the models alive until after the reading');
  return (after - before) / copies / text.length;
}
