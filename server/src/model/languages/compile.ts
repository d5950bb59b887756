// A language pack compiled into the patterns the generic scanner (multilingualCitations.ts)
// runs: unit words, affixes, connectors, deictic and self words, number forms, and the
// catalogue names declined as the language declines them. Compiled once per pack.
import type { Deixis, Unit } from '../citations';
import type { AffixUnit, FixedForm, LanguagePack, UnitWord } from './types';
import { CHINESE_DIGIT, DIGIT } from './numerals';

export interface WordRule {
  re: RegExp;
  plural?: RegExp;
  entry: UnitWord;
}

export interface AffixRule {
  prefix: RegExp;
  suffix: RegExp;
  entry: AffixUnit;
}

export interface CompiledPack {
  pack: LanguagePack;
  /** Where a citation may start, and which forms to try there; simple patterns rather than one large alternation. */
  triggers: Array<{ re: RegExp; form: number; digitsBefore?: boolean }>;
  words: WordRule[];
  affixes: AffixRule[];
  /** "本条", "이 조", "前款": a deictic word and an affix unit's noun. */
  affixDeixis: Array<{ re: RegExp; kind: Deixis; unit: Unit }>;
  fixed: Array<{ re: RegExp; form: FixedForm }>;
  listSep: RegExp;
  rangeSep: RegExp;
  rangeOpen?: RegExp;
  rangeClose?: RegExp;
  chainSep: RegExp;
  of?: RegExp;
  space: RegExp;
  deixisAt: Array<{ re: RegExp; kind: Deixis }>;
  deixisAfter: Array<{ re: RegExp; kind: Deixis }>;
  deixisBack?: RegExp;
  determinerBack?: RegExp;
  ordinalAt?: RegExp;
  ordinalBack?: RegExp;
  ordinals: Map<string, number>;
  directionBack?: RegExp;
  directionAfter?: RegExp;
  selfAt: RegExp;
  selfBack: RegExp;
  instrumentNoun?: RegExp;
  titleWord: RegExp;
  titleGlue?: RegExp;
  bracketBack?: RegExp;
  numberWords: Array<[RegExp, number]>;
  articleSuffix?: RegExp;
  digits: RegExp;
  articleDigits: RegExp;
  pointForms: RegExp;
  subs: RegExp;
  notFollowedBy?: RegExp;
  /** The language's script, to keep only the catalogue names written in it. */
  script: RegExp;
}

export const LATIN_SUFFIX = 'bis|ter|quater|quinquies|sexies|septies|octies|novies|decies';
const SCRIPTS: Record<string, RegExp> = {
  ko: /[\uac00-\ud7af]/,
  zh: /[\u4e00-\u9fff]/,
  ru: /[\u0400-\u04ff]/,
  ar: /[\u0600-\u06ff]/,
};
const LATIN_ONLY = /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}]+$/u;
export const CHINESE_NUMBER = new RegExp(`${CHINESE_DIGIT}+`, 'uy');
export const AFFIX_DIGITS = new RegExp(`${DIGIT}{1,4}`, 'uy');
export const ROMAN_NUMBER = /([IVXLC]{1,7})(?![\p{L}\p{N}])/uy;
export const CAPITAL_LETTER = /([A-Z])(?![\p{L}\p{N}])/uy;
export const CHINESE_ONLY = new RegExp(`^${CHINESE_DIGIT}+$`, 'u');

/** Which forms a trigger position can start (a bit set). */
export const FORM_NUMBERED = 1;
export const FORM_DEICTIC = 2;
export const FORM_FIXED = 4;

const compiledPacks = new Map<string, CompiledPack>();

