// Citations -> references with targets: resolves each parsed citation against the
// structure of the document from where it stands (relative forms, annex scopes,
// ranges in document order) and names the other instrument for external ones.
import type { InstrumentCitation, NumberToken, Provision, ProvisionKind, Reference, ReferenceForm, Target, TreatyDocument } from './types';
import type { Catalogue } from './catalogue';
import { normaliseName } from './catalogue';
import { CitationScanner, type Citation, type Item, type Step, type Unit } from './citations';
import { languageCitations, mergeCitations } from './multilingualCitations';
import { idNum } from './structure';
import { romanToInt } from './headings';
import { provisionAt, provisionAtFrom } from './query';
import { lowerBound } from './lines';
import { textOf, writesAt, type TextLike } from './text';
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
  const { scanner, skip, local } = scanners(doc, catalogue);
  const resolver = new Resolver(doc, catalogue);
  const refs: Reference[] = [];
  if (local.length) {
    const citations = mergeCitations(local, scanner.scan(skip));
    for (let i = 0; i < citations.length; i++) {
      const r = resolver.resolve(citations[i]);
      if (r) refs.push(r);
    }
  } else {
    // English only: each citation is resolved as it is found and is garbage at once.
    for (let c = scanner.next(skip); c; c = scanner.next(skip)) {
      const r = resolver.resolve(c);
      if (r) refs.push(r);
    }
  }
  refs.push(...attachmentSelfReferences(doc, refs));
  return withoutOverlaps(refs);
}

/**
 * References in text order, never overlapping: of two that overlap, the one that starts first
 * (at the same start, the longer) is kept. The scanners already avoid overlaps; this holds the
 * invariant whatever their combination (language forms, English forms, "this Statute") yields.
 */
function withoutOverlaps(refs: Reference[]): Reference[] {
  const order = (a: Reference, b: Reference) => a.start - b.start || b.end - a.end;
  // They come in order but for the few "this Statute" ones at the end: sort only when needed.
  for (let i = 1; i < refs.length; i++) {
    if (order(refs[i - 1], refs[i]) > 0) {
      refs.sort(order);
      break;
    }
  }
  let kept = 0;
  let end = -1;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (r.start < end) continue;
    refs[kept++] = r;
    end = r.end;
  }
  refs.length = kept;
  return refs;
}


/** The nouns by which an annex or protocol names itself ("this Statute" in the Statute of a tribunal). */
const SELF_NAMING_NOUNS = 'Statute|Protocol|Rules|Regulations';
const SELF_NAMING = new RegExp(String.raw`\b(?:[Tt]his|[Tt]he present) (${SELF_NAMING_NOUNS})\b`, 'g');
const HEADING_NAMES_ITSELF = new RegExp(SELF_NAMING_NOUNS, 'i');
/** A superset of SELF_NAMING's matches (any case and spacing): where an edit may change them. */
const SELF_NAMING_LOOSE = new RegExp(String.raw`\b(?:this|the present)\s+(?:${SELF_NAMING_NOUNS})\b`, 'gi');

/**
 * "this Statute" inside an annex headed "Statute of …" names that annex (UNCLOS Annex VI);
 * "this Convention" in the main text names the whole document and is no provision reference.
 */
function attachmentSelfReferences(doc: TreatyDocument, existing: Reference[]): Reference[] {
  const out: Reference[] = [];
  // Only text inside an attachment whose heading has one of the nouns can name it: the scan
  // reads those alone (UNCLOS: Annex VI; the whole text took 6 % of its parse). Attachments are
  // the root's children (structure.ts ranks them 0), in text order.
  for (const att of doc.root.children) {
    if ((att.kind !== 'annex' && att.kind !== 'protocol' && att.kind !== 'attachment') || !att.heading || !HEADING_NAMES_ITSELF.test(att.heading)) continue;
    SELF_NAMING.lastIndex = att.start;
    for (let m = SELF_NAMING.exec(doc.text); m && m.index < att.end; m = SELF_NAMING.exec(doc.text)) {
      const r = attachmentSelfReference(doc, m, existing);
      if (r) out.push(r);
    }
  }
  return out;
}

/** The reference "this Statute" at `m` makes, or undefined when no attachment it stands in is so named. */
function attachmentSelfReference(doc: TreatyDocument, m: RegExpExecArray, existing: Reference[]): Reference | undefined {
  const att = enclosingAttachment(provisionAt(doc, m.index));
  if (!att || !att.heading || !att.heading.toLowerCase().includes(m[1].toLowerCase())) return undefined;
  const start = m.index;
  const end = m.index + m[0].length;
  if (existing.some((r) => r.start < end && start < r.end)) return undefined;
  return { start, end, text: m[0], form: 'single', targets: [{ eId: att.eId, instrument: null, provision: att }], instrument: null, resolved: true, relative: true };
}

