// Shape checks for LSP answers: each returns the problems found (empty when the answer is a
// valid instance of what the method may return). Ranges in the document the request was about
// are also checked against its text: a line that does not exist or a column past the end of
// its line is a bug even when the client would clamp it.
import type { Position } from 'vscode-languageserver-protocol';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Line lengths of a text, LSP-style (\n, \r\n and a lone \r end a line). */
export class TextBounds {
  readonly lengths: number[] = [];
  constructor(readonly uri: string, text: string) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.lengths.push(i - start);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.lengths.push(text.length - start);
  }
}

export class ShapeChecker {
  readonly problems: string[] = [];
  constructor(private readonly bounds?: TextBounds) {}

  fail(path: string, what: string, v: unknown): false {
    let shown: string;
    try {
      shown = JSON.stringify(v)?.slice(0, 160) ?? String(v);
    } catch {
      shown = String(v);
    }
    this.problems.push(`${path}: ${what} (got ${shown})`);
    return false;
  }

  position(v: unknown, path: string, inDoc: boolean): v is Position {
    if (!isDict(v) || !isUint(v.line) || !isUint(v.character)) return this.fail(path, 'not a position', v);
    if (inDoc && this.bounds) {
      const len = this.bounds.lengths[v.line];
      if (len === undefined) return this.fail(path, `line ${v.line} does not exist (${this.bounds.lengths.length} lines)`, v);
      if (v.character > len) return this.fail(path, `column ${v.character} past the end of line ${v.line} (length ${len})`, v);
    }
    return true;
  }

  range(v: unknown, path: string, inDoc = true): boolean {
    if (!isDict(v)) return this.fail(path, 'not a range', v);
    const a = this.position(v.start, `${path}.start`, inDoc);
    const b = this.position(v.end, `${path}.end`, inDoc);
    if (!a || !b) return false;
    const s = v.start as Position;
    const e = v.end as Position;
    if (s.line > e.line || (s.line === e.line && s.character > e.character)) return this.fail(path, 'start after end', v);
    return true;
  }

  private inDoc(uri: unknown): boolean {
    return this.bounds !== undefined && uri === this.bounds.uri;
  }

  string(v: unknown, path: string): boolean {
    return typeof v === 'string' || this.fail(path, 'not a string', v);
  }

  optString(v: unknown, path: string): boolean {
    return v === undefined || this.string(v, path);
  }

  array(v: unknown, path: string, each: (x: unknown, p: string) => void): boolean {
    if (!Array.isArray(v)) return this.fail(path, 'not an array', v);
    v.forEach((x, i) => each(x, `${path}[${i}]`));
    return true;
  }

  location(v: unknown, path: string): void {
    if (!isDict(v) || typeof v.uri !== 'string') return void this.fail(path, 'not a location', v);
    this.range(v.range, `${path}.range`, this.inDoc(v.uri));
  }

  locationLink(v: unknown, path: string): void {
    if (!isDict(v) || typeof v.targetUri !== 'string') return void this.fail(path, 'not a location link', v);
    if (v.originSelectionRange !== undefined) this.range(v.originSelectionRange, `${path}.originSelectionRange`);
    this.range(v.targetRange, `${path}.targetRange`, this.inDoc(v.targetUri));
    this.range(v.targetSelectionRange, `${path}.targetSelectionRange`, this.inDoc(v.targetUri));
  }

  markup(v: unknown, path: string): void {
    if (typeof v === 'string') return;
    if (isDict(v) && (v.kind === 'markdown' || v.kind === 'plaintext') && typeof v.value === 'string') return;
    if (isDict(v) && typeof v.language === 'string' && typeof v.value === 'string') return; // MarkedString
    if (Array.isArray(v)) return void v.forEach((x, i) => this.markup(x, `${path}[${i}]`));
    this.fail(path, 'not markup content', v);
  }

  command(v: unknown, path: string): void {
    if (!isDict(v) || typeof v.title !== 'string' || typeof v.command !== 'string') return void this.fail(path, 'not a command', v);
    if (v.arguments !== undefined && !Array.isArray(v.arguments)) this.fail(`${path}.arguments`, 'not an array', v.arguments);
  }

  textEdit(v: unknown, path: string, inDoc: boolean): void {
    if (!isDict(v) || typeof v.newText !== 'string') return void this.fail(path, 'not a text edit', v);
    if (isDict(v.insert) && isDict(v.replace)) {
      this.range(v.insert, `${path}.insert`, inDoc);
      this.range(v.replace, `${path}.replace`, inDoc);
    } else this.range(v.range, `${path}.range`, inDoc);
  }

  workspaceEdit(v: unknown, path: string): void {
    if (!isDict(v)) return void this.fail(path, 'not a workspace edit', v);
    if (v.changes !== undefined) {
      if (!isDict(v.changes)) return void this.fail(`${path}.changes`, 'not an object', v.changes);
      for (const [uri, edits] of Object.entries(v.changes)) this.array(edits, `${path}.changes[${uri}]`, (e, p) => this.textEdit(e, p, this.inDoc(uri)));
    }
    if (v.documentChanges !== undefined) {
      this.array(v.documentChanges, `${path}.documentChanges`, (dc, p) => {
        if (!isDict(dc)) return void this.fail(p, 'not a document change', dc);
        if (typeof dc.kind === 'string') {
          if (!['create', 'rename', 'delete'].includes(dc.kind)) this.fail(p, 'unknown resource operation', dc);
          return;
        }
        const td = dc.textDocument;
        if (!isDict(td) || typeof td.uri !== 'string') return void this.fail(`${p}.textDocument`, 'not a versioned document id', td);
        this.array(dc.edits, `${p}.edits`, (e, q) => this.textEdit(e, q, this.inDoc(td.uri)));
      });
    }
  }

