// Russian: cases carry the genitive chain ("пункт 2 статьи 5", "подпункт «а» пункта 1
// статьи 4"), the instrument follows in the genitive ("ст. 51 Устава ООН"), and
// "настоящей статьи" / "настоящего Договора" are this article / this treaty.
import type { LanguagePack } from './types';

const CASES = '(?:а|у|ом|е|ы|ов|ам|ами|ах)?';

export const ru: LanguagePack = {
  code: 'ru',
  name: 'Russian',
  caseInsensitive: true,
  headings: [
    { kind: 'article', words: ['статья'] },
    { kind: 'chapter', words: ['глава'] },
    { kind: 'part', words: ['часть'] },
    { kind: 'section', words: ['раздел'] },
    { kind: 'annex', words: ['приложение'], unnumbered: true },
  ],
  units: [
    { unit: 'point', word: `подпункт${CASES}|подп\\.|пп\\.`, plural: 'подпункты|подпунктов|подпунктам|подпунктами|подпунктах|пп\\.' },
    { unit: 'article', word: 'стать(?:я|и|е|ю|ей|ёй|ям|ями|ях)|статей|ст\\.', plural: 'статей|статьям|статьями|статьях' },
    { unit: 'paragraph', word: `пункт${CASES}|п\\.`, plural: 'пункты|пунктов|пунктам|пунктами|пунктах' },
    { unit: 'paragraph', word: 'абзац(?:а|у|ем|е|ы|ев|ам|ами|ах)?', plural: 'абзацы|абзацев|абзацам|абзацами|абзацах' },
    // "Часть XI" is a Part; "часть 1 статьи 3" (Russian drafting) a paragraph of the article.
    { unit: 'part', word: 'част(?:ь|и|ью|ей|ям|ями|ях)', insideArticle: 'paragraph' },
    { unit: 'chapter', word: 'глав(?:а|ы|е|у|ой|ою|ам|ами|ах)?' },
    { unit: 'section', word: `раздел${CASES}` },
    { unit: 'annex', word: 'приложени(?:е|я|ю|ем|и|й|ям|ями|ях)' },
  ],
  numbers: { letters: 'а-яё' },
  connectors: { list: 'и|или|либо', range: 'по|до', rangeOpen: 'со?' },
  chainSeparator: '[ \\t]*,[ \\t]*',
  // The genitive case links "пункт 2" to "статьи 5": no word between.
  of: '',
  deixisBefore: {
    this: 'настоящ(?:ая|ей|ую|ий|его|ему|им|ем|ие|их|ими)|данн(?:ая|ой|ую|ый|ого|ому|ым|ом|ые|ых)|эт(?:а|ой|у|от|ого|ому|им|ом|и|их)',
    preceding: 'предыдущ\\p{L}{0,4}|предшествующ\\p{L}{0,4}',
    following: 'следующ\\p{L}{0,4}|последующ\\p{L}{0,4}',
    that: 'указанн\\p{L}{0,4}',
  },
  directionAfter: 'выше|ниже',
  self: '(?:настоящ|данн)\\p{L}{0,4}[ \\t]+(?:Договор|Конвенци|Устав|Соглашени|Протокол|Пакт|Статут|Хартии|Деклараци)\\p{L}{0,4}',
  instrumentPosition: 'after',
  instrumentNouns: 'Договор|Конвенци|Устав|Соглашени|Протокол|Пакт|Статут',
  titleGlue: 'о|об|по|и|в|между|относительно',
  // "Устав ООН" is cited as "Устава ООН", "Уставом ООН"; "Венская конвенция" as "Венской конвенции".
  nameInflection: { strip: '[аяоеёийыуюь]{1,2}$', ending: '[а-яё]{0,3}' },
};
