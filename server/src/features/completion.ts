// Completion of provision numbers while a reference is typed: "Article |" offers the
// articles, "article 4, paragraph |" that article's paragraphs, "subparagraph (|" the points
// around the cursor, "Annex |" the annexes, and "Article | of the Charter of the United
// Nations" the articles of the other instrument when its text is available.
//
// Two steps, so the server can fetch the other instrument's document in between:
// `completionContext` reads what is being typed; `completionItems` lists the candidates.
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver-protocol';
import {
  DEFAULT_CATALOGUE,
  provisionAt,
  provisionLabel,
  provisionText,
  textOf,
  type Catalogue,
  type InstrumentCitation,
  type Provision,
  type ProvisionKind,
  type TreatyDocument,
} from '../model';
import { isRegexSpace } from '../model/lines';
import { linesOf, toRange } from './convert';

export type CompletionUnit = 'article' | 'paragraph' | 'point' | 'annex' | 'part' | 'chapter' | 'section';

export interface CompletionContext {
  unit: CompletionUnit;
  /** Where the partly typed number starts (the text replaced) and the cursor. */
  start: number;
  end: number;
  /** Numbers already written in the list being typed ("Articles 3, 5 and |"). */
  listed: string[];
  /** After "to" in a range: only what comes after this number. */
  after?: string;
  /** "Annex VII, article |", "… of Annex VII": the annex whose articles are meant. */
  annex?: string;
  /** "article 4, paragraph |", "paragraph | of Article 52": the article meant (else the one around the cursor). */
  article?: string;
  /** "Article 4(1)(|", "paragraph 2 (|": the paragraph whose points are meant. */
  paragraph?: string;
  /** True when the number is written in parentheses ("Article 4(|", "subparagraph (|"). */
  paren: boolean;
  /** The closing parenthesis to add after the number, when the editor did not auto-close "(". */
  close: string;
  /** "Article | of the Charter of the United Nations": the other instrument. */
  instrument?: InstrumentCitation;
}

const SUFFIX = String.raw`(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies)\b)?`;
const ART_NUM = String.raw`(?:\d{1,4}${SUFFIX}|[IVXLC]{1,8}\b)`;
const SEP = String.raw`(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+)`;
const ARTICLE_WORD = String.raw`(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.)`;
const PARTIAL = String.raw`([0-9A-Za-z]*)$`;
/** "this Article ", "the preceding paragraph ": a word that needs no number after it. */
const NOT_DEICTIC = String.raw`(?<!\b(?:[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Tt]he|[Ee]ach|[Ee]very|[Aa]ny|[Ss]uch|said|same|present|preceding|following|foregoing|next|previous|last|an?|its|their|which)\s+)`;

