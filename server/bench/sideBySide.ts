// Side by side, in one process: Pacta and vscode-markdown-languageservice on the same
// synthetic treaty (treaty text / its Markdown twin). Each operation is the first request
// after an edit: one character typed in the middle of the document, then the request, so
// both engines parse afresh (Pacta: parseTreaty; Markdown: markdown-it + its caches, which
// the edit invalidates). Then the heap each holds for the 5 MB document.
import type { Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTreaty, type TreatyDocument } from '../src/model';
import { definition } from '../src/features/definition';
import { diagnostics } from '../src/features/diagnostics';
import { documentSymbols, outline } from '../src/features/documentSymbols';
import { DEFAULT_SETTINGS } from '../src/workspace/settings';
import { incrementalStats, reparseTreaty, resetIncrementalStats } from '../src/model/incremental';
import { references } from '../src/features/references';
import { linesOf } from '../src/features/convert';
import { createMdHarness, MD_LINK_DIAGNOSTICS, NO_CANCEL, type MdHarness } from './markdownService';
import { modelHeapPerChar } from './heap';
import { generateTreaty, type SyntheticTreaty } from './synthetic';
import { heapUsed, mb, medianSample, ratio, section, size, table, timeAsync, timeSync, wallCpu, type Sample } from './util';

const URI_TEXT = 'file:///bench/treaty.treaty';

export interface SideBySideOptions {
  sizes: number[];
  /** Timed runs per operation and size (after one untimed warm-up run). */
  runs: (chars: number) => number;
  /** Size whose heap is measured (the largest by default). */
  heapSize?: number;
}

type Op = 'outline' | 'definition' | 'references' | 'diagnostics';
const OPS: Op[] = ['outline', 'definition', 'references', 'diagnostics'];

interface OpResult {
  pacta: Sample;
  /** As the server runs it: the model re-parsed from the previous version's, the outline within its budget. */
  server: Sample;
  md: Sample;
  /** What each returned, so the reader sees they did comparable work. */
  pactaCount: number;
  serverCount: number;
  mdCount: number;
}

/** What every run asks about, the same on both sides: the middle reference, the middle article's heading. */
function positions(t: SyntheticTreaty): { def: number; heading: number } {
  return { def: Math.floor(t.refOffsets.length / 2), heading: Math.floor(t.articleOffsets.length / 2) };
}

function pactaOp(op: Op, text: string, t: SyntheticTreaty, idx: { def: number; heading: number }, doc = parseTreaty(text), asServer = false): number {
  const lines = linesOf(doc);
  // Offsets after the edit point move by one; both positions chosen lie before or after it consistently.
  const shift = (o: number) => (o >= t.editOffset ? o + 1 : o);
  switch (op) {
    case 'outline':
      return countSymbols(asServer ? outline(doc, { maxSymbols: DEFAULT_SETTINGS.outlineMaxSymbols }).symbols : documentSymbols(doc));
    case 'definition':
      return definition(doc, URI_TEXT, lines.positionAt(shift(t.refOffsets[idx.def]) + 1))?.length ?? 0;
    case 'references':
      return references(doc, URI_TEXT, lines.positionAt(shift(t.articleOffsets[idx.heading]) + 2), [{ uri: URI_TEXT, doc }], true)?.length ?? 0;
    case 'diagnostics':
      return diagnostics(doc, URI_TEXT).length;
  }
}

async function mdOp(op: Op, h: MdHarness, t: SyntheticTreaty, idx: { def: number; heading: number }): Promise<number> {
  const doc = [...(await h.workspace.getAllMarkdownDocuments())][0];
  const shift = (o: number) => (o >= t.mdEditOffset ? o + 1 : o);
  const at = (o: number): Position => doc.positionAt(shift(o));
  switch (op) {
    case 'outline':
      return countSymbols(await h.service.getDocumentSymbols(doc, {}, NO_CANCEL));
    case 'definition': {
      const d = await h.service.getDefinition(doc, at(t.mdHrefOffsets[idx.def] + 1), NO_CANCEL);
      return d ? (Array.isArray(d) ? d.length : 1) : 0;
    }
    case 'references':
      return (await h.service.getReferences(doc, at(t.mdArticleOffsets[idx.heading] + 4), { includeDeclaration: true }, NO_CANCEL)).length;
    case 'diagnostics':
      return (await h.service.computeDiagnostics(doc, MD_LINK_DIAGNOSTICS, NO_CANCEL)).length;
  }
}

function countSymbols(symbols: Array<{ children?: unknown[] }>): number {
  let n = 0;
  const visit = (xs: Array<{ children?: unknown[] }>) => {
    for (const s of xs) {
      n++;
      if (s.children) visit(s.children as Array<{ children?: unknown[] }>);
    }
  };
  visit(symbols);
  return n;
}

/** How the server-side column re-parsed, per size (the initial parse not counted). */
const serverPaths: string[] = [];

