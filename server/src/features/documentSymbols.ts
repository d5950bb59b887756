// Document outline: the provision tree as hierarchical DocumentSymbols.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { labelSpan, outlineName, provisionLabel, type LineIndex, type Provision, type ProvisionKind, type Span, type TreatyDocument } from '../model';
import { changedLinesSince, modelId } from '../model/incremental';
import { asciiJson } from './asciiJson';
import { containsRange, linesOf, toRange } from './convert';

// Containers read as modules/namespaces, articles as the main "classes", and their
// paragraphs and points as members, so VS Code's outline icons follow the nesting.
const KIND: Record<ProvisionKind, SymbolKind> = {
  document: SymbolKind.File,
  preamble: SymbolKind.Namespace,
  recital: SymbolKind.String,
  part: SymbolKind.Module,
  title: SymbolKind.Module,
  chapter: SymbolKind.Namespace,
  section: SymbolKind.Package,
  subsection: SymbolKind.Package,
  article: SymbolKind.Class,
  paragraph: SymbolKind.Field,
  point: SymbolKind.EnumMember,
  annex: SymbolKind.File,
  protocol: SymbolKind.File,
  attachment: SymbolKind.File,
  conclusions: SymbolKind.Namespace,
};

export function symbolKind(kind: ProvisionKind): SymbolKind {
  return KIND[kind] ?? SymbolKind.Object;
}

export interface OutlineOptions {
  /**
   * The most symbols the outline holds (pacta.outline.maxSymbols). Past it, points and then
   * paragraphs are left out: an outline of 30,000 entries is too slow to build and send after
   * every keystroke, and nobody scrolls it. Articles and the containers above them always stay.
   */
  maxSymbols?: number;
}

export interface Outline {
  symbols: DocumentSymbol[];
  /** The kinds left out to stay within maxSymbols, deepest first; empty when complete. */
  omitted: ProvisionKind[];
  /** How many provisions the full outline would have held. */
  total: number;
}

/** Kinds that may be left out of a long outline, in the order they go. */
const DROPPABLE: ProvisionKind[] = ['point', 'paragraph'];

/** The outline of a document: the root's children and everything below them. */
export function documentSymbols(doc: TreatyDocument, options: OutlineOptions = {}): DocumentSymbol[] {
  return outline(doc, options).symbols;
}

/**
 * The last outline built per provision tree (keyed by the root, which an incremental re-parse
 * keeps along with every provision's number and heading). When the edits since did not change
 * the line count, only the symbols with an end on an edited line are built again; every other
 * symbol's line and character positions are as they were.
 */
interface OutlineMemo {
  id: number;
  maxSymbols: number | undefined;
  lineCount: number;
  outline: Outline;
  symbolOf: Map<Provision, DocumentSymbol>;
}

const outlineMemo = new WeakMap<Provision, OutlineMemo>();

