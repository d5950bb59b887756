// Text -> tree of provisions. One pass over the lines: headings open containers and
// articles, list labels open paragraphs and points, everything else is text of the
// innermost open provision.
import type { Provision, ProvisionKind, TreatyDocument } from './types';
import type { Catalogue } from './catalogue';
import {
  ATTACHMENT_HEADING,
  CONCLUSIONS_START,
  type ListLabel,
  type ListStyle,
  isHeadingLike,
  matchHeading,
  matchListLabel,
  NUMERIC_STYLES,
  romanToInt,
} from './headings';
import { isRegexSpace } from './lines';

/** Nesting rank of containers: a heading closes everything of its rank or deeper. */
const RANK: Partial<Record<ProvisionKind, number>> = {
  annex: 0,
  protocol: 0,
  attachment: 0,
  conclusions: 0.5,
  preamble: 0.5,
  part: 1,
  title: 2,
  chapter: 3,
  section: 4,
  subsection: 5,
  article: 6,
};

const ID_WORD: Partial<Record<ProvisionKind, string>> = {
  part: 'part',
  title: 'title',
  chapter: 'chp',
  section: 'sec',
  subsection: 'subsec',
  article: 'art',
  paragraph: 'para',
  point: 'point',
  annex: 'annex',
  protocol: 'protocol',
  recital: 'recital',
};

const ID_PREFIX: Record<ProvisionKind, string> = Object.fromEntries(
  (['document', 'preamble', 'recital', 'part', 'title', 'chapter', 'section', 'subsection', 'article', 'paragraph', 'point', 'annex', 'protocol', 'attachment', 'conclusions'] as ProvisionKind[]).map((k) => [k, (ID_WORD[k] ?? k) + '_']),
) as Record<ProvisionKind, string>;

/**
 * The ordinal of the last child of this kind (0 when none). Ordinals only grow, so the last
 * is the largest; scanning back stops at it (kinds come in runs: 100,000 articles in a row
 * cost one step each).
 */
function lastOrdinal(children: Provision[], kind: ProvisionKind): number {
  for (let i = children.length - 1; i >= 0; i--) if (children[i].kind === kind) return children[i].ordinal;
  return 0;
}

/** The kinds whose heading structure.ts may set: those opened by a heading line. */
const HEADED: ReadonlySet<ProvisionKind> = new Set<ProvisionKind>(['annex', 'protocol', 'attachment', 'part', 'title', 'chapter', 'section', 'subsection', 'article']);

