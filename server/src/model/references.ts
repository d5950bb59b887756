// Citations -> references with targets: resolves each parsed citation against the
// structure of the document from where it stands (relative forms, annex scopes,
// ranges in document order) and names the other instrument for external ones.
import type { InstrumentCitation, NumberToken, Provision, ProvisionKind, Reference, Target, TreatyDocument } from './types';
import type { Catalogue } from './catalogue';
import { normaliseName } from './catalogue';
import { CitationScanner, type Citation, type Item, type Step, type Unit } from './citations';
import { languageCitations, mergeCitations } from './multilingualCitations';
import { idNum } from './structure';
import { romanToInt } from './headings';
import { provisionAt } from './query';
import { enclosingAttachment, ownName, provisionLabel } from './render';

const UNIT_KIND: Record<Unit, ProvisionKind> = {
  resolution: 'attachment',
  annex: 'annex',
  part: 'part',
  title: 'title',
  chapter: 'chapter',
  section: 'section',
  subsection: 'subsection',
  article: 'article',
  paragraph: 'paragraph',
  point: 'point',
};

const ID_WORD: Record<Unit, string> = {
  resolution: 'resolution',
  annex: 'annex',
  part: 'part',
  title: 'title',
  chapter: 'chp',
  section: 'sec',
  subsection: 'subsec',
  article: 'art',
  paragraph: 'para',
  point: 'point',
};

const UNIT_NAME: Record<Unit, string> = {
  resolution: 'Resolution',
  annex: 'Annex',
  part: 'Part',
  title: 'Title',
  chapter: 'Chapter',
  section: 'Section',
  subsection: 'Subsection',
  article: 'Article',
  paragraph: 'paragraph',
  point: 'point',
};

/** The nouns by which a document names itself ("the present Convention"). */
const SELF_NOUNS = /\b(Convention|Treaty|Charter|Statute|Protocol|Agreement|Covenant|Constitution|Pact|Accord)\b/i;

export function findReferences(doc: TreatyDocument, catalogue: Catalogue): Reference[] {
  const headingLines = headingLineSpans(doc);
  const names = catalogue.allNames();
  const scanner = new CitationScanner(doc.text, { names });
  let citations = scanner.scan((offset) => inSpans(headingLines, offset));
  // The document's own language (languages/*.ts) first; English forms where it has none.
  const local = languageCitations(doc, names);
  if (local.length) citations = mergeCitations(local, citations);
  const resolver = new Resolver(doc, catalogue);
  const refs: Reference[] = [];
  for (const c of citations) {
    const r = resolver.resolve(c);
    if (r) refs.push(r);
  }
  refs.push(...attachmentSelfReferences(doc, refs));
  return refs.sort((a, b) => a.range.start - b.range.start);
}


/**
 * "this Statute" inside an annex headed "Statute of …" names that annex (UNCLOS Annex VI);
 * "this Convention" in the main text names the whole document and is no provision reference.
 */
function attachmentSelfReferences(doc: TreatyDocument, existing: Reference[]): Reference[] {
  const out: Reference[] = [];
  const re = /\b(?:[Tt]his|[Tt]he present) (Statute|Protocol|Rules|Regulations)\b/g;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    const at = provisionAt(doc, m.index);
    const att = enclosingAttachment(at);
    if (!att || !att.heading || !att.heading.toLowerCase().includes(m[1].toLowerCase())) continue;
    const range = { start: m.index, end: m.index + m[0].length };
    if (existing.some((r) => r.range.start < range.end && range.start < r.range.end)) continue;
    out.push({ range, text: m[0], form: 'single', targets: [{ eId: att.eId, instrument: null, provision: att }], instrument: null, resolved: true, relative: true });
  }
  return out;
}

