// Korean: 제4조, 제4조 제1항, 제65조 3항, 제65조1항, 제77조1항(e), 상기 1항 (paragraph 1
// above), 하기 2항 (below), 상기 전항 (the preceding paragraph), 이 협약 제5부,
// 국제연합헌장 제33조 (the instrument before the article). Heading rows for 제N조 / 제N부 /
// 부속서 are in headings.ts already. Look-alikes: 제3국 ("third State"), 제 당사국 ("the
// parties"), 제국가 ("States") have no unit suffix; 제5조의 조정관 ("the fifth conciliator",
// a slip for 제5의) is ruled out by `notFollowedBy`.
import type { LanguagePack } from './types';

/** Not a particle after 조/항/…: the syllable makes another word (조약 treaty, 항공 aviation). */
const JO = '조(?![약건치정사직문항합달례세선원])';

const THIS_WORD = '(?<![가-힣])이(?=[ \\t])';

export const ko: LanguagePack = {
  code: 'ko',
  name: 'Korean',
  caseInsensitive: false,
  unspaced: true,
  headings: [],
  units: [{ unit: 'annex', word: '부속서' }],
  affixes: [
    // "조약 4조": without 제 only right after the instrument ("4조 원" is four trillion won).
    { unit: 'article', prefix: '제', suffix: JO, prefixOptional: 'afterScope' },
    { unit: 'paragraph', prefix: '제', suffix: '항(?![공구해만목로])', prefixOptional: 'always' },
    { unit: 'point', prefix: '제', suffix: '호(?![선실텔])', deixis: { this: THIS_WORD, preceding: '(?<![가-힣])전' } },
    // Containers take only "이 …" with a space: 본부 (headquarters), 전부 (all), 동부 (east) are words.
    { unit: 'part', prefix: '제', suffix: '부(?![서처대분문장인터속])', deixis: { this: THIS_WORD } },
    { unit: 'chapter', prefix: '제', suffix: '장(?![관])', deixis: { this: THIS_WORD } },
    { unit: 'section', prefix: '제', suffix: '절(?![차])', deixis: { this: THIS_WORD } },
    { unit: 'subsection', prefix: '제', suffix: '관(?![계련리할])', deixis: { this: THIS_WORD } },
  ],
  numbers: { articleSuffix: '의[ \\t]*(\\d+)' },
  connectors: { list: '및/또는|및|또는|과|와|이나|ㆍ|·', range: '내지|부터|~|∼', rangeClose: '까지' },
  chainSeparator: '[ \\t]*',
  // A deictic word is a word of its own: "협약이 조정…" is not "이 조".
  deixisBefore: { this: '(?<![가-힣])(?:이|본|당해)', preceding: '(?<![가-힣])전', following: '(?<![가-힣])다음', that: '(?<![가-힣])동' },
  directionBefore: '상기|하기',
  self: '(?<![가-힣])(?:(?:이|본)[ \\t]*)?(?:협약|조약|헌장|협정|의정서)',
  instrumentPosition: 'before',
  fixed: [
    // 65④ "상기 제 조항" = the foregoing paragraphs.
    { pattern: '상기[ \\t]*제[ \\t]*조항', unit: 'paragraph', deixis: 'preceding', plural: true },
    // 66(b) "협약의 부속서" = the Annex to the Convention.
    { pattern: '(?<![가-힣])(?:(?:이|본)[ \\t]*)?(?:협약|조약)의[ \\t]*부속서(?![ \\t]*[0-9IVX])', unit: 'annex', path: [{ unit: 'annex', num: '' }] },
  ],
  notFollowedBy: '의[ \\t]*(?:조정관|중재관|중재인|위원장|위원|재판관)',
};
