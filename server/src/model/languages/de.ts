// German: "Artikel 51 der UN-Charta", "Absatz 2 des Artikels 5", "Artikel 5 Absatz 2
// Buchstabe a", "Artikel 3 bis 7" (bis = to; "Artikel 8 bis" with no number after is the
// suffix), "dieses Artikels", "dieses Vertrags", "der vorstehende Absatz".
import type { LanguagePack } from './types';

export const de: LanguagePack = {
  code: 'de',
  name: 'German',
  caseInsensitive: true,
  headings: [
    { kind: 'article', words: ['artikel'] },
    { kind: 'chapter', words: ['kapitel'] },
    { kind: 'part', words: ['teil'] },
    { kind: 'subsection', words: ['unterabschnitt'] },
    { kind: 'section', words: ['abschnitt'] },
    { kind: 'title', words: ['titel'] },
    { kind: 'annex', words: ['anhang', 'anlage'], unnumbered: true },
  ],
  units: [
    { unit: 'article', word: 'Artikel[ns]?|Art\\.', plural: 'Artikeln' },
    { unit: 'paragraph', word: 'Absatz(?:es)?|Absätzen?|Abs\\.', plural: 'Absätzen?' },
    { unit: 'point', word: 'Buchstaben?|Buchst\\.|lit\\.', plural: 'Buchstaben' },
    // "Nummer 3", "Nr. 5" alone number anything (a resolution, a file): only inside a chain.
    { unit: 'point', word: 'Nummern?|Nr\\.|Ziffern?|Ziff\\.', chainOnly: true },
    { unit: 'chapter', word: 'Kapitel[ns]?' },
    { unit: 'part', word: 'Teil(?:e[ns]?|s)?' },
    { unit: 'subsection', word: 'Unterabschnitt(?:e[ns]?|s)?' },
    { unit: 'section', word: 'Abschnitt(?:e[ns]?|s)?' },
    { unit: 'title', word: 'Titel[ns]?' },
    { unit: 'annex', word: 'Anh(?:ang(?:e?s)?|änge[n]?)|Anlagen?' },
  ],
  numbers: { bareLetters: true },
  connectors: { list: 'und|oder|sowie', range: 'bis' },
  chainSeparator: '[ \\t]*,?[ \\t]*',
  of: 'des|der|dem|von|vom',
  ofOptionalBeforeDeixis: true,
  determiners: 'der|die|das|des|dem|den',
  deixisBefore: {
    this: 'dies(?:er|es|em|en|e)',
    preceding: 'vorstehend\\p{L}{0,4}|vorhergehend\\p{L}{0,4}|vorangehend\\p{L}{0,4}|vorig\\p{L}{0,4}',
    following: 'nachstehend\\p{L}{0,4}|nachfolgend\\p{L}{0,4}|folgend\\p{L}{0,4}',
  },
  self: '(?:dies\\p{L}{0,4}|vorliegend\\p{L}{0,4})[ \\t]+(?:Vertrag(?:e?s)?|Übereinkommens?|Abkommens?|Protokoll(?:e?s)?|Charta|Satzung|Statuts?|Konvention|Pakt(?:e?s)?)',
  instrumentPosition: 'after',
  instrumentNouns: 'Vertrag|Übereinkommen|Abkommen|Protokoll|Charta|Satzung|Statut|Konvention|Pakt',
  titleGlue: 'über|zur|zum|der|des|die|das|und|von|vom|für|gegen|betreffend',
  // "Wiener Übereinkommen" is cited as "des Wiener Übereinkommens".
  nameInflection: { ending: '(?:e?s|e?n)?' },
};