/** The first line of every numbered heading: "Article 5" there is the heading, not a citation. */
function headingLineSpans(doc: TreatyDocument): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const visit = (p: Provision) => {
    if (p.kind !== 'document' && p.kind !== 'paragraph' && p.kind !== 'point' && p.kind !== 'recital' && p.labelRange.end > p.labelRange.start) {
      // Only the heading's own keyword and number ("Article 5"): a caption on the same
      // line ("Article 5 — Application of Article 3") may cite other provisions.
      const line = doc.text.slice(p.labelRange.start, Math.min(p.labelRange.end, p.labelRange.start + 300));
      const head = /^(?:#{1,6}[ \t]+)?\S+(?:[ \t]+[^\s\u2014\u2013:]+)?/.exec(line);
      spans.push({ start: p.labelRange.start, end: p.labelRange.start + (head ? head[0].length : 1) });
    }
    p.children.forEach(visit);
  };
  visit(doc.root);
  spans.sort((a, b) => a.start - b.start);
  return spans;
}

function inSpans(spans: Array<{ start: number; end: number }>, offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid].start) hi = mid - 1;
    else if (offset >= spans[mid].end) lo = mid + 1;
    else return true;
  }
  return false;
}

interface Context {
  at: Provision;
  article?: Provision;
  paragraph?: Provision;
  point?: Provision;
  attachment?: Provision;
}

class Resolver {
  private readonly selfNoun: string | undefined;
  private readonly byKindInScope = new Map<string, Provision[]>();
  /** Full instrument titles seen so far in the text, for "the Charter" / "the Statute". */
  private lastArticleTarget: Target | undefined;
  private readonly lastCited = new Map<ProvisionKind, Provision>();
  private prevAnnex: Provision | undefined;
  /** An annex whose articles a continued citation looks in first. */
  private preferred: Provision | undefined;

  constructor(private readonly doc: TreatyDocument, private readonly catalogue: Catalogue) {
    this.selfNoun = doc.title ? SELF_NOUNS.exec(doc.title)?.[1]?.toLowerCase() : undefined;
  }