/** The first line of every numbered heading: "Article 5" there is the heading, not a citation. */
function headingLineSpans(doc: TreatyDocument): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const visit = (p: Provision) => {
    if (p.kind !== 'document' && p.kind !== 'paragraph' && p.kind !== 'point' && p.kind !== 'recital' && p.labelEnd > p.start) {
      // Only the heading's own keyword and number ("Article 5"): a caption on the same
      // line ("Article 5 — Application of Article 3") may cite other provisions.
      const start = p.start;
      const line = doc.text.slice(start, Math.min(p.labelEnd, start + 300));
      const head = /^(?:#{1,6}[ \t]+)?\S+(?:[ \t]+[^\s\u2014\u2013:]+)?/.exec(line);
      spans.push({ start, end: start + (head ? head[0].length : 1) });
    }
    p.children.forEach(visit);
  };
  visit(doc.root);
  // Visited in document order, so already sorted but where a tree is out of order.
  for (let i = 1; i < spans.length; i++) {
    if (spans[i - 1].start > spans[i].start) {
      spans.sort((a, b) => a.start - b.start);
      break;
    }
  }
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
  /** Keyed by the attachment itself, not its eId: two annexes can share an eId ("Annex A" twice). */
  private readonly byKindInScope = new Map<Provision | undefined, Map<ProvisionKind, Provision[]>>();
  /** Full instrument titles seen so far in the text, for "the Charter" / "the Statute". */
  private lastArticleTarget: Target | undefined;
  private readonly lastCited: Partial<Record<ProvisionKind, Provision>> = {};
  private prevAnnex: Provision | undefined;
  /** An annex whose articles a continued citation looks in first. */
  private preferred: Provision | undefined;

  /** The text in spans (model/text.ts): re-resolving an edited article must not join a chunked text. */
  private readonly text: TextLike;

  constructor(private readonly doc: TreatyDocument, private readonly catalogue: Catalogue) {
    this.text = textOf(doc);
    this.selfNoun = doc.title ? SELF_NOUNS.exec(doc.title)?.[1]?.toLowerCase() : undefined;
  }

  resolve(c: Citation): Reference | undefined {
    if (c.foreign) return undefined;
    const ctx = this.context(c.start);
    const text = this.textOf(c.start, c.end);
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
      base = this.lastCited[UNIT_KIND[c.scope.unit]];
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

    // Scratch arrays, emptied for each citation; the reference gets exact-size copies.
    const targets = this.scratchTargets;
    const problems = this.scratchProblems;
    const tokens = this.scratchTokens;
    targets.clear();
    problems.clear();
    tokens.clear();
    // Indexed loops over a citation's arrays: some are shared frozen ones, and for-of then
    // allocated an iterator per loop.
    for (let k = 0; k < c.items.length; k++) {
      const item = c.items[k];
      if (item.kind === 'ordinal') {
        const holder = c.outer.length ? this.findPath(c.outer, ctx, base) : base ?? ctx.article;
        if (instrument) {
          targets.push({ eId: pathId(c.outer) + `__${ID_WORD[item.unit]}_${item.ordinal}`, instrument: instrument.title });
          continue;
        }
        const p = holder && typeof holder !== 'string' ? holder.children.filter((k) => k.kind === UNIT_KIND[item.unit])[item.ordinal - 1] : undefined;
        if (p) targets.push(this.targetOf(p));
        else problems.push(`${holder && typeof holder !== 'string' ? provisionLabel(holder) : 'this provision'} has no ${ordinalWordOf(item.ordinal)} ${UNIT_NAME[item.unit].toLowerCase()}`);
        if (!c.outer.length && !base) relative = true;
        continue;
      }
      const outer = c.outer;
      const first = outer.length ? outer.concat(item.kind === 'path' ? item.steps : item.from) : item.kind === 'path' ? item.steps : item.from;
      if (!outer.length && !base && !instrument && item.kind === 'path' && (item.steps[0].unit === 'paragraph' || item.steps[0].unit === 'point')) relative = true;
      if (instrument) {
        this.addTokens(tokens, first, undefined);
        if (item.kind === 'path') targets.push({ eId: pathId(first), instrument: instrument.title });
        else {
          const last = outer.length ? outer.concat(item.to) : item.to;
          this.addTokens(tokens, last, undefined);
          for (const eId of expandNumericRange(first, last)) targets.push({ eId, instrument: instrument.title });
        }
        continue;
      }
      if (item.kind === 'path') {
        const p = this.findPath(first, ctx, base);
        this.addTokens(tokens, first, typeof p === 'string' ? undefined : p);
        if (typeof p === 'string') problems.push(p);
        else {
          const t = this.targetOf(p);
          targets.push(t);
          if (p.kind === 'article') this.lastArticleTarget = t;
        }
      } else {
        const last = outer.length ? outer.concat(item.to) : item.to;
        const from = this.findPath(first, ctx, base);
        const to = this.findPath(last, ctx, base);
        this.addTokens(tokens, first, typeof from === 'string' ? undefined : from);
        this.addTokens(tokens, last, typeof to === 'string' ? undefined : to);
        if (typeof from === 'string') problems.push(from);
        if (typeof to === 'string') problems.push(to);
        if (typeof from !== 'string' && typeof to !== 'string') {
          const span = this.between(from, to);
          if (span.length) for (const p of span) targets.push(this.targetOf(p));
          else problems.push(`${provisionLabel(from)} comes after ${provisionLabel(to)}`);
        }
      }
    }
    this.preferred = undefined;
    // "resolution 1368 (2001)" of the Security Council is not a resolution of this text:
    // resolutions count as references only when the document has them.
    if (!instrument && this.citesMissingResolution(c)) return undefined;
    this.remember(c, targets, instrument);
    if (!targets.length && !problems.length) return undefined;
    return reference(
      c,
      text,
      c.isRange ? 'range' : c.plural ? 'list' : 'single',
      // One internal target: the array all references to that provision share. Otherwise
      // copied to its exact length (a pushed-to array keeps room for 16 more).
      targets.length === 1 && targets.items[0].provision ? this.sharedTargets(targets.items[0]) : targets.length ? targets.copy() : NO_TARGETS,
      instrument,
      problems.length ? problems.copy().join('; ') : undefined,
      relative,
      tokens.length ? inTextOrder(tokens.copy()) : NO_NUMBERS,
    );
  }

  /**
   * A slice of the text, one string per distinct value (a citation's text, a number it writes):
   * a slice shorter than 13 characters is a copy (32 bytes), and a 5 MB treaty writes its 7,700
   * short references ("Article 12" again and again) in 3,400 ways; UNCLOS its 929 in 366.
   */
  private textOf(start: number, end: number): string {
    const text = this.text.slice(start, end);
    const seen = this.texts.get(text);
    if (seen !== undefined) return seen;
    this.texts.set(text, text);
    return text;
  }

  private readonly texts = new Map<string, string>();

  /**
   * One Target per provision, and one frozen one-target array, shared by every reference to
   * it (20,000 references in 5 MB: 100 bytes each). Nothing changes a reference's targets.
   */
  private readonly targets = new Map<Provision, Target[]>();

  private targetsOf(p: Provision): Target[] {
    // Most targets are articles of the main text: kept by number, not hashed into the map.
    const n = p.kind === 'article' && p.num !== undefined ? plainNumber(p.num, 0) : 0;
    const byNumber = n > 0 && this.articlesByNumber()[n] === p;
    let one = byNumber ? this.articleTargets[n] : this.targets.get(p);
    if (!one) {
      one = Object.freeze([{ eId: p.eId, instrument: null, provision: p }]) as Target[];
      if (byNumber) this.articleTargets[n] = one;
      else this.targets.set(p, one);
    }
    this.lastTargets = one;
    return one;
  }

  /** The shared targets of the articles in `articleIndex`, at the same numbers. */
  private readonly articleTargets: Target[][] = [];

  /** The array `targetsOf` last returned: a one-target reference has just looked it up. */
  private lastTargets: Target[] | undefined;

  /** The shared one-target array holding `t` (a Target that `targetOf` gave). */
  private sharedTargets(t: Target): Target[] {
    return this.lastTargets !== undefined && this.lastTargets[0] === t ? this.lastTargets : this.targetsOf(t.provision!);
  }

  private targetOf(p: Provision): Target {
    return this.targetsOf(p)[0];
  }

  private readonly scratchTargets = new Collector<Target>();
  private readonly scratchProblems = new Collector<string>();
  private readonly scratchTokens = new TokenCollector();

  private citesMissingResolution(c: Citation): boolean {
    if (this.missingResolution(c.outer)) return true;
    for (let k = 0; k < c.items.length; k++) {
      const i = c.items[k];
      if ((i.kind === 'path' && this.missingResolution(i.steps)) || (i.kind === 'range' && this.missingResolution(i.from))) return true;
    }
    return false;
  }

  private missingResolution(steps: Step[]): boolean {
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      if (s.unit === 'resolution' && !this.doc.byId.has(`resolution_${s.num}`)) return true;
    }
    return false;
  }

  /**
   * Records which provision each written number names. With the resolved provision, the
   * number of each step is matched to the ancestor of that kind, inner to outer; without
   * it (external or unresolved), to the eId the steps spell.
   */
  private addTokens(into: TokenCollector, rawSteps: Step[], p: Provision | undefined): void {
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
      if (!step.span || into.hasStart(step.span.start)) continue;
      const { start, end } = step.span;
      // The provision's own number string when the text writes it the same way (no copy per reference).
      const own = named?.num;
      const shared = own !== undefined && own.length === end - start && writesAt(this.text, own, start);
      into.push({
        start,
        end,
        num: shared ? own : this.textOf(start, end),
        eId: named?.eId ?? pathId(steps, i + 1),
        provision: named,
      });
    }
  }

  /** What "that article", "that paragraph" and a continued citation refer back to. */
  private remember(c: Citation, targets: Collector<Target>, instrument: InstrumentCitation | null): void {
    this.prevAnnex = undefined;
    if (instrument) return;
    let namesAnnex: boolean | undefined;
    for (let i = 0; i < targets.length; i++) {
      const t = targets.items[i];
      if (!t.provision) continue;
      for (let q: Provision | undefined = t.provision; q; q = q.parent) {
        if (q === t.provision || q.kind === 'article' || !this.lastCited[q.kind]) this.lastCited[q.kind] = q;
        if (q.kind === 'annex' && (namesAnnex ??= c.items.some((i) => (i.kind === 'path' ? i.steps : i.kind === 'range' ? i.from : [])[0]?.unit === 'annex'))) this.prevAnnex = q;
      }
    }
  }

  private unresolved(c: Citation, text: string, problem: string, relative: boolean): Reference {
    return reference(c, text, 'single', NO_TARGETS, null, problem, relative, undefined);
  }

  private lastContext: Context | undefined;

  /**
   * Where a citation stands. Citations come in text order, mostly several in one provision:
   * the search starts from the last one's provision and climbs only as far as needed (the
   * provision holding an offset lies on the path from the root, as provisionAt finds it).
   */
  private context(offset: number): Context {
    let from: Provision = this.lastContext?.at ?? this.doc.root;
    while (from.parent && !(from.start <= offset && offset < from.end)) from = from.parent;
    const at = provisionAtFrom(from, offset);
    if (this.lastContext && this.lastContext.at === at) return this.lastContext;
    const ctx: Context = { at, article: undefined, paragraph: undefined, point: undefined, attachment: undefined };
    this.lastContext = ctx;
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
    if (this.doc.title && this.titleKey() === n) return 'self';
    let entry = this.catalogue.identify(name);
    if (!entry && /^[A-Z][a-z]+$/.test(name)) {
      // "the Charter", "the Statute": whichever full title the text named before.
      if (this.selfNoun === n) return 'self';
      entry = this.lastTitleMention(n, at);
      if (!entry) return undefined;
    }
    if (entry && this.doc.instrumentId === entry.id) return 'self';
    if (entry && this.doc.title && this.titleEntry()?.id === entry.id) return 'self';
    return entry ? { cited: name, title: entry.title, id: entry.id } : { cited: name, title: name };
  }

  /** The document's title as names are compared, once per resolver (asked for each citation of another instrument). */
  private titleKey(): string {
    return (this.normalisedTitle ??= normaliseName(this.doc.title ?? ''));
  }

  private normalisedTitle: string | undefined;

  /** The catalogue's entry for the document's title, once per resolver. */
  private titleEntry(): ReturnType<Catalogue['identify']> {
    if (this.titleEntryKnown === undefined) this.titleEntryKnown = { entry: this.doc.title ? this.catalogue.identify(this.doc.title) : undefined };
    return this.titleEntryKnown.entry;
  }

  private titleEntryKnown: { entry: ReturnType<Catalogue['identify']> } | undefined;

  private lastTitleMention(noun: string, before: number) {
    let best: { at: number; entry: ReturnType<Catalogue['identify']> } | undefined;
    for (const e of this.catalogue.entries) {
      if (!e.title.toLowerCase().includes(noun)) continue;
      const i = this.mentionsOf(e.title).lastAtOrBefore(Math.max(0, before - e.title.length));
      if (i >= 0 && (!best || i > best.at)) best = { at: i, entry: e };
    }
    return best?.entry;
  }

  private readonly mentions = new Map<string, TitleMentions>();

  /** Where a title is written (any case), found as far as asked: no lower-cased copy of the text. */
  private mentionsOf(title: string): TitleMentions {
    let m = this.mentions.get(title);
    if (!m) {
      m = new TitleMentions(this.doc.text, title);
      this.mentions.set(title, m);
    }
    return m;
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
        const before = siblings.filter((p) => p.end <= c.start && !(anchor && contains(p, anchor)));
        const after = siblings.filter((p) => p.start > c.start);
        if (d.kind === 'preceding') targets = d.plural ? before : before.slice(-1);
        else targets = d.plural ? after : after.slice(0, 1);
        if (!targets.length) problem = `there is no ${d.kind} ${UNIT_NAME[d.unit].toLowerCase()}`;
      }
    }
    return reference(c, text, targets.length > 1 ? 'list' : 'single', targets.length === 1 ? this.targetsOf(targets[0]) : targets.length ? targets.map((p) => this.targetOf(p)) : NO_TARGETS, null, problem, true, undefined);
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
    let lists = this.byKindInScope.get(attachment);
    if (!lists) this.byKindInScope.set(attachment, (lists = new Map()));
    let list = lists.get(kind);
    if (!list) {
      list = [];
      const visit = (p: Provision) => {
        for (const c of p.children) {
          if (c.kind === kind) list!.push(c);
          else if (c.kind !== 'annex' && c.kind !== 'protocol' && c.kind !== 'attachment' && c.kind !== 'article') visit(c);
        }
      };
      visit(attachment ?? this.doc.root);
      lists.set(kind, list);
    }
    return list;
  }

  /** Every provision from `from` to `to` inclusive, in document order, at the level of `from`. */
  private between(from: Provision, to: Provision): Provision[] {
    let list: Provision[];
    if (from.kind === 'paragraph' || from.kind === 'point') list = from.parent?.children.filter((p) => p.kind === from.kind) ?? [];
    else list = this.inScope(from.kind, enclosingAttachment(from));
    const i = indexIn(list, from);
    const j = indexIn(list, to);
    if (i < 0 || j < 0 || j < i) return [];
    return list.slice(i, j + 1);
  }

  /**
   * Finds the provision a path names, from where the citation stands. Returns a
   * message for a person when it does not exist.
   */
  private findPath(rawSteps: Step[], ctx: Context, base: Provision | undefined): Provision | string {
    let steps = normaliseSteps(rawSteps);
    if (steps[0].unit === 'annex' && steps[0].num === '') {
      const annex = this.inScope('annex', undefined)[0];
      if (!annex) return 'this document has no annex';
      if (steps.length === 1) return annex;
      steps = [{ unit: 'annex', num: annex.num ?? String(annex.ordinal) }, ...steps.slice(1)];
    }
    const first = steps[0];
    // The commonest case first: a bare article number in the main text, found at once.
    const bareArticle = !base && !this.preferred && !ctx.attachment && first.unit === 'article';
    if (bareArticle) {
      // byId.get of the id the steps spell, without spelling it: the article by its number,
      // then ("paragraph 2 of Article 7") its child of that id, when no two provisions share
      // an id (then the child with the id is byId's).
      const n = plainNumber(first.num, 0);
      let p = n > 0 ? this.articlesByNumber()[n] : undefined;
      if (p && steps.length > 1) p = this.idsAreUnique() ? childByIds(p, steps) : undefined;
      if (p) return p;
    }
    const tail = pathId(steps);
    if (bareArticle) {
      const p = this.doc.byId.get(tail);
      if (p) return p;
    }
    const candidates: string[] = [];
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
      if (!id.includes('point_1')) continue;
      const p = this.doc.byId.get(id.replace(/point_1(?=__|$)/g, 'point_l'));
      if (p) return p;
    }
    // Explain against the scope the reader would assume: the annex it stands in, else the main text.
    const primary = candidates.find((id) => !this.preferred || !id.startsWith(this.preferred.eId + '__')) ?? candidates[0] ?? tail;
    return this.explainMissing(steps, primary);
  }

  private articleIndex: Provision[] | undefined;
  private uniqueIds: boolean | undefined;

  /** True when byId holds every provision: no two share an eId (a numbering fault makes two). */
  private idsAreUnique(): boolean {
    if (this.uniqueIds === undefined) {
      let count = 0;
      const stack: Provision[] = [this.doc.root];
      while (stack.length) {
        const p = stack.pop()!;
        for (let i = 0; i < p.children.length; i++) {
          count++;
          stack.push(p.children[i]);
        }
      }
      this.uniqueIds = count === this.doc.byId.size;
    }
    return this.uniqueIds;
  }

  /**
   * byId's "art_12", "art_13" … by number: "Article 12" names byId.get("art_12"), found
   * without writing the id and hashing it (most citations are such bare article numbers).
   */
  private articlesByNumber(): Provision[] {
    if (!this.articleIndex) {
      const index: Provision[] = [];
      for (const [id, p] of this.doc.byId) {
        if (id.charCodeAt(0) !== 97 || !id.startsWith('art_')) continue;
        const n = plainNumber(id, 4);
        if (n > 0) index[n] = p;
      }
      this.articleIndex = index;
    }
    return this.articleIndex;
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
        const { before, after } = this.numericNeighbours(existing, value);
        if (before && after) return `${where} has no ${name}; the numbering goes from ${named(before)} to ${named(after)}`;
      }
      return `${where} has no ${name}; the last is ${named(last)}`;
    }
    return `no ${id}`;
  }

  private readonly numericIndexes = new WeakMap<Provision[], NumericIndex>();

  /**
   * The last provision (in document order) numbered below `value` and the first numbered above
   * it. Built once per list: with 1 % broken references, scanning every article per broken
   * reference was half of a 5 MB parse.
   */
  private numericNeighbours(list: Provision[], value: number): { before?: Provision; after?: Provision } {
    let ix = this.numericIndexes.get(list);
    if (!ix) {
      ix = numericIndex(list);
      this.numericIndexes.set(list, ix);
    }
    const { values, items, sorted } = ix;
    if (!sorted) {
      let before: Provision | undefined;
      let after: Provision | undefined;
      for (let i = 0; i < values.length; i++) {
        if (values[i] < value) before = items[i];
        else if (values[i] > value && !after) after = items[i];
      }
      return { before, after };
    }
    // Numbers never go down: the last below and the first above are neighbours in the list.
    const lo = lowerBound(values, value);
    const before = lo > 0 ? items[lo - 1] : undefined;
    let j = lo;
    while (j < values.length && values[j] <= value) j++;
    return { before, after: items[j] };
  }
}