export function outline(doc: TreatyDocument, options: OutlineOptions = {}): Outline {
  const lines = linesOf(doc);
  const memo = outlineMemo.get(doc.root);
  const id = modelId(doc);
  if (memo && memo.maxSymbols === options.maxSymbols && memo.lineCount === lines.lineCount) {
    if (memo.id === id) return memo.outline;
    const dirty = changedLinesSince(doc, memo.id);
    if (dirty) {
      const touches = (span: Span) => span.end >= dirty.start && span.start <= dirty.end;
      const skip = new Set(memo.outline.omitted);
      // Rebuilt where the provision's range or label touches an edited line; the same symbol object elsewhere.
      const again = (p: Provision): DocumentSymbol => {
        const kept = memo.symbolOf.get(p);
        if (kept && !touches(p) && !touches(labelSpan(p))) return kept;
        const children: DocumentSymbol[] = [];
        for (const c of p.children) if (!skip.has(c.kind)) children.push(again(c));
        const symbol = symbolFor(p, lines, children);
        memo.symbolOf.set(p, symbol);
        return symbol;
      };
      const symbols: DocumentSymbol[] = [];
      for (const c of doc.root.children) if (!skip.has(c.kind)) symbols.push(again(c));
      memo.id = id;
      memo.outline = { symbols, omitted: memo.outline.omitted, total: memo.outline.total };
      return memo.outline;
    }
  }

  const counts = countKinds(doc.root);
  let total = 0;
  for (const n of counts.values()) total += n;
  const omitted: ProvisionKind[] = [];
  const max = options.maxSymbols;
  if (max !== undefined && max > 0) {
    let kept = total;
    for (const kind of DROPPABLE) {
      if (kept <= max) break;
      const n = counts.get(kind) ?? 0;
      if (n === 0) continue; // nothing to leave out at this level: do not claim it
      kept -= n;
      omitted.push(kind);
    }
  }
  const skip = new Set(omitted);
  const symbolOf = new Map<Provision, DocumentSymbol>();
  const convert = (p: Provision): DocumentSymbol => {
    const children: DocumentSymbol[] = [];
    for (const c of p.children) if (!skip.has(c.kind)) children.push(convert(c));
    const symbol = symbolFor(p, lines, children);
    symbolOf.set(p, symbol);
    return symbol;
  };
  const symbols: DocumentSymbol[] = [];
  for (const c of doc.root.children) if (!skip.has(c.kind)) symbols.push(convert(c));
  const result = { symbols, omitted, total };
  outlineMemo.set(doc.root, { id, maxSymbols: options.maxSymbols, lineCount: lines.lineCount, outline: result, symbolOf });
  return result;
}

function symbolFor(p: Provision, lines: LineIndex, children: DocumentSymbol[]): DocumentSymbol {
  const range = toRange(lines, p);
  let selectionRange = toRange(lines, labelSpan(p));
  // VS Code rejects the whole outline if one selectionRange is outside its range.
  if (!containsRange(range, selectionRange)) selectionRange = { start: range.start, end: range.start };
  return {
    name: outlineName(p) || provisionLabel(p) || p.kind, // an empty name is an error in VS Code
    kind: symbolKind(p.kind),
    range,
    selectionRange,
    children,
  };
}

function countKinds(root: Provision): Map<ProvisionKind, number> {
  const counts = new Map<ProvisionKind, number>();
  const stack = [...root.children];
  while (stack.length) {
    const p = stack.pop()!;
    counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
    for (const c of p.children) stack.push(c);
  }
  return counts;
}

/**
 * JSON kept per symbol object (the outline never changes a symbol it has built: an edit makes
 * new ones for the edited provisions and those above them), so after a keystroke only those
 * are serialised. A symbol whose children have none (an article, in a long outline) is kept
 * whole; a container above, only up to its children, which are written after it.
 * One copy of the JSON in all, flat and in one byte a character: about 1.2 MB for a 5 MB treaty.
 */
const keptJson = new WeakMap<DocumentSymbol, string>();

/**
 * The outline as JSON, in ASCII pieces given to `emit` in order: what JSON.stringify(symbols)
 * would give, for any JSON reader, without serialising 1.4 MB afresh after every keystroke.
 */
export function writeOutlineJson(symbols: readonly DocumentSymbol[], emit: (ascii: string) => void): void {
  emit('[');
  writeList(symbols, emit);
  emit(']');
}

function writeList(symbols: readonly DocumentSymbol[], emit: (ascii: string) => void): void {
  for (let i = 0; i < symbols.length; i++) {
    if (i > 0) emit(',');
    const symbol = symbols[i];
    const children = symbol.children;
    const whole = !children || children.every((c) => !c.children?.length);
    let json = keptJson.get(symbol);
    if (json === undefined) {
      if (whole) json = asciiJson(symbol);
      else {
        const { children: _, ...rest } = symbol;
        const own = asciiJson(rest);
        json = `${own.slice(0, -1)}${own.length > 2 ? ',' : ''}"children":[`;
      }
      keptJson.set(symbol, json);
    }
    emit(json);
    if (whole) continue;
    writeList(children!, emit);
    emit(']}');
  }
}
