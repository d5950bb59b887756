import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalogue, type InstrumentCitation } from '../../src/model';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { fileUriFromPath, isInside, joinUri, normaliseUri } from '../../src/workspace/fileSystem';
import { titleLine, Workspace } from '../../src/workspace/workspace';
import { ORCHARD } from '../helpers/samples';
import { readCorpus } from '../helpers/text';

const CHARTER: InstrumentCitation = { cited: 'the Charter of the United Nations', title: 'Charter of the United Nations', id: 'un-charter' };

describe('fileSystem URI helpers', () => {
  it('joins, normalises and tests containment', () => {
    assert.equal(joinUri('file:///ws/', 'a b', 'c.txt'), 'file:///ws/a%20b/c.txt');
    assert.equal(normaliseUri('file:///ws/x/../y/'), 'file:///ws/y');
    assert.ok(isInside('file:///ws/y/z.txt', 'file:///ws'));
    assert.ok(!isInside('file:///wsx/z.txt', 'file:///ws'), 'a sibling with a common prefix is not inside');
    assert.ok(!isInside('file:///ws/../etc/passwd', 'file:///ws'), 'dot segments cannot climb out');
    assert.equal(fileUriFromPath('/srv/lib'), 'file:///srv/lib');
    assert.equal(fileUriFromPath('C:\\treaties'), 'file:///C%3A/treaties');
  });

  it('reads the title line without BOM or Markdown marks', () => {
    assert.equal(titleLine('\uFEFF\n\n# **Charter of the United Nations**\n\nWe the peoples'), 'Charter of the United Nations');
    assert.equal(titleLine('   \n\n'), undefined);
  });
});