/**
 * The places a title occurs in the text, case-insensitively, read lazily: "the Charter" may
 * occur hundreds of times, each asking for the last full title before it.
 */
class TitleMentions {
  private readonly re: RegExp;
  private readonly found: number[] = [];
  /** The next occurrence not yet in `found` (-1: none left; undefined: not looked for). */
  private next: number | undefined;

  constructor(private readonly text: string, title: string) {
    this.re = new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  }

  /** The last occurrence starting at or before `limit`, or -1. */
  lastAtOrBefore(limit: number): number {
    for (;;) {
      if (this.next === undefined) {
        const m = this.re.exec(this.text);
        this.next = m ? m.index : -1;
        // Overlapping occurrences count too, as lastIndexOf finds them.
        if (m) this.re.lastIndex = m.index + 1;
      }
      if (this.next < 0 || this.next > limit) break;
      this.found.push(this.next);
      this.next = undefined;
    }
    let lo = 0;
    let hi = this.found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.found[mid] <= limit) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.found[lo - 1] : -1;
  }
}

interface NumericIndex {
  /** The numbered provisions' values, in document order, and the provisions. */
  values: number[];
  items: Provision[];
  /** True when the values never go down. */
  sorted: boolean;
}

function numericIndex(list: Provision[]): NumericIndex {
  const values: number[] = [];
  const items: Provision[] = [];
  let sorted = true;
  for (const q of list) {
    const v = q.num === undefined ? undefined : numericValue(q.num);
    if (v === undefined) continue;
    if (values.length && v < values[values.length - 1]) sorted = false;
    values.push(v);
    items.push(q);
  }
  return { values, items, sorted };
}

