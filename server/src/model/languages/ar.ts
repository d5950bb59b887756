// Arabic (right to left; the text is in logical order, so patterns read as written):
// "المادة 51" / "المادة ٥١", "وفقاً للمادة 51 من ميثاق الأمم المتحدة", "الفقرة 2 من المادة 5",
// "الفقرة الفرعية (أ)", "هذه المادة", "المادة السابقة", "الفصل السابع" (spelled ordinals).
import type { LanguagePack } from './types';

/** Attached conjunctions and prepositions with the article: والمادة, بالمادة, للمادة, المادة. */
const P = '(?:[وف]?(?:[بك]?ال|لل)|[وف])?';

const ORDINALS: Record<string, number> = {};
const MASC = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع', 'العاشر'];
const FEM = ['الأولى', 'الثانية', 'الثالثة', 'الرابعة', 'الخامسة', 'السادسة', 'السابعة', 'الثامنة', 'التاسعة', 'العاشرة'];
MASC.forEach((w, i) => (ORDINALS[w] = i + 1));
FEM.forEach((w, i) => (ORDINALS[w] = i + 1));
ORDINALS['الاول'] = 1;
ORDINALS['الاولى'] = 1;
ORDINALS['الحادي عشر'] = 11;
ORDINALS['الحادية عشرة'] = 11;
// 12–19: the unit ordinal and عشر / عشرة ("الثاني عشر", "السابعة عشرة").
for (let i = 1; i < 9; i++) {
  ORDINALS[`${MASC[i]} عشر`] = 11 + i;
  ORDINALS[`${FEM[i]} عشرة`] = 11 + i;
}
ORDINALS['العشرون'] = 20;

export const ar: LanguagePack = {
  code: 'ar',
  name: 'Arabic',
  caseInsensitive: false,
  headings: [
    { kind: 'article', exact: 'المادة|مادة' },
    { kind: 'chapter', exact: 'الفصل' },
    { kind: 'part', exact: 'الجزء|الباب' },
    { kind: 'section', exact: 'الفرع' },
    { kind: 'annex', exact: 'المرفق|مرفق', unnumbered: true },
  ],
  units: [
    // "الفقرة الفرعية (أ)" (subparagraph) before "الفقرة" (paragraph).
    { unit: 'point', word: `${P}(?:فقرة|فقرات|فقرتين|فقرتان)[ \\t]+(?:ال)?فرعية|${P}(?:بند|بنود)`, plural: `${P}فقرات[ \\t]+(?:ال)?فرعية|${P}بنود` },
    { unit: 'article', word: `${P}(?:مادة|مادتين|مادتان|مواد)`, plural: `${P}(?:مادتين|مادتان|مواد)` },
    { unit: 'paragraph', word: `${P}(?:فقرة|فقرتين|فقرتان|فقرات)`, plural: `${P}(?:فقرتين|فقرتان|فقرات)` },
    { unit: 'chapter', word: `${P}(?:فصل|فصول)` },
    { unit: 'part', word: `${P}(?:جزء|أجزاء|باب|أبواب)` },
    { unit: 'section', word: `${P}(?:فرع|فروع)` },
    { unit: 'annex', word: `${P}(?:مرفق|مرفقات)` },
  ],
  numbers: { words: ORDINALS, letters: '\\u0621-\\u064A\\u0640' },
  connectors: { list: '،|؛|أو|و', range: 'إلى|حتى', rangeOpen: 'من' },
  chainSeparator: '[ \\t]*[,،]?[ \\t]*',
  of: 'من',
  deixisBefore: { this: 'هذه|هذا' },
  deixisAfter: { preceding: 'السابقة|السابق|المتقدمة|المتقدم', following: 'التالية|التالي|اللاحقة|اللاحق' },
  directionAfter: 'أعلاه|أدناه',
  self: '(?:هذه|هذا)[ \\t]+(?:الاتفاقية|المعاهدة|الاتفاق|البروتوكول|الميثاق|العهد|النظام[ \\t]+الأساسي)',
  instrumentPosition: 'after',
};
