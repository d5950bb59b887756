// The workspace index of closed files: summaries instead of parsed models. Workspace-wide
// answers from summaries must equal the answers from full parses; closed files must not stay
// parsed; indexing must leave the event loop to other work between files; unchanged files are
// not read again; a hover's parallel versions never wait for the index.
import assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver-protocol';
import { references, type SourceDocument, type WorkspaceSource } from '../../src/features/references';
import { workspaceSymbols, type SymbolSource } from '../../src/features/workspaceSymbols';
import { codeLenses } from '../../src/features/codeLens';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { NodeFileSystem } from '../../src/workspace/nodeFileSystem';
import { ParallelVersions } from '../../src/workspace/parallelVersions';
import type { DirectoryEntry, FileStat, FileSystem } from '../../src/workspace/fileSystem';
import { Workspace } from '../../src/workspace/workspace';
import { parseTreaty } from '../../src/model';
import { positionOf, readCorpus } from '../helpers/text';

const NAMES = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elm', 'Fir', 'Gorse', 'Hazel', 'Ivy', 'Juniper'];

function title(i: number): string {
  return `Convention on the ${NAMES[i % NAMES.length]} Valley${i >= NAMES.length ? ` ${NAMES[Math.floor(i / NAMES.length) % NAMES.length]} Reach` : ''}`;
}

/** A small convention citing two others by title in several forms, and itself internally. */
function convention(i: number, n: number): string {
  return [
    title(i),
    '',
    'Article 1',
    'Scope',
    '',
    '1. This Convention applies as Article 2 provides.',
    `2. See paragraph 1 of Article 3 of the ${title((i + 1) % n)}.`,
    '',
    'Article 2',
    'Cooperation',
    '',
    `The Parties shall apply Articles 1 to 3 of the ${title((i + 2) % n)}.`,
    '',
    'Article 3',
    'Final clauses',
    '',
    '1. Text as agreed.',
    `2. Article 2, paragraph 1 of the ${title((i + 1) % n)} applies, and so does Article 1.`,
    '',
  ].join('\n');
}

function files(n: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) out[`file:///ws/c${String(i).padStart(4, '0')}.treaty.txt`] = convention(i, n);
  return out;
}

function sortLocations(ls: Location[] | null): string[] {
  return (ls ?? []).map((l) => `${l.uri}@${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`).sort();
}

/** Sources as server.ts builds them: open documents parsed, closed workspace files summarised. */
async function summarySources(ws: Workspace, open: string[]): Promise<WorkspaceSource[]> {
  const out: WorkspaceSource[] = [];
  for (const uri of open) {
    const d = ws.get(uri)!;
    out.push({ uri: d.uri, doc: d.doc, lookup: await ws.lookupFor(d.doc) });
  }
  const find = ws.locator();
  for (const e of await ws.summaries()) {
    if (e.source === 'workspace' && !ws.isOpen(e.uri)) out.push({ uri: e.uri, citations: e.summary.citations, locate: (r) => find(r.instrument, r.key) });
  }
  return out;
}

/** Sources as before summaries: every document parsed, with its lookup. */
async function parsedSources(ws: Workspace, open: string[]): Promise<SourceDocument[]> {
  const out: SourceDocument[] = [];
  for (const uri of open) {
    const d = ws.get(uri)!;
    out.push({ uri: d.uri, doc: d.doc, lookup: await ws.lookupFor(d.doc) });
  }
  for (const e of await ws.files()) {
    if (e.source !== 'workspace' || ws.isOpen(e.uri)) continue;
    const d = (await ws.load(e.uri))!;
    out.push({ uri: d.uri, doc: d.doc, lookup: await ws.lookupFor(d.doc) });
  }
  return out;
}

