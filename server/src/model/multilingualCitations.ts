// The reference grammar for languages other than English, driven by a language pack
// (languages/*.ts): one scanner, many tables. It produces the same `Citation` objects as
// the English scanner (citations.ts) — steps, lists, ranges, outer steps, scopes, deixis,
// ordinals — so references.ts resolves them unchanged.
//
// What a pack can express: unit words before the number ("статья 5", "l'article 5") or
// affixes around it (제5조, 第五条); inner-first genitive chains ("пункт 2 статьи 5",
// "le paragraphe 2 de l'article 5") and outer-first chains ("제4조 제1항", "artikel 48, lid 7");
// deictic words before or after the unit ("le présent article", "l'article précédent",
// 本条, 상기 전항); the document itself as a scope ("настоящего Договора", 이 협약); and an
// instrument's name after the citation ("ст. 51 Устава ООН") or before it (국제연합헌장 제33조).
import { LEVEL, type Citation, type Deixis, type Item, type Scope, type Step, type Unit } from './citations';
import type { Provision, TreatyDocument } from './types';
import { packFor } from './languages';
import type { UnitWord } from './languages/types';
import { asciiDigits, chineseToInt } from './languages/numerals';
import {
  AFFIX_DIGITS,
  CAPITAL_LETTER,
  CHINESE_NUMBER,
  CHINESE_ONLY,
  FORM_DEICTIC,
  FORM_FIXED,
  FORM_NUMBERED,
  ROMAN_NUMBER,
  compileNames,
  compilePack,
  type AffixRule,
  type CompiledPack,
  type NamePattern,
  type WordRule,
} from './languages/compile';

interface Span {
  start: number;
  end: number;
}

interface NumberRead {
  num: string;
  span: Span;
  /** The unit the number makes it: a paragraph word with a letter is a point. */
  unit: Unit;
}

export class MultilingualScanner {
  private pos = 0;
  /** Steps written with a word that reads as another unit inside an article ("часть 1 статьи 3"). */
  private readonly insideArticle = new Map<Step, Unit>();

  constructor(
    private readonly text: string,
    private readonly c: CompiledPack,
    private readonly names: NamePattern[],
  ) {}