async function runSize(chars: number, runs: number): Promise<Map<Op, OpResult>> {
  const t = generateTreaty({ targetChars: chars, seed: 42 });
  const h = await createMdHarness();
  const mdDoc = h.workspace.add('treaty.md', t.markdown);
  const idx = positions(t);
  const out = new Map<Op, OpResult>();
  let keystroke = 0;
  // The server's side: the model of the previous version, re-parsed after each keystroke.
  let held = parseTreaty(t.text.slice(0, t.editOffset) + 'w' + t.text.slice(t.editOffset));
  resetIncrementalStats();
  for (const op of OPS) {
    const pacta: Sample[] = [];
    const server: Sample[] = [];
    const md: Sample[] = [];
    let pactaCount = 0;
    let serverCount = 0;
    let mdCount = 0;
    for (let i = 0; i <= runs; i++) {
      // Pacta: the edited text, parsed afresh, then the request.
      const ch = 'xyzw'[keystroke++ % 4];
      const edited = t.text.slice(0, t.editOffset) + ch + t.text.slice(t.editOffset);
      const p = timeSync(() => pactaOp(op, edited, t, idx));
      // The same keystroke as the server takes it: the typed character replaces the last one.
      const change = { start: t.editOffset, oldEnd: t.editOffset + 1, newEnd: t.editOffset + 1 };
      const sv = timeSync(() => {
        held = reparseTreaty(held, edited, {}, change);
        return pactaOp(op, edited, t, idx, held, true);
      });
      // Markdown: the same keystroke (a new version invalidates its caches), then the request.
      typeMd(h, mdDoc, t, ch);
      const m = await timeAsync(() => mdOp(op, h, t, idx));
      if (i === 0) continue; // warm-up
      pacta.push(p.sample);
      server.push(sv.sample);
      md.push(m.sample);
      pactaCount = p.result;
      serverCount = sv.result;
      mdCount = m.result;
    }
    out.set(op, { pacta: medianSample(pacta), server: medianSample(server), md: medianSample(md), pactaCount, serverCount, mdCount });
  }
  h.service.dispose();
  serverPaths.push(`${size(chars)}: ${incrementalStats.fast} incremental, ${incrementalStats.full} full`);
  return out;
}

/**
 * The Markdown twin of Pacta's edited text: the generated Markdown plus one typed character.
 * The first keystroke inserts it, later ones replace it: one change, one new version each.
 */
function typeMd(h: MdHarness, doc: TextDocument, t: SyntheticTreaty, ch: string): void {
  const typed = doc.getText().length !== t.markdown.length;
  h.workspace.edit(doc, t.mdEditOffset, t.mdEditOffset + (typed ? 1 : 0), ch);
}

/** Heap held beyond the text: Pacta's model (with its line index) vs the Markdown service's caches. */
async function heapFor(chars: number): Promise<{ chars: number; mdChars: number; pacta: number; md: number }> {
  const t = generateTreaty({ targetChars: chars, seed: 42 });
  const text = t.text;
  const markdown = t.markdown;
  const pacta = modelHeapPerChar(text, 1) * text.length;

  // WeakRefs (the incremental model's link to its predecessor) keep their targets until the
  // current job ends: let it end, so the baseline does not count a model about to be freed.
  await new Promise((r) => setTimeout(r, 0));
  const beforeMd = heapUsed();
  let h: MdHarness | undefined = await createMdHarness();
  h.workspace.add('treaty.md', markdown);
  const idx = positions(t);
  for (const op of OPS) await mdOp(op, h, t, idx);
  const md = heapUsed() - beforeMd;
  h.service.dispose();
  h = undefined;
  return { chars: text.length, mdChars: markdown.length, pacta, md };
}

export async function runSideBySide(opts: SideBySideOptions): Promise<void> {
  section('Side by side: Pacta vs vscode-markdown-languageservice 0.5.0 (first request after an edit)');
  console.log('Same synthetic treaty (seed 42) as treaty text and as Markdown (a `##` heading per article, a link per');
  console.log('reference). Each figure: one character typed in the middle, then the request; median wall time (and');
  console.log('median CPU time of this process) over the runs. Markdown: markdown-it tokens cached per version, as in VS Code.');
  console.log('');
  const rows: Array<Array<string | number>> = [];
  const counts: Array<Array<string | number>> = [];
  for (const chars of opts.sizes) {
    const runs = opts.runs(chars);
    const res = await runSize(chars, runs);
    for (const op of OPS) {
      const r = res.get(op)!;
      rows.push([size(chars), op, runs, wallCpu(r.pacta), wallCpu(r.server), wallCpu(r.md), ratio(r.md.wall, r.pacta.wall), ratio(r.md.cpu, r.pacta.cpu), ratio(r.md.cpu, r.server.cpu)]);
      counts.push([size(chars), op, r.pactaCount, r.serverCount, r.mdCount]);
    }
  }
  console.log(table(['size', 'operation', 'runs', 'Pacta, fresh parse', 'Pacta as the server runs it', 'Markdown', 'Markdown / Pacta fresh (wall)', '(cpu)', 'Markdown / Pacta server (cpu)'], rows, 2));
  console.log('');
  console.log('"Pacta as the server runs it": the model re-parsed from the previous version\'s (model/incremental.ts),');
  console.log(`and the outline within pacta.outline.maxSymbols (${DEFAULT_SETTINGS.outlineMaxSymbols}). Re-parses: ${serverPaths.join('; ')}.`);
  console.log('');
  console.log('What each answered (outline: symbols; definition: locations; references: locations incl. the declaration;');
  console.log('diagnostics: Pacta all findings, Markdown link diagnostics):');
  console.log('');
  console.log(table(['size', 'operation', 'Pacta, fresh parse', 'Pacta as the server runs it', 'Markdown'], counts, 2));

  const heapSize = opts.heapSize ?? Math.max(...opts.sizes);
  const hp = await heapFor(heapSize);
  console.log('');
  console.log(
    table(
      ['heap beyond the text', 'text', 'heap', 'bytes per character'],
      [
        ['Pacta model + line index', size(hp.chars), mb(hp.pacta), (hp.pacta / hp.chars).toFixed(2)],
        ['Markdown service after outline, definition, references, diagnostics', size(hp.mdChars), mb(hp.md), (hp.md / hp.mdChars).toFixed(2)],
      ],
    ),
  );
}