export function compilePack(pack: LanguagePack): CompiledPack {
  const cached = compiledPacks.get(pack.code);
  if (cached) return cached;
  const f = pack.caseInsensitive ? 'iu' : 'u';
  const spaced = !pack.unspaced;
  const B = spaced ? '(?<![\\p{L}\\p{M}\\p{N}])' : '';
  const A = spaced ? '(?![\\p{L}\\p{M}])' : '';
  const sticky = (src: string, flags = f) => new RegExp(src, flags + 'y');
  const affixes = pack.affixes ?? [];
  // A number after a word ends at a word boundary; Chinese and Korean run on into particles.
  const guard = pack.unspaced ? '(?!\\p{N})' : '(?![\\p{L}\\p{M}\\p{N}_/]|[.,]\\p{N})';
  const numStart = pack.numbers.chinese ? `(?:${DIGIT}|${CHINESE_DIGIT})` : DIGIT;

  const words: WordRule[] = pack.units.map((entry) => ({
    re: sticky(`(?:${entry.word})${A}`),
    plural: entry.plural ? new RegExp(`^(?:${entry.plural})$`, f) : undefined,
    entry,
  }));
  const affixRules: AffixRule[] = affixes.map((entry) => ({
    prefix: sticky(`(?:${entry.prefix})[ \\t]*`),
    suffix: sticky(`[ \\t]*(?:${entry.suffix})`),
    entry,
  }));

  const deixisKinds: Array<[Deixis, string | undefined]> = [
    ['this', pack.deixisBefore?.this],
    ['preceding', pack.deixisBefore?.preceding],
    ['following', pack.deixisBefore?.following],
    ['that', pack.deixisBefore?.that],
  ];
  const affixDeixis: CompiledPack['affixDeixis'] = [];
  const affixDeixisSources: string[] = [];
  for (const a of affixes) {
    for (const kind of ['this', 'preceding', 'following', 'that'] as Deixis[]) {
      const word = (a.deixis ?? pack.deixisBefore)?.[kind];
      if (!word) continue;
      const src = `(?:${word})[ \\t]*(?:${a.noun ?? a.suffix})`;
      affixDeixis.push({ re: sticky(src), kind, unit: a.unit });
      affixDeixisSources.push(src);
    }
  }

  const triggers: Array<[string, number, boolean?]> = [];
  for (const u of pack.units) triggers.push([`${B}(?:${u.word})${A}`, FORM_NUMBERED]);
  const prefixes = [...new Set(affixes.map((a) => a.prefix))];
  if (prefixes.length) triggers.push([`(?:${prefixes.join('|')})[ \\t]*(?=${numStart})`, FORM_NUMBERED]);
  const optional = affixes.filter((a) => a.prefixOptional);
  // "3항": found by its suffix, a literal that is quick to search for; the citation starts at the digits before it.
  for (const a of optional) triggers.push([a.suffix, FORM_NUMBERED, true]);
  for (const src of affixDeixisSources) triggers.push([src, FORM_DEICTIC]);
  for (const fx of pack.fixed ?? []) triggers.push([fx.pattern, FORM_FIXED]);

  const c = pack.connectors;
  const det = pack.determiners;
  const back = (src: string) => new RegExp(`${B}(?:${src})$`, f);
  const ordinals = new Map(Object.entries(pack.ordinals ?? {}).map(([w, n]) => [w.toLowerCase(), n]));
  const ordinalWords = [...ordinals.keys()].sort((a, b) => b.length - a.length).join('|');
  // Point letters besides a–z: "«а»", "(أ)", "(هـ)".
  const letters = pack.numbers.letters ? `|[${pack.numbers.letters}]` : '';
  const letters2 = pack.numbers.letters ? `|[${pack.numbers.letters}]{1,2}` : '';
  const deixisBackAlts = deixisKinds.filter(([, w]) => w).map(([k, w]) => `(?<${k}>${w})`);

  const compiled: CompiledPack = {
    pack,
    triggers: triggers.map(([src, form, digitsBefore]) => ({ re: new RegExp(src, f + 'g'), form, digitsBefore })),
    words,
    affixes: affixRules,
    affixDeixis,
    fixed: (pack.fixed ?? []).map((form) => ({ re: sticky(form.pattern), form })),
    // A comma always separates items; the pack's words may stand with or without it.
    listSep: sticky(`[ \\t]*(?:[,，、،][ \\t]*(?:(?:${c.list})${A}[ \\t]*)?|(?:${c.list})${A}[ \\t]*)`),
    rangeSep: sticky(`[ \\t]*(?:[-\\u2013\\u2014]|(?:${c.range})${A})[ \\t]*`),
    rangeOpen: c.rangeOpen ? sticky(`(?:${c.rangeOpen})[ \\t]+`) : undefined,
    rangeClose: c.rangeClose ? sticky(`[ \\t]*(?:${c.rangeClose})${A}`) : undefined,
    chainSep: sticky(pack.chainSeparator),
    // "de l'article": after an elided article the next word follows without a space.
    of: pack.of === undefined ? undefined : pack.of === '' ? sticky('[ \\t\\r\\n]+') : sticky(`(?:[ \\t]*,)?[ \\t\\r\\n]+(?:${pack.of})(?:(?<=['’])|${A})[ \\t]*`),
    space: sticky('[ \\t\\r\\n]+'),
    deixisAt: deixisKinds.filter(([, w]) => w).map(([kind, w]) => ({ re: sticky(`(?:${w})${A}[ \\t]*`), kind })),
    deixisAfter: (['this', 'preceding', 'following', 'that'] as Deixis[])
      .filter((k) => pack.deixisAfter?.[k])
      .map((kind) => ({ re: sticky(`[ \\t]+(?:${pack.deixisAfter![kind]})${A}`), kind })),
    deixisBack: deixisBackAlts.length ? back(`${det ? `(?:(?:${det})[ \\t]*)?` : ''}(?:${deixisBackAlts.join('|')})[ \\t]+`) : undefined,
    determinerBack: det ? back(`(?:${det})[ \\t]*`) : undefined,
    ordinalAt: ordinalWords ? sticky(`(?:${ordinalWords})${A}[ \\t]+`) : undefined,
    ordinalBack: ordinalWords ? back(`${det ? `(?:(?:${det})[ \\t]*)?` : ''}(?<ord>${ordinalWords})[ \\t]+`) : undefined,
    ordinals,
    directionBack: pack.directionBefore ? new RegExp(`(?:${pack.directionBefore})[ \\t]*$`, f) : undefined,
    directionAfter: pack.directionAfter ? sticky(`[ \\t]+(?:${pack.directionAfter})${A}`) : undefined,
    selfAt: sticky(`(?:${pack.self})${A}`),
    selfBack: new RegExp(`(?:${pack.self})[ \\t]*$`, f),
    // Title words keep their case: "de la Convention de Genève" names another instrument, "du traité" does not.
    instrumentNoun: pack.instrumentNouns ? sticky(`(?:${pack.instrumentNouns})\\p{L}{0,4}`, 'u') : undefined,
    titleWord: sticky("[ \\t]+([\\p{L}][\\p{L}\\p{M}'’-]*)", 'u'),
    titleGlue: pack.titleGlue ? new RegExp(`^(?:${pack.titleGlue})$`, 'iu') : undefined,
    bracketBack: pack.titleBrackets ? new RegExp(`${pack.titleBrackets[0]}([^${pack.titleBrackets[0]}${pack.titleBrackets[1]}\\n]{1,80})${pack.titleBrackets[1]}[ \\t]*$`, 'u') : undefined,
    numberWords: Object.entries(pack.numbers.words ?? {})
      .sort((a, b) => b[0].length - a[0].length)
      .map(([w, n]) => [sticky(`(?:${w})(?![\\p{L}\\p{M}\\p{N}])`), n] as [RegExp, number]),
    articleSuffix: pack.numbers.articleSuffix ? sticky(pack.numbers.articleSuffix) : undefined,
    digits: sticky(`(${DIGIT}{1,4})${guard}`, 'u'),
    // "8 bis" is a number; "Artikel 3 bis 7" is a range (German "bis" = to).
    articleDigits: sticky(`(${DIGIT}{1,4}(?:[ \\t]?(?:${LATIN_SUFFIX})(?![\\p{L}])(?![ \\t]*\\p{Nd})|[A-Z](?![\\p{L}]))?)${guard}`, 'u'),
    pointForms: sticky(
      `\\((?<p>[a-z]{1,2}|[ivx]{1,6}|\\d{1,2}${letters2})\\)|(?<r>[a-z]${letters})\\)(?=[\\s,;.:،]|$)|[«"“](?<q>[a-z]${letters})[»"”]` +
        (pack.numbers.bareLetters ? `|(?<b>[a-z])(?![\\p{L}\\p{M}\\p{N}])` : ''),
      'u',
    ),
    subs: sticky(`[ \\t]?\\((\\d{1,3}|[a-z]{1,2}|[ivx]{1,6}${letters2})\\)`, 'u'),
    notFollowedBy: pack.notFollowedBy ? sticky(pack.notFollowedBy) : undefined,
    script: SCRIPTS[pack.code] ?? LATIN_ONLY,
  };
  compiledPacks.set(pack.code, compiled);
  return compiled;
}