  /** Every citation in the text, in order, not overlapping. */
  scan(skip: (offset: number) => boolean): Citation[] {
    const starts = new Map<number, number>();
    for (const { re, form, digitsBefore } of this.c.triggers) {
      re.lastIndex = 0;
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
        if (m[0].length === 0) re.lastIndex++;
        const at = digitsBefore ? this.digitsBefore(m.index) : m.index;
        if (at >= 0) starts.set(at, (starts.get(at) ?? 0) | form);
      }
    }
    const out: Citation[] = [];
    let minStart = 0;
    for (const at of [...starts.keys()].sort((a, b) => a - b)) {
      if (at < minStart || skip(at)) continue;
      const cit = this.parseAt(at, minStart, starts.get(at)!);
      if (!cit) continue;
      const prev = out[out.length - 1];
      if (prev && this.isListGap(prev.end, cit.start)) cit.continues = true;
      out.push(cit);
      minStart = cit.end;
    }
    return out;
  }

  /** Where the number written just before `at` starts ("65조", "3 항"), or -1. */
  private digitsBefore(at: number): number {
    let j = at;
    while (j > 0 && (this.text.charCodeAt(j - 1) === 32 || this.text.charCodeAt(j - 1) === 9)) j--;
    let k = j;
    while (k > 0 && k > j - 4 && isDigit(this.text.charCodeAt(k - 1))) k--;
    return k < j && !isDigit(this.text.charCodeAt(k - 1)) ? k : -1;
  }

  private isListGap(from: number, to: number): boolean {
    if (to - from > 12) return false;
    this.pos = from;
    return this.eat(this.c.listSep) !== undefined && this.pos === to;
  }

  private parseAt(at: number, minStart: number, forms: number): Citation | undefined {
    const c = this.parseForm(at, minStart, forms);
    if (!c) return undefined;
    if (this.c.notFollowedBy) {
      this.c.notFollowedBy.lastIndex = c.end;
      if (this.c.notFollowedBy.test(this.text)) return undefined;
    }
    return c;
  }

  private parseForm(at: number, minStart: number, forms: number): Citation | undefined {
    const fixed = forms & FORM_FIXED ? this.fixedAt(at) : undefined;
    if (fixed) return fixed;
    const deictic = forms & FORM_DEICTIC ? this.affixDeixisAt(at, minStart) : undefined;
    if (deictic) return deictic;
    if (!(forms & FORM_NUMBERED)) return undefined;

    this.pos = at;
    const word = this.wordAt();
    const affix = word ? undefined : this.affixAt();
    if (!word && !affix) return undefined;
    const unit = word ? word.rule.entry.unit : affix!.unit;
    if (word?.rule.entry.chainOnly) return undefined;
    const c: Citation = { start: at, end: at, items: [], outer: [], plural: false, isRange: false };

    if (word && !this.peekNumber(unit)) return this.unnumbered(c, word.rule, word.plural, minStart);

    const items = word ? this.parseWordList(unit, word.rule.entry) : this.parseAffixList(affix!);
    if (!items) return undefined;
    c.items = items;
    c.end = this.pos;
    this.setShape(c);
    this.parseChain(c);
    this.parseOf(c);
    if (this.c.directionAfter && this.eat(this.c.directionAfter) !== undefined) c.end = this.pos;
    // "4조" without 제 counts only after an instrument ("조약 4조"): alone it is an amount.
    if (!this.lookBack(c, minStart) && affix?.prefixMissing && affix.rule.entry.prefixOptional === 'afterScope') return undefined;
    return c;
  }

  // --- forms without a number ------------------------------------------------------------

  private fixedAt(at: number): Citation | undefined {
    for (const { re, form } of this.c.fixed) {
      re.lastIndex = at;
      const m = re.exec(this.text);
      if (!m) continue;
      const c: Citation = { start: at, end: re.lastIndex, items: [], outer: [], plural: !!form.plural, isRange: false };
      if (form.deixis) c.deixis = { kind: form.deixis, unit: form.unit, plural: !!form.plural };
      else c.items = [{ kind: 'path', steps: (form.path ?? []).map((s) => ({ ...s })) }];
      return c;
    }
    return undefined;
  }

  /** "本条", "이 조", "前款", "상기 전항"; "本条第二款" is paragraph 2 of this article. */
  private affixDeixisAt(at: number, minStart: number): Citation | undefined {
    for (const { re, kind, unit } of this.c.affixDeixis) {
      re.lastIndex = at;
      if (!re.exec(this.text)) continue;
      this.pos = re.lastIndex;
      const c: Citation = { start: at, end: this.pos, items: [], outer: [], plural: false, isRange: false };
      if (kind === 'this') {
        const save = this.pos;
        this.eat(this.c.chainSep);
        const inner = this.affixAt();
        if (inner && LEVEL[inner.unit] > LEVEL[unit]) {
          const items = this.parseAffixList(inner);
          if (items) {
            c.items = items;
            c.scope = { kind: 'deictic', unit };
            c.end = this.pos;
            this.setShape(c);
            this.parseChain(c);
          }
        }
        if (!c.items.length) this.pos = save;
      }
      if (!c.items.length) c.deixis = { kind, unit, plural: false };
      const dir = this.backMatch(this.c.directionBack, c.start, minStart);
      if (dir) c.start -= dir[0].length;
      return c;
    }
    return undefined;
  }

  /** A unit word with no number: deictic ("le présent article", "l'article précédent") or ordinal. */
  private unnumbered(c: Citation, rule: WordRule, plural: boolean, minStart: number): Citation | undefined {
    const unit = rule.entry.unit;
    for (const { re, kind } of this.c.deixisAfter) {
      re.lastIndex = this.pos;
      if (!re.exec(this.text)) continue;
      c.end = re.lastIndex;
      c.deixis = { kind, unit, plural };
      const det = this.backMatch(this.c.determinerBack, c.start, minStart);
      if (det) c.start -= det[0].length;
      return c;
    }
    const d = this.backMatch(this.c.deixisBack, c.start, minStart);
    if (d?.groups) {
      const kind = (['this', 'preceding', 'following', 'that'] as Deixis[]).find((k) => d.groups![k] !== undefined);
      if (kind) {
        c.start -= d[0].length;
        c.end = this.pos;
        c.deixis = { kind, unit, plural };
        return c;
      }
    }
    const o = this.backMatch(this.c.ordinalBack, c.start, minStart);
    const ordinal = o?.groups?.ord ? this.c.ordinals.get(o.groups.ord.toLowerCase()) : undefined;
    if (o && ordinal) {
      // "le deuxième alinéa de l'article 51", "het eerste lid"
      c.start -= o[0].length;
      c.end = this.pos;
      c.items = [{ kind: 'ordinal', unit, ordinal }];
      this.parseOf(c);
      return c;
    }
    return undefined;
  }

  // --- units and numbers -----------------------------------------------------------------

  private wordAt(): { rule: WordRule; plural: boolean } | undefined {
    for (const rule of this.c.words) {
      rule.re.lastIndex = this.pos;
      const m = rule.re.exec(this.text);
      if (!m) continue;
      this.pos = rule.re.lastIndex;
      return { rule, plural: !!rule.plural?.test(m[0]) };
    }
    return undefined;
  }

  /** 제65조, 第五十二條, 3항, with an article suffix (제15조의2) and bracketed points (1항(e)). */
  private affixAt(only?: Unit): { unit: Unit; steps: Step[]; prefixMissing: boolean; rule: AffixRule } | undefined {
    const start = this.pos;
    for (const rule of this.c.affixes) {
      if (only && rule.entry.unit !== only) continue;
      this.pos = start;
      const hasPrefix = this.eat(rule.prefix) !== undefined;
      if (!hasPrefix && !rule.entry.prefixOptional) continue;
      const n = this.affixNumber(rule.entry.unit);
      if (!n || this.eat(rule.suffix) === undefined) continue;
      let num = n.num;
      if (rule.entry.unit === 'article' && this.c.articleSuffix) {
        this.c.articleSuffix.lastIndex = this.pos;
        const sub = this.c.articleSuffix.exec(this.text);
        if (sub && sub[1]) {
          num = `${num}-${this.cleanNumber(sub[1])}`;
          this.pos = this.c.articleSuffix.lastIndex;
        }
      }
      const steps: Step[] = [{ unit: n.unit, num, span: n.span }];
      this.subs(steps);
      return { unit: rule.entry.unit, steps, prefixMissing: !hasPrefix, rule };
    }
    this.pos = start;
    return undefined;
  }

  private peekNumber(unit: Unit): boolean {
    const save = this.pos;
    const ok = this.listStart() && this.number(unit) !== undefined;
    this.pos = save;
    return ok;
  }

  /** Between a unit word and its number: a space, or nothing before a digit, bracket or quote. */
  private listStart(): boolean {
    if (this.eat(this.c.space) !== undefined) {
      if (this.c.rangeOpen) {
        const save = this.pos;
        // "статьи с 3 по 7", "المواد من 3 إلى 7": keep the opening word only before a number.
        if (this.eat(this.c.rangeOpen) !== undefined && !/^[\p{Nd}IVXLC]/u.test(this.text.charAt(this.pos))) this.pos = save;
      }
      return true;
    }
    return /^[\p{Nd}(«"“]/u.test(this.text.charAt(this.pos)) || !!this.c.pack.unspaced;
  }

  private cleanNumber(raw: string): string {
    if (this.c.pack.numbers.chinese && CHINESE_ONLY.test(raw)) {
      const n = chineseToInt(raw);
      if (n !== undefined) return String(n);
    }
    return asciiDigits(raw);
  }

  /**
   * A number after a unit word: digits in any script, number words, Chinese numerals, roman
   * numerals and capital letters where the unit takes them, point letters. It must end at a
   * word boundary ("article 5." but not "article 5.1" or "article 5x").
   */
  private number(unit: Unit): NumberRead | undefined {
    const at = this.pos;
    if (unit === 'point') return this.pointNumber(at);
    for (const [re, n] of this.c.numberWords) {
      re.lastIndex = at;
      if (re.test(this.text)) {
        this.pos = re.lastIndex;
        return { num: String(n), span: { start: at, end: re.lastIndex }, unit };
      }
    }
    const digits = this.take(unit === 'article' ? this.c.articleDigits : this.c.digits, unit);
    if (digits) return digits;
    if (this.c.pack.numbers.chinese) {
      const zh = this.take(CHINESE_NUMBER, unit);
      if (zh) return zh;
    }
    if (unit === 'article' || unit === 'chapter' || unit === 'part' || unit === 'title' || unit === 'annex' || unit === 'resolution') {
      const roman = this.take(ROMAN_NUMBER, unit);
      if (roman) return roman;
    }
    if (unit === 'section' || unit === 'subsection' || unit === 'annex') {
      const letter = this.take(CAPITAL_LETTER, unit);
      if (letter) return letter;
    }
    // "alinéa a)", "apartado b)": a lettered paragraph is a point.
    if (unit === 'paragraph') return this.pointNumber(at);
    return undefined;
  }

  /** The number inside an affix (제65조, 第五十一条): digits or Chinese numerals, whatever the unit. */
  private affixNumber(unit: Unit): NumberRead | undefined {
    return this.take(AFFIX_DIGITS, unit) ?? (this.c.pack.numbers.chinese ? this.take(CHINESE_NUMBER, unit) : undefined);
  }

  /** Group 1 of a sticky pattern at the current position (or the whole match), normalised. */
  private take(re: RegExp, unit: Unit): NumberRead | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    const raw = m[1] ?? m[0];
    const off = m.index + m[0].indexOf(raw);
    this.pos = re.lastIndex;
    return { num: this.cleanNumber(raw).replace(/[ \t]+/g, ' '), span: { start: off, end: off + raw.length }, unit };
  }

  private pointNumber(at: number): NumberRead | undefined {
    const re = this.c.pointForms;
    re.lastIndex = at;
    const m = re.exec(this.text);
    if (!m || !m.groups) return undefined;
    const raw = m.groups.p ?? m.groups.r ?? m.groups.q ?? m.groups.b;
    if (!raw || /^\d{3,}$/.test(raw)) return undefined;
    const off = m.index + m[0].indexOf(raw);
    this.pos = re.lastIndex;
    return { num: raw, span: { start: off, end: off + raw.length }, unit: 'point' };
  }

  /** Bracketed sub-references after a number: "(1)" after an article is its paragraph, "(e)" a point. */
  private subs(steps: Step[]): void {
    for (;;) {
      const re = this.c.subs;
      re.lastIndex = this.pos;
      const m = re.exec(this.text);
      if (!m) return;
      const token = m[1];
      if (/^\d{3,}$/.test(token)) return;
      const level = steps[steps.length - 1].unit;
      const unit: Unit = /^\d+$/.test(token) && LEVEL[level] < LEVEL.paragraph ? 'paragraph' : 'point';
      if (unit === 'paragraph' && level !== 'article') return;
      const off = m.index + m[0].indexOf(token);
      steps.push({ unit, num: token, span: { start: off, end: off + token.length } });
      this.pos = re.lastIndex;
    }
  }

  private numberWithSubs(unit: Unit, rule?: UnitWord): Step[] | undefined {
    const n = this.number(unit);
    if (!n) return undefined;
    const step: Step = { unit: n.unit, num: n.num, span: n.span };
    if (rule?.insideArticle) this.insideArticle.set(step, rule.insideArticle);
    const steps = [step];
    this.subs(steps);
    return steps;
  }

  // --- lists, ranges, chains ---------------------------------------------------------------

  /** "3, 5 et 7", "3 à 7", "с 3 по 7", "326 tot en met 334" after a unit word. */
  private parseWordList(unit: Unit, rule: UnitWord): Item[] | undefined {
    if (!this.listStart()) return undefined;
    const first = this.numberWithSubs(unit, rule);
    if (!first) return undefined;
    return this.continueList([{ kind: 'path', steps: first }], () => this.numberWithSubs(unit, rule));
  }

  /** "제49조, 제50조, 제51조 또는 제52조", "第三十三條至第三十七條", "1항 및 2항". */
  private parseAffixList(first: { unit: Unit; steps: Step[] }): Item[] | undefined {
    return this.continueList([{ kind: 'path', steps: first.steps }], () => this.affixAt(first.unit)?.steps);
  }

  private continueList(items: Item[], next: () => Step[] | undefined): Item[] {
    for (;;) {
      const save = this.pos;
      let isRange = false;
      if (this.eat(this.c.rangeSep) !== undefined) isRange = true;
      else if (this.eat(this.c.listSep) === undefined) break;
      const steps = next();
      if (!steps) {
        this.pos = save;
        break;
      }
      if (isRange) {
        const prev = items.pop()!;
        items.push({ kind: 'range', from: prev.kind === 'path' ? prev.steps : prev.kind === 'range' ? prev.to : [], to: steps });
        if (this.c.rangeClose) this.eat(this.c.rangeClose);
      } else {
        items.push({ kind: 'path', steps });
      }
    }
    return items;
  }

  /** A unit at the current position, word or affix, with the items it numbers. */
  private unitItems(): { unit: Unit; items: Item[] } | undefined {
    const save = this.pos;
    const word = this.wordAt();
    if (word) {
      const items = this.parseWordList(word.rule.entry.unit, word.rule.entry);
      // The unit as read: "alinéa b)" is a point though "alinéa" is a paragraph word.
      if (items) return { unit: firstUnit(items) ?? word.rule.entry.unit, items };
      this.pos = save;
      return undefined;
    }
    const affix = this.affixAt();
    if (affix) {
      const items = this.parseAffixList(affix);
      if (items) return { unit: affix.unit, items };
    }
    this.pos = save;
    return undefined;
  }

  /** Outer-first chains: "제4조 제1항", "第五十二條第三項", "artikel 238, lid 3, onder a)", "Artikel 5 Absatz 2". */
  private parseChain(c: Citation): void {
    for (;;) {
      if (c.items.length !== 1 || c.items[0].kind !== 'path') return;
      const lastSteps = c.items[0].steps;
      const lastUnit = lastSteps[lastSteps.length - 1].unit;
      const save = this.pos;
      if (this.eat(this.c.chainSep) === undefined) return;
      // "artikel 7, tweede alinea": an ordinal of a deeper unit.
      if (this.c.ordinalAt) {
        const ord = this.eat(this.c.ordinalAt);
        const word = ord !== undefined ? this.wordAt() : undefined;
        const ordinal = ord !== undefined ? this.c.ordinals.get(ord.trim().toLowerCase()) : undefined;
        if (word && ordinal && LEVEL[word.rule.entry.unit] > LEVEL[lastUnit]) {
          c.items = [{ kind: 'ordinal', unit: word.rule.entry.unit, ordinal }];
          c.outer = [...c.outer, ...lastSteps];
          c.end = this.pos;
          return;
        }
        this.pos = save;
        this.eat(this.c.chainSep);
      }
      const next = this.unitItems();
      // 第二条第一款第三项: after a paragraph, a paragraph-word (项) is an item within it.
      if (next && next.unit === 'paragraph' && lastUnit === 'paragraph' && this.c.affixes.length) {
        for (const it of next.items) for (const s of it.kind === 'path' ? it.steps : it.kind === 'range' ? [...it.from, ...it.to] : []) if (s.unit === 'paragraph') s.unit = 'point';
        next.unit = 'point';
      }
      if (!next || LEVEL[next.unit] <= LEVEL[lastUnit]) {
        this.pos = save;
        return;
      }
      c.items = next.items.map((it) => prefixItem(lastSteps, it));
      c.end = this.pos;
      this.setShape(c);
    }
  }

  /** Inner-first genitive chains and scopes after: "de l'article 5", "статьи 5", "настоящей статьи", "de la Charte …". */
  private parseOf(c: Citation): void {
    if (!this.c.of) return;
    for (;;) {
      const save = this.pos;
      if (this.eat(this.c.of) !== undefined) {
        if (this.deicticScope(c) || this.selfScope(c)) return;
        const afterLink = this.pos;
        if (this.outerUnit(c)) continue;
        this.pos = afterLink;
        if (this.instrumentAfter(c)) return;
      }
      // "Absatz 2 dieses Artikels", "Artikel 5 dieses Vertrags": no linker before the deictic word.
      this.pos = save;
      if (this.c.pack.ofOptionalBeforeDeixis && this.eat(this.c.space) !== undefined && (this.deicticScope(c) || this.selfScope(c))) return;
      this.pos = save;
      return;
    }
  }

  private deicticScope(c: Citation): boolean {
    const save = this.pos;
    for (const { re, kind } of this.c.deixisAt) {
      this.pos = save;
      if (kind !== 'this' && kind !== 'that') continue;
      if (this.eat(re) === undefined) continue;
      const word = this.wordAt();
      if (word) {
        c.scope = kind === 'this' ? { kind: 'deictic', unit: word.rule.entry.unit } : { kind: 'that', unit: word.rule.entry.unit };
        c.end = this.pos;
        return true;
      }
    }
    this.pos = save;
    return false;
  }

  private selfScope(c: Citation): boolean {
    if (this.eat(this.c.selfAt) === undefined) return false;
    c.scope = { kind: 'self' };
    c.end = this.pos;
    return true;
  }

  /** "de l'article 5", "статьи 5", "van artikel 5": a wider unit that holds every item. */
  private outerUnit(c: Citation): boolean {
    const save = this.pos;
    const word = this.wordAt();
    if (!word || word.rule.entry.chainOnly) {
      this.pos = save;
      return false;
    }
    const unit = word.rule.entry.unit;
    const firstItem = c.items[0];
    const innerSteps = c.outer.length ? c.outer : firstItem?.kind === 'path' ? firstItem.steps : firstItem?.kind === 'range' ? firstItem.from : [];
    // "часть 1 статьи 3": inside an article, the part word is a paragraph.
    if (unit === 'article') {
      for (const it of c.items) {
        const steps = it.kind === 'path' ? [it.steps[0]] : it.kind === 'range' ? [it.from[0], it.to[0]] : [];
        for (const s of steps) {
          const alt = this.insideArticle.get(s);
          if (alt) s.unit = alt;
        }
      }
    }
    const innerUnit = innerSteps[0]?.unit ?? (firstItem?.kind === 'ordinal' ? firstItem.unit : undefined);
    const items = innerUnit && LEVEL[unit] < LEVEL[innerUnit] ? this.parseWordList(unit, word.rule.entry) : undefined;
    if (!items || items.length !== 1 || items[0].kind !== 'path') {
      this.pos = save;
      return false;
    }
    c.outer = [...items[0].steps, ...c.outer];
    c.end = this.pos;
    return true;
  }

  /** A catalogue name (in any declined form), or a capitalised title that opens with an instrument noun. */
  private instrumentAfter(c: Citation): boolean {
    const at = this.pos;
    for (const n of this.names) {
      n.after.lastIndex = at;
      if (n.after.test(this.text)) {
        this.pos = n.after.lastIndex;
        c.scope = { kind: 'instrument', name: n.name, span: { start: at, end: this.pos } };
        c.end = this.pos;
        return true;
      }
    }
    const noun = this.c.instrumentNoun;
    if (!noun) return false;
    noun.lastIndex = at;
    if (!noun.exec(this.text)) return false;
    // "de la Convention de Genève": the noun and the capitalised words after it, through glue
    // words; a bare "du Traité" is the treaty the text is about, left to resolve here.
    let end = noun.lastIndex;
    let capitalised = false;
    this.pos = end;
    for (;;) {
      const tw = this.c.titleWord;
      tw.lastIndex = this.pos;
      const m = tw.exec(this.text);
      if (!m) break;
      if (/^\p{Lu}/u.test(m[1])) {
        capitalised = true;
        end = tw.lastIndex;
      } else if (!this.c.titleGlue?.test(m[1])) break;
      this.pos = tw.lastIndex;
    }
    if (!capitalised) {
      this.pos = at;
      return false;
    }
    this.pos = end;
    c.scope = { kind: 'instrument', name: this.text.slice(at, end), span: { start: at, end } };
    c.end = end;
    return true;
  }

  /**
   * What stands before the citation: a direction word (상기 1항), the document itself
   * (이 협약 제5부, 本公约第五条) or an instrument (국제연합헌장 제33조, 《联合国宪章》第五十一条).
   * True when a scope was found there.
   */
  private lookBack(c: Citation, minStart: number): boolean {
    const dir = this.backMatch(this.c.directionBack, c.start, minStart);
    if (dir) {
      c.start -= dir[0].length;
      return false;
    }
    if (this.c.pack.instrumentPosition !== 'before' || c.scope) return false;
    const from = Math.max(minStart, c.start - 120);
    const before = this.text.slice(from, c.start);
    // Names before a citation are in scripts without case or declension (Korean, Chinese).
    const trimmed = before.trimEnd();
    for (const n of this.names) {
      if (!trimmed.endsWith(n.name)) continue;
      const start = from + trimmed.length - n.name.length;
      c.scope = { kind: 'instrument', name: n.name, span: { start, end: start + n.name.length } };
      c.start = start;
      return true;
    }
    const bracket = this.c.bracketBack?.exec(before);
    if (bracket) {
      const nameStart = from + bracket.index + 1;
      c.scope = { kind: 'instrument', name: bracket[1].trim(), span: { start: nameStart, end: nameStart + bracket[1].length } };
      c.start = from + bracket.index;
      return true;
    }
    const self = this.c.selfBack.exec(before);
    if (self) {
      c.scope = { kind: 'self' };
      c.start = from + self.index;
      return true;
    }
    return false;
  }

  private backMatch(re: RegExp | undefined, at: number, minStart: number): RegExpExecArray | null {
    if (!re) return null;
    const from = Math.max(minStart, at - 60);
    return re.exec(this.text.slice(from, at));
  }

  private setShape(c: Citation): void {
    c.plural = c.items.length > 1 || c.items.some((i) => i.kind === 'range');
    c.isRange = c.items.some((i) => i.kind === 'range');
  }

  private eat(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }
}

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);
}