describe('workspace summaries answer as full parses do', () => {
  it('Find All References: the same locations from summaries as from parsing every file', async () => {
    const all: Record<string, string> = { ...files(6), 'file:///ws/charter.txt': readCorpus('un_charter_en.txt'), 'file:///ws/nato.txt': readCorpus('north_atlantic_treaty_1949_en.txt') };
    const ws = new Workspace(new MemoryFileSystem(all), { folders: ['file:///ws'] });
    const open = 'file:///ws/c0001.treaty.txt';
    ws.setOpen(open, 1, all[open]);
    const doc = ws.get(open)!.doc;
    const summarised = await summarySources(ws, [open]);
    const parsed = await parsedSources(ws, [open]);
    const lookup = await ws.lookupFor(doc);
    let compared = 0;
    // On each heading and paragraph number of the open convention, and on each reference in it.
    const positions = [
      ...['Article 1\n', 'Article 2\n', 'Article 3\n', '1. Text'].map((s) => positionOf(all[open], s, 1, 0)),
      positionOf(all[open], 'paragraph 1 of Article 3 of', 1, 0),
      positionOf(all[open], 'Article 3 of the', 1, 8),
      positionOf(all[open], 'Articles 1 to 3', 1, 2),
      positionOf(all[open], 'Article 2, paragraph 1', 1, 8),
    ];
    for (const position of positions) {
      for (const declaration of [true, false]) {
        const fromSummaries = sortLocations(references(doc, open, position, summarised, declaration, lookup));
        const fromParses = sortLocations(references(doc, open, position, parsed, declaration, lookup));
        assert.deepEqual(fromSummaries, fromParses, `at ${position.line}:${position.character}`);
        compared += fromParses.length;
      }
    }
    assert.ok(compared > 20, `enough locations compared (${compared})`);
    // Across files: Article 3 of the open convention is cited by the two conventions before it.
    const a3 = references(doc, open, positionOf(all[open], 'Article 3\n', 1, 0), summarised, false, lookup)!;
    assert.deepEqual([...new Set(a3.map((l) => l.uri))].sort(), ['file:///ws/c0000.treaty.txt', 'file:///ws/c0005.treaty.txt']);

    // The Charter, open; NATO, closed, cites its Article 51.
    const charter = 'file:///ws/charter.txt';
    ws.setOpen(charter, 1, all[charter]);
    const cdoc = ws.get(charter)!.doc;
    const a51 = positionOf(all[charter], '\nArticle 51\n', 1, 3);
    const s2 = await summarySources(ws, [open, charter]);
    const p2 = await parsedSources(ws, [open, charter]);
    const natoFromSummaries = sortLocations(references(cdoc, charter, a51, s2, true, await ws.lookupFor(cdoc)));
    assert.deepEqual(natoFromSummaries, sortLocations(references(cdoc, charter, a51, p2, true, await ws.lookupFor(cdoc))));
    assert.ok(natoFromSummaries.some((l) => l.startsWith('file:///ws/nato.txt@')), 'NATO Article 5 cites Charter Article 51');
  });

  it('"cited by N" lenses: the same counts from summaries as from parses', async () => {
    const all = files(8);
    const ws = new Workspace(new MemoryFileSystem(all), { folders: ['file:///ws'] });
    const open = 'file:///ws/c0000.treaty.txt';
    ws.setOpen(open, 1, all[open]);
    const parsed = ws.get(open)!;
    const titles = (srcs: WorkspaceSource[]) => codeLenses(parsed.doc, open, srcs, { showReferencesCommand: 'show' }).map((l) => [l.command?.title, sortLocations(l.command?.arguments?.[2] as Location[])]);
    const fromSummaries = titles(await summarySources(ws, [open]));
    assert.deepEqual(fromSummaries, titles(await parsedSources(ws, [open])));
    // Article 1: its own Article 3 and c0006's "Articles 1 to 3"; Article 2: its own Article 1 and c0006;
    // Article 3: c0006 and c0007's "paragraph 1 of Article 3". (c0007's "Article 2, paragraph 1" names
    // a paragraph Article 2 does not have.)
    assert.deepEqual(fromSummaries.map((t) => t[0]), ['cited by 2', 'cited by 2', 'cited by 2']);
  });

  it('workspace symbols: the same answers from summaries as from parsed documents', async () => {
    const all: Record<string, string> = { 'file:///ws/charter.txt': readCorpus('un_charter_en.txt'), 'file:///ws/vclt.txt': readCorpus('vclt_1969_en.txt'), ...files(3) };
    const ws = new Workspace(new MemoryFileSystem(all), { folders: ['file:///ws'] });
    const summaries = await ws.summaries();
    const fromSummaries: SymbolSource[] = summaries.map((e) => ({ uri: e.uri, title: e.summary.title, symbols: e.summary.symbols }));
    const fromDocs: SymbolSource[] = [];
    for (const e of summaries) fromDocs.push((await ws.load(e.uri))!);
    for (const query of ['Art 51 Charter', 'art 31 VCLT', 'Chapter VII', 'interpretation', 'Alder', 'Article 2 Cedar', '', 'UN Charter article 2']) {
      const a = workspaceSymbols(query, fromSummaries, ws.catalogue);
      assert.deepEqual(a, workspaceSymbols(query, fromDocs, ws.catalogue), query);
      if (query) assert.ok(a.length > 0, `"${query}" finds something`);
    }
  });
});

