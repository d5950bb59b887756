// Which language a treaty text is written in, guessed from its script and, for Latin
// script, from its commonest words. Used by the status bar item, by the Akoma Ntoso
// export (FRBRlanguage) and by the reference grammar (which language pack to apply).
// A guess from the first 20 000 characters is enough. A note in the comment lines a text
// opens with (`% pacta: language=ko`, `<!-- pacta: language=fr -->`) is not a guess: it wins.

export interface TextLanguage {
  /** BCP 47 / ISO 639-1 code: "en", "ko", "ru", "fr", … ; "und" when there is no text to tell. */
  code: string;
  /** ISO 639-2 (bibliographic-free, "terminology") code, as Akoma Ntoso's FRBRlanguage wants: "eng", "kor". */
  iso639_2: string;
  /** The language's own name, for people: "English", "한국어", "Русский". */
  name: string;
}

const LANGUAGES: Record<string, TextLanguage> = {
  en: { code: 'en', iso639_2: 'eng', name: 'English' },
  fr: { code: 'fr', iso639_2: 'fra', name: 'Français' },
  es: { code: 'es', iso639_2: 'spa', name: 'Español' },
  de: { code: 'de', iso639_2: 'deu', name: 'Deutsch' },
  nl: { code: 'nl', iso639_2: 'nld', name: 'Nederlands' },
  ko: { code: 'ko', iso639_2: 'kor', name: '한국어' },
  ru: { code: 'ru', iso639_2: 'rus', name: 'Русский' },
  ar: { code: 'ar', iso639_2: 'ara', name: 'العربية' },
  zh: { code: 'zh', iso639_2: 'zho', name: '中文' },
  ja: { code: 'ja', iso639_2: 'jpn', name: '日本語' },
  und: { code: 'und', iso639_2: 'und', name: '?' },
};

/** Words frequent in treaty prose of each Latin-script language, and rare in the others. */
const STOPWORDS: Record<string, readonly string[]> = {
  en: ['the', 'of', 'and', 'shall', 'to', 'which', 'any'],
  fr: ['le', 'la', 'les', 'des', 'et', 'du', 'est'],
  es: ['el', 'los', 'las', 'del', 'y', 'que', 'por'],
  de: ['der', 'die', 'das', 'und', 'des', 'den', 'nicht'],
  nl: ['het', 'van', 'een', 'zijn', 'wordt', 'worden', 'deze'],
};

/** The comment lines a text may open with (as the structure parser skips them). */
const LEADING_COMMENT = /^\s*(?:%|\/\/|<!--|\[)/;
const LANGUAGE_NOTE = /(?:^|[\s;])language[ \t]*=[ \t]*([A-Za-z]{2,3})(?![A-Za-z])/;

/** The language a `pacta: language=xx` note in the leading comment lines names, if any. */
export function languageNote(text: string): string | undefined {
  const lines = text.slice(0, 4096).replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  for (const line of lines.slice(0, 20)) {
    if (!line.trim()) continue;
    if (!LEADING_COMMENT.test(line)) return undefined;
    const at = line.indexOf('pacta:');
    const m = at >= 0 ? LANGUAGE_NOTE.exec(line.slice(at + 'pacta:'.length)) : null;
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

export function detectLanguage(text: string): TextLanguage {
  const noted = languageNote(text);
  if (noted) return LANGUAGES[noted] ?? { code: noted, iso639_2: noted, name: noted };
  const sample = text.slice(0, 20_000);
  // One pass over the sample, counting characters by script (no array of matches). It reads
  // `text` itself: each read of the slice (a view into it) took twice as long.
  const sampleEnd = sample.length;
  let ko = 0;
  let ru = 0;
  let ar = 0;
  let ja = 0;
  let zh = 0;
  let latin = 0;
  for (let i = 0; i < sampleEnd; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if (c >= 0xac00 && c <= 0xd7af) ko++;
    else if (c >= 0x400 && c <= 0x4ff) ru++;
    else if (c >= 0x600 && c <= 0x6ff) ar++;
    else if (c >= 0x3040 && c <= 0x30ff) ja++;
    else if (c >= 0x4e00 && c <= 0x9fff) zh++;
  }
  const scripts: Array<[string, number]> = [
    ['ko', ko],
    ['ru', ru],
    ['ar', ar],
    ['ja', ja],
    ['zh', zh],
    ['latin', latin],
  ];
  scripts.sort((a, b) => b[1] - a[1]);
  const [script, n] = scripts[0];
  if (n === 0) return LANGUAGES.und;
  // Japanese text is mostly kanji; any kana at all makes it Japanese rather than Chinese.
  if (script === 'zh' && ja > 0) return LANGUAGES.ja;
  if (script !== 'latin') return LANGUAGES[script];
  // Only the stopwords are counted, by a number made of their letters (all are a–z, at most
  // six): no string is cut out of the sample per word (this ran for every file indexed).
  const lower = sample.toLowerCase();
  const counts = new Int32Array(STOPWORD_LIST.length);
  for (let i = 0; i < lower.length; ) {
    if (!isLatinLetter(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    let key = 0;
    let j = i;
    for (; j < lower.length; j++) {
      const c = lower.charCodeAt(j);
      if (!isLatinLetter(c)) break;
      // Past the longest stopword, or a letter no stopword has: not one.
      key = key >= 0 && j - i < LONGEST_STOPWORD && c >= 97 && c <= 122 ? key * 27 + (c - 96) : -1;
    }
    if (key > 0) {
      const id = STOPWORD_IDS.get(key);
      if (id !== undefined) counts[id]++;
    }
    i = j;
  }
  let best = 'en';
  let bestScore = -1;
  for (const [lang, ids] of STOPWORDS_BY_LANGUAGE) {
    let score = 0;
    for (const id of ids) score += counts[id];
    if (score > bestScore) (best = lang), (bestScore = score);
  }
  return LANGUAGES[best];
}

const STOPWORD_LIST = [...new Set(Object.values(STOPWORDS).flat())];
const LONGEST_STOPWORD = Math.max(...STOPWORD_LIST.map((w) => w.length));
/** A stopword's letters as a number in base 27 (a = 1 … z = 26): one number per word. */
const wordKey = (w: string) => [...w].reduce((k, ch) => k * 27 + (ch.charCodeAt(0) - 96), 0);
const STOPWORD_IDS = new Map(STOPWORD_LIST.map((w, id) => [wordKey(w), id]));
const STOPWORDS_BY_LANGUAGE: Array<[string, number[]]> = Object.entries(STOPWORDS).map(([lang, list]) => [lang, list.map((w) => STOPWORD_LIST.indexOf(w))]);
if (STOPWORD_LIST.some((w) => !/^[a-z]+$/.test(w)) || LONGEST_STOPWORD > 6) throw new Error('language.ts: stopwords must be a–z, at most six letters');

/** `[a-z\u00c0-\u024f]`, as the word pattern read lower-cased text. */
function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}
