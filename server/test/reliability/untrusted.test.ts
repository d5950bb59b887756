// Untrusted input, untrusted workspaces (docs/reliability.md, "Trust"):
//   - no code from the workspace runs: the server and client sources hold no eval, no
//     Function constructor, no dynamic import or require, no child processes;
//   - files are read only inside the workspace folders and the pacta.library folders: `..`
//     in a relative library entry may not leave the workspace when it is untrusted; URIs with
//     dot segments, encoded dots or symbolic links lead nowhere else; links and paths written
//     in a document never make the server read a file;
//   - package.json declares limited support for untrusted and virtual workspaces;
//   - settings of the wrong type give a warning (window/logMessage) and the default; a bad
//     pacta.library or pacta.instruments entry gives a clear message, not a crash.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LineIndex, type InstrumentCitation } from '../../src/model';
import { isInside } from '../../src/workspace/fileSystem';
import { resolveLibraryEntries } from '../../src/workspace/libraryRoots';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { NodeFileSystem } from '../../src/workspace/nodeFileSystem';
import { settingsWarnings, type SettingSchema } from '../../src/workspace/settingsCheck';
import { Workspace } from '../../src/workspace/workspace';
import { LspSession } from '../helpers/lspSession';
import { REPO } from '../helpers/paths';
import { readCorpus } from '../support/corpus';

const CHARTER: InstrumentCitation = { cited: 'the Charter of the United Nations', title: 'Charter of the United Nations', id: 'un-charter' };
const CHARTER_TEXT = readCorpus('un_charter_en.txt');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const SCHEMA = PKG.contributes.configuration.properties as Record<string, SettingSchema>;

describe('no code from the workspace runs', () => {
  it('the server and client sources hold no eval, Function, dynamic import/require, child processes or vm', () => {
    const found: string[] = [];
    const files = ['server/src', 'client/src'].flatMap((d) => sourceFiles(path.join(REPO, d)));
    assert.ok(files.length > 20);
    for (const file of files) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const where = (n: ts.Node) => `${path.relative(REPO, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const callee = n.expression.getText(sf);
          const literalArg = n.arguments?.[0] && ts.isStringLiteral(n.arguments[0]);
          if (callee === 'eval' || callee === 'Function') found.push(`${where(n)}: ${callee}(…)`);
          if ((callee === 'require' || n.expression.kind === ts.SyntaxKind.ImportKeyword) && !literalArg) found.push(`${where(n)}: ${callee}(non-literal)`);
        }
        if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
          const m = n.moduleSpecifier.text.replace(/^node:/, '');
          // The one exception: the index worker pool runs our own bundled script (dist/server/indexWorker.js), never workspace code.
          const allowed = m === 'worker_threads' && path.relative(REPO, file) === path.join('server', 'src', 'workspace', 'summaryWorkerPool.ts');
          if (['child_process', 'vm', 'worker_threads', 'cluster'].includes(m) && !allowed) found.push(`${where(n)}: imports ${m}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    assert.deepEqual(found, []);
  });
});

