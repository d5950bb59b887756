// Dutch: "artikel 48, lid 7", "artikel 238, lid 3, onder a)", "de artikelen 326 tot en met
// 334", "artikel 7, eerste alinea", "het eerste lid", "dit artikel", "lid 2 van artikel 5",
// "artikel 51 van het Handvest van de Verenigde Naties", "Hoofdstuk 3".
import type { LanguagePack } from './types';

export const nl: LanguagePack = {
  code: 'nl',
  name: 'Dutch',
  caseInsensitive: true,
  headings: [
    { kind: 'article', words: ['artikel'] },
    { kind: 'chapter', words: ['hoofdstuk'] },
    { kind: 'part', words: ['deel'] },
    { kind: 'section', words: ['afdeling'] },
    { kind: 'title', words: ['titel'] },
    { kind: 'annex', words: ['bijlage'], unnumbered: true },
  ],
  units: [
    { unit: 'article', word: 'artikel(?:en)?|art\\.', plural: 'artikelen' },
    { unit: 'paragraph', word: 'lid|leden', plural: 'leden' },
    // "alinea": an unnumbered subparagraph, cited by ordinal ("eerste alinea").
    { unit: 'paragraph', word: "alinea(?:['’]s)?", plural: "alinea['’]s" },
    { unit: 'point', word: 'onder|punt(?:en)?', plural: 'punten' },
    { unit: 'chapter', word: 'hoofdstuk(?:ken)?' },
    { unit: 'title', word: 'titels?' },
    { unit: 'section', word: 'afdeling(?:en)?' },
    { unit: 'part', word: 'deel|delen' },
    { unit: 'annex', word: 'bijlagen?' },
  ],
  numbers: { bareLetters: true },
  connectors: { list: 'en|of', range: 'tot[ \\t]+en[ \\t]+met|t/m|tot' },
  chainSeparator: '[ \\t]*,?[ \\t]*',
  of: 'van[ \\t]+het|van[ \\t]+de|van',
  determiners: 'de|het|van[ \\t]+het|van[ \\t]+de',
  deixisBefore: { this: 'dit|deze', preceding: 'vorige|voorgaande|voorafgaande', following: 'volgende|navolgende' },
  ordinals: {
    eerste: 1, tweede: 2, derde: 3, vierde: 4, vijfde: 5, zesde: 6, zevende: 7, achtste: 8, negende: 9, tiende: 10,
  },
  directionAfter: 'hierboven|hieronder',
  self: '(?:dit|deze|het[ \\t]+onderhavige?|onderhavige?)[ \\t]+(?:Verdrag|Handvest|Overeenkomst|Protocol|Statuut|Akkoord|Conventie)',
  instrumentPosition: 'after',
  instrumentNouns: 'Verdrag|Handvest|Overeenkomst|Protocol|Statuut|Akkoord|Conventie',
  titleGlue: 'van|de|het|inzake|betreffende|tot|en|voor|over|op|der|tegen',
};
