// Completion, inlay hints, workspace symbols, semantic tokens, folding and selection ranges
// through a real LSP connection: the built server over stdio.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
  InlayHint,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { LspClient } from '../helpers/lsp';
import { corpusFile } from '../helpers/paths';
import { lines, positionOf } from '../helpers/text';

const NATO = 'north_atlantic_treaty_1949_en.txt';
const CHARTER = 'un_charter_en.txt';
const VCLT = 'vclt_1969_en.txt';

/** A draft written for this test; "|" marks are removed and returned as positions. */
const DRAFT = lines(
  'Pact of Two Valleys',
  '',
  'Article 1',
  'Definitions',
  '',
  '1. For the purposes of this Pact, “valley” means land between two ridges.',
  '2. The Parties may add valleys by agreement.',
  '',
  'Article 2',
  'Self-defence',
  '',
  'Nothing in this Pact impairs Article 51 of the Charter of the United Nations, nor Article 99.',
  'Each valley is described in Article 1.',
  'Under article 31 of the Vienna Convention on the Law of Treaties this Pact is read in good faith.',
);

let tmp: string;
let client: LspClient;
let init: InitializeResult;
let folder: string;
let draftUri: string;
let draftText: string;

async function open(uri: string, text: string, version = 1): Promise<void> {
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version, text } });
}

async function change(uri: string, text: string, version: number): Promise<void> {
  await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  assert.ok(result, 'expected completion items');
  return Array.isArray(result) ? result : result.items;
}

before(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-lsp-features-'));
  folder = path.join(tmp, 'ws');
  fs.mkdirSync(folder);
  // Copies at test time into a temp folder: the corpus itself stays outside the project.
  for (const f of [NATO, CHARTER, VCLT]) fs.copyFileSync(corpusFile(f), path.join(folder, f));
  draftText = DRAFT;
  const draftPath = path.join(folder, 'pact.treaty');
  fs.writeFileSync(draftPath, draftText);
  const started = await LspClient.start({
    folders: [pathToFileURL(folder).href],
    configuration: { library: [] },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: false } },
        inlayHint: {},
        foldingRange: { lineFoldingOnly: true },
        selectionRange: {},
        semanticTokens: {
          requests: { full: true, range: true },
          tokenTypes: ['variable', 'namespace', 'type'],
          tokenModifiers: ['declaration', 'definition', 'relative', 'unresolved'],
          formats: ['relative'],
        },
      },
    },
  });
  client = started.client;
  init = started.result;
  draftUri = pathToFileURL(draftPath).href;
  await open(draftUri, draftText);
});

