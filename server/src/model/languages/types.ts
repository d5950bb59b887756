// One language's words and patterns for structure and references, as data. The generic
// scanner (multilingualCitations.ts) and the heading rows (headingRows.ts) read these
// tables; a new language is a new table, not a new branch in the code.
//
// Patterns are regular-expression *sources* (compiled with the `u` flag, and `i` when the
// pack says so), so a row can list inflections compactly: 'стать(?:я|и|е|ю|ей)'.
import type { Unit } from '../citations';
import type { ProvisionKind } from '../types';

/** A unit written as a word before its number: "article 5", "статьи 5", "المادة 5", "附件七". */
export interface UnitWord {
  unit: Unit;
  /** Every form of the word (cases, plural, abbreviation, attached prefixes). */
  word: string;
  /** The forms among `word` that are plural ("the preceding paragraphs"). */
  plural?: string;
  /** Counts only after a wider unit in a chain: "onder a)", "Nummer 3" alone are not references. */
  chainOnly?: boolean;
  /** Read as this unit when it stands inside an article: Russian "часть 1 статьи 3" is a paragraph. */
  insideArticle?: Unit;
}

/** A unit written around its number: 제5조 (prefix 제, suffix 조), 第五条, 3항. */
export interface AffixUnit {
  unit: Unit;
  /** Before the number ("제", "第"). */
  prefix: string;
  /**
   * When the prefix may be left out: 'always' ("3항"), or only right after an instrument
   * or self word ("조약 4조"; a bare "4조" is usually an amount: 4조 원).
   */
  prefixOptional?: 'always' | 'afterScope';
  /** After the number ("조", "条|條"); with look-aheads that keep look-alikes out ("조(?!약)"). */
  suffix: string;
  /** The unit's noun alone, for deictic forms ("이 조", "本条", "前款"); defaults to `suffix`. */
  noun?: string;
  /** The deictic words this noun takes, when not all of the pack's do (전부 is "all", not "the preceding part"). */
  deixis?: DeicticWords;
  chainOnly?: boolean;
}

/** A heading line: a word and a number ("Статья 51", "TITRE V"), or prefix/number/suffix ("第七章"). */
export interface HeadingRow {
  kind: ProvisionKind;
  /** Lower-case heading words; Capitalised and UPPER forms are derived ("статья" → Статья, СТАТЬЯ). */
  words?: string[];
  /** Words used exactly as written (scripts without case, or mixed forms such as "Art."). */
  exact?: string;
  prefix?: string;
  suffix?: string;
  /** An annex may stand alone without a number. */
  unnumbered?: boolean;
}

export interface DeicticWords {
  /** "this": le présent, настоящ-, dieser, dit, 本, 이. */
  this?: string;
  preceding?: string;
  following?: string;
  /** "that" (the one cited last): 该, 동. */
  that?: string;
}

/** A pattern whose meaning is fixed: "상기 제 조항" = the preceding paragraphs. */
export interface FixedForm {
  pattern: string;
  unit: Unit;
  /** A deictic form ("the preceding paragraphs") … */
  deixis?: 'this' | 'preceding' | 'following';
  plural?: boolean;
  /** … or a path with these steps ("협약의 부속서" = the Annex; num '' = the one unnumbered annex). */
  path?: Array<{ unit: Unit; num: string }>;
}

export interface LanguagePack {
  /** BCP 47 primary subtag: 'fr', 'ru', 'zh'. */
  code: string;
  name: string;
  /** Match unit words and scopes regardless of case. */
  caseInsensitive: boolean;
  /**
   * Words are not delimited by spaces, or take particles without one (Chinese 的附件七,
   * Korean 부속서에): no word-boundary checks around unit words and numbers.
   */
  unspaced?: boolean;

  headings: HeadingRow[];
  /** CJK style: text after the number on the heading line is a heading (short) or the body. */
  headingTextAfterSpace?: boolean;

  units: UnitWord[];
  affixes?: AffixUnit[];

  numbers: {
    /** 一二三…十百千 as numbers (第五十一条). */
    chinese?: boolean;
    /** Words that stand for numbers after a unit word: "premier", "1er", "الأولى", "السابع". */
    words?: Record<string, number>;
    /** Letters for points besides a–z, as a character class body: 'а-я', 'أ-ي'. */
    letters?: string;
    /** A bare letter after a point word is its number ("Buchstabe a", "onder a"). */
    bareLetters?: boolean;
    /** An article's suffix number: "제15조의2" → 15-2, "第八条之二" → 8-2 (group 1 is the sub-number). */
    articleSuffix?: string;
  };

  connectors: {
    /** Between items of a list (without the comma, which always separates). */
    list: string;
    /** Between the two ends of a range. */
    range: string;
    /** Before the first end of a range: "с 3 по 7", "من 3 إلى 7". */
    rangeOpen?: string;
    /** After the second end: "inclus", "까지". */
    rangeClose?: string;
  };

  /** Between an outer unit and the inner unit after it: "artikel 48, lid 7", "제4조 제1항". */
  chainSeparator: string;
  /**
   * Between an inner unit and the outer unit or scope after it (the genitive): "de l'", "du",
   * "des", "van", "من"; '' when the case ending alone marks it (Russian "пункт 2 статьи 5").
   */
  of?: string;
  /** The genitive linker may be left out before deictic and self words ("Absatz 2 dieses Artikels"). */
  ofOptionalBeforeDeixis?: boolean;
  /** Articles and contractions that may stand before a deictic or ordinal form: "le", "du", "der". */
  determiners?: string;

  deixisBefore?: DeicticWords;
  deixisAfter?: DeicticWords;
  /** Ordinal words before a unit: "le deuxième alinéa", "het eerste lid". */
  ordinals?: Record<string, number>;
  /** Direction words around a numbered citation: "상기 1항", "paragraphe 1 ci-dessus". */
  directionBefore?: string;
  directionAfter?: string;

  /** The document itself as a scope: "настоящего Договора", "de la présente Convention", "이 협약". */
  self: string;
  /** Where an instrument's name stands: "국제연합헌장 제33조" (before) or "ст. 51 Устава ООН" (after). */
  instrumentPosition: 'before' | 'after';
  /** Nouns that open an instrument title the catalogue does not know ("Convention de Genève"). */
  instrumentNouns?: string;
  /** Words that may continue such a title in lower case ("de", "sur", "relative"). */
  titleGlue?: string;
  /** Brackets that mark a title before a citation: 《维也纳条约法公约》第三十一条. */
  titleBrackets?: [string, string];
  /**
   * How names decline, for matching catalogue names in other cases: each word's stem
   * (`strip` removed) followed by an `ending` ("Устав ООН" matches "Устава ООН").
   */
  nameInflection?: { strip?: string; ending: string };

  fixed?: FixedForm[];
  /** Right after a citation, these mean it was no citation: 제5조의 조정관 ("the fifth conciliator"). */
  notFollowedBy?: string;
}
