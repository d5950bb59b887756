// Number systems the language packs use: local digits (full-width, Arabic-Indic, Persian)
// and Chinese numerals. Provision numbers are stored with ASCII digits, so "第五十一条",
// "المادة ٥١" and "Article 51" all name art_51.

/** Any decimal digit a treaty text may use. */
export const DIGIT = '[0-9\\uFF10-\\uFF19\\u0660-\\u0669\\u06F0-\\u06F9]';

/** Chinese numeral characters (including the financial 〇 and 两). */
export const CHINESE_DIGIT = '[〇零一二三四五六七八九十百千两]';

/** Full-width, Arabic-Indic and Persian digits to ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
    const code = c.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

const CHINESE_VALUES: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "五十一" → 51, "一百零三" → 103, "十一" → 11, "二〇" → 20; undefined when not a numeral. */
export function chineseToInt(s: string): number | undefined {
  if (!s) return undefined;
  // Positional form without unit characters: "二〇一" = 201.
  if (![...s].some((c) => c in CHINESE_UNITS)) {
    let v = 0;
    for (const c of s) {
      const d = CHINESE_VALUES[c];
      if (d === undefined) return undefined;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CHINESE_VALUES) digit = CHINESE_VALUES[c];
    else if (c in CHINESE_UNITS) {
      // "十一": a unit with no digit before it counts once.
      total += (digit || 1) * CHINESE_UNITS[c];
      digit = 0;
    } else return undefined;
  }
  return total + digit;
}