describe('the workspace index', () => {
  it('keeps no parsed model of a closed file after indexing, and only a few after loading many', async () => {
    const ws = new Workspace(new MemoryFileSystem(files(60)), { folders: ['file:///ws'] });
    const summaries = await ws.summaries();
    assert.equal(summaries.length, 60);
    assert.equal(ws.parsedFileCount, 0, 'indexing parses and drops');
    for (const e of summaries) assert.ok(await ws.load(e.uri));
    assert.ok(ws.parsedFileCount > 0 && ws.parsedFileCount <= 24, `at most 24 parses kept (${ws.parsedFileCount})`);
  });

  it('holds a fraction of the heap that parsed models of the same files hold', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // Files shaped like real treaties: 100 of about 40 KB, articles of a few paragraphs.
    const para = 'The Parties shall cooperate in good faith, exchange information without delay and report at regular intervals on the measures taken';
    const big: Record<string, string> = {};
    for (const [uri, text] of Object.entries(files(100))) {
      big[uri] = text + Array.from({ length: 60 }, (_, k) => `\nArticle ${k + 4}\nHeading ${k}\n\n1. ${para}, as Article ${k + 3} provides.\n2. ${para}.\n3. ${para}, subject to paragraph 1.\n`).join('');
    }
    const mfs = new MemoryFileSystem(big);
    const before = heap();
    const ws = new Workspace(mfs, { folders: ['file:///ws'] });
    const summaries = await ws.summaries();
    const held = heap() - before;
    assert.equal(summaries.length, 100);
    assert.ok(summaries[0].summary.symbols.entries.length > 60);
    // What the workspace held before summaries: every file's parsed model.
    const models = [];
    for (const text of Object.values(big)) models.push(parseTreaty(text));
    const parsed = heap() - before - held;
    assert.equal(models.length, 100);
    // The models shrank as their offsets became numbers (about 10.0 to 9.2 MB here), the
    // summaries did not: a margin of 2.5 rather than the 3 this started with.
    assert.ok(held * 2.5 < parsed, `summaries ${(held / 1048576).toFixed(1)} MB, parsed models ${(parsed / 1048576).toFixed(1)} MB`);
  });

  it('leaves the event loop to other work between files, and reports its progress', async () => {
    const ws = new Workspace(new MemoryFileSystem(files(40)), { folders: ['file:///ws'] });
    const heard: Array<[number, number | undefined]> = [];
    const done = ws.summaries(undefined, (n, total) => heard.push([n, total]));
    let finished = false;
    void done.then(() => (finished = true));
    // Other work (a request) gets turns while indexing is under way.
    const seenMidway: number[] = [];
    for (let turn = 0; turn < 10_000 && !finished; turn++) {
      await new Promise((r) => setImmediate(r));
      const last = heard[heard.length - 1];
      if (last?.[1] !== undefined && !finished) seenMidway.push(last[0]);
    }
    await done;
    assert.ok(seenMidway.some((n) => n > 0 && n < 40), 'turns of the event loop ran between files');
    assert.deepEqual(heard.filter(([, total]) => total === undefined).length, 40, 'each title read is reported');
    assert.deepEqual(heard[heard.length - 1], [40, 40]);
  });

  it('reads and parses again only the files that changed', async () => {
    const all = files(20);
    const mfs = new MemoryFileSystem(all);
    const ws = new Workspace(mfs, { folders: ['file:///ws'] });
    await ws.summaries();
    const changed = 'file:///ws/c0003.treaty.txt';
    mfs.write(changed, all[changed].replace('Article 3\nFinal clauses', 'Article 3\nFinal provisions'));
    mfs.reads.length = 0;
    ws.refresh();
    const again = await ws.summaries();
    assert.deepEqual([...new Set(mfs.reads)], [changed]);
    const names = again.find((e) => e.uri === changed)!.summary.symbols.entries.map((e) => e.name);
    assert.ok(names.includes('Article 3 — Final provisions'), names.join(', '));
    // A deleted file leaves the index.
    mfs.delete(changed);
    ws.refresh();
    assert.equal((await ws.summaries()).length, 19);
  });

  it('reads only the opening of each file for the title index, with the titles and notes of whole reads', async () => {
    const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'pacta-heads-'));
    try {
      const texts: Record<string, string> = {
        // Long files of 1-, 2-, 3- and 4-byte characters, notes and comments before the title.
        'a.treaty.txt': '% pacta: parallel=b.treaty.txt\n\n' + convention(0, 4) + '\n' + 'Article 9\n\nFiller text.\n'.repeat(4000),
        'b.treaty.txt': '// 협약 초안\n<!-- pacta: parallel=a.treaty.txt; language=ko -->\n\n조약법에 관한 비엔나 협약\n\n' + '제1조\n이 협약은 국가 간의 조약에 적용된다.\n'.repeat(3000),
        'c.treaty.txt': '\uFEFF[Illustrative text]\n\nКонвенция о долинах\n\n' + 'Статья 1\nТекст статьи с буквами ё и é.\n'.repeat(3000),
        'd.treaty.txt': '\n'.repeat(50) + '# Agreement on \u{1F333} Orchards\n\n' + 'Article 1\n\n\u{1F333}\u{1F333} emoji text.\n'.repeat(3000),
        'e.treaty.txt': convention(3, 4),
        // The note and the title lie past the first 8 KB of bytes, within the first 4,096 characters.
        'f.treaty.txt': '// ' + 'ж'.repeat(3000) + '\n// pacta: parallel=e.treaty.txt; ' + '가'.repeat(1000) + '\n\nДоговор о долгих заметках\n\n' + 'Статья 1\nТекст.\n'.repeat(2000),
      };
      const memory: Record<string, string> = {};
      for (const [name, text] of Object.entries(texts)) {
        nodeFs.writeFileSync(path.join(dir, name), text);
        memory[pathToFileURL(path.join(dir, name)).href] = text;
      }
      const folder = pathToFileURL(dir).href;
      const disk = new NodeFileSystem();
      const wholeReads: string[] = [];
      const readFile = disk.readFile.bind(disk);
      disk.readFile = (uri) => (wholeReads.push(uri), readFile(uri));
      const fromHeads = await new Workspace(disk, { folders: [folder] }).files();
      const fromWhole = await new Workspace(new MemoryFileSystem(memory), { folders: [folder] }).files();
      assert.deepEqual(wholeReads, [], 'no file was read whole for its title');
      assert.deepEqual(fromHeads, fromWhole);
      assert.deepEqual(
        fromHeads.map((e) => [path.basename(e.uri), e.title, e.parallel]),
        [
          ['a.treaty.txt', title(0), ['b.treaty.txt']],
          ['b.treaty.txt', '조약법에 관한 비엔나 협약', ['a.treaty.txt']],
          ['c.treaty.txt', 'Конвенция о долинах', []],
          ['d.treaty.txt', 'Agreement on \u{1F333} Orchards', []],
          ['e.treaty.txt', title(3), []],
          ['f.treaty.txt', 'Договор о долгих заметках', ['e.treaty.txt']],
        ],
      );
      // A character cut at the end of the opening read is replaced, not misread.
      assert.equal(await disk.readHead(pathToFileURL(path.join(dir, 'b.treaty.txt')).href, 4), '//' + ' ' + '\uFFFD');
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('locates a cited instrument as findInstrument finds it', async () => {
    const charter = readCorpus('un_charter_en.txt');
    const ws = new Workspace(new MemoryFileSystem({ ...files(4), 'file:///ws/charter.txt': charter, 'file:///lib/charter.txt': charter }), { folders: ['file:///ws'], library: ['file:///lib'] });
    await ws.summaries();
    const citations = [
      { cited: 'the Charter of the United Nations', title: 'Charter of the United Nations', id: 'un-charter' },
      { cited: `the ${title(2)}`, title: title(2) },
      { cited: 'the Treaty of Nowhere', title: 'Treaty of Nowhere' },
    ];
    for (const c of citations) assert.equal(ws.locate(c), (await ws.findInstrument(c))?.uri, c.title);
    ws.setOpen('untitled:1', 1, charter);
    assert.equal(ws.locate(citations[0]), 'untitled:1', 'an open document first');
  });
});