function firstUnit(items: Item[]): Unit | undefined {
  const it = items[0];
  return it?.kind === 'path' ? it.steps[0].unit : it?.kind === 'range' ? it.from[0].unit : it?.unit;
}

function prefixItem(prefix: Step[], item: Item): Item {
  if (item.kind === 'path') return { kind: 'path', steps: [...prefix, ...item.steps] };
  if (item.kind === 'range') return { kind: 'range', from: [...prefix, ...item.from], to: [...prefix, ...item.to] };
  return item;
}

/** Where each structural heading's label starts: the number there is the heading, not a citation. */
function headingStarts(doc: TreatyDocument): Set<number> {
  const starts = new Set<number>();
  const visit = (p: Provision) => {
    if (p.kind !== 'document' && p.kind !== 'paragraph' && p.kind !== 'point' && p.kind !== 'recital') {
      const md = /^#{1,6}[ \t]+/.exec(doc.text.slice(p.start, p.start + 8));
      starts.add(p.start + (md ? md[0].length : 0));
    }
    p.children.forEach(visit);
  };
  visit(doc.root);
  return starts;
}

/**
 * The citations of the document's own language (none for English, whose grammar is
 * citations.ts). Headings' own numbers are skipped; the rest of a heading line is read,
 * so "제68조 (제65조 및 제67조에 규정된 …)" cites articles 65 and 67.
 */