  diagnostic(v: unknown, path: string): void {
    if (!isDict(v) || typeof v.message !== 'string') return void this.fail(path, 'not a diagnostic', v);
    this.range(v.range, `${path}.range`);
    if (v.severity !== undefined && !(isUint(v.severity) && v.severity >= 1 && v.severity <= 4)) this.fail(`${path}.severity`, 'not 1–4', v.severity);
    if (v.relatedInformation !== undefined) this.array(v.relatedInformation, `${path}.relatedInformation`, (r, p) => isDict(r) ? this.location(r.location, `${p}.location`) : this.fail(p, 'not related information', r));
  }

  documentSymbol(v: unknown, path: string, depth = 0): void {
    if (!isDict(v) || typeof v.name !== 'string' || !isUint(v.kind)) return void this.fail(path, 'not a document symbol', v);
    if (v.name.trim() === '') this.fail(`${path}.name`, 'empty (VS Code rejects empty symbol names)', v.name);
    if (v.location !== undefined) return void this.location(v.location, `${path}.location`); // SymbolInformation
    this.range(v.range, `${path}.range`);
    this.range(v.selectionRange, `${path}.selectionRange`);
    if (isDict(v.range) && isDict(v.selectionRange) && !contains(v.range, v.selectionRange)) this.fail(path, 'selectionRange not inside range (VS Code rejects it)', v);
    if (depth > 64) return void this.fail(path, 'nested deeper than 64', v.name);
    if (v.children !== undefined) this.array(v.children, `${path}.children`, (c, p) => this.documentSymbol(c, p, depth + 1));
  }

  workspaceSymbol(v: unknown, path: string): void {
    if (!isDict(v) || typeof v.name !== 'string' || !isUint(v.kind)) return void this.fail(path, 'not a workspace symbol', v);
    if (isDict(v.location) && v.location.range === undefined && typeof v.location.uri === 'string') return;
    this.location(v.location, `${path}.location`);
  }

  completionItem(v: unknown, path: string): void {
    if (!isDict(v) || typeof v.label !== 'string') return void this.fail(path, 'not a completion item', v);
    if (v.textEdit !== undefined) this.textEdit(v.textEdit, `${path}.textEdit`, true);
    if (v.additionalTextEdits !== undefined) this.array(v.additionalTextEdits, `${path}.additionalTextEdits`, (e, p) => this.textEdit(e, p, true));
    if (v.documentation !== undefined) this.markup(v.documentation, `${path}.documentation`);
  }

  inlayHint(v: unknown, path: string): void {
    if (!isDict(v)) return void this.fail(path, 'not an inlay hint', v);
    this.position(v.position, `${path}.position`, true);
    if (typeof v.label !== 'string') this.array(v.label, `${path}.label`, (l, p) => (isDict(l) && typeof l.value === 'string' ? undefined : this.fail(p, 'not a label part', l)));
    if (v.textEdits !== undefined) this.array(v.textEdits, `${path}.textEdits`, (e, p) => this.textEdit(e, p, true));
  }

  selectionRange(v: unknown, path: string, depth = 0): void {
    if (!isDict(v)) return void this.fail(path, 'not a selection range', v);
    this.range(v.range, `${path}.range`);
    if (v.parent !== undefined) {
      if (isDict(v.parent) && isDict(v.parent.range) && isDict(v.range) && !contains(v.parent.range, v.range)) this.fail(path, 'parent does not contain the range', v.range);
      if (depth < 64) this.selectionRange(v.parent, `${path}.parent`, depth + 1);
    }
  }

  semanticTokens(v: unknown, path: string, legendSize: number): void {
    if (!isDict(v) || !Array.isArray(v.data)) return void this.fail(path, 'not semantic tokens', v);
    const d = v.data as unknown[];
    if (d.length % 5 !== 0) this.fail(`${path}.data`, 'length not a multiple of 5', d.length);
    let line = 0;
    let col = 0;
    for (let i = 0; i + 4 < d.length; i += 5) {
      if (![0, 1, 2, 3, 4].every((k) => isUint(d[i + k]))) return void this.fail(`${path}.data[${i}]`, 'not unsigned integers', d.slice(i, i + 5));
      const dl = d[i] as number;
      line += dl;
      col = dl === 0 ? col + (d[i + 1] as number) : (d[i + 1] as number);
      if ((d[i + 3] as number) >= legendSize) this.fail(`${path}.data[${i + 3}]`, `token type outside the legend (${legendSize})`, d[i + 3]);
      if (this.bounds) {
        const len = this.bounds.lengths[line];
        if (len === undefined || col + (d[i + 2] as number) > len) return void this.fail(`${path}.data[${i}]`, `token at ${line}:${col}+${d[i + 2]} outside the text`, d.slice(i, i + 5));
      }
    }
  }
}

function before(a: Dict, b: Dict): boolean {
  return (a.line as number) < (b.line as number) || (a.line === b.line && (a.character as number) <= (b.character as number));
}

/** Whether range `outer` contains range `inner`. */
export function contains(outer: Dict, inner: Dict): boolean {
  const os = outer.start as Dict;
  const oe = outer.end as Dict;
  const is = inner.start as Dict;
  const ie = inner.end as Dict;
  if (!isDict(os) || !isDict(oe) || !isDict(is) || !isDict(ie)) return false;
  return before(os, is) && before(ie, oe);
}