  resolve(c: Citation): Reference | undefined {
    if (c.foreign) return undefined;
    const ctx = this.context(c.start);
    const text = this.doc.text.slice(c.start, c.end);
    let instrument: InstrumentCitation | null = null;
    let base: Provision | undefined; // the scope that bare numbers resolve in
    let relative = false;

    if (c.scope?.kind === 'instrument') {
      const inst = this.instrument(c.scope.name, c.start);
      if (inst === 'self') base = this.doc.root;
      else if (inst) instrument = inst;
      else return undefined;
    } else if (c.scope?.kind === 'self') {
      base = this.selfScope(ctx, text);
    } else if (c.scope?.kind === 'that') {
      base = this.lastCited.get(UNIT_KIND[c.scope.unit]);
      if (!base) return undefined;
    } else if (c.scope?.kind === 'deictic') {
      base = this.ancestor(ctx, c.scope.unit);
      relative = true;
      if (!base) return this.unresolved(c, text, `this ${UNIT_NAME[c.scope.unit].toLowerCase()} is not inside a ${UNIT_NAME[c.scope.unit].toLowerCase()}`, true);
    }

    if (c.deixis) return this.deictic(c, ctx, text);
    // "Annex III, article 13 and article 17, paragraph 1(c)": the second shares the annex.
    if (c.continues && this.prevAnnex && !base && !instrument && c.outer.length === 0) {
      const first = c.items[0];
      const firstUnit = first?.kind === 'path' ? first.steps[0].unit : first?.kind === 'range' ? first.from[0].unit : undefined;
      // Only a preference: when that annex has no such article, the main text's is meant.
      if (firstUnit === 'article') this.preferred = this.prevAnnex;
    }

    const targets: Target[] = [];
    const problems: string[] = [];
    const tokens = new Map<number, NumberToken>();
    for (const item of c.items) {
      if (item.kind === 'ordinal') {
        const holder = c.outer.length ? this.findPath(c.outer, ctx, base, instrument) : base ?? ctx.article;
        if (instrument) {
          targets.push({ eId: pathId(c.outer) + `__${ID_WORD[item.unit]}_${item.ordinal}`, instrument: instrument.title });
          continue;
        }
        const p = holder && typeof holder !== 'string' ? holder.children.filter((k) => k.kind === UNIT_KIND[item.unit])[item.ordinal - 1] : undefined;
        if (p) targets.push({ eId: p.eId, instrument: null, provision: p });
        else problems.push(`${holder && typeof holder !== 'string' ? provisionLabel(holder) : 'this provision'} has no ${ordinalWordOf(item.ordinal)} ${UNIT_NAME[item.unit].toLowerCase()}`);
        if (!c.outer.length && !base) relative = true;
        continue;
      }
      const paths = item.kind === 'path' ? [[...c.outer, ...item.steps]] : [[...c.outer, ...item.from], [...c.outer, ...item.to]];
      if (!c.outer.length && !base && !instrument && item.kind === 'path' && (item.steps[0].unit === 'paragraph' || item.steps[0].unit === 'point')) relative = true;
      if (instrument) {
        for (const path of paths) this.addTokens(tokens, path, undefined);
        if (item.kind === 'path') targets.push({ eId: pathId(paths[0]), instrument: instrument.title });
        else targets.push(...expandNumericRange(paths[0], paths[1]).map((eId) => ({ eId, instrument: instrument!.title })));
        continue;
      }
      if (item.kind === 'path') {
        const p = this.findPath(paths[0], ctx, base, null);
        this.addTokens(tokens, paths[0], typeof p === 'string' ? undefined : p);
        if (typeof p === 'string') problems.push(p);
        else {
          targets.push({ eId: p.eId, instrument: null, provision: p });
          if (p.kind === 'article') this.lastArticleTarget = targets[targets.length - 1];
        }
      } else {
        const from = this.findPath(paths[0], ctx, base, null);
        const to = this.findPath(paths[1], ctx, base, null);
        this.addTokens(tokens, paths[0], typeof from === 'string' ? undefined : from);
        this.addTokens(tokens, paths[1], typeof to === 'string' ? undefined : to);
        if (typeof from === 'string') problems.push(from);
        if (typeof to === 'string') problems.push(to);
        if (typeof from !== 'string' && typeof to !== 'string') {
          const span = this.between(from, to);
          if (span.length) targets.push(...span.map((p) => ({ eId: p.eId, instrument: null, provision: p })));
          else problems.push(`${provisionLabel(from)} comes after ${provisionLabel(to)}`);
        }
      }
    }
    this.preferred = undefined;
    // "resolution 1368 (2001)" of the Security Council is not a resolution of this text:
    // resolutions count as references only when the document has them.
    const steps = [...c.outer, ...c.items.flatMap((i) => (i.kind === 'path' ? i.steps : i.kind === 'range' ? i.from : []))];
    if (!instrument && steps.some((s) => s.unit === 'resolution' && !this.doc.byId.has(`resolution_${s.num}`))) return undefined;
    this.remember(c, targets, instrument);
    if (!targets.length && !problems.length) return undefined;
    return {
      range: { start: c.start, end: c.end },
      text,
      form: c.isRange ? 'range' : c.plural ? 'list' : 'single',
      targets,
      instrument,
      resolved: problems.length === 0,
      problem: problems.length ? problems.join('; ') : undefined,
      relative,
      numbers: [...tokens.values()].sort((a, b) => a.span.start - b.span.start),
    };
  }

