// An open document as the server holds it: LSP's TextDocument over chunked text.
//
// vscode-languageserver-textdocument keeps one string and reads it right after joining the
// text around each edit, which copies the whole text on every keystroke (15–20 ms at 5 MB on
// this VM, see model/text.ts). Here an edit replaces one chunk and shifts the line starts;
// the model re-parses from the chunks, and the text is joined only for whoever asks for it all.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { ChunkedText, LineIndex, lineIndexAfterEdit } from './model';
import { composeChanges, type TextChange } from './model/incremental';

export class OpenTextDocument implements TextDocument {
  private content: ChunkedText;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.content = ChunkedText.of(text);
    this.content.lines = new LineIndex(text);
  }

  /** The line starts of this version, which the text carries (the features read them there too). */
  private get lines(): LineIndex {
    return this.content.lines!;
  }

  /** This version's text; it never changes (the next edit makes a new one). */
  get text(): ChunkedText {
    return this.content;
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.content.toString();
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    return this.content.slice(Math.min(start, end), Math.max(start, end));
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  /** As LSP says: a character past the line's end means the line's end, before its line break. */
  offsetAt(position: Position): number {
    // A position that is not a number (null from a client's JSON) reads as 0, never as NaN: a
    // NaN offset would make an edit land nowhere in particular.
    const line = Number.isFinite(position.line) ? Math.floor(position.line) : 0;
    const character = Number.isFinite(position.character) ? Math.max(0, Math.floor(position.character)) : 0;
    if (line < 0) return 0;
    if (line >= this.lines.lineCount) return this.content.length;
    const start = this.lines.offsetAt({ line, character: 0 });
    return Math.min(start + character, this.contentEnd(line));
  }

  /** The line without its line break (past the last line: the last line; before the first: empty at 0:0). */
  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const l = Math.min(line, this.lines.lineCount - 1);
    const start = this.lines.offsetAt({ line: l, character: 0 });
    return { start: { line: l, character: 0 }, end: { line: l, character: this.contentEnd(l) - start } };
  }

  /** The line's break ("\n", "\r\n", "\r"; "" for the last line or a line out of range). */
  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.lineCount) return '';
    return this.content.slice(this.contentEnd(line), this.lineEnd(line));
  }

  /** Where line `line` ends, its break included. */
  private lineEnd(line: number): number {
    return line + 1 < this.lines.lineCount ? this.lines.offsetAt({ line: line + 1, character: 0 }) : this.content.length;
  }

  /** Where line `line`'s content ends, before its break. */
  private contentEnd(line: number): number {
    const start = this.lines.offsetAt({ line, character: 0 });
    let end = this.lineEnd(line);
    while (end > start && isLineBreak(this.content.charCodeAt(end - 1))) end--;
    return end;
  }

  /**
   * Applies the changes in order (each change's range is in the text the previous ones left)
   * and returns where the text changed, or undefined when a change replaced it all.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): TextChange | undefined {
    let span: TextChange | undefined;
    let whole = false;
    for (const c of changes) {
      if ('range' in c) {
        // A range given backwards still names the same span.
        const a = this.offsetAt(c.range.start);
        const b = this.offsetAt(c.range.end);
        const one = { start: Math.min(a, b), oldEnd: Math.max(a, b), newEnd: Math.min(a, b) + c.text.length };
        const before = this.lines;
        this.content = this.content.edit(one.start, one.oldEnd, c.text);
        this.content.lines = lineIndexAfterEdit(before, one, this.content);
        span = span ? composeChanges(span, one) : one;
      } else {
        this.content = ChunkedText.of(c.text);
        this.content.lines = new LineIndex(c.text);
        whole = true;
      }
    }
    this.version = version;
    return whole ? undefined : span;
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}
