// French: "l'article 51 de la Charte des Nations Unies", "le paragraphe 2 de l'article 5",
// "l'alinéa a) du paragraphe 1", "le présent article", "l'article précédent", "TITRE V".
import type { LanguagePack } from './types';

export const fr: LanguagePack = {
  code: 'fr',
  name: 'French',
  caseInsensitive: true,
  headings: [
    // "Article premier" and "Article 5" are English-compatible rows already; "Article 1er" is not.
    { kind: 'article', words: ['article'] },
    { kind: 'chapter', words: ['chapitre'] },
    { kind: 'part', words: ['partie'] },
    { kind: 'title', words: ['titre'] },
    { kind: 'subsection', words: ['sous-section'] },
    { kind: 'annex', words: ['annexe'], unnumbered: true },
  ],
  units: [
    { unit: 'article', word: 'articles?|art\\.', plural: 'articles' },
    { unit: 'point', word: 'sous-paragraphes?|sous-alinéas?|points?', plural: 'sous-paragraphes|sous-alinéas|points' },
    // "alinéa a)" is a lettered subparagraph: a lettered paragraph reads as a point.
    { unit: 'paragraph', word: 'paragraphes?|alinéas?|§', plural: 'paragraphes|alinéas' },
    { unit: 'chapter', word: 'chapitres?' },
    // "Partie" is also "a Party": only a number makes it a Part.
    { unit: 'part', word: 'parties?' },
    { unit: 'title', word: 'titres?' },
    { unit: 'subsection', word: 'sous-sections?' },
    { unit: 'section', word: 'sections?' },
    { unit: 'annex', word: 'annexes?' },
  ],
  numbers: {
    words: { premier: 1, première: 1, '1er': 1, '1re': 1 },
    bareLetters: true,
  },
  connectors: { list: 'et|ou', range: 'à|au', rangeClose: 'inclus(?:ivement)?' },
  chainSeparator: '[ \\t]*,?[ \\t]*',
  of: "de[ \\t]+l['’]|de[ \\t]+la|du|des|de|d['’]",
  determiners: "l['’]|le|la|les|du|de[ \\t]+la|de[ \\t]+l['’]|des|au|aux|à[ \\t]+la|à[ \\t]+l['’]",
  deixisBefore: { this: 'présente?s?' },
  deixisAfter: { preceding: 'précédente?s?', following: 'suivante?s?' },
  ordinals: {
    premier: 1, première: 1, deuxième: 2, second: 2, seconde: 2, troisième: 3, quatrième: 4,
    cinquième: 5, sixième: 6, septième: 7, huitième: 8, neuvième: 9, dixième: 10,
  },
  directionAfter: 'ci-dessus|ci-dessous|ci-après',
  self: 'présente?[ \\t]+(?:Convention|Charte|Constitution|Traité|Accord|Protocole|Statut|Pacte|Acte)',
  instrumentPosition: 'after',
  instrumentNouns: 'Convention|Charte|Traité|Accord|Protocole|Statut|Pacte|Constitution',
  titleGlue: "de|du|des|la|le|les|l['’]|d['’]|sur|relative|relatif|concernant|pour|en|et|à|aux|au|entre",
};
