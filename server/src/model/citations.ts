// The reference grammar: finds citations in text and parses each into paths of
// (unit, number) steps, with lists, ranges, chains ("Article 35, paragraph 2"),
// inverted scopes ("paragraph 3 of Article 52"), deictic forms ("this Article",
// "the preceding paragraph") and instrument scopes ("of the Charter of the United Nations").
// It knows nothing of the document's structure: resolution is done in `references.ts`.

import { isRegexSpace } from './lines';

export type Unit = 'resolution' | 'annex' | 'part' | 'title' | 'chapter' | 'section' | 'subsection' | 'article' | 'paragraph' | 'point';

/** Outer to inner, for chains: "Annex III, article 4, paragraph 4". */
export const LEVEL: Record<Unit, number> = {
  resolution: 0,
  annex: 0,
  part: 1,
  title: 2,
  chapter: 3,
  section: 4,
  subsection: 5,
  article: 6,
  paragraph: 7,
  point: 8,
};

export interface Step {
  unit: Unit;
  num: string;
  /** Where the number is written, when it is (renumbering rewrites exactly these characters). */
  span?: { start: number; end: number };
}

export type Item =
  | { kind: 'path'; steps: Step[] }
  | { kind: 'range'; from: Step[]; to: Step[] }
  /** "the second paragraph": a position, not a number. */
  | { kind: 'ordinal'; unit: Unit; ordinal: number };

export type Deixis = 'this' | 'preceding' | 'following' | 'that';

export type Scope =
  | { kind: 'self' }
  | { kind: 'deictic'; unit: Unit }
  /** "of that article": the last one cited before. */
  | { kind: 'that'; unit: Unit }
  | { kind: 'instrument'; name: string; span: { start: number; end: number } };

export interface Citation {
  start: number;
  end: number;
  /** Explicit items, each resolved against the outer steps and scope. */
  items: Item[];
  /** Steps that apply to every item from outside ("of Article 52" in "paragraph 3 of Article 52"). */
  outer: Step[];
  scope?: Scope;
  /** Deictic forms: "this Article", "the preceding paragraph(s)". */
  deixis?: { kind: Deixis; unit: Unit; plural: boolean };
  /** True when written as a list or range ("Articles 3, 5 and 7", "Articles 3 to 7"). */
  plural: boolean;
  isRange: boolean;
  /** Follows the previous citation after "and"/"or" ("Annex III, article 13 and article 17"). */
  continues?: boolean;
  /** Cites a provision of something other than a treaty text ("paragraph 5 of that Declaration"). */
  foreign?: boolean;
}

/**
 * The unit a word that UNIT_WORD matched names, told by its first letters: sub(-)paragraph and
 * point → point, sub(-)section → subsection, article/Art. → article, annex, chapter, part,
 * paragraph/para., section, resolution.
 */
function unitOf(text: string, at: number): Unit | undefined {
  switch (text.charCodeAt(at) | 0x20) {
    case 97: // a
      return text.charCodeAt(at + 1) === 114 || text.charCodeAt(at + 1) === 82 ? 'article' : 'annex';
    case 99: // c
      return 'chapter';
    case 112: // p: point, part, para…
      if ((text.charCodeAt(at + 1) | 0x20) === 111) return 'point';
      return (text.charCodeAt(at + 3) | 0x20) === 116 ? 'part' : 'paragraph';
    case 114: // r
      return 'resolution';
    case 115: {
      // s: sub(-)section, sub(-)paragraph, section
      if ((text.charCodeAt(at + 1) | 0x20) !== 117) return 'section';
      const s = text.charCodeAt(at + 3) === 45 /* - */ ? at + 4 : at + 3;
      return (text.charCodeAt(s) | 0x20) === 115 ? 'subsection' : 'point';
    }
  }
  return undefined;
}