  /**
   * Records which provision each written number names. With the resolved provision, the
   * number of each step is matched to the ancestor of that kind, inner to outer; without
   * it (external or unresolved), to the eId the steps spell.
   */
  private addTokens(into: Map<number, NumberToken>, rawSteps: Step[], p: Provision | undefined): void {
    const steps = normaliseSteps(rawSteps);
    let q: Provision | undefined = p;
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i];
      let named: Provision | undefined;
      if (q) {
        const kind = UNIT_KIND[step.unit];
        while (q && q.kind !== kind) q = q.parent;
        named = q;
        q = q?.parent;
      }
      if (!step.span || into.has(step.span.start)) continue;
      into.set(step.span.start, {
        span: step.span,
        num: this.doc.text.slice(step.span.start, step.span.end),
        eId: named?.eId ?? pathId(steps.slice(0, i + 1)),
        provision: named,
      });
    }
  }

  /** What "that article", "that paragraph" and a continued citation refer back to. */
  private remember(c: Citation, targets: Target[], instrument: InstrumentCitation | null): void {
    this.prevAnnex = undefined;
    if (instrument) return;
    for (const t of targets) {
      if (!t.provision) continue;
      for (let q: Provision | undefined = t.provision; q; q = q.parent) {
        if (!this.lastCited.has(q.kind) || q === t.provision || q.kind === 'article') this.lastCited.set(q.kind, q);
        if (q.kind === 'annex' && c.items.some((i) => (i.kind === 'path' ? i.steps : i.kind === 'range' ? i.from : [])[0]?.unit === 'annex')) this.prevAnnex = q;
      }
    }
  }

  private unresolved(c: Citation, text: string, problem: string, relative: boolean): Reference {
    return { range: { start: c.start, end: c.end }, text, form: 'single', targets: [], instrument: null, resolved: false, problem, relative };
  }

  private context(offset: number): Context {
    const at = provisionAt(this.doc, offset);
    const ctx: Context = { at };
    for (let q: Provision | undefined = at; q; q = q.parent) {
      if (q.kind === 'point' && !ctx.point) ctx.point = q;
      if (q.kind === 'paragraph' && !ctx.paragraph) ctx.paragraph = q;
      if (q.kind === 'article' && !ctx.article) ctx.article = q;
      if ((q.kind === 'annex' || q.kind === 'protocol' || q.kind === 'attachment') && !ctx.attachment) ctx.attachment = q;
    }
    return ctx;
  }

  private ancestor(ctx: Context, unit: Unit): Provision | undefined {
    const kind = UNIT_KIND[unit];
    for (let q: Provision | undefined = ctx.at; q; q = q.parent) if (q.kind === kind) return q;
    return undefined;
  }

  /** "of the present Convention": the main text, or the annex when the annex is what is named. */
  private selfScope(ctx: Context, text: string): Provision {
    const noun = SELF_NOUNS.exec(text.slice(text.lastIndexOf(' of ')))?.[1]?.toLowerCase();
    if (ctx.attachment && noun && noun !== this.selfNoun) return ctx.attachment;
    return this.doc.root;
  }

  /** Resolves "the Charter of the United Nations" to a catalogue entry, or 'self'. */
  private instrument(name: string, at: number): InstrumentCitation | 'self' | undefined {
    const n = normaliseName(name);
    if (this.doc.title && normaliseName(this.doc.title) === n) return 'self';
    let entry = this.catalogue.identify(name);
    if (!entry && /^[A-Z][a-z]+$/.test(name)) {
      // "the Charter", "the Statute": whichever full title the text named before.
      if (this.selfNoun === n) return 'self';
      entry = this.lastTitleMention(n, at);
      if (!entry) return undefined;
    }
    if (entry && this.doc.instrumentId === entry.id) return 'self';
    if (entry && this.doc.title && this.catalogue.identify(this.doc.title)?.id === entry.id) return 'self';
    return entry ? { cited: name, title: entry.title, id: entry.id } : { cited: name, title: name };
  }

  private lowerText: string | undefined;

  private lastTitleMention(noun: string, before: number) {
    // Lower-cased once per document: "the Charter" may occur hundreds of times.
    const text = (this.lowerText ??= this.doc.text.toLowerCase());
    let best: { at: number; entry: ReturnType<Catalogue['identify']> } | undefined;
    for (const e of this.catalogue.entries) {
      if (!e.title.toLowerCase().includes(noun)) continue;
      const i = text.lastIndexOf(e.title.toLowerCase(), before - e.title.length);
      if (i >= 0 && (!best || i > best.at)) best = { at: i, entry: e };
    }
    return best?.entry;
  }

  private deictic(c: Citation, ctx: Context, text: string): Reference | undefined {
    const d = c.deixis!;
    const kind = UNIT_KIND[d.unit];
    let targets: Provision[] = [];
    let problem: string | undefined;
    if (d.kind === 'this') {
      // "this subparagraph" names the lettered level, not a roman item inside it.
      let p = d.unit === 'point' ? ctx.point : this.ancestor(ctx, d.unit);
      while (p && p.kind === 'point' && p.parent?.kind === 'point') p = p.parent;
      if (p) targets = [p];
      else problem = `“${text}” does not stand inside a ${UNIT_NAME[d.unit].toLowerCase()}`;
    } else if (d.kind === 'that') {
      if (d.unit === 'article' && this.lastArticleTarget?.provision) targets = [this.lastArticleTarget.provision];
      else return undefined;
    } else {
      const anchor = kind === 'paragraph' ? ctx.paragraph ?? ctx.at : kind === 'article' ? ctx.article : ctx.point;
      const siblings = this.siblingsOf(kind, anchor, ctx, c.start);
      if (!siblings) {
        problem = `“${text}” does not stand where there is a ${UNIT_NAME[d.unit].toLowerCase()} to count from`;
      } else {
        const before = siblings.filter((p) => p.range.end <= c.start && !(anchor && contains(p, anchor)));
        const after = siblings.filter((p) => p.range.start > c.start);
        if (d.kind === 'preceding') targets = d.plural ? before : before.slice(-1);
        else targets = d.plural ? after : after.slice(0, 1);
        if (!targets.length) problem = `there is no ${d.kind} ${UNIT_NAME[d.unit].toLowerCase()}`;
      }
    }
    return {
      range: { start: c.start, end: c.end },
      text,
      form: targets.length > 1 ? 'list' : 'single',
      targets: targets.map((p) => ({ eId: p.eId, instrument: null, provision: p })),
      instrument: null,
      resolved: !problem,
      problem,
      relative: true,
    };
  }

  /** The provisions of a kind among which "preceding"/"following" count. */
  private siblingsOf(kind: ProvisionKind, anchor: Provision | undefined, ctx: Context, at: number): Provision[] | undefined {
    if (kind === 'article') return this.inScope('article', ctx.attachment);
    if (kind === 'paragraph') {
      const holder = anchor && anchor.kind === 'paragraph' ? anchor.parent : ctx.article ?? ctx.attachment;
      return holder?.children.filter((p) => p.kind === 'paragraph');
    }
    if (anchor?.parent) return anchor.parent.children.filter((p) => p.kind === kind);
    void at;
    return undefined;
  }

  /** All provisions of a kind in one instrument scope (main text or one annex), in order. */
  private inScope(kind: ProvisionKind, attachment: Provision | undefined): Provision[] {
    const key = `${kind}|${attachment?.eId ?? ''}`;
    let list = this.byKindInScope.get(key);
    if (!list) {
      list = [];
      const visit = (p: Provision) => {
        for (const c of p.children) {
          if (c.kind === kind) list!.push(c);
          else if (c.kind !== 'annex' && c.kind !== 'protocol' && c.kind !== 'attachment' && c.kind !== 'article') visit(c);
        }
      };
      visit(attachment ?? this.doc.root);
      this.byKindInScope.set(key, list);
    }
    return list;
  }

  /** Every provision from `from` to `to` inclusive, in document order, at the level of `from`. */
  private between(from: Provision, to: Provision): Provision[] {
    let list: Provision[];
    if (from.kind === 'paragraph' || from.kind === 'point') list = from.parent?.children.filter((p) => p.kind === from.kind) ?? [];
    else list = this.inScope(from.kind, enclosingAttachment(from));
    const i = list.indexOf(from);
    const j = list.indexOf(to);
    if (i < 0 || j < 0 || j < i) return [];
    return list.slice(i, j + 1);
  }

  /**
   * Finds the provision a path names, from where the citation stands. Returns a
   * message for a person when it does not exist.
   */
  private findPath(rawSteps: Step[], ctx: Context, base: Provision | undefined, _instrument: InstrumentCitation | null): Provision | string {
    const steps = normaliseSteps(rawSteps);
    if (steps[0].unit === 'annex' && steps[0].num === '') {
      const annex = this.inScope('annex', undefined)[0];
      if (!annex) return 'this document has no annex';
      if (steps.length === 1) return annex;
      steps.splice(0, 1, { unit: 'annex', num: annex.num ?? String(annex.ordinal) });
    }
    const first = steps[0];
    const candidates: string[] = [];
    const scopePrefix = (p: Provision | undefined) => (p && p.kind !== 'document' ? p.eId + '__' : '');
    const tail = pathId(steps);
    if (base) {
      if (first.unit === 'article' || first.unit === 'part' || first.unit === 'chapter' || first.unit === 'annex') {
        const att = base.kind === 'document' ? undefined : enclosingAttachment(base);
        candidates.push(scopePrefix(att) + tail);
      } else {
        candidates.push(scopePrefix(base) + tail);
        // "subparagraph (j) of that article": the point may sit in one of its paragraphs.
        if (first.unit === 'point') {
          for (const para of base.children) if (para.kind === 'paragraph') candidates.push(para.eId + '__' + tail);
        }
      }
    } else {
      switch (first.unit) {
        case 'annex':
        case 'resolution':
          candidates.push(tail);
          break;
        case 'article':
        case 'chapter':
        case 'part':
        case 'title':
          // Inside an annex a bare number means the annex's own article, unless it has none.
          if (this.preferred) candidates.push(scopePrefix(this.preferred) + tail);
          if (ctx.attachment) candidates.push(scopePrefix(ctx.attachment) + tail);
          candidates.push(tail);
          break;
        case 'section': {
          const holder = this.ancestor(ctx, 'part') ?? this.ancestor(ctx, 'chapter') ?? ctx.attachment;
          candidates.push(scopePrefix(holder) + tail);
          break;
        }
        case 'subsection': {
          const holder = this.ancestor(ctx, 'section');
          candidates.push(scopePrefix(holder) + tail);
          break;
        }
        case 'paragraph': {
          // Walk the article itself: with two "Article 5"s the id would name the first one.
          const holder = ctx.article ?? ctx.attachment;
          const direct = holder ? findUnder(holder, steps) : undefined;
          if (direct) return direct;
          candidates.push(scopePrefix(holder) + tail);
          break;
        }
        case 'point': {
          // "subparagraph (a)": a point of the current paragraph, or of the article, climbing.
          for (let q: Provision | undefined = ctx.point?.parent ?? ctx.paragraph ?? ctx.article; q && q.kind !== 'document'; q = q.parent) {
            candidates.push(q.eId + '__' + tail);
            if (q.kind === 'article') break;
          }
          if (ctx.point) candidates.push(ctx.point.eId + '__' + tail);
          break;
        }
      }
    }
    for (const id of candidates) {
      const p = this.doc.byId.get(id);
      if (p) return p;
    }
    // OCR and typing slips: "(1)" for the point "(l)".
    for (const id of candidates) {
      const p = this.doc.byId.get(id.replace(/point_1(?=__|$)/g, 'point_l'));
      if (p && id.includes('point_1')) return p;
    }
    // Explain against the scope the reader would assume: the annex it stands in, else the main text.
    const primary = candidates.find((id) => !this.preferred || !id.startsWith(this.preferred.eId + '__')) ?? candidates[0] ?? tail;
    return this.explainMissing(steps, primary);
  }

  private explainMissing(steps: Step[], id: string): string {
    // Find the deepest existing ancestor of the wanted id and describe what it has.
    const parts = id.split('__');
    for (let k = parts.length - 1; k >= 0; k--) {
      const parentId = parts.slice(0, k).join('__');
      const parent = k === 0 ? this.doc.root : this.doc.byId.get(parentId);
      if (!parent) continue;
      const wanted = parts[k];
      const word = wanted.slice(0, wanted.indexOf('_'));
      const unit = (Object.keys(ID_WORD) as Unit[]).find((u) => ID_WORD[u] === word) ?? 'article';
      const kind = UNIT_KIND[unit];
      const num = steps.find((s) => s.unit === unit)?.num ?? wanted.slice(wanted.indexOf('_') + 1);
      const where = parent.kind === 'document' ? 'this document' : provisionLabel(parent);
      const existing = kind === 'article' || kind === 'chapter' || kind === 'part' || kind === 'annex'
        ? this.inScope(kind, parent.kind === 'document' ? undefined : enclosingAttachment(parent) ?? parent)
        : parent.children.filter((c) => c.kind === kind);
      const name = unit === 'point' ? `point (${num})` : `${UNIT_NAME[unit]} ${num}`;
      if (!existing.length) return `${where} has no ${name}; it has no ${plural(UNIT_NAME[unit].toLowerCase())}`;
      const named = (q: Provision) => ownName(q).replace(/^Paragraph/, 'paragraph');
      const last = existing[existing.length - 1];
      // A gap in the numbering reads better as a gap than as "the last is …".
      const value = numericValue(num);
      if (value !== undefined) {
        const before = existing.filter((q) => (numericValue(q.num ?? '') ?? Infinity) < value).pop();
        const after = existing.find((q) => (numericValue(q.num ?? '') ?? -Infinity) > value);
        if (before && after) return `${where} has no ${name}; the numbering goes from ${named(before)} to ${named(after)}`;
      }
      return `${where} has no ${name}; the last is ${named(last)}`;
    }
    return `no ${id}`;
  }
}

