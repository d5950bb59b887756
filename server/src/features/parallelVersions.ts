// Parallel language versions in the editor: code lenses that open the other version at the
// same article, the cursor's provision in the other versions, diagnostics where the versions'
// structure differs, and the cited clause in the other languages for hovers.
import {
  DiagnosticSeverity,
  type CodeLens,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol';
import { labelSpan, provisionAt, provisionLabel, provisionPath, walk, type Provision, type TreatyDocument } from '../model';
import { counterpart, type Alignment, type MissingArticles } from '../model/alignment';
import { languageName } from '../model/parallel';
import { provisionBody } from '../model/compare';
import { escapeMarkdown } from './hover';
import { linesOf, toRange } from './convert';

/** Another version of the document, with its alignment (this document on the left). */
export interface VersionView {
  uri: string;
  doc: TreatyDocument;
  source: 'setting' | 'note' | 'proposed';
  language?: string;
  reason?: string;
  alignment: Alignment;
}

/** Client-side commands the lenses run (the VS Code extension registers them). */
export const OPEN_PARALLEL_COMMAND = 'pacta.openParallel';
export const LINK_PARALLEL_COMMAND = 'pacta.linkParallel';

export interface ParallelLensOptions {
  /** The command that opens a `ParallelTarget`: the client's, or the server's for other clients. None: no lenses. */
  openCommand?: string;
  /** The command that links a proposed version (writes the note); none: no proposal lens. */
  linkCommand?: string;
}

/** Where to open another version: the argument of `pacta.openParallel`. */
export interface ParallelTarget {
  uri: string;
  /** The counterpart's number/heading line: where the cursor lands. */
  range: Range;
  /** The whole counterpart provision. */
  fullRange: Range;
  language?: string;
  /** "Korean", or undefined when the language is not known. */
  languageName?: string;
  /** "Article 4(1)" in the other version. */
  label: string;
  /** False when the provision itself is missing there and this is the nearest enclosing one. */
  exact: boolean;
  source: VersionView['source'];
}

/** "the Korean version (vclt_ko.txt)" or "the other version (vclt_ko.txt)". */
export function versionName(v: Pick<VersionView, 'uri' | 'language'>, withFile = true): string {
  const name = languageName(v.language);
  const file = withFile ? ` (${fileName(v.uri)})` : '';
  return `the ${name ? `${name} ` : 'other '}version${file}`;
}

/** The URI without its query and fragment (indexOf, not a regex: linear on any input). */
function withoutQuery(uri: string): string {
  const cut = [uri.indexOf('?'), uri.indexOf('#')].filter((i) => i >= 0);
  return cut.length ? uri.slice(0, Math.min(...cut)) : uri;
}

export function fileName(uri: string): string {
  const path = withoutQuery(uri);
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function target(v: VersionView, p: Provision, exact: boolean): ParallelTarget {
  const lines = linesOf(v.doc);
  return {
    uri: v.uri,
    range: toRange(lines, labelSpan(p)),
    fullRange: toRange(lines, p),
    language: v.language,
    languageName: languageName(v.language),
    label: provisionLabel(p),
    exact,
    source: v.source,
  };
}

/** The provision at `position` in each other version (or its nearest enclosing one there). */
export function parallelTargets(doc: TreatyDocument, position: Position, versions: readonly VersionView[]): ParallelTarget[] {
  const at = provisionAt(doc, linesOf(doc).offsetAt(position));
  // Outside every provision (the title line): the other version's document as a whole.
  const p = at.kind === 'document' ? undefined : at;
  const out: ParallelTarget[] = [];
  for (const v of versions) {
    const found = p ? counterpart(v.alignment, p, 'left') : undefined;
    if (found) out.push(target(v, found.provision, found.exact));
    else out.push({ ...target(v, v.doc.root, false), label: 'Document' });
  }
  return out;
}

/**
 * "Open the Korean text of this article" on every article the other version has, one lens per
 * version; and, for a proposed version, a lens on the title that links the two.
 */
export function parallelCodeLenses(doc: TreatyDocument, uri: string, versions: readonly VersionView[], options: ParallelLensOptions): CodeLens[] {
  const lines = linesOf(doc);
  const lenses: CodeLens[] = [];
  // Two versions in one language (or of unknown language) are told apart by file name.
  const named = new Map<string, number>();
  for (const v of versions) named.set(languageName(v.language) ?? '', (named.get(languageName(v.language) ?? '') ?? 0) + 1);
  for (const v of versions) {
    if (v.source !== 'proposed' || !options.linkCommand) continue;
    const title = labelSpan(doc.root);
    const at = toRange(lines, title.end > title.start ? title : { start: 0, end: 0 });
    lenses.push({
      range: at,
      command: {
        title: `Pacta proposes ${fileName(v.uri)} as ${versionName(v, false)} of this text — link them`,
        command: options.linkCommand,
        arguments: [{ uri, other: v.uri, note: noteLine(uri, v.uri), reason: v.reason }],
      },
    });
  }
  for (const p of walk(doc.root)) {
    if (p.kind !== 'article' || !options.openCommand) continue;
    for (const v of versions) {
      const found = counterpart(v.alignment, p, 'left');
      if (!found?.exact) continue;
      const name = languageName(v.language);
      const ambiguous = (named.get(name ?? '') ?? 0) > 1;
      const title = name ? `Open the ${name} text of this article` : 'Open the other version of this article';
      lenses.push({
        range: toRange(lines, labelSpan(p)),
        command: {
          title: ambiguous ? `${title} (${fileName(v.uri)})` : title,
          command: options.openCommand,
          arguments: [target(v, found.provision, true)],
        },
      });
    }
  }
  return lenses;
}

/** The path of `to` relative to the folder of `from`, for a `pacta: parallel=` note. */
function relative(from: string, to: string): string {
  try {
    const a = new URL(from);
    const b = new URL(to);
    if (a.protocol !== b.protocol || a.host !== b.host) return to;
    const fromParts = a.pathname.split('/').slice(0, -1);
    const toParts = b.pathname.split('/');
    let i = 0;
    while (i < fromParts.length && i < toParts.length - 1 && fromParts[i] === toParts[i]) i++;
    return [...fromParts.slice(i).map(() => '..'), ...toParts.slice(i)].map((s) => decodeURIComponent(s)).join('/');
  } catch {
    return to;
  }
}

/** The note line that links `uri` to `other`: `% pacta: parallel=…`, or an HTML comment in Markdown. */
export function noteLine(uri: string, other: string): string {
  const path = relative(uri, other);
  return /\.md$/i.test(withoutQuery(uri)) ? `<!-- pacta: parallel=${path} -->` : `% pacta: parallel=${path}`;
}

// --- diagnostics ---------------------------------------------------------------------------

/** "Articles 15–63", "Article 7", "Annex VII, Articles 3–5". */
export function runLabel(run: readonly Provision[]): string {
  const first = provisionLabel(run[0]);
  if (run.length === 1) return first;
  const last = run[run.length - 1];
  const m = /^(.*)\bArticle (\S+)$/.exec(first);
  return m && last.num ? `${m[1]}Articles ${m[2]}–${last.num}` : `${first} to ${provisionLabel(last)}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Information where this text's structure differs from another version's. */
export function parallelDiagnostics(doc: TreatyDocument, versions: readonly VersionView[]): Diagnostic[] {
  const lines = linesOf(doc);
  const out: Diagnostic[] = [];
  for (const v of versions) {
    if (v.source === 'proposed') continue; // not linked yet: the lens proposes it
    const otherLines = linesOf(v.doc);
    const related = (p: Provision, message: string) => [{ location: { uri: v.uri, range: toRange(otherLines, labelSpan(p)) }, message }];
    for (const d of v.alignment.differences) {
      if (d.kind === 'missing') out.push(missingDiagnostic(d, v, lines, otherLines));
      else {
        const unit = d.unit === 'paragraph' ? 'paragraph' : 'point';
        out.push({
          range: toRange(lines, labelSpan(d.left)),
          severity: DiagnosticSeverity.Information,
          source: 'pacta',
          code: 'parallel-structure',
          message: `${provisionLabel(d.left)} has ${plural(d.leftCount, unit)} here and ${d.rightCount} in ${versionName(v)}.`,
          relatedInformation: related(d.right, `${provisionLabel(d.right)} in ${versionName(v, false)}`),
        });
      }
    }
  }
  return out;
}

function missingDiagnostic(d: MissingArticles, v: VersionView, lines: ReturnType<typeof linesOf>, otherLines: ReturnType<typeof linesOf>): Diagnostic {
  const label = runLabel(d.provisions);
  const many = d.provisions.length > 1;
  if (d.lacking === 'right') {
    return {
      range: toRange(lines, labelSpan(d.provisions[0])),
      severity: DiagnosticSeverity.Information,
      source: 'pacta',
      code: 'parallel-missing',
      message: `${label} ${many ? 'are' : 'is'} not in ${versionName(v)}.`,
    };
  }
  return {
    range: toRange(lines, d.at),
    severity: DiagnosticSeverity.Information,
    source: 'pacta',
    code: 'parallel-missing',
    message: `${label} of ${versionName(v)} ${many ? 'are' : 'is'} not in this text.`,
    relatedInformation: [{ location: { uri: v.uri, range: toRange(otherLines, labelSpan(d.provisions[0])) }, message: `${label} in ${versionName(v, false)}` }],
  };
}

// --- hover -------------------------------------------------------------------------------

/**
 * Hover blocks with a cited provision in the other versions: the version's language and the
 * provision's path in bold, then its words quoted, cut to `maxLength`.
 */
export function parallelHoverBlocks(p: Provision, versions: readonly VersionView[], maxLength: number): string[] {
  const blocks: string[] = [];
  for (const v of versions) {
    if (v.source === 'proposed') continue;
    const found = counterpart(v.alignment, p, 'left');
    if (!found) continue;
    const q = found.provision;
    const name = languageName(v.language) ?? fileName(v.uri);
    const heading = q.heading ? ` — ${q.heading}` : '';
    const note = found.exact ? '' : ` (${provisionLabel(p)} is not in this version)`;
    blocks.push(`**${escapeMarkdown(`${name}: ${provisionPath(v.doc, q)}${heading}`)}**${escapeMarkdown(note)}`);
    let body = provisionBody(v.doc, q);
    if (body.length > maxLength) {
      const cut = body.lastIndexOf(' ', maxLength);
      body = body.slice(0, cut > maxLength * 0.6 ? cut : maxLength).trimEnd() + ' …';
    }
    if (body) blocks.push(body.split('\n').map((l) => `> ${escapeMarkdown(l)}`).join('\n>\n'));
  }
  return blocks;
}
