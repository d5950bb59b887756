// Exercises every request a server advertises in its `initialize` capabilities on one open
// document, shape-checks each answer, and collects every WorkspaceEdit the server proposes
// (rename, code actions, commands through workspace/applyEdit). A capability this file does
// not know is reported as not exercised, so the tests grow with the server when someone
// adds a case here.
import { ResponseError, type Diagnostic, type Position, type ServerCapabilities, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { LspClient } from './lsp';
import { ShapeChecker, TextBounds } from './lspShapes';

/** Capabilities that are not requests (or not about one document) and need no exercise. */
const NOT_REQUESTS = new Set(['textDocumentSync', 'workspace', 'positionEncoding', 'experimental', 'notebookDocumentSync']);

/** Error codes a server may answer with on purpose: a refusal with a reason (rename onto an existing number). */
const REFUSALS = new Set([-32803 /* RequestFailed */, -32602 /* InvalidParams */, -32600 /* InvalidRequest */, -32801 /* ContentModified */]);

export interface ExerciseTarget {
  uri: string;
  text: string;
  version: number;
  /** Positions to ask at (hover, definition, rename, …). */
  positions: Position[];
  /** The latest diagnostics published for the document (the context of code actions). */
  diagnostics: Diagnostic[];
}

export interface ProposedEdit {
  source: string;
  edit: WorkspaceEdit;
}

export interface ExerciseResult {
  problems: string[];
  requests: number;
  /** Capabilities the server advertises that were exercised / that this helper does not know. */
  exercised: Set<string>;
  unknown: Set<string>;
  edits: ProposedEdit[];
  /** The slowest request of each method, in wall-clock ms. */
  slowest: Map<string, { ms: number; params: string }>;
}

type Ask = (method: string, params: unknown, check: (answer: unknown, c: ShapeChecker) => void, opts?: { refusals?: boolean }) => Promise<unknown>;

/** Names for rename that a user may type: numbers, and things that are not. */
const NEW_NAMES = ['7', '12 bis', 'IV', 'b', '', 'Article 9', '\u0000', '99999999999999999999'];

export interface ExerciseOptions {
  /** Per request; a request that takes longer counts as a hang (default 15 s, as in lsp.ts). */
  timeoutMs?: number;
  /** Also call every advertised command with missing and junk arguments (once per session is enough). */
  junkCommands?: boolean;
}

export async function exerciseAll(
  client: LspClient,
  caps: ServerCapabilities,
  target: ExerciseTarget,
  pending: { applyEdits: WorkspaceEdit[] },
  options: ExerciseOptions = {},
): Promise<ExerciseResult> {
  const result: ExerciseResult = { problems: [], requests: 0, exercised: new Set(), unknown: new Set(), edits: [], slowest: new Map() };
  const bounds = new TextBounds(target.uri, target.text);
  const textDocument = { uri: target.uri };
  const wholeDoc = { start: { line: 0, character: 0 }, end: { line: bounds.lengths.length - 1, character: bounds.lengths[bounds.lengths.length - 1] } };

  const ask: Ask = async (method, params, check, opts = {}) => {
    result.requests++;
    let answer: unknown;
    const started = Date.now();
    try {
      answer = await withTimeout(client.connection.sendRequest(method, params), options.timeoutMs ?? 15_000, method);
      const ms = Date.now() - started;
      if (process.env.PACTA_FUZZ_TRACE) console.log(`# ${method} ${ms} ms ${JSON.stringify(params).slice(0, 100)}`);
      if (ms > (result.slowest.get(method)?.ms ?? -1)) result.slowest.set(method, { ms, params: JSON.stringify(params).slice(0, 160) });
    } catch (err) {
      if (err instanceof ResponseError && opts.refusals && REFUSALS.has(err.code) && err.message.trim()) return undefined;
      result.problems.push(`${method}: ${err instanceof ResponseError ? `error ${err.code} ${err.message}` : String(err)} — params ${JSON.stringify(params).slice(0, 200)}`);
      return undefined;
    }
    if (answer === null || answer === undefined) return answer;
    const c = new ShapeChecker(bounds);
    check(answer, c);
    result.problems.push(...c.problems.map((p) => `${method} ${JSON.stringify(params).slice(0, 120)}: ${p}`));
    return answer;
  };
  const list = (each: (x: unknown, p: string, c: ShapeChecker) => void) => (a: unknown, c: ShapeChecker) => c.array(a, 'result', (x, p) => each(x, p, c));
  const has = (key: keyof ServerCapabilities) => caps[key] !== undefined && caps[key] !== null && caps[key] !== false;
  const mark = (key: string) => result.exercised.add(key);

  for (const key of Object.keys(caps)) {
    if (NOT_REQUESTS.has(key) || !has(key as keyof ServerCapabilities)) continue;
    switch (key) {
      case 'hoverProvider':
        for (const position of target.positions) {
          await ask('textDocument/hover', { textDocument, position }, (a, c) => {
            const h = a as { contents?: unknown; range?: unknown };
            if (h.contents === undefined) c.markup(undefined, 'result.contents');
            else c.markup(h.contents, 'result.contents');
            if (h.range !== undefined) c.range(h.range, 'result.range');
          });
        }
        break;
      case 'definitionProvider':
      case 'declarationProvider':
      case 'typeDefinitionProvider':
      case 'implementationProvider': {
        const method = `textDocument/${key.replace('Provider', '')}`;
        for (const position of target.positions) {
          await ask(method, { textDocument, position }, (a, c) => {
            if (Array.isArray(a)) a.forEach((x, i) => ('targetUri' in (x as object) ? c.locationLink(x, `result[${i}]`) : c.location(x, `result[${i}]`)));
            else c.location(a, 'result');
          });
        }
        break;
      }
      case 'referencesProvider':
        for (const position of target.positions) {
          await ask('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }, list((x, p, c) => c.location(x, p)));
        }
        break;
      case 'documentHighlightProvider':
        for (const position of target.positions) {
          await ask('textDocument/documentHighlight', { textDocument, position }, list((x, p, c) => c.range((x as { range?: unknown }).range, `${p}.range`)));
        }
        break;
      case 'documentSymbolProvider':
        await ask('textDocument/documentSymbol', { textDocument }, list((x, p, c) => c.documentSymbol(x, p)));
        break;
      case 'foldingRangeProvider':
        await ask('textDocument/foldingRange', { textDocument }, list((x, p, c) => {
          const f = x as { startLine?: unknown; endLine?: unknown };
          c.position({ line: f.startLine, character: 0 }, `${p}.startLine`, true);
          c.position({ line: f.endLine, character: 0 }, `${p}.endLine`, true);
          if (typeof f.startLine === 'number' && typeof f.endLine === 'number' && f.startLine > f.endLine) c.fail(p, 'startLine after endLine', x);
        }));
        break;
      case 'selectionRangeProvider':
        await ask('textDocument/selectionRange', { textDocument, positions: target.positions }, (a, c) => {
          c.array(a, 'result', (x, p) => c.selectionRange(x, p));
          if (Array.isArray(a) && a.length !== target.positions.length) c.fail('result', `${a.length} ranges for ${target.positions.length} positions`, a.length);
        });
        break;
      case 'completionProvider': {
        const resolve = (caps.completionProvider as { resolveProvider?: boolean }).resolveProvider === true;
        for (const position of target.positions) {
          const a = (await ask('textDocument/completion', { textDocument, position, context: { triggerKind: 1 } }, (x, c) => {
            const items = Array.isArray(x) ? x : (x as { items?: unknown }).items;
            c.array(items, 'result.items', (i, p) => c.completionItem(i, p));
          })) as unknown;
          const items = Array.isArray(a) ? a : ((a as { items?: unknown[] } | null | undefined)?.items ?? []);
          if (resolve) for (const item of items.slice(0, 3)) await ask('completionItem/resolve', item, (x, c) => c.completionItem(x, 'result'));
        }
        break;
      }
      case 'inlayHintProvider':
        await ask('textDocument/inlayHint', { textDocument, range: wholeDoc }, list((x, p, c) => c.inlayHint(x, p)));
        break;
      case 'semanticTokensProvider': {
        const st = caps.semanticTokensProvider!;
        const legend = st.legend.tokenTypes.length;
        if (st.full) {
          const full = (await ask('textDocument/semanticTokens/full', { textDocument }, (a, c) => c.semanticTokens(a, 'result', legend))) as { resultId?: string } | undefined;
          if (typeof st.full === 'object' && st.full.delta && full?.resultId) {
            await ask('textDocument/semanticTokens/full/delta', { textDocument, previousResultId: full.resultId }, (a, c) => {
              if (!('edits' in (a as object))) c.semanticTokens(a, 'result', legend);
            });
          }
        }
        if (st.range) await ask('textDocument/semanticTokens/range', { textDocument, range: wholeDoc }, (a, c) => c.semanticTokens(a, 'result', legend));
        break;
      }
      case 'codeLensProvider': {
        const lenses = (await ask('textDocument/codeLens', { textDocument }, list((x, p, c) => {
          const l = x as { range?: unknown; command?: unknown };
          c.range(l.range, `${p}.range`);
          if (l.command !== undefined) c.command(l.command, `${p}.command`);
        }))) as Array<{ command?: { command: string; arguments?: unknown[] } }> | undefined;
        await runCommands(lenses?.map((l) => l.command) ?? [], 'codeLens');
        break;
      }
      case 'codeActionProvider': {
        const ranges = [wholeDoc, ...target.positions.map((p) => ({ start: p, end: p })), ...target.diagnostics.slice(0, 5).map((d) => d.range)];
        for (const range of ranges) {
          const diagnostics = target.diagnostics.filter((d) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line);
          const actions = (await ask('textDocument/codeAction', { textDocument, range, context: { diagnostics } }, list((x, p, c) => {
            const act = x as { title?: unknown; command?: unknown; edit?: unknown; diagnostics?: unknown };
            if (typeof act.command === 'string') return c.command(x, p); // a bare Command
            c.string(act.title, `${p}.title`);
            if (act.edit !== undefined) c.workspaceEdit(act.edit, `${p}.edit`);
            if (act.command !== undefined) c.command(act.command, `${p}.command`);
            if (act.diagnostics !== undefined) c.array(act.diagnostics, `${p}.diagnostics`, (d, q) => c.diagnostic(d, q));
          }))) as Array<{ title: string; edit?: WorkspaceEdit; command?: unknown }> | undefined;
          for (const act of actions ?? []) {
            if (act.edit) result.edits.push({ source: `codeAction "${act.title}"`, edit: act.edit });
          }
          await runCommands((actions ?? []).map((a) => (typeof a.command === 'string' ? (a as unknown as { command: string; arguments?: unknown[] }) : (a.command as { command: string; arguments?: unknown[] } | undefined))), 'codeAction');
        }
        break;
      }
      case 'renameProvider': {
        const prepare = typeof caps.renameProvider === 'object' && caps.renameProvider.prepareProvider === true;
        for (const [i, position] of target.positions.entries()) {
          if (prepare) {
            await ask('textDocument/prepareRename', { textDocument, position }, (a, c) => {
              const r = a as { range?: unknown; placeholder?: unknown; defaultBehavior?: unknown };
              if (r.defaultBehavior !== undefined) return;
              if (r.range !== undefined) {
                c.range(r.range, 'result.range');
                c.string(r.placeholder, 'result.placeholder');
              } else c.range(a, 'result');
            }, { refusals: true });
          }
          const newName = NEW_NAMES[i % NEW_NAMES.length];
          const edit = (await ask('textDocument/rename', { textDocument, position, newName }, (a, c) => c.workspaceEdit(a, 'result'), { refusals: true })) as WorkspaceEdit | null | undefined;
          if (edit) result.edits.push({ source: `rename to ${JSON.stringify(newName)}`, edit });
        }
        break;
      }
      case 'workspaceSymbolProvider':
        for (const query of ['', 'Article 1', 'art', '(', '\ud800']) {
          await ask('workspace/symbol', { query }, list((x, p, c) => c.workspaceSymbol(x, p)));
        }
        break;
      case 'diagnosticProvider':
        await ask('textDocument/diagnostic', { textDocument }, (a, c) => {
          const r = a as { kind?: unknown; items?: unknown };
          if (r.kind === 'full') c.array(r.items, 'result.items', (d, p) => c.diagnostic(d, p));
          else if (r.kind !== 'unchanged') c.fail('result.kind', 'neither "full" nor "unchanged"', r.kind);
        });
        break;
      case 'documentLinkProvider':
        await ask('textDocument/documentLink', { textDocument }, list((x, p, c) => c.range((x as { range?: unknown }).range, `${p}.range`)));
        break;
      case 'executeCommandProvider': {
        // Every advertised command with missing or junk arguments: a clear refusal or null, never a crash.
        for (const command of options.junkCommands === false ? [] : (caps.executeCommandProvider?.commands ?? [])) {
          for (const args of [[], [{}], [{ uri: target.uri }], [{ uri: target.uri, position: target.positions[0] }], ['\u0000', 42, null]]) {
            await ask('workspace/executeCommand', { command, arguments: args }, () => undefined, { refusals: true });
          }
        }
        break;
      }
      default:
        result.unknown.add(key);
        continue;
    }
    mark(key);
  }

  /** Runs the server's own commands found in lenses and code actions (client-side commands are skipped). */
  async function runCommands(commands: Array<{ command: string; arguments?: unknown[] } | undefined>, from: string): Promise<void> {
    const serverCommands = new Set(caps.executeCommandProvider?.commands ?? []);
    for (const cmd of commands.slice(0, 4)) {
      if (!cmd || !serverCommands.has(cmd.command)) continue;
      const before = pending.applyEdits.length;
      await ask('workspace/executeCommand', { command: cmd.command, arguments: cmd.arguments ?? [] }, () => undefined, { refusals: true });
      for (const edit of pending.applyEdits.slice(before)) result.edits.push({ source: `${from} command ${cmd.command}`, edit });
    }
  }

  return result;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms (a hang)`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