/** "12" -> 12, "VII" -> 7, "8 bis" -> 8.5 (after 8, before 9); letters are not counted. */
function numericValue(num: string): number | undefined {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(num.trim());
  if (m) return Number(m[1]) + (m[2] ? 0.5 : 0);
  if (/^[IVXLC]+$/.test(num)) return romanToInt(num);
  return undefined;
}

/**
 * The provision whose eId is `article`'s followed by the paragraph and point steps after the
 * first ("art_7__para_2__point_b"): each such id is the parent's id and the child's own number
 * (or ordinal, when unnumbered), as structure.ts writes it. Undefined for other steps.
 */
function childByIds(article: Provision, steps: Step[]): Provision | undefined {
  let p: Provision | undefined = article;
  for (let i = 1; i < steps.length && p; i++) {
    const unit = steps[i].unit;
    if (unit !== 'paragraph' && unit !== 'point') return undefined;
    const want = idNum(unit, steps[i].num);
    const children: Provision[] = p.children;
    p = undefined;
    for (let k = 0; k < children.length; k++) {
      const c = children[k];
      if (c.kind === unit && (c.num ? idNum(unit, c.num) : String(c.ordinal)) === want) {
        p = c;
        break;
      }
    }
  }
  return p;
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

/**
 * The value of `s` from `from` on when it is a number written plainly (digits, no leading
 * zero, at most five: "12", not "012", "8bis" or "1e3"); 0 otherwise.
 */
function plainNumber(s: string, from: number): number {
  const len = s.length - from;
  if (len < 1 || len > 5 || s.charCodeAt(from) === 48) return 0;
  let n = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
    n = n * 10 + (c - 48);
  }
  return n;
}

