// Akoma Ntoso 3.0 (OASIS LegalDocML) export of a parsed treaty: an <act> with <meta>
// (FRBR identification), <preface> (docTitle), <preamble> (recitals, enacting formula),
// <body> (the hierarchy with the model's eIds), <conclusions> and <attachments> (annexes,
// each a <doc>). Every resolved reference becomes <ref href>, a range <rref from upTo>,
// a list <mref> of <ref>s; references into another instrument get that Work's /akn IRI.
//
// eIds are the model's and unique in the whole file (annex provisions keep their
// `annex_VII__` prefix), so every `#eId` in the output points into the same XML file.
// Pure: no I/O; the caller passes the lookup for other instruments and the date.

import { detectLanguage } from './language';
import { citationWork, workIdentity, type WorkIdentity } from './akomaNtosoIri';
import { resolveReference, type InstrumentLookup } from './resolve';
import type { NumberToken, Provision, ProvisionKind, Reference, Span, TreatyDocument } from './types';
import { firstReferenceFrom, labelStart } from './query';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export interface AknOptions {
  /** Finds the documents of other instruments, to check external targets exist. */
  lookup?: InstrumentLookup;
  /** Date of the export (xsd:date, YYYY-MM-DD): the Manifestation's date. */
  generated: string;
  /** Name for the Work IRI of a document the catalogue does not know (default: from its title). */
  name?: string;
}

export interface AknStats {
  refs: number;
  rrefs: number;
  mrefs: number;
  /** References left as plain text because they do not resolve. */
  unresolved: number;
}

export interface AknResult {
  xml: string;
  stats: AknStats;
}

const ATTACHMENT_KINDS: ReadonlySet<ProvisionKind> = new Set(['annex', 'protocol', 'attachment']);
/** Model kinds that are Akoma Ntoso hierarchical elements of the same name. */
const HIER_KINDS: ReadonlySet<ProvisionKind> = new Set([
  'part',
  'title',
  'chapter',
  'section',
  'subsection',
  'article',
  'paragraph',
  'point',
]);
/** "… Have agreed as follows:" closes a preamble: Akoma Ntoso's enacting formula. */
const ENACTING_FORMULA = /\b(have|hereby)\s+agreed\b|\bagreed\s+as\s+follows\b|\bagree\s+as\s+follows\b/i;

export function toAkomaNtoso(doc: TreatyDocument, options: AknOptions): AknResult {
  return new Writer(doc, options).write();
}

class Writer {
  private readonly out: string[] = [];
  private readonly stats: AknStats = { refs: 0, rrefs: 0, mrefs: 0, unresolved: 0 };
  private readonly usedIds = new Set<string>();
  private readonly work: WorkIdentity;
  private readonly lang;

  constructor(
    private readonly doc: TreatyDocument,
    private readonly options: AknOptions,
  ) {
    const id = workIdentity(doc.instrumentId, options.name ?? doc.title);
    this.work = id;
    this.lang = detectLanguage(doc.text);
  }

  write(): AknResult {
    const { doc } = this;
    this.line(0, '<?xml version="1.0" encoding="UTF-8"?>');
    this.line(0, `<akomaNtoso xmlns="${AKN_NAMESPACE}">`);
    this.line(1, '<act name="treaty" contains="originalVersion">');
    this.meta(2, '!main');
    this.documentParts(2, doc.root, 'act');
    this.line(1, '</act>');
    this.line(0, '</akomaNtoso>');
    return { xml: this.out.join('\n') + '\n', stats: this.stats };
  }

  // --- meta ----------------------------------------------------------------------------------