after(async () => {
  if (client) client.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('language features over stdio', () => {
  it('announces the capabilities', () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ', '(']);
    assert.ok(caps.inlayHintProvider);
    assert.ok(caps.foldingRangeProvider);
    assert.ok(caps.selectionRangeProvider);
    assert.ok(caps.workspaceSymbolProvider);
    const semantic = caps.semanticTokensProvider;
    assert.ok(semantic && 'legend' in semantic);
    assert.deepEqual(semantic.legend.tokenTypes, ['variable', 'namespace', 'type']);
    assert.deepEqual(semantic.legend.tokenModifiers, ['declaration', 'definition', 'relative', 'unresolved']);
  });

  it('completes "Article " with this text’s articles, and "Article | of the Charter …" with the Charter’s', async () => {
    const typed = draftText + '\nSee Article ';
    await change(draftUri, typed, 2);
    const own = items(
      await client.request('textDocument/completion', {
        textDocument: { uri: draftUri },
        position: positionOf(typed, 'See Article ', 1, 'See Article '.length),
        context: { triggerKind: 2, triggerCharacter: ' ' },
      }),
    );
    assert.deepEqual(own.map((i) => [i.label, i.detail]), [['Article 1', 'Definitions'], ['Article 2', 'Self-defence']]);

    const external = typed + '5 of the Charter of the United Nations.';
    await change(draftUri, external, 3);
    const charter = items(
      await client.request('textDocument/completion', {
        textDocument: { uri: draftUri },
        position: positionOf(external, 'See Article 5', 1, 'See Article 5'.length),
        context: { triggerKind: 1 },
      }),
    );
    assert.equal(charter.length, 111, 'the Charter’s articles, read from the workspace folder');
    const art51 = charter.find((i) => i.label === 'Article 51')!;
    assert.equal((art51.textEdit as TextEdit).newText, '51');
    assert.equal(art51.labelDetails?.description, 'Charter of the United Nations');
    await change(draftUri, draftText, 4);
  });

  it('shows the cited article’s heading as an inlay hint, and stops when pacta.inlayHints.enabled is false', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: draftUri }, range });
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.includes('‹Definitions›'), JSON.stringify(labels));
    assert.ok(labels.includes('‹General rule of interpretation›'), 'article 31 of the VCLT, from the workspace');
    const definitions = hints[labels.indexOf('‹Definitions›')];
    assert.deepEqual(definitions.position, positionOf(draftText, 'described in Article 1', 1, 'described in Article 1'.length));

    client.configuration = { inlayHints: { enabled: false } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await client.request('textDocument/inlayHint', { textDocument: { uri: draftUri }, range }), null);
    client.configuration = { inlayHints: { maxLength: 10 } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const short = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: draftUri }, range });
    assert.ok(short.some((h) => h.label === '‹General…›'), JSON.stringify(short.map((h) => h.label)));
    client.configuration = { library: [] };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  });

  it('finds Charter Article 51 for "Art 51 Charter" in Go to Symbol in Workspace, the Charter only on disk', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Art 51 Charter' });
    assert.ok(symbols.length > 0);
    assert.equal(symbols[0].name, 'Article 51');
    assert.equal(fileURLToPath(symbols[0].location.uri), path.join(folder, CHARTER));
    assert.equal(symbols[0].containerName, 'Charter of the United Nations › Chapter VII › Article 51');
    // VS Code sends only the first word and filters by the rest itself: "Art" must already hold it.
    const art = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Art' });
    assert.ok(art.some((s) => s.name === 'Article 51' && s.containerName?.startsWith('Charter of the United Nations')));
    assert.ok(art.some((s) => s.name === 'Article 2 — Self-defence' && s.location.uri === draftUri), 'the open draft too');
  });

  it('classifies references and defined terms with semantic tokens', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: draftUri } });
    const legend = (init.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[]; tokenModifiers: string[] } }).legend;
    const textLines = draftText.split('\n');
    const decoded: Array<[string, string, string[]]> = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type, bits] = tokens.data.slice(i, i + 5);
      line += dl;
      char = dl === 0 ? char + dc : dc;
      decoded.push([textLines[line].slice(char, char + len), legend.tokenTypes[type], legend.tokenModifiers.filter((_, k) => bits & (1 << k))]);
    }
    assert.deepEqual(decoded.find((d) => d[0] === 'Article 51 of the Charter of the United Nations'), ['Article 51 of the Charter of the United Nations', 'namespace', []]);
    assert.deepEqual(decoded.find((d) => d[0] === 'Article 99'), ['Article 99', 'variable', ['unresolved']]);
    assert.deepEqual(decoded.find((d) => d[0] === 'Article 1'), ['Article 1', 'variable', []]);
    assert.deepEqual(decoded.find((d) => d[0] === 'valley'), ['valley', 'type', ['declaration', 'definition']]);
    assert.ok(decoded.some((d) => d[0] === 'valley' && d[2].length === 0), 'the use in Article 2');

    const ranged = await client.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: draftUri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    assert.deepEqual(ranged.data, []);

    // After an edit, a delta from the last result: its edits make the new tokens.
    assert.ok(tokens.resultId, 'full answers carry a result id');
    const edited = draftText + '\nSee Article 1 and Article 77.';
    await change(draftUri, edited, 5);
    const delta = await client.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri: draftUri }, previousResultId: tokens.resultId });
    assert.ok('edits' in delta, 'an edit, not all the tokens again');
    const patched = tokens.data.slice();
    for (const e of [...delta.edits].sort((a, b) => b.start - a.start)) patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const fresh = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: draftUri } });
    assert.deepEqual(patched, fresh.data);
    assert.ok(fresh.data.length > tokens.data.length, 'the two references typed are tokens');
    // A result id that is not the last one sent: all the tokens.
    const stale = await client.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri: draftUri }, previousResultId: tokens.resultId });
    assert.ok('data' in stale && stale.data.length === fresh.data.length);
    await change(draftUri, draftText, 6);
  });

  it('folds the articles and grows selections up to the article', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: draftUri } });
    const article2 = positionOf(draftText, 'Article 2\nSelf', 1, 0).line;
    assert.ok(folds.some((f) => f.startLine === article2 && f.endLine === draftText.split('\n').length - 1));
    const [sel] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri: draftUri },
      positions: [positionOf(draftText, 'land between', 1, 2)],
    });
    const outer: number[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) outer.push(s.range.start.line);
    assert.deepEqual(outer, [5, 2, 0]); // paragraph 1 → Article 1 → document
  });

  it('leaves paragraphs and points out of a long outline, past pacta.outline.maxSymbols, and says so in the log', async () => {
    const kinds = (symbols: DocumentSymbol[]): number[] => symbols.flatMap((s) => [s.kind, ...kinds(s.children ?? [])]);
    const full = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: draftUri } });
    assert.ok(kinds(full).includes(SymbolKind.Field), 'paragraphs in the full outline');
    client.configuration = { library: [], outline: { maxSymbols: 2 } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const short = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: draftUri } });
    assert.ok(!kinds(short).includes(SymbolKind.Field) && !kinds(short).includes(SymbolKind.EnumMember), JSON.stringify(short.map((s) => s.name)));
    assert.deepEqual(
      short.filter((s) => s.kind === SymbolKind.Class).map((s) => s.name),
      full.filter((s) => s.kind === SymbolKind.Class).map((s) => s.name),
      'every article stays',
    );
    assert.ok(client.logs.some((l) => /outline of .*pact\.treaty leaves out paragraphs: .* more than pacta\.outline\.maxSymbols \(2\)/.test(l)), client.logs.join('\n'));
    client.configuration = { library: [] };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});