/** Each row: what the text before the cursor ends with, and what it asks for. */
const PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => Partial<CompletionContext> & { unit: CompletionUnit } }> = [
  // "Article 4(1)(|", "article 4, paragraph 1 (|": the points of that paragraph.
  {
    re: new RegExp(String.raw`${NOT_DEICTIC}\b${ARTICLE_WORD}\s+(${ART_NUM})\s*(?:\((\d{1,3})\)|,?\s+paragraph\s+(\d{1,3}))\s*\(${PARTIAL}`),
    read: (m) => ({ unit: 'point', article: m[1], paragraph: m[2] ?? m[3] }),
  },
  // "paragraph 2 (|": the points of paragraph 2 of the article around.
  { re: new RegExp(String.raw`${NOT_DEICTIC}(?<![Ss]ub-?)\b[Pp]aragraph\s+(\d{1,3})\s*\(${PARTIAL}`), read: (m) => ({ unit: 'point', paragraph: m[1] }) },
  // "subparagraph (|", "subparagraphs (a) and (|", "point (|".
  {
    re: new RegExp(String.raw`${NOT_DEICTIC}\b(?:[Ss]ub-?paragraphs?|[Pp]oints?)\s+((?:\([a-z]{1,5}\)${SEP})*)\(${PARTIAL}`),
    read: (m) => ({ unit: 'point', listed: [...(m[1] ?? '').matchAll(/\(([a-z]+)\)/g)].map((x) => x[1]) }),
  },
  // "Article 4(|": the paragraphs (or points) of Article 4.
  { re: new RegExp(String.raw`${NOT_DEICTIC}\b${ARTICLE_WORD}\s+(${ART_NUM})\s*\(${PARTIAL}`), read: (m) => ({ unit: 'paragraph', article: m[1] }) },
  // "article 4, paragraph |", "Article 4 paragraphs 1 and |".
  {
    re: new RegExp(String.raw`${NOT_DEICTIC}\b${ARTICLE_WORD}\s+(${ART_NUM})\s*,?\s+[Pp]aragraphs?\s+((?:\d{1,3}${SEP})*)${PARTIAL}`),
    read: (m) => ({ unit: 'paragraph', article: m[1], ...list(m[2]) }),
  },
  // "paragraph |", "paragraphs 1 and |": the paragraphs of the article around.
  {
    re: new RegExp(String.raw`${NOT_DEICTIC}(?<![Ss]ub-?)\b[Pp]aragraphs?\s+((?:\d{1,3}${SEP})*)${PARTIAL}`),
    read: (m) => ({ unit: 'paragraph', ...list(m[1]) }),
  },
  // "Annex VII, article |": that annex's articles.
  {
    re: new RegExp(String.raw`\b(?:Annex|ANNEX)\s+([IVXLC]{1,8}|\d{1,3})\s*,\s*${ARTICLE_WORD}\s+((?:${ART_NUM}(?:\s*\(\w+\))*${SEP})*)${PARTIAL}`),
    read: (m) => ({ unit: 'article', annex: m[1], ...list(m[2]) }),
  },
  // "Article |", "Articles 3, |", "Articles 3 to |".
  {
    re: new RegExp(String.raw`${NOT_DEICTIC}\b${ARTICLE_WORD}\s+((?:${ART_NUM}(?:\s*\(\w+\))*${SEP})*)${PARTIAL}`),
    read: (m) => ({ unit: 'article', ...list(m[1]) }),
  },
  { re: new RegExp(String.raw`${NOT_DEICTIC}\b(?:[Aa]nnex(?:es)?|ANNEX(?:ES)?)\s+((?:(?:[IVXLC]{1,8}|\d{1,3})${SEP})*)${PARTIAL}`), read: (m) => ({ unit: 'annex', ...list(m[1]) }) },
  // Parts and Chapters are cited with a capital; "part" and "chapter" are also common words.
  { re: new RegExp(String.raw`${NOT_DEICTIC}\b(?:Parts?|PARTS?)\s+((?:(?:[IVXLC]{1,8}|\d{1,3})${SEP})*)${PARTIAL}`), read: (m) => ({ unit: 'part', ...list(m[1]) }) },
  { re: new RegExp(String.raw`${NOT_DEICTIC}\b(?:Chapters?|CHAPTERS?)\s+((?:(?:[IVXLC]{1,8}|\d{1,3})${SEP})*)${PARTIAL}`), read: (m) => ({ unit: 'chapter', ...list(m[1]) }) },
  { re: new RegExp(String.raw`${NOT_DEICTIC}\b(?:[Ss]ections?|SECTIONS?)\s+((?:\d{1,3}${SEP})*)${PARTIAL}`), read: (m) => ({ unit: 'section', ...list(m[1]) }) },
];