  private meta(depth: number, component: string): void {
    const w = this.work;
    const date = w.date ?? this.options.generated;
    const dateName = w.date ? 'signature' : 'unknown';
    const expr = `${w.iri}/${this.lang.iso639_2}@`;
    const i = (n: number) => depth + n;
    this.line(depth, '<meta>');
    this.line(i(1), '<identification source="#pacta">');
    this.line(i(2), '<FRBRWork>');
    this.line(i(3), `<FRBRthis value="${attr(`${w.iri}/${component}`)}"/>`);
    this.line(i(3), `<FRBRuri value="${attr(w.iri)}"/>`);
    this.line(i(3), `<FRBRdate date="${date}" name="${dateName}"/>`);
    this.line(i(3), '<FRBRauthor href="#parties"/>');
    this.line(i(3), `<FRBRcountry value="${attr(w.country)}"/>`);
    this.line(i(3), '<FRBRsubtype value="treaty"/>');
    this.line(i(3), `<FRBRname value="${attr(w.name)}"/>`);
    this.line(i(2), '</FRBRWork>');
    this.line(i(2), '<FRBRExpression>');
    this.line(i(3), `<FRBRthis value="${attr(`${expr}/${component}`)}"/>`);
    this.line(i(3), `<FRBRuri value="${attr(expr)}"/>`);
    this.line(i(3), `<FRBRdate date="${date}" name="${dateName}"/>`);
    this.line(i(3), '<FRBRauthor href="#parties"/>');
    this.line(i(3), `<FRBRlanguage language="${this.lang.iso639_2}"/>`);
    this.line(i(2), '</FRBRExpression>');
    this.line(i(2), '<FRBRManifestation>');
    this.line(i(3), `<FRBRthis value="${attr(`${expr}/${component}.xml`)}"/>`);
    this.line(i(3), `<FRBRuri value="${attr(`${expr}.akn`)}"/>`);
    this.line(i(3), `<FRBRdate date="${this.options.generated}" name="generation"/>`);
    this.line(i(3), '<FRBRauthor href="#pacta"/>');
    this.line(i(2), '</FRBRManifestation>');
    this.line(i(1), '</identification>');
    if (component === '!main') {
      // Declared once: eIds are unique across the whole file, annexes included.
      this.line(i(1), '<references source="#pacta">');
      this.line(i(2), `<TLCOrganization eId="${this.eId('pacta')}" href="/ontology/organization/pacta" showAs="Pacta"/>`);
      this.line(i(2), `<TLCOrganization eId="${this.eId('parties')}" href="/ontology/organization/parties" showAs="The Parties"/>`);
      this.line(i(1), '</references>');
    }
    this.line(depth, '</meta>');
  }

  // --- document partition --------------------------------------------------------------------