/** "12" -> 12, "VII" -> 7, "8 bis" -> 8.5 (after 8, before 9); letters are not counted. */
function numericValue(num: string): number | undefined {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(num.trim());
  if (m) return Number(m[1]) + (m[2] ? 0.5 : 0);
  if (/^[IVXLC]+$/.test(num)) return romanToInt(num);
  return undefined;
}

/** The provision a relative path names below `holder`, by walking its children. */
function findUnder(holder: Provision, steps: Step[]): Provision | undefined {
  let p: Provision | undefined = holder;
  for (const step of steps) {
    const kind = UNIT_KIND[step.unit];
    const want = idNum(kind, step.num);
    p = p?.children.find((c) => c.kind === kind && c.num !== undefined && idNum(kind, c.num) === want);
    if (!p) return undefined;
  }
  return p;
}

function plural(word: string): string {
  return word.endsWith('x') ? `${word}es` : `${word}s`;
}

function contains(outer: Provision, inner: Provision): boolean {
  for (let q: Provision | undefined = inner; q; q = q.parent) if (q === outer) return true;
  return false;
}

/** Articles are numbered through their instrument: "article 2 of section 1 of this Annex" is annex_V__art_2. */
function normaliseSteps(steps: Step[]): Step[] {
  const art = steps.findIndex((s) => s.unit === 'article');
  if (art <= 0) return [...steps];
  return [...steps.slice(0, art).filter((s) => s.unit === 'annex'), ...steps.slice(art)];
}

function pathId(rawSteps: Step[]): string {
  const steps = normaliseSteps(rawSteps);
  return steps.map((s) => `${ID_WORD[s.unit]}_${idNum(UNIT_KIND[s.unit], s.num)}`).join('__');
}

/** For another instrument whose text we don't have: "Articles 3 to 5" -> art_3, art_4, art_5. */
function expandNumericRange(from: Step[], to: Step[]): string[] {
  const a = Number(from[from.length - 1].num);
  const b = Number(to[to.length - 1].num);
  if (!Number.isInteger(a) || !Number.isInteger(b) || b < a || b - a > 500) return [pathId(from), pathId(to)];
  const out: string[] = [];
  for (let i = a; i <= b; i++) out.push(pathId([...from.slice(0, -1), { ...from[from.length - 1], num: String(i) }]));
  return out;
}

function ordinalWordOf(n: number): string {
  return ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'][n] ?? `${n}th`;
}

export type { Item };
