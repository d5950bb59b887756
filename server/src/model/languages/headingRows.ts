// The heading rows of the language packs, compiled once: "Статья 51", "Artículo 5",
// "TITRE V", "Article 1er", "第七章", "第五十一條", "المادة ٥١", "Hoofdstuk 3".
// headings.ts tries them after its own (English and Korean) rows.
import type { ProvisionKind } from '../types';
import { LANGUAGE_PACKS } from './index';
import type { HeadingRow, LanguagePack } from './types';
import { CHINESE_DIGIT, DIGIT, asciiDigits, chineseToInt } from './numerals';

export interface PackHeading {
  kind: ProvisionKind;
  num?: string;
  inlineHeading?: string;
  /** Where the provision's text starts on the heading line itself (第一条　本条约适用于…。). */
  bodyStart?: number;
}

interface CompiledRow {
  head: RegExp;
  row: HeadingRow;
  pack: LanguagePack;
  /** Number words ("premier", "السابع") with their values, longest first. */
  words: Array<[RegExp, number]>;
  articleSuffix?: RegExp;
}

const LATIN_SUFFIX = /^[ \t]*(?:-[ \t]*)?(bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)(?![\p{L}])/u;
// As in headings.ts: a heading line ends after the number, or goes on after a separator.
// Lines arrive trimmed, so the heading runs to the end of the line.
const TAIL = /^\.?(?:[ \t]*(?:[\u2014\u2013:]|--?|\.)[ \t]*(\S.*))?$/u;
const MD = '^(?:#{1,6}[ \\t]+)?';

function caseForms(word: string): string[] {
  const cap = word.charAt(0).toUpperCase() + word.slice(1);
  return [...new Set([cap, word.toUpperCase()])];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordsSource(row: HeadingRow): string | undefined {
  if (row.exact) return row.exact;
  if (row.words) return row.words.flatMap(caseForms).map(escape).join('|');
  return undefined;
}

function numberSource(pack: LanguagePack, kind: ProvisionKind): string {
  const alts: string[] = [];
  // Headings are often in capitals: "TITRE PREMIER".
  const keys = Object.keys(pack.numbers.words ?? {});
  const words = [...new Set(pack.caseInsensitive ? keys.flatMap((w) => [w, w.toUpperCase()]) : keys)].sort((a, b) => b.length - a.length);
  if (words.length) alts.push(`(?:${words.join('|')})(?![\\p{L}])`);
  alts.push(`${DIGIT}{1,4}`);
  alts.push('[IVXLCDM]{1,7}(?![\\p{L}\\p{N}])');
  if (kind === 'section' || kind === 'subsection' || kind === 'annex') alts.push('[A-Z](?![\\p{L}\\p{N}])');
  if (pack.numbers.chinese) alts.push(`${CHINESE_DIGIT}+`);
  return alts.join('|');
}

function compileRow(pack: LanguagePack, row: HeadingRow): CompiledRow {
  const num = numberSource(pack, row.kind);
  const optional = row.unnumbered ? '?' : '';
  let head: string;
  if (row.prefix && row.suffix) {
    head = `${MD}(?:${row.prefix})[ \\t]*(?<num>${num})[ \\t]*(?:${row.suffix})`;
  } else {
    const sep = pack.unspaced ? '[ \\t]*' : '[ \\t]+';
    head = `${MD}(?:${wordsSource(row)})(?:${sep}\\(?(?<num>${num})\\)?)${optional}`;
  }
  const words = Object.entries(pack.numbers.words ?? {})
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w, v]) => [new RegExp(`^(?:${w})$`, pack.caseInsensitive ? 'iu' : 'u'), v] as [RegExp, number]);
  const articleSuffix = row.kind === 'article' && pack.numbers.articleSuffix ? new RegExp(`^(?:${pack.numbers.articleSuffix})`, 'u') : undefined;
  return { head: new RegExp(head, 'u'), row, pack, words, articleSuffix };
}

const ROWS: CompiledRow[] = LANGUAGE_PACKS.flatMap((p) => p.headings.map((r) => compileRow(p, r)));

// One test that rules out most lines before any row is tried.
const PREFILTER = new RegExp(
  `${MD}(?:${LANGUAGE_PACKS.flatMap((p) => p.headings.map((r) => (r.prefix ? r.prefix : wordsSource(r)))).join('|')})`,
  'u',
);

function cleanNumber(raw: string, row: CompiledRow): string {
  for (const [re, v] of row.words) if (re.test(raw)) return String(v);
  if (row.pack.numbers.chinese && new RegExp(`^${CHINESE_DIGIT}+$`, 'u').test(raw)) {
    const n = chineseToInt(raw);
    if (n !== undefined) return String(n);
  }
  return asciiDigits(raw);
}

/** The built heading patterns, for the regex-safety check. */
export function packHeadingPatterns(): RegExp[] {
  return [PREFILTER, ...ROWS.map((r) => r.head)];
}

/** A heading line in one of the pack languages, or undefined. */
export function matchPackHeading(line: string): PackHeading | undefined {
  if (!PREFILTER.test(line)) return undefined;
  for (const row of ROWS) {
    const m = row.head.exec(line);
    if (!m) continue;
    const h = buildHeading(line, m, row);
    if (h) return h;
  }
  return undefined;
}

function buildHeading(line: string, m: RegExpExecArray, row: CompiledRow): PackHeading | undefined {
  const raw = m.groups?.num;
  if (!raw && !row.row.unnumbered) return undefined;
  let num = raw ? cleanNumber(raw, row) : undefined;
  let rest = line.slice(m[0].length);
  if (num !== undefined && row.row.kind === 'article') {
    const sub = row.articleSuffix?.exec(rest);
    const latin = LATIN_SUFFIX.exec(rest);
    if (sub) {
      num = `${num}-${cleanNumber(sub[1], row)}`;
      rest = rest.slice(sub[0].length);
    } else if (latin && /^\d+$/.test(num)) {
      num = `${num} ${latin[1]}`;
      rest = rest.slice(latin[0].length);
    }
  }
  if (row.pack.headingTextAfterSpace) return cjkTail(line, rest, row.row.kind, num);
  const t = TAIL.exec(rest);
  if (!t) return undefined;
  return { kind: row.row.kind, num, inlineHeading: t[1] };
}

/**
 * Chinese headings: "第七章　宗旨" (a heading after a space), "第一条　本条约…。" (the body on
 * the heading line), "第五条规定…" (a sentence that starts with a citation: no heading).
 */
function cjkTail(line: string, rest: string, kind: ProvisionKind, num: string | undefined): PackHeading | undefined {
  if (/^[ \t\u3000]*$/.test(rest)) return { kind, num };
  if (!/^[ \t\u3000]/.test(rest)) return undefined;
  // The line arrives trimmed (String#trim takes the ideographic space too).
  const text = rest.replace(/^[ \t\u3000]+/, '');
  const bracket = /^[(（]([^)）]*)[)）]$/.exec(text);
  if (bracket) return { kind, num, inlineHeading: bracket[1] };
  if (text.length <= 30 && !/[。；;，,：:！？]/.test(text)) return { kind, num, inlineHeading: text };
  if (kind !== 'article') return undefined;
  return { kind, num, bodyStart: line.length - text.length };
}
