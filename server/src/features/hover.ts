// Hover on a reference: what the cited provision says, or why it cannot be shown.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-protocol';
import {
  provisionLabel,
  provisionPath,
  provisionText,
  referenceAt,
  resolveReference,
  type InstrumentLookup,
  type Provision,
  type Reference,
  type ResolvedTarget,
  type Resolution,
  type TreatyDocument,
} from '../model';
import { linesOf, toRange } from './convert';
import { termHover } from './definedTerms';

export interface HoverOptions {
  /** Longest cited text shown, in characters (`pacta.hover.maxLength`). */
  maxLength: number;
  /** Blocks with the cited provision in the other language versions (`pacta.hover.parallel`; features/parallelVersions.ts). */
  parallel?: (doc: TreatyDocument, provision: Provision) => string[];
}

export const DEFAULT_HOVER_OPTIONS: HoverOptions = { maxLength: 1200 };

/** A list or range longer than this is shown in part, so a hover stays readable. */
const MAX_LISTED_TARGETS = 20;
/** How much of each target's first line a list shows. */
const BRIEF_LENGTH = 100;

export function hover(
  doc: TreatyDocument,
  position: Position,
  lookup?: InstrumentLookup,
  options: HoverOptions = DEFAULT_HOVER_OPTIONS,
): Hover | null {
  const lines = linesOf(doc);
  const ref = referenceAt(doc, lines.offsetAt(position));
  // Not on a reference: perhaps on a defined term ("treaty", "the Parties").
  if (!ref) return termHover(doc, position, options.maxLength);
  const resolution = resolveReference(doc, ref, lookup);
  return {
    contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(ref, resolution, options) },
    range: toRange(lines, ref),
  };
}

/** The Markdown for a reference's hover; exported for tests and other renderers. */
export function hoverMarkdown(ref: Reference, resolution: Resolution, options: HoverOptions = DEFAULT_HOVER_OPTIONS): string {
  if (ref.instrument && resolution.instrumentFound === false) {
    const title = ref.instrument.title;
    return [
      `**${escapeMarkdown(ref.text)}**`,
      `The text of the *${escapeMarkdown(title)}* is not available, so this reference cannot be shown.`,
      `To make it resolve, open the text of the ${escapeMarkdown(title)}, add it to a workspace folder, ` +
        'or add the folder that holds it to the `pacta.library` setting. ' +
        'Pacta recognises the file by its title line.',
    ].join('\n\n');
  }

  const found = resolution.targets.filter((t): t is ResolvedTarget & { provision: Provision } => !!t.provision);
  const blocks: string[] = [];
  if (resolution.targets.length === 1 && found.length === 1) {
    blocks.push(...fullTarget(found[0], options.maxLength));
    if (options.parallel) blocks.push(...options.parallel(found[0].doc!, found[0].provision));
  } else if (found.length > 0) {
    blocks.push(...briefTargets(ref, resolution.targets));
  } else {
    blocks.push(`**${escapeMarkdown(ref.text)}**`);
  }
  if (resolution.problem) blocks.push(`Does not resolve: ${escapeMarkdown(resolution.problem)}.`);
  return blocks.join('\n\n');
}

/** Path in bold, then the cited text quoted, cut to `maxLength` with a note. */
function fullTarget(t: ResolvedTarget & { provision: Provision }, maxLength: number): string[] {
  const doc = t.doc!;
  const p = t.provision;
  const heading = p.heading ? ` — ${p.heading}` : '';
  const out = [`**${escapeMarkdown(provisionPath(doc, p) + heading)}**`];
  const body = bodyText(doc, p, maxLength);
  if (body.text) out.push(quote(body.text));
  if (body.cut) out.push(`… (cut: ${body.text.length} of ${body.fullLength} characters shown)`);
  return out;
}

/** A list or range: each target as label + first line. */
function briefTargets(ref: Reference, targets: ResolvedTarget[]): string[] {
  const title = ref.instrument ? ref.instrument.title : undefined;
  const items = targets.slice(0, MAX_LISTED_TARGETS).map((t) => {
    if (!t.provision || !t.doc) return `- \`${t.eId}\` — not found`;
    const first = bodyText(t.doc, t.provision, BRIEF_LENGTH);
    const line = first.text.split('\n')[0] ?? '';
    const more = first.cut || first.text.includes('\n') ? ' …' : '';
    return `- **${escapeMarkdown(provisionLabel(t.provision))}**${line ? ` — ${escapeMarkdown(line)}${more}` : ''}`;
  });
  if (targets.length > MAX_LISTED_TARGETS) items.push(`- … and ${targets.length - MAX_LISTED_TARGETS} more`);
  const header = `**${escapeMarkdown(title ? `${title}: ${ref.text}` : ref.text)}**`;
  return [header, items.join('\n')];
}

/**
 * The provision's text without its number/heading line: the path above already names it.
 * Uses the model's renderer on the span from `bodyStart`, so cutting and whitespace rules stay in one place.
 */
function bodyText(doc: TreatyDocument, p: Provision, maxLength: number) {
  const start = Math.min(Math.max(p.bodyStart, p.start), p.end);
  const body = provisionText(doc, { ...p, start }, maxLength);
  // A provision whose text is all in its label line (rare) still shows something.
  return body.text ? body : provisionText(doc, p, maxLength);
}

function quote(text: string): string {
  // An empty `>` line between lines keeps each paragraph of the treaty on its own line.
  // Escaped whole (its rules are per line), then quoted line by line.
  return '> ' + escapeMarkdown(text).replace(/\n/g, '\n>\n> ');
}

/** Treaty text is not Markdown: keep `*`, `_`, `[1]`, "1." at a line start etc. literal. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c)
    .replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2');
}