/** A file system whose folders never list: the index is never built. */
class StuckFileSystem implements FileSystem {
  constructor(private readonly inner: MemoryFileSystem) {}
  readFile(uri: string): Promise<string | undefined> {
    return this.inner.readFile(uri);
  }
  stat(uri: string): Promise<FileStat | undefined> {
    return this.inner.stat(uri);
  }
  readDirectory(): Promise<DirectoryEntry[]> {
    return new Promise(() => undefined);
  }
}

describe('parallel versions for hovers', () => {
  it('answer without waiting for the file index', async () => {
    const en = 'file:///ws/en.treaty.txt';
    const ko = 'file:///ws/ko.treaty.txt';
    const mfs = new MemoryFileSystem({ [en]: convention(0, 3), [ko]: convention(0, 3) });
    const ws = new Workspace(new StuckFileSystem(mfs), { folders: ['file:///ws'] });
    const versions = new ParallelVersions(ws, mfs, { openUris: () => [en], groups: () => [[en, ko]] });
    ws.setOpen(en, 1, convention(0, 3));
    const answer = await versions.versionsOf(en, { wait: false });
    assert.deepEqual(answer.map((v) => [v.uri, v.source]), [[ko, 'setting']]);
    // Waiting would never end on this file system.
    let waited = false;
    void versions.versionsOf(en).then(() => (waited = true));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    assert.equal(waited, false);
  });
});