function plural(word: string): string {
  return word.endsWith('x') ? `${word}es` : `${word}s`;
}

function contains(outer: Provision, inner: Provision): boolean {
  for (let q: Provision | undefined = inner; q; q = q.parent) if (q === outer) return true;
  return false;
}

/**
 * Articles are numbered through their instrument: "article 2 of section 1 of this Annex" is
 * annex_V__art_2. Returns `steps` itself when nothing is dropped (callers never change it).
 */
function normaliseSteps(steps: Step[]): Step[] {
  let art = -1;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i].unit === 'article') {
      art = i;
      break;
    }
  }
  if (art <= 0) return steps;
  const out: Step[] = [];
  for (let i = 0; i < art; i++) if (steps[i].unit === 'annex') out.push(steps[i]);
  for (let i = art; i < steps.length; i++) out.push(steps[i]);
  return out;
}

/** The eId a path spells (its first `count` steps, after normalising). */
function pathId(rawSteps: Step[], count?: number): string {
  const steps = count === undefined ? normaliseSteps(rawSteps) : normaliseSteps(rawSteps.slice(0, count));
  let id = '';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (i) id += '__';
    id += ID_WORD[s.unit] + '_' + idNum(UNIT_KIND[s.unit], s.num);
  }
  return id;
}

/**
 * A reference, with a `problem` field only when there is a problem (a field set to undefined
 * took a slot in each of 20,000 references) and `numbers` only when given (deictic forms have
 * none). Keys in one order, so the references share a few shapes.
 */