  /**
   * The parts of a document (the treaty, or an annex as a <doc>): preface, preamble, body
   * (or mainBody), conclusions, attachments. The model keeps them in text order as children
   * of one node; Akoma Ntoso wants them in this fixed order, each at most once.
   */
  private documentParts(depth: number, node: Provision, type: 'act' | 'doc'): void {
    const { text } = this.doc;
    const preamble: Provision[] = [];
    const body: Array<Provision | Span> = [];
    const conclusions: Array<Provision | Span> = [];
    const attachments: Provision[] = [];
    const kids = node.children;
    const ownEnd = kids.length ? kids[0].start : node.end;
    const own: Span = { start: node.bodyStart, end: ownEnd };
    let last: 'preamble' | 'body' | 'conclusions' | 'attachments' | undefined;
    const loose = { preamble: [] as Span[], afterAttachments: [] as Span[] };
    for (let k = 0; k < kids.length; k++) {
      const c = kids[k];
      if (k > 0) {
        // Text between two parts that no provision holds: a cross-heading ("Voting") in
        // a body, or a loose paragraph where the part it follows takes one.
        const gap: Span = { start: kids[k - 1].end, end: c.start };
        if (text.slice(gap.start, gap.end).trim()) {
          if (last === 'body') body.push(gap);
          else if (last === 'conclusions') conclusions.push(gap);
          else if (last === 'preamble') loose.preamble.push(gap);
          else loose.afterAttachments.push(gap);
        }
      }
      if (c.kind === 'preamble') preamble.push(c), (last = 'preamble');
      else if (c.kind === 'conclusions') conclusions.push(c), (last = 'conclusions');
      else if (ATTACHMENT_KINDS.has(c.kind)) attachments.push(c), (last = 'attachments');
      else body.push(c), (last = 'body');
    }
    const tail: Span = { start: kids.length ? kids[kids.length - 1].end : ownEnd, end: node.end };
    if (kids.length && text.slice(tail.start, tail.end).trim()) loose.afterAttachments.push(tail);

    if (type === 'act') this.preface(depth, own);
    for (const p of preamble) this.preamble(depth, p, loose.preamble);
    if (!preamble.length && loose.preamble.length) this.blocksIn(depth, 'preamble', loose.preamble);

    const bodyTag = type === 'act' ? 'body' : 'mainBody';
    this.line(depth, `<${bodyTag}>`);
    // An annex's own text (after its number and heading) opens its main body.
    if (type === 'doc') for (const b of this.blocks(own)) this.line(depth + 1, `<p>${b}</p>`);
    const bodyItems = type === 'doc' ? [...body, ...loose.afterAttachments] : body;
    if (!bodyItems.some((b) => 'kind' in b) && !(type === 'doc' && this.blocks(own).length)) {
      // A body must hold at least one element: a text with no provisions is one container.
      this.line(depth + 1, `<hcontainer name="text" eId="${this.eId('text')}"><content><p/></content></hcontainer>`);
    }
    for (const item of bodyItems) {
      if ('kind' in item) this.provision(depth + 1, item);
      else if (type === 'doc') for (const b of this.blocks(item)) this.line(depth + 1, `<p>${b}</p>`);
      else this.crossHeading(depth + 1, item);
    }
    this.line(depth, `</${bodyTag}>`);

    // In a treaty, text after the last annex has no place of its own: the conclusions keep it.
    if (type === 'act') conclusions.push(...loose.afterAttachments);
    if (conclusions.length) {
      const first = conclusions.find((c): c is Provision => 'kind' in c);
      this.line(depth, `<conclusions${first?.eId ? ` eId="${this.eId(first.eId)}"` : ''}>`);
      for (const c of conclusions) {
        const span = 'kind' in c ? { start: c.bodyStart, end: c.end } : c;
        for (const b of this.blocks(span)) this.line(depth + 1, `<p>${b}</p>`);
      }
      this.line(depth, '</conclusions>');
    }

    if (attachments.length) {
      this.line(depth, '<attachments>');
      for (const a of attachments) this.attachment(depth + 1, a);
      this.line(depth, '</attachments>');
    }
  }

