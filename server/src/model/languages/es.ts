// Spanish: "el artículo 51 de la Carta de las Naciones Unidas", "el párrafo 2 del artículo 5",
// "el inciso a) del párrafo 1", "los artículos 3 a 7", "el presente artículo", "el artículo anterior".
import type { LanguagePack } from './types';

export const es: LanguagePack = {
  code: 'es',
  name: 'Spanish',
  caseInsensitive: true,
  headings: [
    { kind: 'article', words: ['artículo', 'articulo'] },
    { kind: 'chapter', words: ['capítulo', 'capitulo'] },
    { kind: 'part', words: ['parte'] },
    { kind: 'title', words: ['título', 'titulo'] },
    { kind: 'subsection', words: ['subsección'] },
    { kind: 'section', words: ['sección', 'seccion'] },
    { kind: 'annex', words: ['anexo'], unnumbered: true },
  ],
  units: [
    { unit: 'article', word: 'art[íi]culos?|arts?\\.', plural: 'art[íi]culos|arts\\.' },
    { unit: 'point', word: 'subp[áa]rrafos?|incisos?|letras?', plural: 'subp[áa]rrafos|incisos|letras' },
    // "apartado a)" is lettered: a lettered paragraph reads as a point.
    { unit: 'paragraph', word: 'p[áa]rrafos?|apartados?', plural: 'p[áa]rrafos|apartados' },
    { unit: 'chapter', word: 'cap[íi]tulos?' },
    // "Parte" is also "a Party": only a number makes it a Part.
    { unit: 'part', word: 'partes?' },
    { unit: 'title', word: 't[íi]tulos?' },
    { unit: 'subsection', word: 'subsecci[óo]n(?:es)?' },
    { unit: 'section', word: 'secci[óo]n(?:es)?' },
    { unit: 'annex', word: 'anexos?' },
  ],
  numbers: { words: { primero: 1 } },
  connectors: { list: 'y|e|o|u', range: 'al|a|hasta', rangeClose: 'inclusive' },
  chainSeparator: '[ \\t]*,?[ \\t]*',
  of: 'del|de[ \\t]+la|de[ \\t]+los|de[ \\t]+las|de',
  determiners: 'el|la|los|las|del|al|de[ \\t]+la|de[ \\t]+los|de[ \\t]+las',
  deixisBefore: { this: 'presentes?|este|esta|estos|estas' },
  deixisAfter: { preceding: 'anterior(?:es)?|precedentes?', following: 'siguientes?' },
  ordinals: {
    primer: 1, primero: 1, primera: 1, segundo: 2, segunda: 2, tercer: 3, tercero: 3, tercera: 3,
    cuarto: 4, cuarta: 4, quinto: 5, quinta: 5, sexto: 6, sexta: 6,
  },
  self: '(?:presente|este|esta)[ \\t]+(?:Convención|Convenio|Tratado|Carta|Acuerdo|Protocolo|Estatuto|Pacto|Constitución)',
  instrumentPosition: 'after',
  instrumentNouns: 'Convención|Convenio|Tratado|Carta|Acuerdo|Protocolo|Estatuto|Pacto',
  titleGlue: 'de|del|la|las|el|los|sobre|relativo|relativa|para|en|y|entre',
};