function reference(
  c: Citation,
  text: string,
  form: ReferenceForm,
  targets: Target[],
  instrument: InstrumentCitation | null,
  problem: string | undefined,
  relative: boolean,
  numbers: NumberToken[] | undefined,
): Reference {
  const { start, end } = c;
  const resolved = problem === undefined;
  if (numbers === undefined) {
    return resolved
      ? { start, end, text, form, targets, instrument, resolved, relative }
      : { start, end, text, form, targets, instrument, resolved, problem, relative };
  }
  return resolved
    ? { start, end, text, form, targets, instrument, resolved, relative, numbers }
    : { start, end, text, form, targets, instrument, resolved, problem, relative, numbers };
}

/** The targets of a reference that names nothing that exists: one frozen array for all of them. */
const NO_TARGETS: Target[] = Object.freeze([]) as unknown as Target[];

/** "the second paragraph of this Article" writes no number: one frozen array for all of them. */
const NO_NUMBERS: NumberToken[] = Object.freeze([]) as unknown as NumberToken[];

/**
 * The index of `p` in a list of provisions in document order (binary search on the start;
 * a scope may list 5,000 articles, and ranges of articles are a tenth of all citations).
 */
function indexIn(list: Provision[], p: Provision): number {
  let lo = 0;
  let hi = list.length - 1;
  const at = p.start;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = list[mid];
    if (q === p) return mid;
    if (q.start < at) lo = mid + 1;
    else if (q.start > at) hi = mid - 1;
    else break;
  }
  return list.indexOf(p);
}