/** A unit word as treaties write it ("Article", "ARTICLES", "Arts.", "sub-paragraph", "Annexes"), not part of a longer word. */
const UNIT_WORD_SOURCE = String.raw`(?:[Ss]ub-?paragraphs?|[Ss]ub-?sections?|[Aa]rticles?|ARTICLES?|[Aa]rts?\.|[Pp]aragraphs?|[Pp]aras?\.|[Pp]oints?|[Cc]hapters?|CHAPTERS?|[Pp]arts?|PARTS?|[Ss]ections?|SECTIONS?|[Aa]nnex(?:es)?|ANNEX(?:ES)?|[Rr]esolutions?)(?![A-Za-z_-])`;

// Unit words anywhere in text: the trigger for a parse attempt.
const TRIGGER = new RegExp(String.raw`\b` + UNIT_WORD_SOURCE, 'g');

/** The last word of every BEFORE_UNIT match, as it may be written. */
const WORDS_BEFORE_UNIT = new Set([
  'the', 'The', 'this', 'This', 'that', 'That', 'these', 'These', 'those', 'Those',
  'present', 'preceding', 'foregoing', 'following', 'same', 'last',
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
]);

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const ORDINAL_WORDS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth',
];

// What may stand before a unit word to make it deictic or ordinal ("the preceding", "this", "the second").
const BEFORE_UNIT =
  /(?:^|[^\w])((?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:(present|preceding|foregoing|following|same|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last)\s+)?)$/;

const INSTRUMENT_NOUN = /\b(?:Convention|Treaty|Charter|Statute|Protocol|Covenant|Agreement|Declaration|Pact|Accord|Constitution)\b/;

/** Words that may continue a title after its first capitalised word. */
const TITLE_GLUE = new Set(['of', 'on', 'for', 'and', 'the', 'in', 'to', 'relating', 'relative', 'concerning', 'between', 'against', 'with', 'at', 'by']);

// Sticky patterns, made once: a regex literal in a method is a new object on every call.
const ANNEX_TO_SELF = /[ \t]+to[ \t]+(?:the|this)[ \t]+(?:present[ \t]+)?(?:Convention|Treaty|Charter|Agreement|Protocol)\b/y;
const ABOVE_BELOW = /[ \t]+(?:above|below)\b/y;
const CHAIN_GAP = /,?[ \t]+/y;
const OF = /,?[ \t\r\n]+of[ \t\r\n]+/iy;
const FOREIGN = /(?:that|the said|such|its|their|the)[ \t]+(?:report|resolution|decision|declaration|agreement|instrument|document|Declaration|Agreement|Final Act)\b/y;
const THAT = /that[ \t]+/y;
const THIS_OR_PRESENT = /(?:this|the present)[ \t]+/iy;
const SELF_WORD = /(?:Convention|Treaty|Charter|Statute|Protocol|Agreement|Covenant|Constitution|Pact|Accord|instrument)\b/iy;
const THE_BEFORE_ANNEX = /the[ \t]+(?=Annex\b)/y;
const TO = /[ \t]+to[ \t]+/y;
const THE = /the[ \t]+/iy;
const SPACES = /[ \t]+/y;
const BEFORE_NUMBER = /[ \t]+|(?=\()|(?=\d)/y;
const LIST_SEPARATOR = /[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|(?:and|or|to)[ \t]+|[-–][ \t]*)/y;
const INCLUSIVE = /[ \t]+inclusive\b/y;
/** What a number looks like after each unit word. */
const NUMBER: Record<Unit, RegExp> = {
  article: /(\d{1,4}(?:[ \t]?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b|[A-Z]\b)?|[IVXLC]{1,7}\b)(?![\w/,.]\d)/y,
  paragraph: /(\d{1,3}|l(?=\())(?![\w/]|[.,]\d)/y,
  point: /\(([a-z]{1,2}|[ivx]{1,6}|\d{1,2})\)|([a-z])\)(?=[\s,;.:])|«([а-яa-z])»/y,
  chapter: /([IVXLC]{1,7}|\d{1,3})\b(?![\w/])/y,
  section: /(\d{1,3}|[A-Z])\b(?![\w/]|[.,]\d)/y,
  subsection: /([A-Z]|\d{1,2})\b/y,
  resolution: /([IVXLC]{1,7}|\d{1,5})\b(?![\w/])/y,
  annex: /([IVXLC]{1,7}|\d{1,2}|[A-Z])\b(?![\w/])/y,
  part: /([IVXLC]{1,7}|\d{1,3})\b(?![\w/])/y,
  title: /([IVXLC]{1,7}|\d{1,3})\b(?![\w/])/y,
};
const PARA_IN_BRACKETS = /[ \t]*\((paragraph|para\.)[ \t]+(\d+)\)/y;
const SUB_REFERENCE = /[ \t]?\(([1-9]\d{0,2}|[a-z]{1,2}|[ivx]{1,6})\)|[ \t]([a-z])\)(?=[\s,;.:])/y;
const UNIT_WORD = new RegExp(UNIT_WORD_SOURCE, 'y');

