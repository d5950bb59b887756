// Chinese, simplified and traditional in one table: 第五十一条 / 第五十一條 (Chinese
// numerals), 第五十二條第三項, 第三十三條至第三十七條, 第十一條及第十二條, 本条, 前款,
// 本憲章, 《联合国宪章》第五十一条 (the instrument's name comes before the article).
import type { LanguagePack } from './types';

export const zh: LanguagePack = {
  code: 'zh',
  name: 'Chinese',
  caseInsensitive: false,
  unspaced: true,
  headings: [
    { kind: 'article', prefix: '第', suffix: '[条條]' },
    { kind: 'chapter', prefix: '第', suffix: '章' },
    { kind: 'section', prefix: '第', suffix: '[节節]' },
    { kind: 'part', prefix: '第', suffix: '部分|[编編]' },
    { kind: 'annex', exact: '附件', unnumbered: true },
  ],
  headingTextAfterSpace: true,
  units: [{ unit: 'annex', word: '附件' }],
  affixes: [
    // Look-aheads: 条约 (treaty), 条例 (regulation), 条件 (condition), 章程 (statute) are words.
    { unit: 'article', prefix: '第', suffix: '[条條](?![约約例件款])', noun: '[条條](?![约約例件])' },
    // 款 and 项/項 are both paragraphs in UN usage (第五十二條第三項); after a 款, a 项 is an item.
    { unit: 'paragraph', prefix: '第', suffix: '款' },
    { unit: 'paragraph', prefix: '第', suffix: '[项項](?![目])', noun: '[项項](?![目])' },
    { unit: 'chapter', prefix: '第', suffix: '章(?!程)', noun: '章(?!程)' },
    { unit: 'section', prefix: '第', suffix: '[节節]' },
    { unit: 'part', prefix: '第', suffix: '部分|[编編]' },
  ],
  numbers: { chinese: true, articleSuffix: '之([一二三四五六七八九十]+)' },
  connectors: { list: '、|，|,|以及|及|和|与|與|或者|或', range: '至|到|～|~' },
  chainSeparator: '[ \\t]*',
  deixisBefore: { this: '本', preceding: '前', following: '下一|次', that: '该|該|同' },
  directionBefore: '上述|上开|上開',
  self: '本(?:公约|公約|条约|條約|宪章|憲章|协定|協定|议定书|議定書|规约|規約|章程|协议|協議)',
  instrumentPosition: 'before',
  titleBrackets: ['《', '》'],
};
