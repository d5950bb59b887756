// ClientFileSystem (files asked from the client: the browser server, virtual workspaces)
// and SchemeFileSystem (file: from disk, other schemes from the client), behind the
// workspace's FileSystem interface.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientFileSystem } from '../../src/workspace/clientFileSystem';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { SchemeFileSystem } from '../../src/workspace/schemeFileSystem';
import { Workspace } from '../../src/workspace/workspace';

describe('ClientFileSystem', () => {
  it('asks the client and passes good answers on', async () => {
    const asked: string[] = [];
    const fs = new ClientFileSystem(async (method, { uri }) => {
      asked.push(`${method} ${uri}`);
      if (method === 'pacta/readFile') return 'Article 1';
      if (method === 'pacta/readDirectory') return [{ name: 'a.treaty', type: 'file' }, { name: 'sub', type: 'directory' }];
      return { type: 'file', size: 9, mtime: 5 };
    });
    assert.equal(await fs.readFile('vscode-vfs://github/o/r/a.treaty'), 'Article 1');
    assert.deepEqual(await fs.readDirectory('vscode-vfs://github/o/r'), [{ name: 'a.treaty', type: 'file' }, { name: 'sub', type: 'directory' }]);
    assert.deepEqual(await fs.stat('vscode-vfs://github/o/r/a.treaty'), { type: 'file', size: 9, mtime: 5 });
    assert.deepEqual(asked, [
      'pacta/readFile vscode-vfs://github/o/r/a.treaty',
      'pacta/readDirectory vscode-vfs://github/o/r',
      'pacta/stat vscode-vfs://github/o/r/a.treaty',
    ]);
  });

  it('treats a client that fails, cannot answer or answers nonsense as "no such file"', async () => {
    const failing = new ClientFileSystem(async () => {
      throw new Error('Unhandled method pacta/readFile');
    });
    assert.equal(await failing.readFile('memfs:/x'), undefined);
    assert.deepEqual(await failing.readDirectory('memfs:/'), []);
    assert.equal(await failing.stat('memfs:/x'), undefined);
    const odd = new ClientFileSystem(async (method) =>
      method === 'pacta/readDirectory' ? [{ name: 1 }, null, { name: 'ok', type: 'file' }, { name: 'bad', type: 'socket' }] : { type: 'file', size: '9' },
    );
    assert.equal(await odd.readFile('memfs:/x'), undefined);
    assert.deepEqual(await odd.readDirectory('memfs:/'), [{ name: 'ok', type: 'file' }]);
    assert.equal(await odd.stat('memfs:/x'), undefined);
  });
});

describe('SchemeFileSystem', () => {
  it('reads file: URIs locally and every other scheme from the client, so a virtual workspace resolves across files', async () => {
    const local = new MemoryFileSystem({ 'file:///lib/charter.txt': 'Charter of the United Nations\n\nArticle 51\nSelf-defence.\n' });
    const remote = new MemoryFileSystem({
      'vscode-vfs://github/o/r/charter.txt': 'Charter of the United Nations\n\nArticle 51\nInherent right.\n',
    });
    const fs = new SchemeFileSystem(local, remote);
    assert.match((await fs.readFile('file:///lib/charter.txt')) ?? '', /Self-defence/);
    assert.match((await fs.readFile('vscode-vfs://github/o/r/charter.txt')) ?? '', /Inherent right/);
    const ws = new Workspace(fs, { folders: ['vscode-vfs://github/o/r'] });
    ws.setOpen('vscode-vfs://github/o/r/pact.treaty', 1, 'Pact\n\nArticle 1\nAs in Article 51 of the Charter of the United Nations.\n');
    const doc = ws.get('vscode-vfs://github/o/r/pact.treaty')!.doc;
    const found = (await ws.lookupFor(doc))(doc.references[0].instrument!);
    assert.equal(found?.uri, 'vscode-vfs://github/o/r/charter.txt');
    assert.deepEqual(local.reads, ['file:///lib/charter.txt']);
  });
});