export interface InstrumentNames {
  /** Catalogue names (titles and aliases), longest first. */
  names: readonly string[];
}

/** The names lower-cased, once per names array (a catalogue's is made once; every parse asks). */
const lowered = new WeakMap<readonly string[], string[]>();
function lowerNames(names: readonly string[]): string[] {
  let out = lowered.get(names);
  if (!out) lowered.set(names, (out = names.map((n) => n.toLowerCase())));
  return out;
}

export class CitationScanner {
  private readonly text: string;
  private pos = 0;
  private readonly namesLower: string[];
  /** Where the last number read by `number()` stands. */
  private lastNumberSpan: { start: number; end: number } | undefined;

  constructor(text: string, private readonly instruments: InstrumentNames) {
    this.text = text;
    this.namesLower = lowerNames(instruments.names);
  }

  /** Every citation in the text, in order, not overlapping. */
  scan(skip: (offset: number) => boolean): Citation[] {
    const out: Citation[] = [];
    for (let c = this.next(skip); c; c = this.next(skip)) out.push(c);
    return out;
  }

  /** Where the search for the next unit word resumes, and the citation found before it. */
  private triggerAt = 0;
  private minStart = 0;
  private prev: Citation | undefined;

  /**
   * The next citation, or undefined at the end of the text. One at a time, so that a caller
   * resolving as it goes holds none of them (20,000 citations in 5 MB, their steps and spans,
   * outlived the young generation when collected first and were copied to the old one).
   */
  next(skip: (offset: number) => boolean): Citation | undefined {
    // TRIGGER is shared: each scanner keeps its own place in the text.
    TRIGGER.lastIndex = this.triggerAt;
    for (let m = TRIGGER.exec(this.text); m; m = TRIGGER.exec(this.text)) {
      const index = m.index;
      if (index < this.minStart) continue;
      if (skip(index)) continue;
      const after = TRIGGER.lastIndex;
      const c = this.parseAt(index);
      // "Article 2 of Pact of the first paragraph of Article 1", with an instrument named "Pact of
      // the first": the ordinal before "paragraph" reaches back into the citation before it. The
      // earlier citation keeps its text; this unit word starts nothing.
      if (c && c.start < this.minStart) {
        TRIGGER.lastIndex = after;
        continue;
      }
      if (c) {
        const prev = this.prev;
        if (prev && joinsWithAndOr(this.text, prev.end, c.start)) c.continues = true;
        this.prev = c;
        this.minStart = c.end;
        this.triggerAt = c.end;
        return c;
      }
      TRIGGER.lastIndex = after;
    }
    this.triggerAt = this.text.length + 1;
    return undefined;
  }

