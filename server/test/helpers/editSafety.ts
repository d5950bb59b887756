// Edits never change what the user did not ask to change. A reusable check for any
// WorkspaceEdit the server proposes (rename, quick fixes, commands): apply it with LSP
// semantics, then compare the text outside the edited spans before and after (it must be
// identical), and check what each edit replaced against what the operation may touch.
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../src/model';

export type EditMode =
  /** Renaming or renumbering: every edit replaces the characters of one number token. */
  | 'numbers'
  /** Inserting an article: number tokens, plus insertions that replace nothing. */
  | 'numbersAndInsertions'
  /** Removing an article: number tokens, plus deletions of whole lines. */
  | 'numbersAndLineDeletions'
  /** Quick fixes and anything else: only the generic checks. */
  | 'any';

export interface DocumentText {
  text: string;
  /** The version the server saw; a versioned edit must name it. */
  version?: number;
}

export interface EditReport {
  problems: string[];
  /** The texts after the edit, by URI (only the documents it touched). */
  after: Map<string, string>;
  /** How many text edits the workspace edit held. */
  edits: number;
}

/** A number as treaties write it: 12, 8 bis, 1-bis, 12A, VII, (b) → "b", iv, and circled ① … ⑳ (Korean paragraphs). */
const NUMBER_TOKEN = /^(?:premier|first|\d+(?:[ \t-]?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)|[A-Z])?|[IVXLCDM]{1,9}|[ivxlcdm]{1,9}|[A-Za-z]{1,2}|[\u2460-\u2473])$/;

export function isNumberToken(s: string): boolean {
  return NUMBER_TOKEN.test(s);
}

/** The text edits of a workspace edit, by URI, whichever of `changes` / `documentChanges` it uses. */
export function editsByUri(edit: WorkspaceEdit): Map<string, { edits: TextEdit[]; version?: number | null }> {
  const out = new Map<string, { edits: TextEdit[]; version?: number | null }>();
  const add = (uri: string, edits: TextEdit[], version?: number | null) => {
    const entry = out.get(uri) ?? { edits: [], version };
    entry.edits.push(...edits);
    out.set(uri, entry);
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) add(uri, edits);
  for (const dc of edit.documentChanges ?? []) {
    if ('kind' in dc) continue; // resource operations are reported by checkWorkspaceEdit
    add(dc.textDocument.uri, dc.edits.map((e) => ('range' in e ? e : e)) as TextEdit[], dc.textDocument.version);
  }
  return out;
}

interface Span {
  start: number;
  end: number;
  newText: string;
  index: number;
}

/**
 * Applies `edits` to `text` as an LSP client does: every range refers to the original text,
 * edits at the same position apply in the order given. Returns the problems instead of
 * throwing (overlaps, ranges outside the text or inside a CRLF or a surrogate pair).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): { text: string; spans: Span[]; problems: string[] } {
  const lines = new LineIndex(text);
  const problems: string[] = [];
  const spans: Span[] = edits.map((e, index) => {
    const start = toOffset(text, lines, e.range.start, `edit ${index} start`, problems);
    const end = toOffset(text, lines, e.range.end, `edit ${index} end`, problems);
    if (end < start) problems.push(`edit ${index}: end before start`);
    return { start, end: Math.max(start, end), newText: e.newText, index };
  });
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) problems.push(`edits ${sorted[i - 1].index} and ${sorted[i].index} overlap`);
  }
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlapping: reported above
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, spans: sorted, problems };
}

function toOffset(text: string, lines: LineIndex, p: Range['start'], what: string, problems: string[]): number {
  if (p.line >= lines.lineCount) problems.push(`${what}: line ${p.line} does not exist`);
  const o = lines.offsetAt(p);
  const back = lines.positionAt(o);
  if (back.line !== p.line || back.character !== p.character) problems.push(`${what}: ${p.line}:${p.character} is outside its line`);
  const before = text.charCodeAt(o - 1);
  const here = text.charCodeAt(o);
  if (before === 13 && here === 10) problems.push(`${what}: inside a CRLF line end`);
  if (before >= 0xd800 && before <= 0xdbff && here >= 0xdc00 && here <= 0xdfff) problems.push(`${what}: inside a surrogate pair`);
  return o;
}

/**
 * Checks a proposed WorkspaceEdit against the documents it touches. `texts` holds every
 * document the edit may touch (open documents and workspace files), by URI.
 */