/** The eId prefix of provisions scoped by `p` ('' for the document). */
function scopePrefix(p: Provision | undefined): string {
  return p && p.kind !== 'document' ? p.eId + '__' : '';
}

/**
 * A list reused from one citation to the next: an array emptied with `length = 0` drops its
 * storage, and 20,000 citations each grew new ones.
 */
class Collector<T> {
  readonly items: T[] = [];
  length = 0;

  push(x: T): void {
    this.items[this.length++] = x;
  }

  clear(): void {
    this.length = 0;
  }

  /** The items, in an array of their exact length. */
  copy(): T[] {
    return this.items.slice(0, this.length);
  }
}

/**
 * The number tokens of one citation, each written number once ("paragraphs 1 and 2 of
 * Article 5" reaches "5" from both items). A list of 10,000 numbers must stay linear: past a
 * handful, the starts seen go into a set.
 */
class TokenCollector extends Collector<NumberToken> {
  private readonly starts = new Set<number>();
  private indexed = 0;

  override clear(): void {
    super.clear();
    if (this.indexed) {
      this.starts.clear();
      this.indexed = 0;
    }
  }

  hasStart(start: number): boolean {
    if (this.length <= 8) {
      for (let i = 0; i < this.length; i++) if (this.items[i].start === start) return true;
      return false;
    }
    while (this.indexed < this.length) this.starts.add(this.items[this.indexed++].start);
    return this.starts.has(start);
  }
}