  private parseAt(at: number): Citation | undefined {
    const pre = this.mayHaveDeterminer(at) ? BEFORE_UNIT.exec(this.text.slice(Math.max(0, at - 40), at)) : null;
    this.pos = at;
    const unit = this.unitWord();
    if (!unit) return undefined;
    const plural = this.wordPlural;
    const wordStart = this.wordStart;

    if (pre) {
      const start = at - pre[1].length;
      const modifier = pre[2]?.toLowerCase();
      const det = pre[1].trim().split(/\s+/)[0].toLowerCase();
      const ordinal = modifier ? ORDINAL_WORDS.indexOf(modifier) + 1 : 0;
      if (ordinal > 0) {
        // "the second paragraph of Article 51", "first paragraph of this Article"
        const c: Citation = { start, end: this.pos, items: [{ kind: 'ordinal', unit, ordinal }], outer: NO_STEPS, plural: false, isRange: false };
        this.parseOf(c);
        return c;
      }
      if (!this.peekNumber(unit)) {
        let kind: Deixis | undefined;
        if (det === 'this' || (det === 'the' && (modifier === 'present' || modifier === 'same')) || (det === 'these' && !modifier)) kind = 'this';
        else if (modifier === 'preceding' || modifier === 'foregoing') kind = 'preceding';
        else if (modifier === 'following') kind = 'following';
        else if (det === 'that' && !modifier) kind = 'that';
        // "at this point", "these points": ordinary English; only "subparagraph" is deictic.
        if (kind && unit === 'point' && (this.text.charCodeAt(wordStart) | 0x20) !== 115 /* s(ub) */) return undefined;
        if (kind) return { start, end: this.pos, items: NO_ITEMS, outer: NO_STEPS, deixis: { kind, unit, plural }, plural, isRange: false };
        // "the Annex to the Convention": not deictic; parse it as it stands.
      }
    }

    const c: Citation = { start: at, end: at, items: NO_ITEMS, outer: NO_STEPS, plural: false, isRange: false };
    if (unit === 'annex' && this.eat(ANNEX_TO_SELF)) {
      // "the Annex to the Convention": the document's one unnumbered annex.
      c.items = [{ kind: 'path', steps: [{ unit: 'annex', num: '' }] }];
      c.end = this.pos;
      return c;
    }
    const items = this.parseList(unit);
    if (!items) return undefined;
    c.items = items;
    c.end = this.pos;
    c.plural = c.items.length > 1 || c.items.some((i) => i.kind === 'range');
    c.isRange = c.items.some((i) => i.kind === 'range');
    // Chain: "Article 35, paragraph 2", "Annex III, article 4, paragraph 4", "Part XI, section 5".
    this.parseChain(c);
    this.parseOf(c);
    // "paragraph 1 (b) above": the direction word is part of the citation as read.
    if (this.eat(ABOVE_BELOW)) c.end = this.pos;
    return c;
  }

  /**
   * True when the word before `at` (and the spaces after it) can end a BEFORE_UNIT match:
   * most citations follow "with", "to", "under", and then the regex need not run.
   */
  private mayHaveDeterminer(at: number): boolean {
    let i = at - 1;
    if (i < 0 || !isRegexSpace(this.text.charCodeAt(i))) return false;
    while (i >= 0 && isRegexSpace(this.text.charCodeAt(i))) i--;
    const end = i + 1;
    while (i >= 0 && isAsciiLetter(this.text.charCodeAt(i))) i--;
    return end - (i + 1) >= 3 && end - (i + 1) <= 9 && WORDS_BEFORE_UNIT.has(this.text.slice(i + 1, end));
  }

  /** ", paragraph 2" after the last item: narrows it. */
  private parseChain(c: Citation): void {
    for (;;) {
      const save = this.pos;
      if (!this.eat(CHAIN_GAP)) break;
      const tok = this.unitWord();
      const last = c.items[c.items.length - 1];
      // "articles 49, 50, 51 or 52, paragraph 2": after a list, the next unit starts a new citation.
      const lastSteps = c.items.length === 1 && last.kind === 'path' ? last.steps : undefined;
      const lastUnit = lastSteps?.[lastSteps.length - 1].unit;
      if (!tok || !lastSteps || !lastUnit || LEVEL[tok] <= LEVEL[lastUnit]) {
        this.pos = save;
        break;
      }
      const inner = this.parseList(tok);
      if (!inner) {
        this.pos = save;
        break;
      }
      c.items.pop();
      for (const it of inner) c.items.push(prefixItem(lastSteps, it));
      c.plural = c.items.length > 1 || c.items.some((i) => i.kind === 'range');
      c.isRange = c.items.some((i) => i.kind === 'range');
      c.end = this.pos;
    }
  }

