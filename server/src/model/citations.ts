// The reference grammar: finds citations in text and parses each into paths of
// (unit, number) steps, with lists, ranges, chains ("Article 35, paragraph 2"),
// inverted scopes ("paragraph 3 of Article 52"), deictic forms ("this Article",
// "the preceding paragraph") and instrument scopes ("of the Charter of the United Nations").
// It knows nothing of the document's structure: resolution is done in `references.ts`.

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

const UNIT_WORDS: Array<[RegExp, Unit]> = [
  [/^(?:sub-?paragraphs?|subparas?\.?)$/i, 'point'],
  [/^(?:sub-?sections?)$/i, 'subsection'],
  [/^(?:articles?|arts?\.?)$/i, 'article'],
  [/^(?:paragraphs?|paras?\.?)$/i, 'paragraph'],
  [/^(?:points?)$/i, 'point'],
  [/^(?:chapters?)$/i, 'chapter'],
  [/^(?:parts?)$/i, 'part'],
  [/^(?:sections?)$/i, 'section'],
  [/^(?:annex(?:es)?)$/i, 'annex'],
  [/^(?:resolutions?)$/i, 'resolution'],
];

// Unit words anywhere in text: the trigger for a parse attempt.
const TRIGGER =
  /\b(?:[Ss]ub-?paragraphs?|[Ss]ub-?sections?|[Aa]rticles?|ARTICLES?|[Aa]rts?\.|[Pp]aragraphs?|[Pp]aras?\.|[Pp]oints?|[Cc]hapters?|CHAPTERS?|[Pp]arts?|PARTS?|[Ss]ections?|SECTIONS?|[Aa]nnex(?:es)?|ANNEX(?:ES)?|[Rr]esolutions?)(?![A-Za-z_-])/g;

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

export interface InstrumentNames {
  /** Catalogue names (titles and aliases), longest first. */
  names: string[];
}

export class CitationScanner {
  private readonly text: string;
  private pos = 0;
  private readonly namesLower: string[];
  /** Where the last number read by `number()` stands. */
  private lastNumberSpan: { start: number; end: number } | undefined;

  constructor(text: string, private readonly instruments: InstrumentNames) {
    this.text = text;
    this.namesLower = instruments.names.map((n) => n.toLowerCase());
  }

  /** Every citation in the text, in order, not overlapping. */
  scan(skip: (offset: number) => boolean): Citation[] {
    const out: Citation[] = [];
    TRIGGER.lastIndex = 0;
    let minStart = 0;
    for (let m = TRIGGER.exec(this.text); m; m = TRIGGER.exec(this.text)) {
      if (m.index < minStart) continue;
      if (skip(m.index)) continue;
      const c = this.parseAt(m.index);
      if (c) {
        const prev = out[out.length - 1];
        if (prev && /^[ \t]*(?:,[ \t]*)?(?:and|or)[ \t]+$/.test(this.text.slice(prev.end, c.start))) c.continues = true;
        out.push(c);
        minStart = c.end;
        TRIGGER.lastIndex = c.end;
      }
    }
    return out;
  }

  private parseAt(at: number): Citation | undefined {
    const before = this.text.slice(Math.max(0, at - 40), at);
    const pre = BEFORE_UNIT.exec(before);
    this.pos = at;
    const unitTok = this.unitWord();
    if (!unitTok) return undefined;
    const { unit, plural } = unitTok;

    if (pre) {
      const start = at - pre[1].length;
      const modifier = pre[2]?.toLowerCase();
      const det = pre[1].trim().split(/\s+/)[0].toLowerCase();
      const ordinal = modifier ? ORDINAL_WORDS.indexOf(modifier) + 1 : 0;
      if (ordinal > 0) {
        // "the second paragraph of Article 51", "first paragraph of this Article"
        const c: Citation = { start, end: this.pos, items: [{ kind: 'ordinal', unit, ordinal }], outer: [], plural: false, isRange: false };
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
        if (kind && unit === 'point' && !/sub/i.test(unitTok.word)) return undefined;
        if (kind) return { start, end: this.pos, items: [], outer: [], deixis: { kind, unit, plural }, plural, isRange: false };
        // "the Annex to the Convention": not deictic; parse it as it stands.
      }
    }

    const c: Citation = { start: at, end: at, items: [], outer: [], plural: false, isRange: false };
    if (unit === 'annex' && this.eat(/[ \t]+to[ \t]+(?:the|this)[ \t]+(?:present[ \t]+)?(?:Convention|Treaty|Charter|Agreement|Protocol)\b/y)) {
      // "the Annex to the Convention": the document's one unnumbered annex.
      c.items.push({ kind: 'path', steps: [{ unit: 'annex', num: '' }] });
      c.end = this.pos;
      return c;
    }
    if (!this.parseList(unit, c.items)) return undefined;
    c.end = this.pos;
    c.plural = c.items.length > 1 || c.items.some((i) => i.kind === 'range');
    c.isRange = c.items.some((i) => i.kind === 'range');
    // Chain: "Article 35, paragraph 2", "Annex III, article 4, paragraph 4", "Part XI, section 5".
    this.parseChain(c);
    this.parseOf(c);
    // "paragraph 1 (b) above": the direction word is part of the citation as read.
    if (this.eat(/[ \t]+(?:above|below)\b/y)) c.end = this.pos;
    return c;
  }