/** A heading being written ("Article |" alone on its line) is not a reference: nothing to offer. */
const HEADING_LINE = /^\s*(?:#{1,6}\s*)?(?:Article|ARTICLE|Art\.|ART\.|Annex|ANNEX|Part|PART|Chapter|CHAPTER|Section|SECTION)\s+[0-9A-Za-z]*$/;

/** What is being typed at `position`, or undefined when it is not a provision number. */
export function completionContext(
  doc: TreatyDocument,
  position: Position,
  catalogue: Catalogue = DEFAULT_CATALOGUE,
): CompletionContext | undefined {
  const lines = linesOf(doc);
  const end = lines.offsetAt(position);
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  const lineEnd = lines.offsetAt({ line: position.line + 1, character: 0 });
  // A short window is enough for any citation and keeps the regexes cheap on long lines.
  // Read in spans: completion comes with typing, and the whole text is chunks then (model/text.ts).
  const text = textOf(doc);
  const before = text.slice(Math.max(lineStart, end - 200), end);
  let afterEnd = Math.min(lineEnd, end + 300);
  while (afterEnd > end && (text.charCodeAt(afterEnd - 1) === 10 || text.charCodeAt(afterEnd - 1) === 13)) afterEnd--;
  const afterText = text.slice(end, afterEnd);
  if (end - lineStart < 40 && HEADING_LINE.test(text.slice(lineStart, end)) && afterText.trim() === '') return undefined;
  for (const { re, read } of PATTERNS) {
    const m = re.exec(before);
    if (!m) continue;
    const partial = m[m.length - 1] ?? '';
    const ctx: CompletionContext = {
      listed: [],
      paren: false,
      close: '',
      ...read(m),
      start: end - partial.length,
      end,
    };
    ctx.paren = /\(\s*$/.test(before.slice(0, before.length - partial.length));
    // The editor usually closes "(" itself; add ")" only when it did not.
    if (ctx.paren) ctx.close = /^[0-9A-Za-z]*\)/.test(afterText) ? '' : ')';
    readWhatFollows(ctx, afterText, catalogue);
    return ctx;
  }
  return undefined;
}

function list(written: string | undefined): { listed: string[]; after?: string } {
  if (!written) return { listed: [] };
  const nums = [...written.matchAll(new RegExp(String.raw`(\d{1,4}${SUFFIX}|[IVXLC]{1,8})\b`, 'g'))].map((m) => m[1]);
  const range = /\bto\s*$/.test(written);
  return { listed: nums, after: range ? nums[nums.length - 1] : undefined };
}

// Sticky pieces of what may follow the cursor, read one after the other (no pattern backtracks).
const REST_OF_NUMBER = /[0-9A-Za-z]*\)?/y;
const CHAIN_LINK = /[ \t,]*(?:\(\w{1,5}\)|(?:sub)?paragraph[ \t]+\d{1,3})/y;
const OF = /[ \t,]*of[ \t]+/y;
const OF_ARTICLE = /(?:[Aa]rticle|Art\.)[ \t]+(\d{1,4}(?:[ \t]?bis|[ \t]?ter)?)\b[ \t,]*(?:of[ \t]+)?/y;
const OF_ANNEX = /(?:Annex|ANNEX)[ \t]+([IVXLC]{1,8}|\d{1,3})\b/y;
const INSTRUMENT_NOUN = /\b(?:Convention|Treaty|Charter|Statute|Protocol|Covenant|Agreement|Declaration|Pact|Accord|Constitution)\b/;

/** "… of Article 52", "… of Annex VII", "… of the Charter of the United Nations" after the cursor. */
function readWhatFollows(ctx: CompletionContext, afterText: string, catalogue: Catalogue): void {
  // Skip the rest of the number being typed, a closing parenthesis and a chain ("(1), paragraph 2,").
  let at = sticky(REST_OF_NUMBER, afterText, 0)?.end ?? 0;
  for (let link = sticky(CHAIN_LINK, afterText, at); link; link = sticky(CHAIN_LINK, afterText, at)) at = link.end;
  const of = sticky(OF, afterText, at);
  if (!of) return;
  at = of.end;
  const article = sticky(OF_ARTICLE, afterText, at);
  if (article && (ctx.unit === 'paragraph' || ctx.unit === 'point') && !ctx.article) {
    ctx.article = article.m[1];
    at = article.end;
  }
  const annex = sticky(OF_ANNEX, afterText, at);
  if (annex) {
    ctx.annex ??= annex.m[1];
    return;
  }
  const rest = afterText.slice(at);
  if (/^(?:this|the[ \t]+present)\b/i.test(rest)) return; // this Convention: the text itself
  const name = rest.startsWith('the ') || rest.startsWith('The ') ? rest.slice(4) : rest;
  const lower = name.toLowerCase();
  for (const known of catalogue.allNames()) {
    const k = known.toLowerCase();
    if (lower.startsWith(k) && !/[\p{L}\p{N}]/u.test(name.charAt(k.length))) {
      const entry = catalogue.identify(known);
      ctx.instrument = { cited: rest.slice(0, rest.length - name.length) + name.slice(0, k.length), title: entry?.title ?? known, id: entry?.id };
      return;
    }
  }
  // An instrument the catalogue does not know, matched by the title of a text in the workspace:
  // the words up to the first punctuation or " and ".
  let title = name;
  const stop = title.search(/[,;.()]/);
  if (stop >= 0) title = title.slice(0, stop);
  const and = title.indexOf(' and ');
  if (and >= 0) title = title.slice(0, and);
  title = title.trim();
  if (title.length >= 3 && title.length <= 200 && INSTRUMENT_NOUN.test(title)) ctx.instrument = { cited: title, title };
}