  /** " of Article 52", " of this Annex", " of the Charter of the United Nations" (repeatable). */
  private parseOf(c: Citation): void {
    for (;;) {
      const save = this.pos;
      if (!this.eat(OF)) return;
      // "paragraph 5 of that Declaration", "Chapter II of the report": a provision of
      // something that is not an instrument we can name; not a reference we can resolve.
      if (this.eat(FOREIGN)) {
        c.foreign = true;
        return;
      }
      if (this.eat(THAT)) {
        const tok = this.unitWord();
        if (tok) {
          c.scope = { kind: 'that', unit: tok };
          c.end = this.pos;
          return;
        }
        this.pos = save;
        return;
      }
      const deictic = this.eat(THIS_OR_PRESENT);
      if (deictic) {
        const tok = this.unitWord();
        if (tok) {
          c.scope = { kind: 'deictic', unit: tok };
          c.end = this.pos;
          return;
        }
        const word = this.eat(SELF_WORD);
        if (word) {
          c.scope = { kind: 'self' };
          c.end = this.pos;
          return;
        }
        this.pos = save;
        return;
      }
      // Another unit: "paragraph 3 of Article 52", "article 4 of Annex III", "of the Annex to …".
      const beforeThe = this.pos;
      if (this.eat(THE_BEFORE_ANNEX) && !/^Annex[ \t]+to[ \t]/.test(this.text.slice(this.pos, this.pos + 12))) this.pos = beforeThe;
      const tok = this.unitWord();
      if (tok) {
        const afterUnit = this.pos;
        if (tok === 'annex' && this.eat(TO)) {
          // "paragraph 7 of the Annex to the Vienna Convention on the Law of Treaties"
          const inst = this.instrumentName();
          if (inst) {
            c.outer = [{ unit: 'annex', num: '' }, ...c.outer];
            c.scope = inst;
            c.end = this.pos;
            return;
          }
          this.pos = afterUnit;
        }
        const outerItems = this.parseList(tok);
        if (outerItems && outerItems.length === 1 && outerItems[0].kind === 'path') {
          const outerSteps = outerItems[0].steps;
          c.outer = [...outerSteps, ...c.outer];
          c.end = this.pos;
          // (A chain after the outer steps, "of Article 5, paragraph 2", would need an item to
          // narrow: parseChain of no items read nothing, and is no longer called.)
          continue;
        }
        this.pos = save;
        return;
      }
      const inst = this.instrumentName();
      if (inst) {
        c.scope = inst;
        c.end = this.pos;
        return;
      }
      this.pos = save;
      return;
    }
  }

