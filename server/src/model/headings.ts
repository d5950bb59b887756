// The heading and numbering patterns the structure parser recognises, as data:
// a new layout or language is a new row here, not a new branch in the parser.
import type { ProvisionKind } from './types';
import { matchPackHeading, packHeadingPatterns } from './languages/headingRows';
import { asciiDigits, chineseToInt } from './languages/numerals';

export interface HeadingMatch {
  kind: ProvisionKind;
  /** The number as printed ("VII", "8 bis", "1"); undefined for an unnumbered annex. */
  num?: string;
  /** A heading on the same line ("Article 5 — Heading", "제1조 (협약의 범위)"). */
  inlineHeading?: string;
  /** Offset in the (trimmed) line where the provision's own text starts, when it is on the heading line. */
  bodyStart?: number;
}

interface HeadingRule {
  pattern: RegExp;
  build: (m: RegExpExecArray) => HeadingMatch | undefined;
  /** A cheap test of the line's first characters; rules without one are always tried. */
  quick?: RegExp;
}

// After the number, a heading line either ends or goes on after a separator
// ("—", "–", ":", ". "); "Article 5 shall apply" is text, not a heading.
// Lines reach here trimmed, so the heading runs to the end of the line.
const TAIL = String.raw`\.?(?:[ \t]*(?:[\u2014\u2013:]|--?|\.)[ \t]*(\S.*))?$`;
const MD = String.raw`^(?:#{1,6}[ \t]+)?`;
const SUFFIX = String.raw`(?:[ \t]*(?:-[ \t]*)?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?`;

const CONTAINER_WORDS: Record<string, ProvisionKind> = {
  part: 'part',
  title: 'title',
  chapter: 'chapter',
  section: 'section',
  subsection: 'subsection',
  'sub-section': 'subsection',
  annex: 'annex',
  appendix: 'annex',
  protocol: 'protocol',
};

const KOREAN_UNITS: Record<string, ProvisionKind> = { 부: 'part', 장: 'chapter', 절: 'section', 관: 'subsection' };

