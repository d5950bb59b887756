// What `pacta check` finds, independent of how it is printed: one finding per reference
// that does not resolve (an error) or whose instrument's text is not at hand (a note).
import {
  resolveReference,
  type InstrumentLookup,
  type TreatyDocument,
} from '../model';
import { linesOf } from '../features/convert';
import { DEFAULT_DIAGNOSTICS_OPTIONS, findings as editorFindings } from '../features/diagnostics';

export type RuleId = 'unresolved-reference' | 'instrument-text-unavailable' | 'numbering-fault';

export interface Rule {
  id: RuleId;
  /** PascalCase name, as SARIF viewers show it. */
  name: string;
  level: 'error' | 'warning' | 'note';
  short: string;
  full: string;
}

export const RULES: readonly Rule[] = [
  {
    id: 'unresolved-reference',
    name: 'UnresolvedReference',
    level: 'error',
    short: 'A cross-reference points at a provision that does not exist.',
    full:
      'The reference names an article, paragraph, point, chapter, part, section or annex that this text ' +
      '(or the cited instrument\'s text) does not have: a typo, a renumbering that left the reference behind, ' +
      'or a provision that was removed. Correct the number or restore the provision.',
  },
  {
    id: 'instrument-text-unavailable',
    name: 'InstrumentTextUnavailable',
    level: 'note',
    short: 'The cited instrument\'s text is not available, so the reference cannot be checked.',
    full:
      'The reference cites another instrument (for example the Charter of the United Nations) whose text was ' +
      'not among the files checked or in a --library folder. Pass the folder holding that text with --library ' +
      'to check the reference.',
  },
  {
    id: 'numbering-fault',
    name: 'NumberingFault',
    level: 'warning',
    short: 'Provisions are not numbered in sequence: a number is skipped, repeated or out of order.',
    full:
      'Article 5 follows Article 3, two articles are numbered 4, or paragraphs run 1, 2, 4. Often the trace of an ' +
      'inserted or removed provision. A warning: it changes the exit status only with --strict.',
  },
];

export interface Finding {
  rule: RuleId;
  level: 'error' | 'warning' | 'note';
  /** The file as given on the command line or found in a folder. */
  file: string;
  /** 1-based line and UTF-16 column, end exclusive (as SARIF wants). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The reference as written, on one line. */
  reference: string;
  /** Why, in words for a person. */
  message: string;
  /** eIds the reference names (for fingerprints and JSON consumers). */
  targets: string[];
}

export interface CheckedFile {
  file: string;
  doc: TreatyDocument;
  lookup?: InstrumentLookup;
}

export function findProblems(files: readonly CheckedFile[]): Finding[] {
  const out: Finding[] = [];
  for (const { file, doc, lookup } of files) {
    const lines = linesOf(doc);
    for (const ref of doc.references) {
      const res = resolveReference(doc, ref, lookup);
      let rule: RuleId | undefined;
      let message = '';
      if (ref.instrument && res.instrumentFound === false) {
        // Not the author's error: the other instrument's text is simply not at hand.
        rule = 'instrument-text-unavailable';
        message = res.problem ?? 'the cited instrument\'s text is not available';
      } else if (res.problem || res.targets.some((t) => !t.provision)) {
        rule = 'unresolved-reference';
        message = res.problem ?? 'target not found';
      }
      if (!rule) continue;
      const start = lines.positionAt(ref.start);
      const end = lines.positionAt(ref.end);
      out.push({
        rule,
        level: RULES.find((r) => r.id === rule)!.level,
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        reference: oneLine(ref.text),
        message,
        targets: ref.targets.map((t) => t.eId),
      });
    }
    // Numbering faults: warnings, in the same file:line:col form, by the editor's rules.
    const numberingOnly = { levels: { ...DEFAULT_DIAGNOSTICS_OPTIONS.levels, brokenReference: 'off', ambiguousReference: 'off', instrumentNotFound: 'off', brokenExternalReference: 'off' }, ignore: [] } as const;
    for (const { fault } of editorFindings(doc, lookup, numberingOnly)) {
      if (!fault) continue;
      const start = lines.positionAt(fault.span.start);
      const end = lines.positionAt(fault.span.end);
      out.push({
        rule: 'numbering-fault',
        level: 'warning',
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        reference: oneLine(doc.text.slice(fault.span.start, fault.span.end)),
        message: fault.message,
        targets: [fault.provision.eId],
      });
    }
  }
  return out.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
}

export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** `file:line:col: reference: why` — what compilers print, so editors and CI logs link it. */
export function formatText(findings: readonly Finding[]): string[] {
  return findings.map((f) => {
    const where = `${f.file}:${f.line}:${f.column}`;
    if (f.level === 'warning') return `${where}: warning: ${f.message}`;
    return f.level === 'note' ? `${where}: info: ${f.reference}: ${f.message}` : `${where}: ${f.reference}: ${f.message}`;
  });
}

export interface CheckSummary {
  files: string[];
  /** Files that could not be read, with the reason. */
  problems: Array<{ file: string; message: string }>;
  findings: Finding[];
}

export function formatJson(s: CheckSummary): string {
  const errors = s.findings.filter((f) => f.level === 'error').length;
  const warnings = s.findings.filter((f) => f.level === 'warning').length;
  return JSON.stringify(
    {
      files: s.files,
      errors,
      warnings,
      notes: s.findings.length - errors - warnings,
      problems: s.problems,
      findings: s.findings,
    },
    null,
    2,
  );
}
