// SARIF 2.1.0 (OASIS) output of `pacta check`, as GitHub code scanning and other SARIF
// viewers read it: one run, the rules in tool.driver.rules, one result per finding with a
// physical location relative to %SRCROOT% (the folder pacta ran in), columns in UTF-16
// code units (SARIF's default column kind, and the model's).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type CheckSummary, type Finding } from './findings';

export interface SarifOptions {
  version: string;
  /** The folder paths are made relative to (the repository root in CI). */
  root: string;
  informationUri?: string;
}

export function toSarif(summary: CheckSummary, options: SarifOptions): object {
  const rel = (file: string) => relativeUri(file, options.root);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pacta',
            semanticVersion: options.version,
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: r.full },
              defaultConfiguration: { level: r.level },
              properties: { tags: ['treaty', 'cross-reference'] },
            })),
          },
        },
        originalUriBaseIds: {
          SRCROOT: { uri: pathToFileURL(path.resolve(options.root) + path.sep).href },
        },
        artifacts: summary.files.map((f) => ({ location: { uri: rel(f), uriBaseId: 'SRCROOT' } })),
        columnKind: 'utf16CodeUnits',
        results: summary.findings.map((f) => result(f, rel(f.file), summary.files.indexOf(f.file))),
        invocations: [
          {
            executionSuccessful: summary.problems.length === 0,
            toolExecutionNotifications: summary.problems.map((p) => ({
              level: 'error',
              message: { text: `cannot read ${p.file}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: rel(p.file), uriBaseId: 'SRCROOT' } } }],
            })),
          },
        ],
      },
    ],
  };
}

function result(f: Finding, uri: string, artifactIndex: number): object {
  const ruleIndex = RULES.findIndex((r) => r.id === f.rule);
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.level,
    message: { text: `${f.reference}: ${f.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: 'SRCROOT', ...(artifactIndex >= 0 ? { index: artifactIndex } : {}) },
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
            snippet: { text: f.reference },
          },
        },
      },
    ],
    // Stable across unrelated edits above it, so code scanning keeps one alert per fault.
    partialFingerprints: { 'pactaReference/v1': fingerprint(uri, f) },
  };
}

function fingerprint(uri: string, f: Finding): string {
  return createHash('sha256').update(`${uri}\0${f.rule}\0${f.reference}\0${f.targets.join(',')}`).digest('hex').slice(0, 32);
}

/** A relative URI reference (forward slashes, percent-encoded) when inside root, else a file: URI. */
export function relativeUri(file: string, root: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(path.resolve(root), abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(abs).href;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}