  /** "the Charter of the United Nations", "the UN Charter", "the Statute of the International Court of Justice". */
  private instrumentName(): Scope | undefined {
    const start = this.pos;
    this.eat(THE);
    const nameStart = this.pos;
    const rest = this.text.slice(nameStart, nameStart + 200);
    const restLower = rest.toLowerCase();
    for (let i = 0; i < this.namesLower.length; i++) {
      const n = this.namesLower[i];
      if (restLower.startsWith(n) && !/[\w]/.test(rest.charAt(n.length))) {
        this.pos = nameStart + n.length;
        return { kind: 'instrument', name: this.instruments.names[i], span: { start: nameStart, end: this.pos } };
      }
    }
    // A capitalised title with an instrument noun: "the Geneva Convention for the …".
    const words = /(?:U\.N\.|[A-Z][\w'’-]*)|[a-z]+|[ \t]+/gy;
    words.lastIndex = nameStart;
    let end = nameStart;
    let any = false;
    for (let m = words.exec(this.text); m; m = words.exec(this.text)) {
      const w = m[0];
      if (/^[ \t]+$/.test(w)) continue;
      if (/^[A-Z]/.test(w)) {
        end = m.index + w.length;
        any = true;
      } else if (!TITLE_GLUE.has(w)) break;
    }
    if (!any) {
      this.pos = start;
      return undefined;
    }
    let name = this.text.slice(nameStart, end);
    const generic = /^(Convention|Treaty|Charter|Statute|Protocol|Covenant|Agreement)\s+(?:and|or)\b/.exec(name);
    if (generic) {
      name = generic[1];
      end = nameStart + name.length;
    }
    if (!INSTRUMENT_NOUN.test(name)) {
      this.pos = start;
      return undefined;
    }
    this.pos = end;
    return { kind: 'instrument', name, span: { start: nameStart, end } };
  }

  /** Where the last unit word read by `unitWord` starts, and whether it is plural. */
  private wordStart = 0;
  private wordPlural = false;

  /** The unit word at the position, if any: its unit (no object or string per word). */
  private unitWord(): Unit | undefined {
    const m = UNIT_WORD;
    m.lastIndex = this.pos;
    if (!m.test(this.text)) return undefined;
    const unit = unitOf(this.text, this.pos);
    if (!unit) return undefined;
    this.wordStart = this.pos;
    this.pos = m.lastIndex;
    // Of the words UNIT_WORD reads, the plural ones end in "s" ("Articles", "Annexes");
    // "Arts." and "paras." are read as singular, as they always were.
    const last = this.text.charCodeAt(this.pos - 1);
    this.wordPlural = last === 115 || last === 83;
    return unit;
  }

  private peekNumber(unit: Unit): boolean {
    const save = this.pos;
    const ok = this.eat(SPACES) && this.number(unit) !== undefined;
    this.pos = save;
    return ok;
  }

  /** "3, 5 and 7", "3 to 7", "3 to 7 inclusive", "17 (paragraph 2)", "4(1)(a)", "2 c)". */
  private parseList(unit: Unit): Item[] | undefined {
    if (!this.eat(BEFORE_NUMBER)) return undefined;
    const first = this.numberWithSubs(unit);
    if (!first) return undefined;
    // Read into a reused array, then copied at its exact length (one item, most often): a
    // new array grown by push kept room for 16 more, per citation.
    const items = this.scratchItems;
    let n = 0;
    items[n++] = { kind: 'path', steps: first };
    for (;;) {
      const save = this.pos;
      if (!this.eat(LIST_SEPARATOR)) break;
      const isRange = this.rangeSeparator(save, this.pos);
      // "Article 4 and Article 5": a new unit word starts a new citation.
      const next = this.numberWithSubs(unit);
      if (!next) {
        this.pos = save;
        break;
      }
      const prev = items[n - 1]!;
      // "Articles 3 to 5 to 7": a range has two ends; the third number is not read.
      if (isRange && prev.kind !== 'path') {
        this.pos = save;
        break;
      }
      if (isRange) {
        const from = prev.kind === 'path' ? prev.steps : [];
        items[n - 1] = { kind: 'range', from, to: next };
        this.eat(INCLUSIVE);
      } else {
        items[n++] = { kind: 'path', steps: next };
      }
    }
    const out = items.slice(0, n) as Item[];
    // Hold no item past its citation.
    for (let i = 0; i < n; i++) items[i] = undefined;
    return out;
  }

  private readonly scratchItems: Array<Item | undefined> = [];

  /** A number and any bracketed sub-references after it, as steps. */
  private numberWithSubs(unit: Unit): Step[] | undefined {
    const num = this.number(unit);
    if (num === undefined) return undefined;
    const numSpan = this.lastNumberSpan;
    // A lettered "paragraph (a)" (Rome Statute style) is a point.
    const effective: Unit = unit === 'paragraph' && allCodesIn(num, 97, 122) ? 'point' : unit;
    const steps: Step[] = [{ unit: effective, num, span: numSpan }];
    let level: Unit = effective;
    for (;;) {
      const save = this.pos;
      // "(paragraph 2)" inside a list: "Articles 2, 17 (paragraph 2), 20"
      const para = PARA_IN_BRACKETS;
      para.lastIndex = this.pos;
      const pm = para.exec(this.text);
      if (pm && LEVEL[level] < LEVEL.paragraph) {
        const at = pm.index + pm[0].lastIndexOf(pm[2]);
        steps.push({ unit: 'paragraph', num: pm[2], span: { start: at, end: at + pm[2].length } });
        this.pos = para.lastIndex;
        level = 'paragraph';
        continue;
      }
      const sub = SUB_REFERENCE;
      sub.lastIndex = this.pos;
      const sm = sub.exec(this.text);
      if (!sm) break;
      const token = sm[1] ?? sm[2];
      // "(1)" after an article is its paragraph; anything else is a point.
      const digits = allCodesIn(token, 48, 57);
      const subUnit: Unit = digits && LEVEL[level] < LEVEL.paragraph ? 'paragraph' : 'point';
      if (subUnit === 'paragraph' && level !== 'article') break;
      // Years and similar "(2001)" are not sub-references.
      if (digits && token.length >= 3) break;
      const at = sm.index + sm[0].indexOf(token, sm[0].indexOf('(') + 1 || 1);
      steps.push({ unit: subUnit, num: token, span: { start: at, end: at + token.length } });
      level = subUnit;
      this.pos = sub.lastIndex;
      if (this.pos === save) break;
    }
    return steps;
  }

  private number(unit: Unit): string | undefined {
    const re = NUMBER[unit];
    const from = this.pos;
    re.lastIndex = from;
    // `test` and the match's own characters: no match array per number (30,000 in 5 MB).
    if (!re.test(this.text)) return undefined;
    const to = re.lastIndex;
    this.pos = to;
    // Every pattern's number is its whole match, except a point's: "(a)", "a)", "«а»".
    let at = from;
    let end = to;
    if (unit === 'point') {
      const open = this.text.charCodeAt(from);
      if (open === 40 || open === 0xab) at++;
      end--;
    }
    const raw = this.text.slice(at, end);
    this.lastNumberSpan = { start: at, end };
    if (raw === 'l') return '1';
    return raw.indexOf(' ') < 0 && raw.indexOf('\t') < 0 ? raw : raw.replace(/[ \t]+/g, ' ');
  }

  /** A separator ("to", "-", "–", without a comma) that makes the two numbers a range. */
  private rangeSeparator(from: number, to: number): boolean {
    let range = false;
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 44) return false;
      if (c === 45 || c === 0x2013 || (c === 116 && this.text.charCodeAt(i + 1) === 111 && i + 1 < to)) range = true;
    }
    return range;
  }