  /** ", paragraph 2" after the last item: narrows it. */
  private parseChain(c: Citation): void {
    for (;;) {
      const save = this.pos;
      if (!this.eat(/,?[ \t]+/y)) break;
      const tok = this.unitWord();
      const last = c.items[c.items.length - 1];
      // "articles 49, 50, 51 or 52, paragraph 2": after a list, the next unit starts a new citation.
      const lastSteps = c.items.length === 1 && last.kind === 'path' ? last.steps : undefined;
      const lastUnit = lastSteps?.[lastSteps.length - 1].unit;
      if (!tok || !lastSteps || !lastUnit || LEVEL[tok.unit] <= LEVEL[lastUnit]) {
        this.pos = save;
        break;
      }
      const inner: Item[] = [];
      if (!this.parseList(tok.unit, inner)) {
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
      if (!this.eat(/,?[ \t\r\n]+of[ \t\r\n]+/iy)) return;
      // "paragraph 5 of that Declaration", "Chapter II of the report": a provision of
      // something that is not an instrument we can name; not a reference we can resolve.
      if (this.eat(/(?:that|the said|such|its|their|the)[ \t]+(?:report|resolution|decision|declaration|agreement|instrument|document|Declaration|Agreement|Final Act)\b/y)) {
        c.foreign = true;
        return;
      }
      if (this.eat(/that[ \t]+/y)) {
        const tok = this.unitWord();
        if (tok) {
          c.scope = { kind: 'that', unit: tok.unit };
          c.end = this.pos;
          return;
        }
        this.pos = save;
        return;
      }
      const deictic = this.eat(/(?:this|the present)[ \t]+/iy);
      if (deictic) {
        const tok = this.unitWord();
        if (tok) {
          c.scope = { kind: 'deictic', unit: tok.unit };
          c.end = this.pos;
          return;
        }
        const word = this.eat(/(?:Convention|Treaty|Charter|Statute|Protocol|Agreement|Covenant|Constitution|Pact|Accord|instrument)\b/iy);
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
      if (this.eat(/the[ \t]+(?=Annex\b)/y) !== undefined && !/^Annex[ \t]+to[ \t]/.test(this.text.slice(this.pos, this.pos + 12))) this.pos = beforeThe;
      const tok = this.unitWord();
      if (tok) {
        const outerItems: Item[] = [];
        const afterUnit = this.pos;
        if (tok.unit === 'annex' && this.eat(/[ \t]+to[ \t]+/y)) {
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
        if (this.parseList(tok.unit, outerItems) && outerItems.length === 1 && outerItems[0].kind === 'path') {
          const outerSteps = outerItems[0].steps;
          c.outer = [...outerSteps, ...c.outer];
          c.end = this.pos;
          this.parseChain({ ...c, items: [] });
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
    this.eat(/the[ \t]+/iy);
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

  private unitWord(): { unit: Unit; plural: boolean; word: string } | undefined {
    const m = /(?:[Ss]ub-?paragraphs?|[Ss]ub-?sections?|[Aa]rticles?|ARTICLES?|[Aa]rts?\.|[Pp]aragraphs?|[Pp]aras?\.|[Pp]oints?|[Cc]hapters?|CHAPTERS?|[Pp]arts?|PARTS?|[Ss]ections?|SECTIONS?|[Aa]nnex(?:es)?|ANNEX(?:ES)?|[Rr]esolutions?)(?![A-Za-z_-])/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r) return undefined;
    const word = r[0];
    const unit = UNIT_WORDS.find(([re]) => re.test(word))?.[1];
    if (!unit) return undefined;
    this.pos = m.lastIndex;
    const pluralWord = /(?:s|es|Arts\.)$/i.test(word) && !/^(?:para|arts?)\.?$/i.test(word) ? /s\.?$/i.test(word) : false;
    return { unit, plural: pluralWord, word };
  }

  private peekNumber(unit: Unit): boolean {
    const save = this.pos;
    const ok = this.eat(/[ \t]+/y) !== undefined && this.number(unit) !== undefined;
    this.pos = save;
    return ok;
  }

  /** "3, 5 and 7", "3 to 7", "3 to 7 inclusive", "17 (paragraph 2)", "4(1)(a)", "2 c)". */
  private parseList(unit: Unit, items: Item[]): boolean {
    if (this.eat(/[ \t]+|(?=\()|(?=\d)/y) === undefined) return false;
    const first = this.numberWithSubs(unit);
    if (!first) return false;
    items.push({ kind: 'path', steps: first });
    for (;;) {
      const save = this.pos;
      const sep = this.eat(/[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|(?:and|or|to)[ \t]+|[-–][ \t]*)/y);
      if (sep === undefined) break;
      const isRange = /to|[-–]/.test(sep) && !/,/.test(sep);
      // "Article 4 and Article 5": a new unit word starts a new citation.
      const next = this.numberWithSubs(unit);
      if (!next) {
        this.pos = save;
        break;
      }
      // "Articles 3 to 5 to 7": a range has two ends; the third number is not read.
      if (isRange && items[items.length - 1].kind !== 'path') {
        this.pos = save;
        break;
      }
      if (isRange) {
        const prev = items.pop()!;
        const from = prev.kind === 'path' ? prev.steps : [];
        items.push({ kind: 'range', from, to: next });
        this.eat(/[ \t]+inclusive\b/y);
      } else {
        items.push({ kind: 'path', steps: next });
      }
    }
    return true;
  }

  /** A number and any bracketed sub-references after it, as steps. */
  private numberWithSubs(unit: Unit): Step[] | undefined {
    const num = this.number(unit);
    if (num === undefined) return undefined;
    const numSpan = this.lastNumberSpan;
    // A lettered "paragraph (a)" (Rome Statute style) is a point.
    const effective: Unit = unit === 'paragraph' && /^[a-z]+$/.test(num) ? 'point' : unit;
    const steps: Step[] = [{ unit: effective, num, span: numSpan }];
    let level: Unit = effective;
    for (;;) {
      const save = this.pos;
      // "(paragraph 2)" inside a list: "Articles 2, 17 (paragraph 2), 20"
      const para = /[ \t]*\((paragraph|para\.)[ \t]+(\d+)\)/y;
      para.lastIndex = this.pos;
      const pm = para.exec(this.text);
      if (pm && LEVEL[level] < LEVEL.paragraph) {
        const at = pm.index + pm[0].lastIndexOf(pm[2]);
        steps.push({ unit: 'paragraph', num: pm[2], span: { start: at, end: at + pm[2].length } });
        this.pos = para.lastIndex;
        level = 'paragraph';
        continue;
      }
      const sub = /[ \t]?\(([1-9]\d{0,2}|[a-z]{1,2}|[ivx]{1,6})\)|[ \t]([a-z])\)(?=[\s,;.:])/y;
      sub.lastIndex = this.pos;
      const sm = sub.exec(this.text);
      if (!sm) break;
      const token = sm[1] ?? sm[2];
      // "(1)" after an article is its paragraph; anything else is a point.
      const subUnit: Unit = /^\d+$/.test(token) && LEVEL[level] < LEVEL.paragraph ? 'paragraph' : 'point';
      if (subUnit === 'paragraph' && level !== 'article') break;
      // Years and similar "(2001)" are not sub-references.
      if (/^\d{3,}$/.test(token)) break;
      const at = sm.index + sm[0].indexOf(token, sm[0].indexOf('(') + 1 || 1);
      steps.push({ unit: subUnit, num: token, span: { start: at, end: at + token.length } });
      level = subUnit;
      this.pos = sub.lastIndex;
      if (this.pos === save) break;
    }
    return steps;
  }

  private number(unit: Unit): string | undefined {
    let re: RegExp;
    switch (unit) {
      case 'article':
        re = /(\d{1,4}(?:[ \t]?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b|[A-Z]\b)?|[IVXLC]{1,7}\b)(?![\w/,.]\d)/y;
        break;
      case 'paragraph':
        // "l(f)": OCR's letter l for the digit 1, only right before a bracket.
        re = /(\d{1,3}|l(?=\())(?![\w/]|[.,]\d)/y;
        break;
      case 'point':
        re = /\(([a-z]{1,2}|[ivx]{1,6}|\d{1,2})\)|([a-z])\)(?=[\s,;.:])|«([а-яa-z])»/y;
        break;
      case 'chapter':
      case 'part':
      case 'title':
        re = /([IVXLC]{1,7}|\d{1,3})\b(?![\w/])/y;
        break;
      case 'section':
        re = /(\d{1,3}|[A-Z])\b(?![\w/]|[.,]\d)/y;
        break;
      case 'subsection':
        re = /([A-Z]|\d{1,2})\b/y;
        break;
      case 'resolution':
        re = /([IVXLC]{1,7}|\d{1,5})\b(?![\w/])/y;
        break;
      case 'annex':
        re = /([IVXLC]{1,7}|\d{1,2}|[A-Z])\b(?![\w/])/y;
        break;
    }
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    const raw = m[1] ?? m[2] ?? m[3];
    const at = m.index + m[0].indexOf(raw);
    this.lastNumberSpan = { start: at, end: at + raw.length };
    if (raw === 'l') return '1';
    return raw.replace(/[ \t]+/g, ' ');
  }

  private eat(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }
}

function prefixItem(prefix: Step[], item: Item): Item {
  if (item.kind === 'path') return { kind: 'path', steps: [...prefix, ...item.steps] };
  if (item.kind === 'range') return { kind: 'range', from: [...prefix, ...item.from], to: [...prefix, ...item.to] };
  return item;
}