  private preface(depth: number, span: Span): void {
    const blocks = this.splitBlocks(span);
    const title = this.doc.title?.trim();
    if (!blocks.length && !title) return;
    this.line(depth, '<preface>');
    let titled = false;
    for (const b of blocks) {
      const raw = this.doc.text.slice(b.start, b.end).trim();
      const clean = raw.replace(/^#+\s*/, '').replace(/[*_]+/g, '').trim();
      if (!titled && title && clean === title) {
        this.line(depth + 1, `<longTitle><p><docTitle>${esc(title)}</docTitle></p></longTitle>`);
        titled = true;
      } else this.line(depth + 1, `<p>${this.inline(b)}</p>`);
    }
    if (!titled && title) this.line(depth + 1, `<longTitle><p><docTitle>${esc(title)}</docTitle></p></longTitle>`);
    this.line(depth, '</preface>');
  }

  private preamble(depth: number, p: Provision, extra: Span[]): void {
    this.line(depth, `<preamble eId="${this.eId(p.eId)}">`);
    const kids = p.children;
    for (const b of this.blocks({ start: p.bodyStart, end: kids.length ? kids[0].start : p.end })) {
      this.line(depth + 1, `<p>${b}</p>`);
    }
    const recitals = kids.filter((k) => k.kind === 'recital');
    const formula = recitals.length && ENACTING_FORMULA.test(this.doc.text.slice(recitals[recitals.length - 1].start, recitals[recitals.length - 1].end))
      ? recitals[recitals.length - 1]
      : undefined;
    const plain = recitals.filter((r) => r !== formula);
    if (plain.length) {
      this.line(depth + 1, '<recitals>');
      for (const r of plain) {
        this.line(depth + 2, `<recital eId="${this.eId(r.eId)}">`);
        for (const b of this.blocks({ start: r.bodyStart, end: r.end })) this.line(depth + 3, `<p>${b}</p>`);
        this.line(depth + 2, '</recital>');
      }
      this.line(depth + 1, '</recitals>');
    }
    // Children that are not recitals (rare) keep their text as paragraphs.
    for (const k of kids) {
      if (k.kind !== 'recital') for (const b of this.blocks(k)) this.line(depth + 1, `<p>${b}</p>`);
    }
    if (formula) {
      this.line(depth + 1, `<formula name="enactingFormula" eId="${this.eId(formula.eId)}">`);
      for (const b of this.blocks({ start: formula.bodyStart, end: formula.end })) this.line(depth + 2, `<p>${b}</p>`);
      this.line(depth + 1, '</formula>');
    }
    for (const s of extra) for (const b of this.blocks(s)) this.line(depth + 1, `<p>${b}</p>`);
    this.line(depth, '</preamble>');
  }

  private blocksIn(depth: number, tag: string, spans: Span[]): void {
    const blocks = spans.flatMap((s) => this.blocks(s));
    if (!blocks.length) return;
    this.line(depth, `<${tag}>`);
    for (const b of blocks) this.line(depth + 1, `<p>${b}</p>`);
    this.line(depth, `</${tag}>`);
  }

  private attachment(depth: number, a: Provision): void {
    this.line(depth, `<attachment eId="${this.eId(a.eId)}">`);
    this.label(depth + 1, a);
    this.line(depth + 1, `<doc name="${a.kind}">`);
    this.meta(depth + 2, `!${a.eId}`);
    this.documentParts(depth + 2, a, 'doc');
    this.line(depth + 1, '</doc>');
    this.line(depth, '</attachment>');
  }

  // --- hierarchy -------------------------------------------------------------------------------

  private provision(depth: number, p: Provision): void {
    const tag = HIER_KINDS.has(p.kind) ? p.kind : 'hcontainer';
    const name = tag === 'hcontainer' ? ` name="${p.kind}"` : '';
    this.line(depth, `<${tag}${name} eId="${this.eId(p.eId)}">`);
    this.label(depth + 1, p);
    const kids = p.children;
    if (!kids.length) {
      this.content(depth + 1, 'content', { start: p.bodyStart, end: p.end }, true);
    } else {
      this.content(depth + 1, 'intro', { start: p.bodyStart, end: kids[0].start }, false);
      for (let k = 0; k < kids.length; k++) {
        if (k > 0) {
          const gap = { start: kids[k - 1].end, end: kids[k].start };
          this.crossHeading(depth + 1, gap);
        }
        this.provision(depth + 1, kids[k]);
      }
      this.content(depth + 1, 'wrapUp', { start: kids[kids.length - 1].end, end: p.end }, false);
    }
    this.line(depth, `</${tag}>`);
  }

  /** Text between two provisions ("Voting" between Articles 17 and 18 of the Charter). */
  private crossHeading(depth: number, span: Span): void {
    const blocks = this.splitBlocks(span);
    if (!blocks.length) return;
    const whole = { start: blocks[0].start, end: blocks[blocks.length - 1].end };
    this.line(depth, `<crossHeading>${this.inline(whole)}</crossHeading>`);
  }

  /** <num> and <heading> from the provision's label line(s). */
  private label(depth: number, p: Provision): void {
    const raw = this.doc.text.slice(labelStart(p), p.labelEnd);
    let num = raw.trim();
    if (p.heading) {
      const at = raw.lastIndexOf(p.heading);
      if (at >= 0) num = trimSeparators(raw.slice(0, at));
    }
    num = num.replace(/^#+\s*/, '').replace(/\s+/g, ' ');
    if (!num && p.num) num = p.num;
    if (num) this.line(depth, `<num>${esc(num)}</num>`);
    if (p.heading) this.line(depth, `<heading>${esc(p.heading.replace(/\s+/g, ' ').trim())}</heading>`);
  }

  /** A <content>/<intro>/<wrapUp> of blocks; `required` writes an empty <p/> for an empty text. */
  private content(depth: number, tag: string, span: Span, required: boolean): void {
    const blocks = this.blocks(span);
    if (!blocks.length && !required) return;
    if (!blocks.length) blocks.push('');
    this.line(depth, `<${tag}>`);
    for (const b of blocks) this.line(depth + 1, b ? `<p>${b}</p>` : '<p/>');
    this.line(depth, `</${tag}>`);
  }

  // --- text and references ----------------------------------------------------------------------

  /** The span split at blank lines, each piece trimmed. */
  private splitBlocks(span: Span): Span[] {
    const { text } = this.doc;
    const out: Span[] = [];
    const re = /\r?\n[ \t\r]*\n/g;
    re.lastIndex = span.start;
    let start = span.start;
    const push = (s: number, e: number) => {
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e > s) out.push({ start: s, end: e });
    };
    for (let m = re.exec(text); m && m.index < span.end; m = re.exec(text)) {
      push(start, Math.min(m.index, span.end));
      start = m.index + m[0].length;
    }
    if (start < span.end) push(start, span.end);
    return out;
  }

  /** The span's blocks as inline XML (with references). */
  private blocks(span: Span): string[] {
    return this.splitBlocks(span).map((b) => this.inline(b));
  }

  /** Escaped text of a span with every reference fully inside it marked up. */
  private inline(span: Span): string {
    const { text, references } = this.doc;
    let out = '';
    let at = span.start;
    // From the first reference that ends at or after the span's start (one ending at it starts before: skipped below).
    for (let i = firstReferenceFrom(references, span.start, 'end'); i < references.length; i++) {
      const ref = references[i];
      if (ref.start >= span.end) break;
      if (ref.start < at || ref.end > span.end) continue;
      const markup = this.reference(ref);
      if (markup === undefined) continue;
      out += esc(text.slice(at, ref.start)) + markup;
      at = ref.end;
    }
    return out + esc(text.slice(at, span.end));
  }

  /** <ref>, <rref> or <mref> for a resolved reference; undefined leaves it as text. */
  private reference(ref: Reference): string | undefined {
    const res = resolveReference(this.doc, ref, this.options.lookup);
    const external = ref.instrument !== null;
    // External: when the cited text is at hand every target must exist in it; when it is
    // not, the Work's IRI still names the provision, so the reference is kept.
    const ok = external
      ? res.instrumentFound === false || (!res.problem && res.targets.every((t) => t.provision))
      : !res.problem && res.targets.length > 0 && res.targets.every((t) => t.provision);
    if (!ok || !ref.targets.length) {
      this.stats.unresolved++;
      return undefined;
    }
    const href = (eId: string) => (external && ref.instrument ? `${citationWork(ref.instrument).iri}/~${eId}` : `#${eId}`);
    const ids = ref.targets.map((t) => t.eId);
    const body = this.doc.text.slice(ref.start, ref.end);
    if (ids.length === 1) {
      this.stats.refs++;
      return `<ref href="${attr(href(ids[0]))}">${esc(body)}</ref>`;
    }
    const written = (ref.numbers ?? []).length;
    // "Articles 3 to 7" is one run; "Articles 3 to 5 and 7" (also a range to the model) is a
    // list with a run inside; "the foregoing articles" is a run the text names without numbers.
    const isRange = external
      ? ref.form === 'range' && written <= 2
      : this.isRun(ids) && (ref.form === 'range' || (ref.form === 'list' && !written));
    if (isRange) return this.range(ids[0], ids[ids.length - 1], external ? ref : undefined, body);
    return this.list(ref, ids, href);
  }

  private range(from: string, upTo: string, external: Reference | undefined, body: string): string {
    if (external?.instrument) {
      // rref's from/upTo are local eId references; a range in another Work is one IRI
      // with a range portion (AKN-NC: `~art_3->art_7`).
      this.stats.refs++;
      return `<ref href="${attr(`${citationWork(external.instrument).iri}/~${from}->${upTo}`)}">${esc(body)}</ref>`;
    }
    this.stats.rrefs++;
    return `<rref from="#${attr(from)}" upTo="#${attr(upTo)}">${esc(body)}</rref>`;
  }

  /**
   * "Articles 7, 9 and 10" → <mref>Articles <ref>7</ref>, <ref>9</ref> and <ref>10</ref></mref>,
   * from the number tokens that name targets; "Articles 3 to 5 and 7" gets an <rref> for 3–5.
   */
  private list(ref: Reference, ids: string[], href: (eId: string) => string): string {
    const { text } = this.doc;
    const targetIndex = new Map(ids.map((id, i) => [id, i]));
    const tokens = (ref.numbers ?? []).filter((t) => targetIndex.has(t.eId));
    const body = text.slice(ref.start, ref.end);
    if (!tokens.length) {
      // No written number to hang each target on: one <ref> per target would invent text,
      // so the whole citation points at its first target and the list is noted in a title.
      this.stats.refs++;
      return `<ref href="${attr(href(ids[0]))}" title="${attr(ids.map(href).join(' '))}">${esc(body)}</ref>`;
    }
    let out = '';
    let at = ref.start;
    const external = ref.instrument !== null;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      const next: NumberToken | undefined = tokens[k + 1];
      const i = targetIndex.get(t.eId)!;
      const j = next ? targetIndex.get(next.eId)! : -1;
      if (next && j > i + 1 && !external) {
        // Targets between two written numbers were expanded from a range: "3 to 5".
        out += esc(text.slice(at, t.start));
        out += `<rref from="#${attr(t.eId)}" upTo="#${attr(next.eId)}">${esc(text.slice(t.start, next.end))}</rref>`;
        this.stats.rrefs++;
        at = next.end;
        k++;
        continue;
      }
      out += esc(text.slice(at, t.start));
      out += `<ref href="${attr(href(t.eId))}">${esc(text.slice(t.start, t.end))}</ref>`;
      this.stats.refs++;
      at = t.end;
    }
    out += esc(text.slice(at, ref.end));
    this.stats.mrefs++;
    return `<mref>${out}</mref>`;
  }