/** Catalogue names as patterns for one language: declined forms for Russian and German. */
export interface NamePattern {
  name: string;
  after: RegExp;
}

const namePatterns = new Map<string, { names: readonly string[]; key: string; patterns: NamePattern[] }>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileNames(cp: CompiledPack, names: readonly string[]): NamePattern[] {
  // A catalogue makes its names once: the same array is the same names. Another array (another
  // catalogue) may still hold the same names: compare the contents.
  const cached = namePatterns.get(cp.pack.code);
  if (cached && cached.names === names) return cached.patterns;
  const key = names.join('\u0000');
  if (cached && cached.key === key) {
    cached.names = names;
    return cached.patterns;
  }
  const pack = cp.pack;
  const f = pack.caseInsensitive ? 'iu' : 'u';
  const A = pack.unspaced ? '' : '(?![\\p{L}\\p{M}\\p{N}])';
  const inflect = pack.nameInflection;
  const strip = inflect?.strip ? new RegExp(inflect.strip, 'u') : undefined;
  const word = (w: string) => {
    let src = escapeRe(w).replace(/['’]/g, "['’]").replace(/[ёе]/g, '[её]');
    if (inflect && w.length >= 4 && /^\p{L}+$/u.test(w)) {
      const stem = strip ? w.replace(strip, '') : w;
      src = escapeRe(stem).replace(/[ёе]/g, '[её]') + inflect.ending;
    }
    return src;
  };
  const patterns = names
    .filter((n) => cp.script.test(n))
    .map((name) => {
      const src = name.trim().split(/\s+/).map(word).join('[ \\t\\r\\n]+');
      return { name, after: new RegExp(`(?:${src})${A}`, f + 'y') };
    });
  namePatterns.set(pack.code, { names, key, patterns });
  return patterns;
}