describe('files are read only inside the workspace and library folders', () => {
  const folders = ['file:///home/u/ws'];

  it('relative library entries that climb out of the workspace are refused when it is untrusted', () => {
    const untrusted = resolveLibraryEntries(['../../etc', 'texts', 'a/../../b', '%2e%2e/x', '/srv/treaties', '~/treaties', 'file:///opt/lib'], { folders, home: 'file:///home/u', trusted: false });
    assert.deepEqual(untrusted.roots, ['file:///home/u/ws/texts', 'file:///home/u/ws/%252e%252e/x', 'file:///srv/treaties', 'file:///home/u/treaties', 'file:///opt/lib']);
    assert.equal(untrusted.problems.length, 2);
    assert.match(untrusted.problems[0], /"\.\.\/\.\.\/etc" leads out of the workspace folder file:\/\/\/home\/u\/ws; refused because the workspace is not trusted/);
    const trusted = resolveLibraryEntries(['../../../etc', '../shared/corpus'], { folders, trusted: true });
    assert.deepEqual(trusted.roots, ['file:///etc', 'file:///home/u/shared/corpus'], 'a trusted workspace (or a client without trust) keeps them: an explicit choice');
    assert.deepEqual(trusted.problems, []);
  });

  it('malformed entries get a message each', () => {
    const r = resolveLibraryEntries(['bad\u0000entry', 'http://[::1', '~/x', '   ', 42 as unknown as string].filter((x) => typeof x === 'string'), { folders, trusted: true });
    assert.deepEqual(r.roots, []);
    assert.equal(r.problems.length, 3);
    assert.match(r.problems.join('\n'), /NUL character/);
    assert.match(r.problems.join('\n'), /not a valid URI/);
    assert.match(r.problems.join('\n'), /no home folder/);
  });

  it('dot segments and encoded dots in URIs do not climb out of a folder', () => {
    for (const uri of ['file:///ws/../etc/passwd', 'file:///ws/%2e%2e/etc/passwd', 'file:///ws/%2E%2E/%2e%2e/etc', 'file:///ws/./../etc', 'file:///ws2/x', 'file:///w']) {
      assert.ok(!isInside(uri, 'file:///ws'), uri);
    }
    assert.ok(isInside('file:///ws/a/../b.txt', 'file:///ws'));
  });

  it('a document citing paths, URIs and instruments outside reads nothing outside', async () => {
    const mem = new MemoryFileSystem({
      'file:///ws/a.treaty': 'x',
      'file:///etc/passwd.txt': CHARTER_TEXT, // titled "Charter of the United Nations", outside every folder
      'file:///outside/charter.txt': CHARTER_TEXT,
    });
    const warnings: string[] = [];
    const ws = new Workspace(mem, { folders: ['file:///ws'], library: ['../etc', '../outside'], trusted: false, warn: (m) => void warnings.push(m) });
    assert.deepEqual(ws.libraryFolders, []);
    assert.equal(warnings.length, 2);
    const text = [
      'Treaty of Links',
      '',
      'Article 1',
      '',
      'See Article 51 of the Charter of the United Nations, file:///etc/passwd.txt, ../../etc/passwd.txt,',
      'Article 2 of ../outside/charter.txt, <file:///outside/charter.txt> and [Article 3](../../etc/passwd.txt).',
    ].join('\n');
    ws.setOpen('file:///ws/a.treaty', 1, text);
    const parsed = ws.get('file:///ws/a.treaty')!;
    const lookup = await ws.lookupFor(parsed.doc);
    for (const ref of parsed.doc.references) lookup(ref.instrument ?? CHARTER);
    assert.equal(await ws.findInstrument(CHARTER), undefined, 'the Charter outside the folders is not found');
    assert.equal(await ws.load('file:///ws/../etc/passwd.txt'), undefined);
    assert.equal(await ws.load('file:///ws/%2e%2e/etc/passwd.txt'), undefined);
    assert.deepEqual(mem.reads.filter((u) => !u.startsWith('file:///ws/')), [], 'nothing outside file:///ws was read');
    // Trusting the workspace lifts the refusal: the user chose those folders.
    ws.setTrusted(true);
    assert.equal((await ws.findInstrument(CHARTER))?.source, 'library');
  });

  it('symbolic links in a workspace are not followed (Node file system)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-links-'));
    try {
      const ws = path.join(root, 'ws');
      const outside = path.join(root, 'outside');
      fs.mkdirSync(ws);
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'charter.treaty.txt'), CHARTER_TEXT);
      fs.symlinkSync(outside, path.join(ws, 'linked-folder'));
      fs.symlinkSync(path.join(outside, 'charter.treaty.txt'), path.join(ws, 'linked.treaty.txt'));
      const w = new Workspace(new NodeFileSystem(), { folders: [pathToFileURL(ws).href] });
      assert.deepEqual(await w.files(), []);
      assert.equal(await w.findInstrument(CHARTER), undefined);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('package.json declarations', () => {
  it('limited support in untrusted workspaces, with pacta.library restricted', () => {
    const u = PKG.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.deepEqual(u.restrictedConfigurations, ['pacta.library']);
    assert.ok(u.description.length > 20);
  });

  it('virtual workspaces are declared (the client serves their files: client/src/serveFiles.ts)', () => {
    const v = PKG.capabilities.virtualWorkspaces;
    assert.ok(v === true || v?.supported === true || (v?.supported === 'limited' && v.description), JSON.stringify(v));
  });
});