  /** True when the eIds are consecutive siblings in document order. */
  private isRun(ids: string[]): boolean {
    const ps = ids.map((id) => this.doc.byId.get(id));
    if (ps.some((p) => !p)) return false;
    for (let k = 1; k < ps.length; k++) {
      const prev = ps[k - 1]!;
      const cur = ps[k]!;
      if (cur.parent !== prev.parent) return false;
      const sibs = cur.parent?.children ?? [];
      if (sibs.indexOf(cur) !== sibs.indexOf(prev) + 1) return false;
    }
    return true;
  }

  // --- output helpers ----------------------------------------------------------------------------

  /** The eId to write: the model's, made unique in the file if it is not already. */
  private eId(id: string): string {
    let out = id || 'unnamed';
    for (let n = 2; this.usedIds.has(out); n++) out = `${id}_${n}`;
    this.usedIds.add(out);
    return attr(out);
  }

  private line(depth: number, s: string): void {
    this.out.push('  '.repeat(depth) + s);
  }
}

/** Drops the separators between a number and its heading ("Article 5 — ", "ART. 5:"); a loop, not a regex, so long runs stay linear. */
function trimSeparators(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s\u2014\u2013:.\-]/.test(s[end - 1])) end--;
  return s.slice(0, end).trim();
}

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function esc(s: string): string {
  return s.replace(INVALID_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return esc(s).replace(/"/g, '&quot;').replace(/[\r\n\t]/g, ' ');
}