const RULES: HeadingRule[] = [
  {
    // "Article 5", "ARTICLE 5", "Art. 5.", "## Article 5 — Heading", "Article 8 bis", "Article IV", "Article 12A"
    pattern: new RegExp(
      MD + String.raw`(?:ARTICLE|Article|ART\.|Art\.)[ \t]*(\d+[A-Z]?|[IVXLCDM]+\b|premier|first)(${SUFFIX})` + TAIL,
    ),
    build: (m) => ({ kind: 'article', num: cleanArticleNum(m[1], m[2]), inlineHeading: m[3] }),
    quick: /^(?:#|Art|ART)/,
  },
  {
    // "PART XI", "Part 2", "CHAPTER VII", "Chapter VII: Title", "SECTION 4.", "SUBSECTION A.", "ANNEX VII", "Annex"
    pattern: new RegExp(
      MD +
        String.raw`(PART|Part|TITLE|Title|CHAPTER|Chapter|SECTION|Section|SUBSECTION|Subsection|Sub-section|ANNEX|Annex|APPENDIX|Appendix|PROTOCOL|Protocol)(?:[ \t]+(?:No\.?[ \t]*)?(\d+|[IVXLCDM]+\b|[A-Z]\b))?` +
        TAIL,
    ),
    quick: /^(?:#|P[Aa]|C[Hh]|S[Ee]|S[Uu]|A[Nn]|A[Pp]|P[Rr]|T[Ii])/,
    build: (m) => {
      const kind = CONTAINER_WORDS[m[1].toLowerCase()];
      // Only annexes and protocols go unnumbered; "Part" alone on a line is text.
      if (!m[2] && kind !== 'annex' && kind !== 'protocol') return undefined;
      return { kind, num: m[2], inlineHeading: m[3] };
    },
  },
  {
    // Korean: "제1조 (협약의 범위)", "제8조 권한없이 행한 행위의 추인", "제15조의2"
    quick: /^(?:#|제)/,
    pattern: /^(?:#{1,6}[ \t]+)?제[ \t]*(\d+)[ \t]*조((?:의[ \t]*\d+)?)(?:[ \t]*[(（]([^)）]*)[)）]|[ \t]+(\S.*))?$/,
    build: (m) => {
      const sub = m[2] ? m[2].replace(/\D/g, '') : '';
      // "제65조 또는 제67조에 …" opens a sentence; an unbracketed heading has no full stop.
      if (m[4] && !isHeadingLike(m[4])) return undefined;
      return { kind: 'article', num: sub ? `${m[1]}-${sub}` : m[1], inlineHeading: m[3] ?? m[4] };
    },
  },
  {
    // Korean parts, chapters, sections: "제1부  총 강", "제1절  조약의 체결"
    quick: /^(?:#|제)/,
    pattern: /^(?:#{1,6}[ \t]+)?제[ \t]*(\d+)[ \t]*(부|장|절|관)(?:[ \t]+(\S.*))?$/,
    build: (m) => ({ kind: KOREAN_UNITS[m[2]], num: m[1], inlineHeading: m[3] }),
  },
  {
    // Korean annex: "부속서", "부속서 1"
    quick: /^(?:#|부)/,
    pattern: /^(?:#{1,6}[ \t]+)?부속서(?:[ \t]+(\d+|[IVX]+))?$/,
    build: (m) => ({ kind: 'annex', num: m[1] }),
  },
];

/** The heading patterns (with the language packs' rows), for the regex-safety test. */
export function headingPatterns(): RegExp[] {
  return [...RULES.map((r) => r.pattern), ...packHeadingPatterns()];
}

/** A structural heading line (article, part, chapter, section, annex…), or undefined. */
export function matchHeading(line: string): HeadingMatch | undefined {
  const first = line.charCodeAt(0);
  // Fast exit: headings start with a letter, '#' or a Cyrillic, Arabic, CJK or Hangul character.
  const cyrillicOrArabic = (first >= 0x400 && first <= 0x4ff) || (first >= 0x600 && first <= 0x6ff);
  if (!(first === 35 || (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first >= 0x1100 || cyrillicOrArabic)) {
    return undefined;
  }
  if (line.length > 300) return undefined;
  line = line.trim();
  for (const rule of RULES) {
    if (rule.quick && !rule.quick.test(line)) continue;
    const m = rule.pattern.exec(line);
    if (!m) continue;
    const h = rule.build(m);
    if (h) return h;
  }
  // The other languages' rows (languages/*.ts), after the English and Korean ones.
  return matchPackHeading(line);
}

function cleanArticleNum(num: string, suffix: string): string {
  const n = /^(premier|first)$/i.test(num) ? '1' : num;
  const s = suffix.replace(/[\s-]+/g, '');
  return s ? `${n} ${s}` : n;
}

/** "IN WITNESS WHEREOF", "DONE at": the final clauses start here. */
export const CONCLUSIONS_START = /^(?:#{1,6}[ \t]+)?(?:IN WITNESS WHEREOF|In witness whereof|In Witness Whereof|DONE at|DONE AT|Done at)\b/;

/** Attached instruments after the treaty itself: a Final Act, numbered resolutions. */
export const ATTACHMENT_HEADING = /^(?:#{1,6}[ \t]+)?(?:(FINAL ACT|Final Act)(?:\b.*)?|(RESOLUTION|Resolution)[ \t]+([IVXLC]+|\d+))$/;

export type ListStyle =
  | 'num-dot'
  | 'num-paren'
  | 'num-rparen'
  | 'alpha-paren'
  | 'alpha-rparen'
  | 'alpha-dot'
  | 'roman-paren'
  | 'roman-rparen'
  | 'upper-paren'
  | 'circled'
  // Other languages: Arabic "1-", Chinese "一、" and "（一）", "（子）", Russian "а)" "(а)", Arabic "(أ)".
  | 'num-dash'
  | 'cjk-comma'
  | 'cjk-paren'
  | 'branch-paren'
  | 'cyrillic-rparen'
  | 'cyrillic-paren'
  | 'arabic-paren';

/** Styles that number paragraphs when they stand at the top of an article; the others label points. */
export const NUMERIC_STYLES: ReadonlySet<ListStyle> = new Set<ListStyle>([
  'num-dot', 'num-paren', 'num-rparen', 'circled', 'num-dash', 'cjk-comma', 'cjk-paren',
]);

export interface ListLabel {
  style: ListStyle;
  /** The label as printed, without brackets: "1", "a", "iv", "A". */
  num: string;
  /** For an ambiguous "(i)", "(v)", "(x)": the letter reading's style. */
  alternative?: ListStyle;
  /** Length of the label and the spaces after it. */
  length: number;
}

const LIST_PATTERNS: Array<[RegExp, (m: RegExpExecArray, length: number) => ListLabel | undefined]> = [
  [/^(\d{1,3})\.(?=[ \t]|$)[ \t]*/, (m, length) => ({ style: 'num-dot', num: m[1], length })],
  [/^\((\d{1,3})\)[ \t]*/, (m, length) => ({ style: 'num-paren', num: m[1], length })],
  [/^(\d{1,3})\)(?=[ \t]|$)[ \t]*/, (m, length) => ({ style: 'num-rparen', num: m[1], length })],
  [/^\(([a-z]{1,2}|[ivxl]{1,6})\)[ \t]*/, (m, length) => letterOrRoman(m[1], 'alpha-paren', 'roman-paren', length)],
  [/^([a-z]{1,2}|[ivxl]{1,6})\)(?=[ \t])[ \t]*/, (m, length) => letterOrRoman(m[1], 'alpha-rparen', 'roman-rparen', length)],
  [/^([a-z])\.(?=[ \t])[ \t]*/, (m, length) => ({ style: 'alpha-dot', num: m[1], length })],
  [/^\(([A-Z])\)[ \t]*/, (m, length) => ({ style: 'upper-paren', num: m[1], length })],
  [/^([\u2460-\u2473])[ \t]*/, (m, length) => ({ style: 'circled', num: String(m[1].charCodeAt(0) - 0x245f), length })],
  // Arabic "1- …" (only before Arabic text: "1 - 2" in English prose is no label).
  [/^(\d{1,3})[ \t]*[-\u2013][ \t]*(?=[\u0600-\u06ff])/, (m, length) => ({ style: 'num-dash', num: m[1], length })],
  [/^\(([\u0430-\u044f\u0451])\)[ \t]*/, (m, length) => ({ style: 'cyrillic-paren', num: m[1], length })],
  [/^\(([\u0621-\u064a]\u0640?)\)[ \t]*/, (m, length) => ({ style: 'arabic-paren', num: m[1], length })],
  [/^\(([一二三四五六七八九十]{1,3})\)[ \t]*/, (m, length) => ({ style: 'cjk-paren', num: chineseNum(m[1]), length })],
  [/^\(([子丑寅卯辰巳午未申酉戌亥])\)[ \t]*/, (m, length) => ({ style: 'branch-paren', num: m[1], length })],
];

/** Labels that open with a character outside ASCII: 一、 （一） （子） а) ١. */
const OTHER_SCRIPT_PATTERNS: Array<[RegExp, (m: RegExpExecArray, length: number) => ListLabel | undefined]> = [
  [/^([〇零一二三四五六七八九十百]{1,4})、[ \t\u3000]*/, (m, length) => ({ style: 'cjk-comma', num: chineseNum(m[1]), length })],
  [/^（([一二三四五六七八九十]{1,3})）[ \t\u3000]*/, (m, length) => ({ style: 'cjk-paren', num: chineseNum(m[1]), length })],
  [/^（([子丑寅卯辰巳午未申酉戌亥])）[ \t\u3000]*/, (m, length) => ({ style: 'branch-paren', num: m[1], length })],
  [/^([\u0430-\u044f\u0451])\)(?=[ \t])[ \t]*/, (m, length) => ({ style: 'cyrillic-rparen', num: m[1], length })],
  [/^([\u0660-\u0669]{1,3})[ \t]*([.\-\u2013])[ \t]*/, (m, length) => ({ style: m[2] === '.' ? 'num-dot' : 'num-dash', num: asciiDigits(m[1]), length })],
];

function chineseNum(s: string): string {
  return String(chineseToInt(s) ?? s);
}

const PAREN_PATTERNS = LIST_PATTERNS.filter(([re]) => re.source.startsWith('^\\('));
const DIGIT_PATTERNS = LIST_PATTERNS.filter(([re]) => re.source.startsWith('^(\\d'));
const CIRCLED_PATTERNS = LIST_PATTERNS.filter(([re]) => re.source.includes('\\u2460'));
const LETTER_PATTERNS = LIST_PATTERNS.filter(([re]) => re.source.startsWith('^([a-z]'));

const ROMAN = /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/;

function letterOrRoman(token: string, letter: ListStyle, roman: ListStyle, length: number): ListLabel | undefined {
  const isRoman = ROMAN.test(token);
  if (isRoman && token.length === 1) return { style: roman, num: token, alternative: letter, length };
  if (isRoman) return { style: roman, num: token, length };
  // Two-letter labels only as doubled letters ("aa", "bb"), as long lists use them.
  if (token.length === 2 && token[0] !== token[1]) return undefined;
  return { style: letter, num: token, length };
}

/** A paragraph number or point label at the start of a line. */
export function matchListLabel(line: string): ListLabel | undefined {
  const c = line.charCodeAt(0);
  const other = c === 0xff08 || (c >= 0x430 && c <= 0x451) || (c >= 0x660 && c <= 0x669) || c === 0x3007 || (c >= 0x4e00 && c <= 0x9fff);
  if (!(c === 40 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 0x2460 && c <= 0x2473) || other)) return undefined;
  const quick = commonListLabel(line, c);
  if (quick) return quick;
  // Only the patterns that can start with this character.
  const patterns = other
    ? OTHER_SCRIPT_PATTERNS
    : c === 40 ? PAREN_PATTERNS : c >= 48 && c <= 57 ? DIGIT_PATTERNS : c >= 0x2460 ? CIRCLED_PATTERNS : LETTER_PATTERNS;
  for (const [re, build] of patterns) {
    const m = re.exec(line);
    if (!m) continue;
    const label = build(m, m[0].length);
    if (label) return label;
  }
  return undefined;
}

/**
 * "1. ", "12.", "(a) ", "(bb)": most list lines of a long treaty, read without a regex (each
 * match array was garbage). Exactly what the num-dot and alpha-paren patterns give for them;
 * undefined for anything else, which the patterns then read.
 */
function commonListLabel(line: string, c: number): ListLabel | undefined {
  if (c >= 48 && c <= 57) {
    let d = 1;
    while (d < 4 && isDigit(line.charCodeAt(d))) d++;
    if (d > 3 || line.charCodeAt(d) !== 46 /* . */) return undefined;
    const after = line.charCodeAt(d + 1);
    if (d + 1 < line.length && after !== 32 && after !== 9) return undefined;
    return { style: 'num-dot', num: line.slice(0, d), length: d + 1 + blanksAt(line, d + 1) };
  }
  if (c === 40 /* ( */) {
    let d = 1;
    while (d < 3 && isLowerAscii(line.charCodeAt(d))) d++;
    if (d === 1 || line.charCodeAt(d) !== 41 /* ) */) return undefined;
    // "(a)", "(aa)", "(ab)": [a-z]{1,2} of the alpha-paren pattern; "(iii)" is left to it.
    return letterOrRoman(line.slice(1, d), 'alpha-paren', 'roman-paren', d + 1 + blanksAt(line, d + 1));
  }
  return undefined;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** How many spaces and tabs stand at `i`. */
function blanksAt(line: string, i: number): number {
  let j = i;
  while (j < line.length && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j++;
  return j - i;
}

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

export function romanToInt(roman: string): number | undefined {
  const s = roman.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]];
    const next = ROMAN_VALUES[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function intToRoman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/**
 * A line that can be a heading under a numbered heading line: short, no closing
 * sentence punctuation, not a list item.
 */
export function isHeadingLike(line: string): boolean {
  if (line.length === 0 || line.length > 250) return false;
  // Sentence ends in Latin and CJK punctuation ("…生效。" is text, not a heading).
  if (/[.:;,。；：，]$/.test(line)) return false;
  if (matchListLabel(line)) return false;
  return /^[\p{L}"“'‘(]/u.test(line);
}