describe('settings of the wrong type', () => {
  it('each wrong value gets a sentence naming the setting, the expected type and the fallback', () => {
    const w = settingsWarnings({ library: 42, hover: { maxLength: '300' }, instruments: [{ title: 3 }, 'x', { aliases: ['a'] }], maxFileSize: 'big', libary: [] }, SCHEMA);
    assert.ok(w.includes('Setting pacta.library should be an array of strings, not a number (42); Pacta uses the default ([]).'), w.join('\n'));
    assert.ok(w.includes('Setting pacta.hover.maxLength should be a number, not a string ("300"); Pacta uses the default (1200).'));
    assert.ok(w.some((x) => x.startsWith('Setting pacta.maxFileSize should be a number')));
    assert.ok(w.some((x) => x.startsWith('Setting pacta.instruments[1] should be an object')));
    assert.ok(w.some((x) => x.startsWith('Setting pacta.instruments[2] has no "title"')));
    assert.ok(w.includes('Unknown setting pacta.libary; ignored.'));
    assert.deepEqual(settingsWarnings({ library: '/one/folder', hover: { maxLength: 300 } }, SCHEMA), [], 'a single library folder as a string is accepted');
    assert.deepEqual(settingsWarnings(undefined, SCHEMA), []);
  });

  it('through LSP: warnings in the log, the defaults used, bad library and catalogue entries said clearly, no crash', async () => {
    const s = await LspSession.start({
      initializationOptions: {
        workspaceTrusted: false,
        pacta: {
          library: ['../../etc', 'bad\u0000entry', '/no/such/folder/anywhere', 7],
          instruments: [{ title: '((((', aliases: ['[a-', '*', '\\', '$^', '(?<x>'] }, { title: 3 }, 'Charter', { title: 'x'.repeat(100_000), aliases: Array(1000).fill('y') }],
          hover: { maxLength: 'long' },
          maxFileSize: -3,
        },
      },
    });
    try {
      const uri = `${s.folderUri}/a.treaty`;
      const text = 'Pact\n\nArticle 1\n\nSee Article 2 of (((( and Article 1 of the Charter of the United Nations.\n\nArticle 2\n\nText.\n';
      await s.open(uri, text);
      const h = await s.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: new LineIndex(text).positionAt(text.indexOf('Article 2 of') + 2) });
      assert.match((h?.contents as MarkupContent | undefined)?.value ?? '', /Article 2/, 'hover works');
      const logs = s.client.logs.join('\n');
      assert.match(logs, /Setting pacta\.hover\.maxLength should be a number/);
      assert.match(logs, /Setting pacta\.library\[3\] should be a string/);
      assert.match(logs, /Setting pacta\.instruments\[1\]\.title should be a string/);
      const shown = s.messages.map((m) => m.message).join('\n');
      assert.match(shown, /"\.\.\/\.\.\/etc" leads out of the workspace folder .*not trusted/);
      assert.match(shown, /NUL character/);
      assert.match(shown, /\/no\/such\/folder\/anywhere does not exist/);
      assert.deepEqual(s.takeHandlerFailures(), []);
      assert.ok(s.alive());
    } finally {
      await s.stop();
    }
  });
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}