export function checkWorkspaceEdit(edit: WorkspaceEdit, texts: ReadonlyMap<string, DocumentText>, mode: EditMode): EditReport {
  const problems: string[] = [];
  const after = new Map<string, string>();
  let count = 0;
  for (const dc of edit.documentChanges ?? []) {
    if ('kind' in dc) problems.push(`${dc.kind} of a file: an edit of text must not create, rename or delete files`);
  }
  for (const [uri, { edits, version }] of editsByUri(edit)) {
    count += edits.length;
    const doc = texts.get(uri);
    if (!doc) {
      problems.push(`${uri}: edited, but not a document the edit was meant for`);
      continue;
    }
    if (version !== undefined && version !== null && doc.version !== undefined && version !== doc.version) {
      problems.push(`${uri}: edit for version ${version}, the document is at ${doc.version}`);
    }
    const applied = applyTextEdits(doc.text, edits);
    problems.push(...applied.problems.map((p) => `${uri}: ${p}`));
    problems.push(...outsideUnchanged(doc.text, applied.text, applied.spans).map((p) => `${uri}: ${p}`));
    for (const s of applied.spans) {
      const replaced = doc.text.slice(s.start, s.end);
      const what = `${uri}: edit ${s.index} (${JSON.stringify(replaced.slice(0, 40))} → ${JSON.stringify(s.newText.slice(0, 40))})`;
      if (replaced === s.newText) problems.push(`${what} changes nothing`);
      const wider = widerThanNeeded(replaced, s.newText);
      if (wider) problems.push(`${what} rewrites ${JSON.stringify(wider)} unchanged: wider than the change`);
      const allowed =
        (isNumberToken(replaced) && isNumberToken(s.newText)) ||
        mode === 'any' ||
        (mode === 'numbersAndInsertions' && replaced === '') ||
        (mode === 'numbersAndLineDeletions' && s.newText === '' && wholeLines(doc.text, s.start, s.end));
      if (!allowed) problems.push(`${what} is not a number token replaced by a number token`);
    }
    after.set(uri, applied.text);
  }
  return { problems, after, edits: count };
}

/** The text between and around the edited spans is the same before and after, in order. */
export function outsideUnchanged(before: string, after: string, spans: readonly Span[]): string[] {
  let inBefore = 0;
  let inAfter = 0;
  for (const s of spans) {
    if (s.start < inBefore) continue;
    const gap = before.slice(inBefore, s.start);
    if (after.slice(inAfter, inAfter + gap.length) !== gap) return [`text before offset ${s.start} changed`];
    inAfter += gap.length + s.newText.length;
    inBefore = s.end;
  }
  const tail = before.slice(inBefore);
  if (after.slice(inAfter) !== tail) return [`text after the last edit changed`];
  return [];
}

/**
 * The unchanged characters an edit rewrites at its edges, when they go beyond a word
 * ("Article 5" → "Article 6" rewrites "Article "); "15" → "16" is fine.
 */
function widerThanNeeded(a: string, b: string): string | undefined {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const affix = a.slice(0, p) + a.slice(a.length - q);
  return /[^0-9A-Za-z]/.test(affix) && (p > 0 || q > 0) ? affix : undefined;
}

function wholeLines(text: string, start: number, end: number): boolean {
  const startsLine = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  const endsLine = end === text.length || text[end - 1] === '\n' || text[end - 1] === '\r';
  return startsLine && endsLine;
}