/**
 * Tokens in text order: usually already so (then nothing is sorted). A few, out of order
 * ("Article 4, paragraph 2" lists the paragraph first), are put in place one by one: the
 * library sort allocated its work arrays for every such reference. Starts are distinct.
 */
function inTextOrder(tokens: NumberToken[]): NumberToken[] {
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i - 1].start > tokens[i].start) {
      if (tokens.length > 16) return tokens.sort((x, y) => x.start - y.start);
      for (let j = i; j < tokens.length; j++) {
        const t = tokens[j];
        let k = j;
        while (k > 0 && tokens[k - 1].start > t.start) {
          tokens[k] = tokens[k - 1];
          k--;
        }
        tokens[k] = t;
      }
      return tokens;
    }
  }
  return tokens;
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

// --- For model/incremental.ts ------------------------------------------------------------

/**
 * What `findReferences` starts from, before any resolution: the citations it would resolve
 * (the document's language forms merged with the English ones, heading numbers skipped) and
 * the spans its "this Statute" pass looks at. An incremental re-parse scans the text around
 * an edit before and after it: when both scans agree, the references there cannot have changed.
 */
export function scanReferenceAnchors(doc: TreatyDocument, catalogue: Catalogue): { citations: Citation[]; selfReferences: Array<{ start: number; end: number }> } {
  const citations = scanCitations(doc, catalogue);
  // A superset of attachmentSelfReferences' matches, anywhere: the same before and after an edit, so are they.
  const selfReferences: Array<{ start: number; end: number }> = [];
  SELF_NAMING_LOOSE.lastIndex = 0;
  for (let m = SELF_NAMING_LOOSE.exec(doc.text); m; m = SELF_NAMING_LOOSE.exec(doc.text)) selfReferences.push({ start: m.index, end: m.index + m[0].length });
  return { citations, selfReferences };
}

/** Every citation in the text, in order, as `findReferences` finds them, none resolved. */
export function scanCitations(doc: TreatyDocument, catalogue: Catalogue): Citation[] {
  const { scanner, skip, local } = scanners(doc, catalogue);
  const citations = scanner.scan(skip);
  return local.length ? mergeCitations(local, citations) : citations;
}

/**
 * The scanners over a document, as `findReferences` and `scanCitations` both use them: the
 * English scanner skipping heading lines, and the citations of the document's own language
 * (languages/*.ts), which come first where there are any.
 */
function scanners(doc: TreatyDocument, catalogue: Catalogue): { scanner: CitationScanner; skip: (offset: number) => boolean; local: Citation[] } {
  const headingLines = headingLineSpans(doc);
  const names = catalogue.allNames();
  return { scanner: new CitationScanner(doc.text, { names }), skip: (offset) => inSpans(headingLines, offset), local: languageCitations(doc, names) };
}

/**
 * Resolves citations (in text order) as `findReferences` does, from a resolver that has seen
 * nothing before them: right only for citations that do not look back at earlier ones
 * ("that article", a continued "and article 17"), which the caller checks.
 */
export function resolveCitations(doc: TreatyDocument, catalogue: Catalogue, citations: readonly Citation[]): Reference[] {
  const resolver = new Resolver(doc, catalogue);
  const out: Reference[] = [];
  for (const c of citations) {
    const r = resolver.resolve(c);
    if (r) out.push(r);
  }
  return out;
}