/** Comment lines a file may open with (an illustrative-text note, a language mark). */
const LEADING_COMMENT = /^(?:%|\/\/|<!--|\[)/;

/** Turns a printed number into the eId form: "8 bis" -> "8bis", points lower case. */
export function idNum(kind: ProvisionKind, num: string): string {
  // Most numbers ("12", "VII", "a") have nothing to change: no regex, no copy.
  let plain = true;
  for (let i = 0; i < num.length; i++) {
    const c = num.charCodeAt(i);
    if (c === 46 || c <= 32 || c === 0xa0 || c > 0x7f) {
      plain = false;
      break;
    }
  }
  const n = plain ? num : num.replace(/\s+/g, '').replace(/\./g, '-');
  return kind === 'point' ? n.toLowerCase() : n;
}

export interface StructureOptions {
  /**
   * False: paragraphs, points and recitals get no eId ('') and are not in byId; everything
   * else is as usual. What a workspace summary needs (it lists articles and up), without the
   * ids and map entries of the 80 % of provisions that are paragraphs and points.
   */
  listIds?: boolean;
}

export function parseStructure(text: string, _catalogue?: Catalogue, options: StructureOptions = {}): TreatyDocument {
  const listIds = options.listIds !== false;
  const root: Provision = {
    kind: 'document',
    eId: '',
    ordinal: 1,
    start: 0,
    end: text.length,
    labelEnd: 0,
    labelStart: 0,
    bodyStart: 0,
    children: [],
  };
  const byId = new Map<string, Provision>();
  const doc: TreatyDocument = { text, root, byId, references: [] };

  // Open provisions, outermost first. stack[0] is the root.
  const stack: Provision[] = [root];
  // The open list levels, outermost first: their styles and items (two arrays, no object per item).
  const listStyles: ListStyle[] = [];
  const listNodes: Provision[] = [];
  /** A provision whose heading may be on the next non-blank line. */
  let pendingHeading: Provision | undefined;
  /** The article (or container) whose unnumbered text lines we collect. */
  let textLines: Array<{ start: number; end: number }> = [];
  let sawTitle = false;
  let sawContent = false;
  let preamble: Provision | undefined;

  const top = () => stack[stack.length - 1];

  const closeTo = (depth: number, end: number) => {
    closeLists(0, end);
    while (stack.length > depth) {
      const p = stack.pop()!;
      finish(p, end);
    }
  };

  const finish = (p: Provision, end: number) => {
    p.end = Math.max(p.end, Math.max(p.labelEnd, end));
    if ((p.kind === 'article' || p.kind === 'annex') && !p.children.some((c) => c.kind === 'paragraph' || c.kind === 'point')) {
      addUnnumberedParagraphs(p);
    }
    textLines = [];
  };

  const closeLists = (keep: number, end: number) => {
    while (listNodes.length > keep) {
      const node = listNodes.pop()!;
      listStyles.pop();
      node.end = Math.max(node.end, end);
    }
  };

  const addUnnumberedParagraphs = (p: Provision) => {
    // Unnumbered paragraphs are counted by position ("the second paragraph of Article 51"),
    // but only when there are several: a one-paragraph article is just its text.
    const lines = textLines.filter((l) => l.start >= p.bodyStart);
    if (lines.length < 2) return;
    lines.forEach((l, i) => {
      const para = makeNode('paragraph', p, undefined, l.start, l.end, i + 1);
      para.bodyStart = l.start;
      para.labelEnd = l.start;
    });
  };

  /** Builds the eId prefix for a child of `parent` of the given kind. */
  const prefixFor = (parent: Provision, kind: ProvisionKind): string => {
    // Articles and top containers are unique in their instrument, so they take only the
    // annex/protocol prefix; sections restart per part, paragraphs per article.
    const scoped = kind === 'section' || kind === 'subsection' || kind === 'paragraph' || kind === 'point';
    if (kind === 'recital') return 'preamble__';
    for (let q: Provision | undefined = parent; q && q.kind !== 'document'; q = q.parent) {
      if (scoped) return q.eId + '__';
      if (q.kind === 'annex' || q.kind === 'protocol' || q.kind === 'attachment') return q.eId + '__';
    }
    return '';
  };

  const makeNode = (
    kind: ProvisionKind,
    parent: Provision,
    num: string | undefined,
    start: number,
    labelEnd: number,
    ordinal?: number,
  ): Provision => {
    const ord = ordinal ?? lastOrdinal(parent.children, kind) + 1;
    let eId: string;
    if (!listIds && (kind === 'paragraph' || kind === 'point' || kind === 'recital')) eId = '';
    else if (kind === 'preamble' || kind === 'conclusions') eId = kind;
    else if (kind === 'attachment') eId = num ? `resolution_${num}` : `att_${ord}`;
    else eId = prefixFor(parent, kind) + ID_PREFIX[kind] + (num ? idNum(kind, num) : String(ord));
    // A concatenated eId is a tree of string pieces ("art_21__para_2__point_a": 160 bytes held);
    // trim() hands back the flat string (about 60), which the map then hashes once.
    eId = eId.trim();
    // Most provisions are leaves: they keep the shared empty array, and a parent gets its
    // own at its first child.
    const node: Provision = HEADED.has(kind)
      ? // A slot for the heading set later: added afterwards, it took a 40-byte property
        // array beside each of the 5,800 headed provisions of 5 MB.
        { kind, eId, num, ordinal: ord, start, end: labelEnd, labelEnd, bodyStart: labelEnd, children: NO_CHILDREN, parent, heading: undefined }
      : { kind, eId, num, ordinal: ord, start, end: labelEnd, labelEnd, bodyStart: labelEnd, children: NO_CHILDREN, parent };
    if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);
    if (eId !== '' && byId.get(eId) === undefined) byId.set(eId, node);
    return node;
  };

  /** Opens a container/article at the right depth for its rank. */
  const openRanked = (kind: ProvisionKind, num: string | undefined, start: number, end: number): Provision => {
    const rank = RANK[kind]!;
    let depth = stack.length;
    while (depth > 1) {
      const r = RANK[stack[depth - 1].kind];
      if (r === undefined || r >= rank) depth--;
      else break;
    }
    // Preamble and final clauses are never the parent of a structural heading.
    while (depth > 1 && (stack[depth - 1].kind === 'preamble' || stack[depth - 1].kind === 'conclusions')) depth--;
    if (rank === 0) depth = 1;
    closeTo(depth, lastContentEnd);
    const node = makeNode(kind, top(), num, start, end);
    stack.push(node);
    listStyles.length = 0;
    listNodes.length = 0;
    textLines = [];
    return node;
  };

  let lastContentEnd = 0;
  /** A short text line that may turn out to be a cross-heading, decided by the next line. */
  let crossHeading: { start: number; end: number; endBefore: number } | undefined;
  let pos = 0;
  const n = text.length;
  // Without a CR every line ends at the next LF, which indexOf finds faster than a loop.
  const lfOnly = text.indexOf('\r') < 0;
  while (pos <= n) {
    // Find the line [pos, lineEnd) and the start of the next one.
    let lineEnd = pos;
    if (lfOnly) {
      lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0) lineEnd = n;
    } else {
      while (lineEnd < n) {
        const c = text.charCodeAt(lineEnd);
        if (c === 10 || c === 13) break;
        lineEnd++;
      }
    }
    let next = lineEnd;
    if (next < n) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    else next = n + 1;

    // Trim the line.
    let s = pos;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;

    if (s < e) {
      handleLine(s, e);
      lastContentEnd = e;
    }
    pos = next;
  }
  if (crossHeading) flushCrossHeading();
  closeTo(1, lastContentEnd);
  if (preamble && preamble.end < preamble.labelEnd) preamble.end = preamble.labelEnd;
  compactChildren(root);
  return doc;

  function handleLine(s: number, e: number): void {
    const line = text.slice(s, e);

    if (!sawTitle && !sawContent) {
      if (LEADING_COMMENT.test(line)) return;
      sawContent = true;
      const h = matchHeading(line);
      if (!h && isHeadingLike(stripMd(line)) && !CONCLUSIONS_START.test(line)) {
        sawTitle = true;
        root.heading = stripMd(line);
        root.labelStart = s;
        root.labelEnd = e;
        doc.title = root.heading;
        return;
      }
    }
    sawContent = true;

    const heading = matchHeading(line);
    if (!heading && crossHeading) flushCrossHeading();
    if (heading) {
      pendingHeading = undefined;
      if (crossHeading) {
        // A short line just before a heading is a cross-heading ("Voting", "Composition"):
        // it belongs to neither the article before it nor the one after.
        lastContentEnd = crossHeading.endBefore;
        crossHeading = undefined;
      }
      // "第一条　本条约…。": the label ends where the article's own text starts on the same line.
      const body = heading.bodyStart !== undefined ? s + heading.bodyStart : undefined;
      let labelEnd = body ?? e;
      while (labelEnd > s && isSpace(text.charCodeAt(labelEnd - 1))) labelEnd--;
      const node = openRanked(heading.kind, heading.num, s, labelEnd);
      if (heading.inlineHeading) node.heading = heading.inlineHeading.trim();
      else if (body === undefined) pendingHeading = node;
      if (body !== undefined) {
        node.end = e;
        addText(body, e);
      }
      return;
    }

    // The attachment and final-clause patterns open with '#', "FINAL"/"RESOLUTION" or
    // "IN WITNESS"/"DONE": other lines (most of them) need not run them.
    const first = line.charCodeAt(0);
    const att = first === 35 || first === 70 || first === 82 ? ATTACHMENT_HEADING.exec(line) : null;
    if (att) {
      pendingHeading = undefined;
      const node = openRanked('attachment', att[3], s, e);
      node.heading = stripMd(line);
      return;
    }

    if ((first === 35 || first === 73 || first === 68) && CONCLUSIONS_START.test(line) && !inside('conclusions')) {
      pendingHeading = undefined;
      // Final clauses belong to the instrument they close: the main text or an attachment.
      let depth = stack.length;
      while (depth > 1 && !['annex', 'protocol', 'attachment'].includes(stack[depth - 1].kind)) depth--;
      closeTo(depth, lastContentEnd);
      const node = makeNode('conclusions', top(), undefined, s, s);
      node.bodyStart = s;
      stack.push(node);
      return;
    }

    if (pendingHeading) {
      const p = pendingHeading;
      pendingHeading = undefined;
      if (isHeadingLike(line) && !continuesIntoList(e) && !wrapsOntoNextLine(e)) {
        p.heading = line;
        p.labelEnd = e;
        p.bodyStart = e;
        p.end = e;
        return;
      }
    }

    const holder = top();
    if (holder.kind === 'document' && holder.children.length === 0 && !preamble) {
      // Text before the first heading, after the title: the preamble.
      preamble = makeNode('preamble', root, undefined, s, s);
      preamble.bodyStart = s;
      stack.push(preamble);
    }
    const cur = top();
    if (cur.kind === 'preamble') {
      const recital = makeNode('recital', cur, undefined, s, s);
      recital.end = e;
      recital.bodyStart = s;
      return;
    }
    if (cur.kind === 'conclusions' || cur.kind === 'document') return;

    let label = matchListLabel(line);
    if (!label && /^\d{1,3}$/.test(line) && acceptsLists(cur)) {
      // A number alone on its line ("1", then the text on the next line) numbers a
      // paragraph when it is the next in sequence; otherwise it is just a number.
      const paras = cur.children.filter((c) => c.kind === 'paragraph');
      const last = paras.length ? Number(paras[paras.length - 1].num) : 0;
      if (Number(line) === last + 1 && (listStyles.length === 0 || listStyles[0] === 'num-dot')) {
        label = { style: 'num-dot', num: line, length: line.length };
      }
    }
    if (label && acceptsLists(cur)) {
      openListItem(cur, label, s, e);
      return;
    }
    if (cur.kind === 'article' && isHeadingLike(line) && line.length < 80) {
      crossHeading = { start: s, end: e, endBefore: lastContentEnd };
      return;
    }
    addText(s, e);
  }

  function addText(s: number, e: number): void {
    if (listNodes.length === 0) textLines.push({ start: s, end: e });
    else listNodes[listNodes.length - 1].end = e;
  }

  function flushCrossHeading(): void {
    const c = crossHeading!;
    crossHeading = undefined;
    addText(c.start, c.end);
  }

  /**
   * True when the very next line (no blank line between) carries on this line's sentence
   * in lower case: a hard-wrapped sentence ("A person with full / powers signs."), not a heading.
   */
  function wrapsOntoNextLine(after: number): boolean {
    let i = after;
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    return i < n && /\p{Ll}/u.test(text[i]);
  }

  /** True when the next line is a list item that carries on this line's sentence ("(i) on the territory…"). */
  function continuesIntoList(after: number): boolean {
    let i = after;
    while (i < n && isRegexSpace(text.charCodeAt(i))) i++;
    let j = i;
    while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    const label = matchListLabel(text.slice(i, j));
    if (!label || i + label.length >= j) return false;
    const c = text.charCodeAt(i + label.length);
    return c >= 97 && c <= 122;
  }

  function inside(kind: ProvisionKind): boolean {
    return stack.some((p) => p.kind === kind);
  }

  function acceptsLists(p: Provision): boolean {
    // Lists belong to articles; in a container without articles (an annex of numbered
    // paragraphs) they belong to the container.
    return p.kind === 'article' || p.kind === 'annex' || p.kind === 'attachment' || p.kind === 'protocol';
  }

  /** The list label that opens the next non-blank line after `after`, if any. */
  function nextListLabel(after: number): ListLabel | undefined {
    let i = after;
    while (i < n && isRegexSpace(text.charCodeAt(i))) i++;
    let j = i;
    while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    return matchListLabel(text.slice(i, j));
  }

  function openListItem(holder: Provision, label: ListLabel, s: number, e: number): void {
    let style = label.style;
    let num = label.num;
    if (label.alternative) {
      // "(i)" after "(h)" is a letter; otherwise a roman numeral.
      const letterLevel = levelOf(label.alternative);
      const romanLevel = levelOf(label.style);
      const prevLetter = letterLevel >= 0 ? listNodes[letterLevel].num : undefined;
      const prevRoman = romanLevel >= 0 ? listNodes[romanLevel].num : undefined;
      const followsLetter = prevLetter !== undefined && prevLetter.charCodeAt(0) + 1 === num.charCodeAt(0);
      const followsRoman = prevRoman !== undefined && (romanToInt(prevRoman) ?? 0) + 1 === romanToInt(num);
      if (followsLetter && !followsRoman) {
        // "(i)" after "(h)" is the letter unless the next label is "(ii)": then (h) has sub-items.
        const next = nextListLabel(e);
        style = next && next.style === label.style && next.num === 'ii' ? label.style : label.alternative;
      }
    }
    const at = levelOf(style);
    let parent: Provision;
    if (at >= 0) {
      closeLists(at, lastContentEnd);
      parent = at > 0 ? listNodes[at - 1] : holder;
    } else {
      parent = listNodes.length ? listNodes[listNodes.length - 1] : holder;
    }
    const numeric = NUMERIC_STYLES.has(style);
    const kind: ProvisionKind = parent === holder && numeric ? 'paragraph' : 'point';
    if (kind === 'point' && style.startsWith('num')) num = String(num);
    // makeNode gives the label as [start, labelEnd) and the text after it as bodyStart.
    const node = makeNode(kind, parent, num, s, s + label.length);
    node.end = e;
    listStyles.push(style);
    listNodes.push(node);
  }

  function levelOf(style: ListStyle): number {
    for (let i = 0; i < listStyles.length; i++) if (listStyles[i] === style) return i;
    return -1;
  }
}

/** The children of every leaf: one frozen array (a push throws instead of corrupting them all). */
const NO_CHILDREN: Provision[] = Object.freeze([]) as unknown as Provision[];

/**
 * Arrays grown by push keep room for 16 more; a 5 MB treaty has 30,000 provisions. Each
 * children array is copied to its exact length once the tree is built, and leaves share one.
 */
function compactChildren(root: Provision): void {
  const stack: Provision[] = [root];
  while (stack.length) {
    const p = stack.pop()!;
    const kids = p.children;
    if (kids.length === 0) {
      if (p !== root) p.children = NO_CHILDREN;
      continue;
    }
    p.children = kids.slice();
    for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
  }
}

function stripMd(line: string): string {
  return line.replace(/^#{1,6}[ \t]+/, '').trim();
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0xfeff || c === 0x3000 || c === 0x200b;
}
