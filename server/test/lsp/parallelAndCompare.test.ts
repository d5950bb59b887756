// Parallel versions and comparing provisions through the built server over stdio: the code
// lenses, the `pacta/parallelTargets` request, the hover in two languages, the structure
// diagnostics, the server's own "show version" command, and the compare requests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../helpers/build';
import { LspClient } from '../helpers/lsp';
import { REPO } from '../helpers/paths';
import { positionOf } from '../helpers/text';

const EN = 'parallel/disaster-relief.en.treaty.txt';
const KO = 'parallel/disaster-relief.ko.treaty.txt';
const T1961 = 'compare/friendship-treaty-1961-style.treaty.txt';
const T2024 = 'compare/partnership-treaty-2024-style.treaty.txt';

let tmp: string;
let client: LspClient;
const texts: Record<string, string> = {};
const uris: Record<string, string> = {};
const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
const waiters: Array<() => void> = [];
const shown: unknown[] = [];

/** Resolves when the server has published diagnostics for `uri` that satisfy `ok` (the request timeout bounds it). */
function diagnosticsFor(uri: string, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}: ${JSON.stringify(diagnostics.get(uri))}`)), 15_000);
    const check = () => {
      const found = diagnostics.get(uri)?.find(ok);
      if (!found) return waiters.push(check);
      clearTimeout(timer);
      resolve(found);
    };
    check();
  });
}

async function open(rel: string): Promise<string> {
  await client.notify('textDocument/didOpen', { textDocument: { uri: uris[rel], languageId: 'treaty', version: 1, text: texts[rel] } });
  return uris[rel];
}

before(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-parallel-'));
  for (const rel of [EN, KO, T1961, T2024]) {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    texts[rel] = fs.readFileSync(path.join(REPO, 'samples', rel), 'utf8');
    fs.writeFileSync(file, texts[rel]);
    uris[rel] = pathToFileURL(file).href;
  }
  const started = await LspClient.start({
    folders: [pathToFileURL(tmp).href],
    configuration: { library: [], hover: { parallel: true } },
    initializationOptions: { clientCommands: ['pacta.openParallel', 'pacta.linkParallel'] },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      window: { showDocument: { support: true } },
      textDocument: { hover: { contentFormat: ['markdown'] }, codeLens: {}, publishDiagnostics: { relatedInformation: true } },
    },
  });
  client = started.client;
  assert.ok(started.result.capabilities.codeLensProvider);
  assert.ok(started.result.capabilities.executeCommandProvider?.commands.includes('pacta.showParallelVersion'));
  client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, [...(diagnostics.get(p.uri) ?? []), p]);
    for (const w of waiters.splice(0)) w();
  });
  client.connection.onRequest('window/showDocument', (p: unknown) => {
    shown.push(p);
    return { success: true };
  });
});

after(() => {
  client?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('parallel language versions over LSP', () => {
  it('puts "Open the Korean text of this article" on the English articles', async () => {
    const uri = await open(EN);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const mine = lenses.filter((l) => l.command?.command === 'pacta.openParallel');
    assert.equal(mine.length, 5, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.equal(mine[0].command!.title, 'Open the Korean text of this article');
    const target = mine[4].command!.arguments![0] as { uri: string; range: { start: { line: number } } };
    assert.equal(target.uri, uris[KO]);
    assert.equal(target.range.start.line, positionOf(texts[KO], '제5조 (', 1, 0).line);
  });

  it('answers pacta/parallelTargets with the cursor\'s provision in the Korean text', async () => {
    const targets = await client.request<Array<{ uri: string; label: string; languageName: string; range: { start: { line: number } } }>>('pacta/parallelTargets', {
      textDocument: { uri: uris[EN] },
      position: positionOf(texts[EN], 'shall bear the costs'),
    });
    assert.equal(targets.length, 1);
    assert.equal(targets[0].languageName, 'Korean');
    assert.equal(targets[0].label, 'Article 4(1)');
    assert.equal(targets[0].range.start.line, positionOf(texts[KO], '① 당사국이 달리', 1, 0).line);
  });

  it('shows the cited clause in English and in Korean on hover', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uris[EN] }, position: positionOf(texts[EN], 'Article 5.', 1, 8) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /designate a contact point, open at all hours/);
    assert.match(md, /Korean: .*Article 5/);
    assert.match(md, /상시 운영되는 연락창구를 지정하고/);
  });

  it('publishes an Information diagnostic where the versions\' structure differs', async () => {
    const published = await diagnosticsFor(uris[EN], (p) => p.diagnostics.some((d) => d.code === 'parallel-structure'));
    const d = published.diagnostics.find((x) => x.code === 'parallel-structure')!;
    assert.equal(d.message, 'Article 3 has 3 paragraphs here and 2 in the Korean version (disaster-relief.ko.treaty.txt).');
    assert.equal(d.severity, 3);
    assert.equal(d.relatedInformation?.[0].location.uri, uris[KO]);
  });

  it('publishes the English diagnostics again when the Korean text gains the missing paragraph', async () => {
    const uri = await open(KO);
    const at = positionOf(texts[KO], '② 요청에는');
    const line = at.line + 1; // after Article 3, paragraph 2
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '③ 지원국은 요청에 지체 없이 답한다.\n' }],
    });
    const published = await diagnosticsFor(uris[EN], (p) => !p.diagnostics.some((d) => d.code === 'parallel-structure'));
    assert.deepEqual(published.diagnostics.filter((d) => String(d.code).startsWith('parallel')), []);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('opens the other version through window/showDocument for clients without the extension\'s command', async () => {
    const target = { uri: uris[KO], range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } } };
    const ok = await client.request<boolean>('workspace/executeCommand', { command: 'pacta.showParallelVersion', arguments: [target] });
    assert.equal(ok, true);
    assert.deepEqual(shown.at(-1), { uri: uris[KO], selection: target.range, takeFocus: true });
  });

  it('leaves the other language out of the hover when pacta.hover.parallel is false', async () => {
    client.configuration = { library: [], hover: { parallel: false } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uris[EN] }, position: positionOf(texts[EN], 'Article 5.', 1, 8) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /designate a contact point/);
    assert.doesNotMatch(md, /Korean/);
    client.configuration = { library: [], hover: { parallel: true } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  });
});

describe('comparing provisions over LSP', () => {
  it('compares the 1961 Article 1(2) with the 2024 Article 4: one added phrase', async () => {
    const r = await client.request<{ diff: string; added: string[]; removed: string[]; percent: string }>('pacta/compare', {
      left: { uri: uris[T1961], eId: 'art_1__para_2' },
      right: { uri: uris[T2024], eId: 'art_4' },
    });
    assert.deepEqual(r.added, [', in accordance with Article 51 of the Charter of the United Nations and with the laws of both Contracting Parties,']);
    assert.deepEqual(r.removed, []);
    assert.equal(r.percent, '82%');
  });

  it('gives each side\'s wording for the diff editor', async () => {
    const r = await client.request<{ text: string; label: string }>('pacta/provisionText', { uri: uris[T2024], eId: 'art_4' });
    assert.equal(r.label, 'Article 4');
    assert.match(r.text, /^If one of the Contracting Parties/);
    assert.equal(await client.request('pacta/provisionText', { uri: uris[T2024], eId: 'art_99' }), null);
  });

  it('finds the 1961 clause first among provisions similar to the 2024 Article 4', async () => {
    const uri = await open(T2024);
    const r = await client.request<{ query: { eId: string }; results: Array<{ uri: string; eId: string; percent: string }> }>('pacta/similar', {
      textDocument: { uri },
      position: positionOf(texts[T2024], 'give it military and other aid'),
    });
    assert.equal(r.query.eId, 'art_4');
    assert.deepEqual([r.results[0].uri, r.results[0].eId, r.results[0].percent], [uris[T1961], 'art_1__para_2', '82%']);
  });

  it('lists the documents and a document\'s provisions for the quick picks', async () => {
    const docs = await client.request<Array<{ uri: string; name: string; language?: string }>>('pacta/documents', {});
    assert.deepEqual(docs.map((d) => d.name).sort(), [EN, KO, T1961, T2024].map((r) => path.basename(r)).sort());
    assert.equal(docs.find((d) => d.uri === uris[KO])?.language, 'ko');
    const list = await client.request<{ choices: Array<{ eId: string; label: string; name: string }> }>('pacta/provisions', { uri: uris[T1961] });
    const para = list.choices.find((c) => c.eId === 'art_1__para_2');
    assert.equal(para?.label, 'Article 1(2)');
    const at = await client.request<{ eId: string; label: string }>('pacta/provisionAt', { textDocument: { uri: uris[T2024] }, position: positionOf(texts[T2024], 'Economic cooperation', 1, 0) });
    assert.equal(at.eId, 'art_6');
  });
});
