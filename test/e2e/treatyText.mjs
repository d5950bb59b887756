// Reads a treaty text the simple way (headings are lines starting "Article N"), so
// the real-editor tests can state what the server should answer without
// hard-coding line numbers of a sample that is still being edited.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';

export const SAMPLE = path.join(repoRoot, 'samples', 'partnership-treaty.treaty.txt');

/** ../shared/corpus beside the clone (CI) or the working tree's parent. */
export function corpusDir() {
  const candidates = [
    process.env.PACTA_CORPUS,
    path.resolve(repoRoot, '..', 'shared', 'corpus'),
    '/work/shared/corpus',
  ].filter(Boolean);
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'un_charter_en.txt')));
  if (!found) throw new Error(`the real-treaty corpus (un_charter_en.txt) was not found in: ${candidates.join(', ')}`);
  return found;
}

const HEADING = /^\s*Article\s+(\d+)\s*$/;

/** Article headings: number → { line (0-based), endLine (exclusive), caption, body (first text line) }. */
export function articles(text) {
  const lines = text.split(/\r?\n/);
  const heads = [];
  lines.forEach((l, i) => {
    const m = HEADING.exec(l);
    if (m) heads.push({ n: Number(m[1]), line: i });
  });
  const out = new Map();
  heads.forEach((h, k) => {
    const endLine = k + 1 < heads.length ? heads[k + 1].line : lines.length;
    // The first line of real text: skip blanks and a one-line caption such as
    // "Mutual assistance" (captions carry no final punctuation).
    let body = '';
    for (let i = h.line + 1; i < endLine; i++) {
      const t = lines[i].trim();
      if (t && /[.;:,]$/.test(t) && t.split(/\s+/).length > 6) { body = t; break; }
    }
    // A caption is the short line right under the heading ("Mutual assistance").
    const next = (lines[h.line + 1] ?? '').trim();
    const caption = next && !/[.;:,]$/.test(next) && !HEADING.test(next) ? next : '';
    if (!out.has(h.n)) out.set(h.n, { n: h.n, line: h.line, endLine, body, caption });
  });
  return out;
}

/** Position (0-based line/character) of the first occurrence of `needle`, optionally at or after line `from`. */
export function positionOf(text, needle, from = 0) {
  const lines = text.split(/\r?\n/);
  for (let i = from; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { line: i, character: c };
  }
  throw new Error(`"${needle}" not found in the text`);
}

/**
 * The first reference to another article of the same text, in running text
 * (not a heading) and not followed by "of the …" (which cites another instrument).
 */
export function firstInternalReference(text) {
  const lines = text.split(/\r?\n/);
  const arts = articles(text);
  for (let i = 0; i < lines.length; i++) {
    if (HEADING.test(lines[i])) continue;
    for (const m of lines[i].matchAll(/\bArticle (\d+)\b(?! of the)/g)) {
      const n = Number(m[1]);
      if (arts.has(n)) return { n, line: i, character: m.index, article: arts.get(n) };
    }
  }
  throw new Error('no internal "Article N" reference found');
}

/** A run of words from the start of an article's first text line, without its paragraph number. */
export function openingWords(body, count = 8) {
  return body.replace(/^\(?\d+[.)]\s+|^\([a-z]\)\s+/, '').split(/\s+/).slice(0, count).join(' ');
}

export function squash(s) {
  return s.replace(/\s+/g, ' ').trim();
}