function sticky(re: RegExp, text: string, at: number): { m: RegExpExecArray; end: number } | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? { m, end: re.lastIndex } : undefined;
}

/**
 * The candidates for a context. `other` is the cited instrument's document when the
 * context names one; when it names one that is not available, nothing is offered.
 */
export function completionItems(doc: TreatyDocument, ctx: CompletionContext, other?: TreatyDocument): CompletionItem[] {
  if (ctx.instrument && !other) return [];
  const target = other ?? doc;
  // Relative forms ("paragraph |") read from where the cursor stands, in this document.
  // The cursor typically sits after a space at the very end of a provision, outside its range:
  // the last character written before it says where we are.
  let anchor = ctx.start;
  const text = textOf(doc);
  while (anchor > 0 && (text.charCodeAt(anchor - 1) === 40 /* ( */ || isRegexSpace(text.charCodeAt(anchor - 1)))) anchor--;
  const here = other ? undefined : provisionAt(doc, Math.max(0, anchor - 1));
  let candidates = candidatesFor(target, ctx, here);
  if (ctx.after !== undefined) {
    const from = candidates.findIndex((p) => p.num === ctx.after);
    if (from >= 0) candidates = candidates.slice(from + 1);
  }
  const listed = new Set(ctx.listed);
  candidates = candidates.filter((p) => p.num !== undefined && !listed.has(p.num));
  const lines = linesOf(doc);
  const range = toRange(lines, { start: ctx.start, end: ctx.end });
  return candidates.map((p, i): CompletionItem => {
    const num = p.num!;
    const first = firstWords(target, p);
    return {
      label: provisionLabel(p),
      labelDetails: other?.title ? { description: other.title } : undefined,
      kind: KIND[p.kind] ?? CompletionItemKind.Reference,
      detail: p.heading,
      documentation: first ? { kind: MarkupKind.PlainText, value: first } : undefined,
      filterText: num,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: num + ctx.close },
    };
  });
}

const KIND: Partial<Record<ProvisionKind, CompletionItemKind>> = {
  article: CompletionItemKind.Class,
  paragraph: CompletionItemKind.Field,
  point: CompletionItemKind.EnumMember,
  annex: CompletionItemKind.File,
  part: CompletionItemKind.Module,
  chapter: CompletionItemKind.Module,
  section: CompletionItemKind.Module,
};

/** Both steps at once, for callers that have the other instrument's document at hand. */
export function completion(
  doc: TreatyDocument,
  position: Position,
  findInstrument?: (c: InstrumentCitation) => TreatyDocument | undefined,
  catalogue: Catalogue = DEFAULT_CATALOGUE,
): CompletionItem[] {
  const ctx = completionContext(doc, position, catalogue);
  if (!ctx) return [];
  return completionItems(doc, ctx, ctx.instrument ? findInstrument?.(ctx.instrument) : undefined);
}

