// Adversarial inputs for the model's entry point, one family per thing a pattern could choke
// on, and the growth of parse time between size n and 8n (CPU time, median of a few runs).
// Linear code grows about 8×; catastrophic backtracking or a quadratic loop grows 64× or more.
// Shared by `npm run bench` (figures) and server/test/reliability/growth.test.ts (assertion).
import { parseTreaty } from '../src/model';

export interface Family {
  name: string;
  /** A text of about `size` characters. */
  make(size: number): string;
  /** Sizes are multiplied by this: cheap families need more text to take measurable time. */
  scale?: number;
}

const fill = (unit: (i: number) => string, size: number): string => {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const s = unit(i);
    parts.push(s);
    n += s.length;
  }
  return parts.join('').slice(0, size);
};

export const FAMILIES: Family[] = [
  {
    name: 'heading-heavy',
    make: (size) => fill((i) => (i % 50 === 0 ? `PART ${i / 50 + 1}\nCHAPTER ${i}\n` : '') + `Article ${i + 1}\nHeading of article ${i + 1}\n## Article ${i}bis — Other\nART. ${i}.\n`, size),
  },
  {
    name: 'list-heavy',
    make: (size) => fill((i) => `${(i % 9) + 1}. text\n(a) point\n(i) sub\n(${i % 30}) x\na) y\n①\n`, size),
  },
  {
    name: 'reference-heavy',
    make: (size) => fill((i) => `Article ${i % 40 + 1}\nsee Articles 1 to 3, paragraph 2 (a) of Article 4, article 7, paragraph 1 (k) and the preceding paragraph; Article 51 of the Charter of the United Nations; `, size),
  },
  {
    name: 'reference lists without end',
    make: (size) => 'Article 1\nArticles ' + fill((i) => `${i % 90 + 1}, `, size),
  },
  {
    name: 'bracket runs',
    scale: 20,
    make: (size) => 'Article 1\nSee Article 1' + fill((i) => (i % 3 === 2 ? '(a)' : '(((('), size),
  },
  {
    name: 'whitespace runs',
    make: (size) => fill((i) => `Article${' '.repeat(i % 200)}\t${i}${' \t'.repeat(i % 50)}paragraph ${' '.repeat(i % 100)}2\n${' '.repeat(300)}\n`, size),
  },
  {
    name: 'a long line',
    make: (size) => fill((i) => `the Parties to Article ${i % 60} of this Convention shall, under paragraph ${i % 9}, ${'x'.repeat(i % 40)} `, size),
  },
  {
    name: 'instrument scopes that never end',
    make: (size) => 'Article 1\nArticle 1 of the ' + fill((i) => (i % 2 ? 'Charter of the ' : 'Convention on the Law of the '), size),
  },
  {
    name: 'chained relative forms',
    make: (size) => 'Article 1\n1. x\n' + fill((i) => (i % 2 ? 'the second paragraph of ' : 'paragraph 3 of Article 52 of '), size),
  },
  {
    name: 'heading lookalikes with separators',
    scale: 5,
    make: (size) => fill((i) => `Article ${i}${' -'.repeat(i % 80)}${' —'.repeat(i % 5)}:${'.'.repeat(i % 60)}
`, size),
  },
  {
    name: 'digits and numerals',
    scale: 20,
    make: (size) => 'Article ' + fill((i) => (i % 2 ? '9' : 'IVXLC'), size),
  },
];

export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface Growth {
  family: string;
  n: number;
  smallMs: number;
  bigMs: number;
  /** bigMs / smallMs: about 8 when linear. */
  ratio: number;
}

/** Median CPU time of parseTreaty at n and 8n characters. */
export function measureGrowth(family: Family, size: number, runs = 3): Growth {
  const n = size * (family.scale ?? 1);
  const small = family.make(n);
  const big = family.make(8 * n);
  parseTreaty(small); // warm the JIT before timing
  const smallMs = median(Array.from({ length: runs }, () => cpuMs(() => parseTreaty(small))));
  const bigMs = median(Array.from({ length: runs }, () => cpuMs(() => parseTreaty(big))));
  // A floor of 1 ms keeps a timer tick on a tiny time from passing for growth.
  return { family: family.name, n, smallMs, bigMs, ratio: bigMs / Math.max(smallMs, 1) };
}
