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
  // One pass over the sample, counting characters by script (no array of matches).
  let ko = 0;
  let ru = 0;
  let ar = 0;
  let ja = 0;
  let zh = 0;
  let latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
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
  // Only the stopwords are counted: a word longer than the longest is never looked up.
  const lower = sample.toLowerCase();
  const words = new Map<string, number>();
  for (let i = 0; i < lower.length; ) {
    if (!isLatinLetter(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lower.length && isLatinLetter(lower.charCodeAt(j))) j++;
    if (j - i <= LONGEST_STOPWORD) {
      const w = lower.slice(i, j);
      if (STOPWORD_SET.has(w)) words.set(w, (words.get(w) ?? 0) + 1);
    }
    i = j;
  }
  let best = 'en';
  let bestScore = -1;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const score = list.reduce((sum, w) => sum + (words.get(w) ?? 0), 0);
    if (score > bestScore) (best = lang), (bestScore = score);
  }
  return LANGUAGES[best];
}

const STOPWORD_SET = new Set(Object.values(STOPWORDS).flat());
const LONGEST_STOPWORD = Math.max(...[...STOPWORD_SET].map((w) => w.length));

/** `[a-z\u00c0-\u024f]`, as the word pattern read lower-cased text. */
function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}
