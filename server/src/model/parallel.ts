// Language versions of one treaty: how a text names its other versions (a `pacta:` note in
// the comment lines it opens with), which language a version is in, and when two texts look
// like versions of one instrument (so Pacta can propose linking them).
import type { TreatyDocument } from './types';
import { walk } from './query';
import { alignmentKey } from './alignment';
import { detectLanguage } from './language';

// --- `pacta:` notes ---------------------------------------------------------------------------

/** The comment lines a text may open with (the same forms the structure parser skips). */
const LEADING_COMMENT = /^\s*(?:%|\/\/|<!--|\[)/;
/** At most this many lines are read for notes: they sit above the title. */
const MAX_NOTE_LINES = 20;

/**
 * The `pacta:` settings written in the text's leading comment lines, key → values:
 * `% pacta: parallel=vclt_ko.txt, vclt_ru.txt` or `<!-- pacta: parallel=a.md; language=ko -->`
 * gives `parallel → [vclt_ko.txt, vclt_ru.txt]`. Values are separated by commas; settings by
 * `;` or by the next `key=`.
 */
export function pactaNotes(text: string): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  const head = text.slice(0, 8192).replace(/^\uFEFF/, '');
  let seen = 0;
  for (const line of head.split(/\r\n?|\n/)) {
    if (seen++ > MAX_NOTE_LINES) break;
    if (!line.trim()) continue;
    if (!LEADING_COMMENT.test(line)) break; // the title or the text itself: notes are over
    const at = line.indexOf('pacta:');
    if (at < 0) continue;
    const body = line
      .slice(at + 'pacta:'.length)
      .replace(/-->\s*$/, '')
      .replace(/\]\s*$/, '');
    for (const setting of splitSettings(body)) {
      const eq = setting.indexOf('=');
      if (eq <= 0) continue;
      const key = setting.slice(0, eq).trim().toLowerCase();
      const values = setting
        .slice(eq + 1)
        .split(',')
        .map((v) => v.trim().replace(/^["']|["']$/g, ''))
        .filter((v) => v.length > 0);
      if (key && values.length) notes.set(key, [...(notes.get(key) ?? []), ...values]);
    }
  }
  return notes;
}

/** "parallel=a.txt, b.txt; language=ko" and "parallel=a.txt language=ko" → one string per setting. */
function splitSettings(body: string): string[] {
  const out: string[] = [];
  for (const chunk of body.split(';')) {
    // A new setting starts where a word is followed by "=": split just before it.
    const starts: number[] = [];
    const keyAt = /(?:^|\s)([A-Za-z][\w.-]*)\s*=/g;
    for (let m = keyAt.exec(chunk); m; m = keyAt.exec(chunk)) starts.push(m.index);
    for (let i = 0; i < starts.length; i++) out.push(chunk.slice(starts[i], starts[i + 1] ?? chunk.length).trim());
  }
  return out;
}

/** The other versions a text names in its `pacta: parallel=…` note, as written (paths relative to the text). */
export function parallelNote(text: string): string[] {
  return pactaNotes(text).get('parallel') ?? [];
}

// --- languages --------------------------------------------------------------------------------

/** English names of the languages treaties are authentic in, by ISO 639-1 code. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  ru: 'Russian',
  zh: 'Chinese',
  ar: 'Arabic',
  ko: 'Korean',
  de: 'German',
  nl: 'Dutch',
  ja: 'Japanese',
  it: 'Italian',
  pt: 'Portuguese',
};

/**
 * The language a version is written in: the document's own (the parser sets it from a
 * `pacta: language=…` note, a setting or detection), else detected here (language.ts).
 */
export function documentLanguage(doc: TreatyDocument): string | undefined {
  if (doc.language) return doc.language.toLowerCase();
  const detected = detectLanguage(doc.text).code;
  return detected === 'und' ? undefined : detected;
}

/** "Korean" for "ko" (English names, for English UI text); undefined for a code we have no name for. */
export function languageName(code: string | undefined): string | undefined {
  return code ? LANGUAGE_NAMES[code.toLowerCase().split(/[-_]/)[0]] : undefined;
}

// --- proposing a link -------------------------------------------------------------------------

export interface NumberingMatch {
  /** Articles in each text. */
  leftArticles: number;
  rightArticles: number;
  /** Articles numbered alike in both. */
  common: number;
  /** common / the smaller text's articles: 1 when every article of the shorter text is in the longer one. */
  containment: number;
}

/** How far two texts' article numbering agrees (article eIds, annex articles included). */
export function numberingMatch(left: TreatyDocument, right: TreatyDocument): NumberingMatch {
  const keys = (doc: TreatyDocument) => {
    const out = new Set<string>();
    for (const p of walk(doc.root)) if (p.kind === 'article') out.add(alignmentKey(p.eId));
    return out;
  };
  const a = keys(left);
  const b = keys(right);
  let common = 0;
  for (const k of a) if (b.has(k)) common++;
  const smaller = Math.min(a.size, b.size);
  return { leftArticles: a.size, rightArticles: b.size, common, containment: smaller ? common / smaller : 0 };
}

/** Share of the shorter text's articles that the longer one must have for a proposal. */
export const PROPOSAL_CONTAINMENT = 0.9;

export interface Proposal {
  /** Why the two texts look like versions of one treaty, in words for a person. */
  reason: string;
  match: NumberingMatch;
}

/**
 * Whether two texts look like language versions of one treaty: the catalogue identifies both
 * titles as the same instrument (the VCLT's English and Korean titles, for example), they are
 * in different languages, and the shorter one's articles are numbered as in the longer one (a
 * partial translation still counts; an unrelated treaty of the same length does not, since the
 * titles must agree first). Undefined when they do not.
 */
export function proposeParallel(left: TreatyDocument, right: TreatyDocument, instrumentTitle?: string): Proposal | undefined {
  if (!left.instrumentId || left.instrumentId !== right.instrumentId) return undefined;
  const la = documentLanguage(left);
  const ra = documentLanguage(right);
  if (!la || !ra || la === ra) return undefined;
  const match = numberingMatch(left, right);
  if (match.common === 0 || match.containment < PROPOSAL_CONTAINMENT) return undefined;
  const name = instrumentTitle ?? left.title ?? 'the same instrument';
  const counts =
    match.leftArticles === match.rightArticles
      ? `both have ${match.leftArticles} articles, numbered alike`
      : `${match.common === Math.min(match.leftArticles, match.rightArticles) ? 'all' : `${match.common} of the`} ${Math.min(match.leftArticles, match.rightArticles)} articles of the shorter text are numbered as in the longer one (${Math.max(match.leftArticles, match.rightArticles)} articles)`;
  return { reason: `both are the ${name}; ${counts}`, match };
}