  /** Moves past a match of the sticky `re` at the position; `test` builds no match array. */
  private eat(re: RegExp): boolean {
    re.lastIndex = this.pos;
    if (!re.test(this.text)) return false;
    this.pos = re.lastIndex;
    return true;
  }



}

/** Shared by every citation without items or outer steps; nothing adds to them (each is replaced). */
const NO_ITEMS: Item[] = Object.freeze([]) as unknown as Item[];
const NO_STEPS: Step[] = Object.freeze([]) as unknown as Step[];

function prefixItem(prefix: Step[], item: Item): Item {
  if (item.kind === 'path') return { kind: 'path', steps: [...prefix, ...item.steps] };
  if (item.kind === 'range') return { kind: 'range', from: [...prefix, ...item.from], to: [...prefix, ...item.to] };
  return item;
}

/** Whether `s` is one or more characters, each with a code from `lo` to `hi` (`/^[a-z]+$/` by code). */
function allCodesIn(s: string, lo: number, hi: number): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < lo || c > hi) return false;
  }
  return true;
}

/**
 * Whether text[from, to) is `/^[ \t]*(?:,[ \t]*)?(?:and|or)[ \t]+$/` ("Article 3 and article 5"),
 * read in place: the gap between every two citations was cut out as a string to be tested.
 */
export function joinsWithAndOr(text: string, from: number, to: number): boolean {
  let i = from;
  const blank = (k: number) => k < to && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9);
  while (blank(i)) i++;
  if (i < to && text.charCodeAt(i) === 44) {
    i++;
    while (blank(i)) i++;
  }
  if (to - i >= 3 && text.startsWith('and', i)) i += 3;
  else if (to - i >= 2 && text.startsWith('or', i)) i += 2;
  else return false;
  if (!blank(i)) return false;
  while (blank(i)) i++;
  return i === to;
}