describe('Workspace', () => {
  it('parses an open document once per version', () => {
    const ws = new Workspace(new MemoryFileSystem());
    let reads = 0;
    ws.setOpen('file:///ws/a.treaty', 1, () => (reads++, ORCHARD));
    const first = ws.get('file:///ws/a.treaty');
    assert.ok(first);
    assert.equal(ws.get('file:///ws/a.treaty'), first, 'same parse for the same version');
    assert.equal(reads, 1, 'text read once');
    ws.setOpen('file:///ws/a.treaty', 2, ORCHARD.replace('Article 3', 'Article 4'));
    const second = ws.get('file:///ws/a.treaty');
    assert.notEqual(second, first);
    assert.equal(second?.version, 2);
    assert.ok(second?.doc.byId.has('art_4'));
    ws.close('file:///ws/a.treaty');
    assert.equal(ws.get('file:///ws/a.treaty'), undefined);
  });

  it('finds an instrument in the workspace by its title line, lazily', async () => {
    const fs = new MemoryFileSystem({
      'file:///ws/texts/charter.txt': readCorpus('un_charter_en.txt'),
      'file:///ws/notes.md': '# Meeting notes\n\nnothing here',
      'file:///ws/data.json': '{"title": "Charter of the United Nations"}',
    });
    const ws = new Workspace(fs, { folders: ['file:///ws'] });
    assert.equal(fs.reads.length, 0, 'nothing read before it is needed');
    const found = await ws.findInstrument(CHARTER);
    assert.equal(found?.uri, 'file:///ws/texts/charter.txt');
    assert.equal(found?.source, 'workspace');
    assert.ok(found?.doc.byId.has('art_51'));
    assert.ok(!fs.reads.includes('file:///ws/data.json'), 'only treaty-like files are read');
    const index = await ws.files();
    assert.deepEqual(index.map((e) => e.uri).sort(), ['file:///ws/notes.md', 'file:///ws/texts/charter.txt']);
  });

  it('prefers an open document, then the workspace, then the library', async () => {
    const charter = readCorpus('un_charter_en.txt');
    const fs = new MemoryFileSystem({
      'file:///ws/charter.txt': charter,
      'file:///lib/charter.txt': charter,
    });
    const ws = new Workspace(fs, { folders: ['file:///ws'], library: ['file:///lib'] });
    assert.equal((await ws.findInstrument(CHARTER))?.uri, 'file:///ws/charter.txt');

    ws.setOpen('untitled:Untitled-1', 1, charter);
    assert.equal((await ws.findInstrument(CHARTER))?.uri, 'untitled:Untitled-1');
    ws.close('untitled:Untitled-1');

    fs.delete('file:///ws/charter.txt');
    ws.refresh();
    const fromLibrary = await ws.findInstrument(CHARTER);
    assert.equal(fromLibrary?.uri, 'file:///lib/charter.txt');
    assert.equal(fromLibrary?.source, 'library');
  });

  it('matches instruments the catalogue does not know by their title', async () => {
    const fs = new MemoryFileSystem({ 'file:///ws/orchard.treaty': ORCHARD });
    const ws = new Workspace(fs, { folders: ['file:///ws'] });
    const found = await ws.findInstrument({ cited: 'the Convention on Orchard Neighbours', title: 'Convention on Orchard Neighbours' });
    assert.equal(found?.uri, 'file:///ws/orchard.treaty');
    assert.equal(await ws.findInstrument({ cited: 'the Convention on Hedges', title: 'Convention on Hedges' }), undefined);
  });

  it('knows user instruments from pacta.instruments', async () => {
    const fs = new MemoryFileSystem({ 'file:///ws/orchard.treaty': ORCHARD });
    const ws = new Workspace(fs, { folders: ['file:///ws'] });
    ws.setCatalogue(new Catalogue([{ id: 'orchard', title: 'Convention on Orchard Neighbours', aliases: ['Orchard Convention'] }]));
    const found = await ws.findInstrument({ cited: 'the Orchard Convention', title: 'Convention on Orchard Neighbours', id: 'orchard' });
    assert.equal(found?.uri, 'file:///ws/orchard.treaty');
  });

  // A file system whose reads of the files named wait until let go: the title index of a large
  // workspace, with some files still being read.
  class GatedFileSystem extends MemoryFileSystem {
    private readonly gates = new Map<string, { open: Promise<void>; release: () => void }>();
    hold(uri: string): void {
      let release!: () => void;
      const open = new Promise<void>((resolve) => (release = resolve));
      this.gates.set(normaliseUri(uri), { open, release });
    }
    release(): void {
      for (const g of this.gates.values()) g.release();
    }
    override async readFile(uri: string): Promise<string | undefined> {
      await this.gates.get(normaliseUri(uri))?.open;
      return super.readFile(uri);
    }
  }

  it('finds a cited instrument among the files read so far, in the index order, before the rest are read', async () => {
    const charter = readCorpus('un_charter_en.txt');
    const fs = new GatedFileSystem({
      'file:///ws/a-charter.txt': charter,
      'file:///ws/b-orchard.treaty': ORCHARD,
      'file:///ws/c-slow.txt': 'Slow Treaty\n\nArticle 1\nText.\n',
      'file:///ws/d-charter-again.txt': charter,
      'file:///lib/charter.txt': charter,
    });
    const ws = new Workspace(fs, { folders: ['file:///ws'], library: ['file:///lib'] });
    fs.hold('file:///ws/c-slow.txt');
    let indexed = false;
    void ws.files().then(() => (indexed = true));
    const found = await ws.findInstrument(CHARTER);
    assert.equal(found?.uri, 'file:///ws/a-charter.txt', 'the first in the index order');
    const orchard = await ws.findInstrument({ cited: 'the Convention on Orchard Neighbours', title: 'Convention on Orchard Neighbours' });
    assert.equal(orchard?.uri, 'file:///ws/b-orchard.treaty');
    assert.equal(indexed, false, 'answered while a file of the index was still being read');
    // What comes after a file still being read waits for it: the index's order is kept.
    fs.write('file:///ws/0-first.txt', charter);
    fs.hold('file:///ws/0-first.txt');
    ws.refresh();
    const later = ws.findInstrument(CHARTER);
    let answered: string | undefined;
    void later.then((p) => (answered = p?.uri));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(answered, undefined, 'no answer past a file not yet read');
    fs.release();
    assert.equal((await later)?.uri, 'file:///ws/0-first.txt');
    assert.equal(await ws.findInstrument({ cited: 'the Convention on Hedges', title: 'Convention on Hedges' }), undefined);
  });

  it('never reads outside the workspace and library folders', async () => {
    const fs = new MemoryFileSystem({
      'file:///ws/a.txt': ORCHARD,
      'file:///secret/charter.txt': readCorpus('un_charter_en.txt'),
    });
    const ws = new Workspace(fs, { folders: ['file:///ws'] });
    assert.equal(await ws.load('file:///secret/charter.txt'), undefined);
    assert.equal(await ws.load('file:///ws/../secret/charter.txt'), undefined);
    assert.equal(await ws.findInstrument(CHARTER), undefined);
    assert.ok(fs.reads.every((u) => u.startsWith('file:///ws/')), `reads: ${fs.reads.join(', ')}`);
  });

  it('re-reads a file on disk when it changes, and not otherwise', async () => {
    const fs = new MemoryFileSystem({ 'file:///ws/a.txt': ORCHARD });
    const ws = new Workspace(fs, { folders: ['file:///ws'] });
    const first = await ws.load('file:///ws/a.txt');
    assert.equal(await ws.load('file:///ws/a.txt'), first);
    fs.write('file:///ws/a.txt', ORCHARD.replace('Article 3', 'Article 7'));
    const second = await ws.load('file:///ws/a.txt');
    assert.notEqual(second, first);
    assert.ok(second?.doc.byId.has('art_7'));
  });

  it('resolves library entries: URIs, absolute paths, ~ and paths relative to each folder', () => {
    const fs = new MemoryFileSystem();
    (fs as { homeUri?: () => string }).homeUri = () => 'file:///home/ana';
    const ws = new Workspace(fs, {
      folders: ['file:///ws1', 'file:///ws2'],
      library: ['file:///lib', '/srv/treaties', '~/treaties', 'vendor/texts', '  '],
    });
    assert.deepEqual(ws.libraryFolders, [
      'file:///lib',
      'file:///srv/treaties',
      'file:///home/ana/treaties',
      'file:///ws1/vendor/texts',
      'file:///ws2/vendor/texts',
    ]);
  });

  it('gives a lookup covering every instrument the document cites', async () => {
    const fs = new MemoryFileSystem({ 'file:///ws/charter.txt': readCorpus('un_charter_en.txt') });
    const ws = new Workspace(fs, { folders: ['file:///ws'] });
    ws.setOpen('file:///ws/nato.txt', 1, readCorpus('north_atlantic_treaty_1949_en.txt'));
    const nato = ws.get('file:///ws/nato.txt')!;
    const lookup = await ws.lookupFor(nato.doc);
    const external = nato.doc.references.find((r) => r.instrument);
    assert.ok(external, 'NATO cites another instrument');
    assert.equal(lookup(external.instrument!)?.uri, 'file:///ws/charter.txt');
  });

  it('skips dot folders and node_modules, and stops at the file limit', async () => {
    const files: Record<string, string> = {
      'file:///ws/.git/x.txt': 'Charter of the United Nations',
      'file:///ws/node_modules/x/README.md': 'Charter of the United Nations',
    };
    for (let i = 0; i < 30; i++) files[`file:///ws/many/f${String(i).padStart(2, '0')}.txt`] = `Text ${i}`;
    const logs: string[] = [];
    const ws = new Workspace(new MemoryFileSystem(files), { folders: ['file:///ws'], maxFiles: 10, log: (m) => logs.push(m) });
    const index = await ws.files();
    assert.equal(index.length, 10);
    assert.ok(index.every((e) => e.uri.startsWith('file:///ws/many/')));
    assert.ok(logs.some((l) => l.includes('stopped indexing')));
  });
});
