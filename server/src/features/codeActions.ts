// Quick fixes for Pacta's diagnostics: point a broken reference at a candidate (only the
// number characters change), and — when the client has the command — add the reference
// to `pacta.diagnostics.ignore`. Findings are computed afresh from the document rather
// than read back from the diagnostics a client returns, which not every client keeps.
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import type { InstrumentLookup, TreatyDocument } from '../model';
import { linesOf, toRange } from './convert';
import { diagnosticFor, findings, type DiagnosticsOptions, type Finding } from './diagnostics';

export interface CodeActionOptions {
  diagnostics: DiagnosticsOptions;
  /** The client command that adds a string to `pacta.diagnostics.ignore` (VS Code: `pacta.ignoreDiagnostic`). */
  ignoreCommand?: string;
  /**
   * The server command that renumbers articles or paragraphs sequentially and updates every
   * reference (`pacta.server.renumberSequentially`), offered on numbering faults.
   */
  renumberCommand?: string;
  /** `context.only` from the request: kinds the client wants. */
  only?: readonly string[];
}

export function codeActions(doc: TreatyDocument, uri: string, range: Range, lookup: InstrumentLookup | undefined, options: CodeActionOptions): CodeAction[] {
  if (options.only && !options.only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(k + '.') || k === '')) return [];
  const lines = linesOf(doc);
  const from = lines.offsetAt(range.start);
  const to = lines.offsetAt(range.end);
  const out: CodeAction[] = [];
  // Only the findings under the range are worded: a document may have hundreds of thousands.
  // (Ends inclusive: a cursor just after "Article 25" still gets its fixes.)
  for (const f of findings(doc, lookup, options.diagnostics, { start: from, end: to })) {
    const diagnostic = diagnosticFor(doc, uri, f, options.diagnostics);
    for (const fix of f.fixes) {
      const edits: TextEdit[] = fix.edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText }));
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: { changes: { [uri]: edits } } });
    }
    const fault = f.fault;
    if (fault && options.renumberCommand && (fault.provision.kind === 'article' || fault.provision.kind === 'paragraph')) {
      const kind = fault.provision.kind;
      const title = kind === 'article' ? 'Renumber the articles sequentially (and every reference to them)' : 'Renumber these paragraphs sequentially (and every reference to them)';
      out.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: options.renumberCommand, arguments: [{ uri, position: lines.positionAt(fault.span.start), kind }] },
      });
    }
    if (options.ignoreCommand) {
      out.push({
        title: ignoreTitle(f),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: ignoreTitle(f), command: options.ignoreCommand, arguments: [f.ignoreKey] },
      });
    }
  }
  return out;
}

function ignoreTitle(f: Finding): string {
  if (f.kind === 'instrumentNotFound') return `Don't report references to the ${f.ignoreKey} (add to pacta.diagnostics.ignore)`;
  return `Don't report “${f.ignoreKey}” (add to pacta.diagnostics.ignore)`;
}