function candidatesFor(doc: TreatyDocument, ctx: CompletionContext, here: Provision | undefined): Provision[] {
  const root = doc.root;
  const annex = ctx.annex !== undefined ? attachments(doc).find((a) => a.num === ctx.annex) : undefined;
  if (ctx.annex !== undefined && !annex) return [];
  const around = here && enclosing(here, (q) => q.kind === 'annex' || q.kind === 'protocol' || q.kind === 'attachment');
  switch (ctx.unit) {
    case 'article': {
      if (annex) return ofKind(annex, 'article');
      // Inside an annex a bare number means the annex's own article first, then the main text's.
      const own = around ? ofKind(around, 'article') : [];
      return [...own, ...ofKind(root, 'article')];
    }
    case 'annex':
      return attachments(doc).filter((a) => a.kind === 'annex');
    case 'part':
      return ofKind(annex ?? root, 'part');
    case 'chapter':
      return ofKind(annex ?? root, 'chapter');
    case 'section': {
      const part = here && enclosing(here, (q) => q.kind === 'part');
      return part ? ofKind(part, 'section') : ofKind(annex ?? around ?? root, 'section');
    }
    case 'paragraph':
    case 'point': {
      const article = ctx.article !== undefined
        ? findArticle(doc, annex ?? around, ctx.article)
        : here && enclosing(here, (q) => q.kind === 'article' || q.kind === 'annex' || q.kind === 'protocol');
      if (!article) return [];
      if (ctx.unit === 'paragraph') {
        const paras = article.children.filter((c) => c.kind === 'paragraph');
        // "Article 2(|" on an article with points only: its points are what "(" starts.
        return paras.length > 0 || !ctx.paren ? paras : article.children.filter((c) => c.kind === 'point');
      }
      if (ctx.paragraph !== undefined) {
        const para = article.children.find((c) => c.kind === 'paragraph' && c.num === ctx.paragraph);
        return para ? para.children.filter((c) => c.kind === 'point') : [];
      }
      // The list the cursor stands in: the nearest provision (up to the article) that has points.
      for (let q: Provision | undefined = ctx.article !== undefined ? article : here; q; q = q.parent) {
        const points = q.children.filter((c) => c.kind === 'point');
        if (points.length > 0) return points;
        if (q === article) break;
      }
      return [];
    }
  }
}

function findArticle(doc: TreatyDocument, scope: Provision | undefined, num: string): Provision | undefined {
  const wanted = num.replace(/\s+/g, ' ');
  const match = (p: Provision) => p.num?.replace(/\s+/g, ' ') === wanted;
  return (scope ? ofKind(scope, 'article').find(match) : undefined) ?? ofKind(doc.root, 'article').find(match);
}

/** Provisions of a kind inside `holder`, in order, without descending into attachments (each numbers its own). */
function ofKind(holder: Provision, kind: ProvisionKind): Provision[] {
  const out: Provision[] = [];
  const visit = (p: Provision): void => {
    for (const c of p.children) {
      if (c.kind === kind) out.push(c);
      else if (c.kind === 'annex' || c.kind === 'protocol' || c.kind === 'attachment') continue;
      else if (c.kind !== 'article' && c.kind !== 'paragraph' && c.kind !== 'point') visit(c);
    }
  };
  visit(holder);
  return out;
}

function attachments(doc: TreatyDocument): Provision[] {
  const out: Provision[] = [];
  const visit = (p: Provision): void => {
    for (const c of p.children) {
      if (c.kind === 'annex' || c.kind === 'protocol' || c.kind === 'attachment') out.push(c);
      else if (c.kind !== 'article' && c.kind !== 'paragraph' && c.kind !== 'point') visit(c);
    }
  };
  visit(doc.root);
  return out;
}

function enclosing(p: Provision, test: (q: Provision) => boolean): Provision | undefined {
  for (let q: Provision | undefined = p; q; q = q.parent) if (test(q)) return q;
  return undefined;
}

/** The first words of a provision's own text, for the completion's documentation. */
function firstWords(doc: TreatyDocument, p: Provision): string {
  const start = Math.min(Math.max(p.bodyStart, p.start), p.end);
  const text = provisionText(doc, { ...p, start }, 160);
  return text.text ? text.text.replace(/\n/g, ' ') + (text.cut ? ' …' : '') : '';
}