export function languageCitations(doc: TreatyDocument, names: readonly string[]): Citation[] {
  const pack = packFor(doc.language);
  if (!pack) return [];
  const cp = compilePack(pack);
  const starts = headingStarts(doc);
  return new MultilingualScanner(doc.text, cp, compileNames(cp, names)).scan((offset) => starts.has(offset));
}

/**
 * The language's citations first; the English scanner's only where they overlap none of them.
 * Both lists come in text order without overlaps, so one walk finds the overlaps ("Article 5"
 * is French and English: comparing every pair was quadratic on a long French text).
 */
export function mergeCitations(primary: Citation[], secondary: Citation[]): Citation[] {
  const out = [...primary];
  if (!inOrder(primary) || !inOrder(secondary)) {
    for (const s of secondary) if (!primary.some((p) => p.start < s.end && s.start < p.end)) out.push(s);
    return out.sort((a, b) => a.start - b.start);
  }
  let j = 0;
  for (const s of secondary) {
    // Ends grow with starts: the first primary citation ending after s starts is the only
    // one that can overlap it.
    while (j < primary.length && primary[j].end <= s.start) j++;
    if (j < primary.length && primary[j].start < s.end && s.start < primary[j].end) continue;
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** True when the citations start in order and do not overlap (as the scanners return them). */
function inOrder(list: Citation[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].end || list[i].start < list[i - 1].start) return false;
  return true;
}

/** Every pattern the packs compile to, for the regex-safety check. */
export function languagePatterns(): RegExp[] {
  const out: RegExp[] = [];
  for (const code of ['fr', 'es', 'ru', 'zh', 'ar', 'ko', 'de', 'nl']) {
    const pack = packFor(code);
    if (!pack) continue;
    const cp = compilePack(pack);
    for (const v of Object.values(cp)) {
      if (v instanceof RegExp) out.push(v);
      else if (Array.isArray(v)) {
        for (const x of v) {
          if (x instanceof RegExp) out.push(x);
          else if (Array.isArray(x) && x[0] instanceof RegExp) out.push(x[0]);
          else if (x && typeof x === 'object') for (const y of Object.values(x)) if (y instanceof RegExp) out.push(y);
        }
      }
    }
  }
  return out;
}

export type { Scope };
