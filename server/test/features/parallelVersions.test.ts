// Parallel versions in the workspace and the features: which texts are linked (notes both
// ways, the setting, proposals), the code lenses, the diagnostics and the hover blocks, on an
// in-memory workspace holding the samples and the real VCLT texts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { hover } from '../../src/features/hover';
import {
  noteLine,
  parallelCodeLenses,
  parallelDiagnostics,
  parallelHoverBlocks,
  parallelTargets,
  runLabel,
  type ParallelTarget,
  type VersionView,
} from '../../src/features/parallelVersions';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';
import { ParallelVersions, resolvePath } from '../../src/workspace/parallelVersions';
import { Workspace } from '../../src/workspace/workspace';
import { REPO } from '../helpers/paths';
import { positionOf, readCorpus } from '../helpers/text';

const EN_TEXT = fs.readFileSync(path.join(REPO, 'samples/parallel/disaster-relief.en.treaty.txt'), 'utf8');
const KO_TEXT = fs.readFileSync(path.join(REPO, 'samples/parallel/disaster-relief.ko.treaty.txt'), 'utf8');
const EN = 'file:///ws/parallel/disaster-relief.en.treaty.txt';
const KO = 'file:///ws/parallel/disaster-relief.ko.treaty.txt';
const VCLT_EN = 'file:///lib/vclt_1969_en.txt';
const VCLT_KO = 'file:///ws/vclt_1969_ko_partial.txt';
const LENS_COMMANDS = { openCommand: 'pacta.openParallel', linkCommand: 'pacta.linkParallel' };

function setup(files: Record<string, string>, groups: string[][] = [], library: string[] = []) {
  const mfs = new MemoryFileSystem(files);
  const ws = new Workspace(mfs, { folders: ['file:///ws'], library });
  const open: string[] = [];
  const versions = new ParallelVersions(ws, mfs, { openUris: () => open, groups: () => groups });
  const views = async (uri: string): Promise<VersionView[]> => {
    const self = (await ws.load(uri))!;
    return (await versions.versionsOf(uri)).map((v) => ({ ...v, alignment: versions.alignment(self.doc, v.doc) }));
  };
  const openDoc = (uri: string, text: string) => {
    ws.setOpen(uri, 1, text);
    open.push(uri);
    return ws.get(uri)!;
  };
  return { ws, versions, views, openDoc };
}

describe('which texts are versions of one another', () => {
  it('links a note both ways: the English text names the Korean one, the Korean one finds the English', async () => {
    const { versions } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const fromEn = await versions.versionsOf(EN);
    assert.deepEqual(fromEn.map((v) => [v.uri, v.source, v.language]), [[KO, 'note', 'ko']]);
    const fromKo = await versions.versionsOf(KO);
    assert.deepEqual(fromKo.map((v) => [v.uri, v.source, v.language]), [[EN, 'note', 'en']]);
  });

  it('follows a note in an open document as it is being edited', async () => {
    const { ws, versions, openDoc } = setup({ [KO]: KO_TEXT });
    const DRAFT = 'file:///ws/parallel/draft.txt';
    openDoc(DRAFT, '% pacta: parallel=disaster-relief.ko.treaty.txt\n' + EN_TEXT);
    assert.deepEqual((await versions.versionsOf(KO)).map((v) => v.uri), [DRAFT]);
    // The notes of each version are read once and kept: an edit must still be seen.
    const plainEn = EN_TEXT.replace(/^% pacta:.*\n/m, '');
    ws.setOpen(DRAFT, 2, '% pacta: parallel=disaster-relief.ru.treaty.txt\n' + plainEn);
    assert.deepEqual((await versions.versionsOf(KO)).map((v) => [v.uri, v.source]), []);
    ws.setOpen(DRAFT, 3, '% pacta: parallel=disaster-relief.ko.treaty.txt\n' + plainEn);
    assert.deepEqual((await versions.versionsOf(KO)).map((v) => v.uri), [DRAFT]);
  });

  it('links the texts of a pacta.parallelVersions group, with paths relative to the workspace folder', async () => {
    const plainEn = EN_TEXT.replace(/^% pacta:.*\n/m, '');
    const { versions } = setup({ [EN]: plainEn, [KO]: KO_TEXT }, [['parallel/disaster-relief.en.treaty.txt', 'parallel/disaster-relief.ko.treaty.txt']]);
    assert.deepEqual((await versions.versionsOf(KO)).map((v) => [v.uri, v.source]), [[EN, 'setting']]);
    const none = setup({ [EN]: plainEn, [KO]: KO_TEXT });
    assert.deepEqual(await none.versions.versionsOf(KO), []);
  });

  it('takes versions of versions: a Russian text named by the English one is a version of the Korean one too', async () => {
    const RU = 'file:///ws/parallel/disaster-relief.ru.treaty.txt';
    const en = EN_TEXT.replace('parallel=disaster-relief.ko.treaty.txt', 'parallel=disaster-relief.ko.treaty.txt, disaster-relief.ru.treaty.txt');
    const { versions } = setup({ [EN]: en, [KO]: KO_TEXT, [RU]: 'Соглашение\n\nСтатья 1\n\nНастоящее Соглашение определяет порядок помощи.' });
    assert.deepEqual((await versions.versionsOf(KO)).map((v) => v.uri).sort(), [EN, RU].sort());
  });

  it('proposes the English VCLT (in the library) for the Korean one, by catalogue title and numbering', async () => {
    const { versions } = setup({ [VCLT_EN]: readCorpus('vclt_1969_en.txt'), [VCLT_KO]: readCorpus('vclt_1969_ko_partial.txt') }, [], ['file:///lib']);
    const found = await versions.versionsOf(VCLT_KO);
    assert.equal(found.length, 1);
    assert.equal(found[0].uri, VCLT_EN);
    assert.equal(found[0].source, 'proposed');
    assert.match(found[0].reason ?? '', /Vienna Convention on the Law of Treaties; all 36 articles/);
  });

  it('resolves paths in notes and settings', () => {
    assert.deepEqual(resolvePath('ko.txt', ['file:///ws/a'], undefined), ['file:///ws/a/ko.txt']);
    assert.deepEqual(resolvePath('../ru/b.txt', ['file:///ws/a'], undefined), ['file:///ws/ru/b.txt']);
    assert.deepEqual(resolvePath('/abs/x.txt', ['file:///ws'], undefined), ['file:///abs/x.txt']);
    assert.deepEqual(resolvePath('~/t/x.txt', ['file:///ws'], 'file:///home/u'), ['file:///home/u/t/x.txt']);
    assert.deepEqual(resolvePath('file:///elsewhere/x.txt', ['file:///ws'], undefined), ['file:///elsewhere/x.txt']);
  });
});

describe('code lenses "Open the Korean text of this article"', () => {
  it('puts one lens on each article the other version has, opening it at that article', async () => {
    const { ws, views } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const en = (await ws.load(EN))!;
    const lenses = parallelCodeLenses(en.doc, EN, await views(EN), LENS_COMMANDS);
    assert.equal(lenses.length, 5);
    assert.ok(lenses.every((l) => l.command?.title === 'Open the Korean text of this article' && l.command.command === 'pacta.openParallel'));
    const art4 = lenses[3];
    assert.equal(art4.range.start.line, positionOf(EN_TEXT, 'Article 4\nCosts', 1, 0).line);
    const target = art4.command!.arguments![0] as ParallelTarget;
    assert.equal(target.uri, KO);
    assert.equal(target.range.start.line, positionOf(KO_TEXT, '제4조', 1, 0).line);
    assert.equal(target.languageName, 'Korean');
  });

  it('says "the English text" from the Korean side, and "the other version" when the language is unknown', async () => {
    const { ws, views } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const ko = (await ws.load(KO))!;
    const titles = parallelCodeLenses(ko.doc, KO, await views(KO), LENS_COMMANDS).map((l) => l.command?.title);
    assert.deepEqual([...new Set(titles)], ['Open the English text of this article']);

    const unknown = setup({ [EN]: EN_TEXT, [KO]: '% pacta: language=xx\n' + KO_TEXT });
    const en = (await unknown.ws.load(EN))!;
    const other = parallelCodeLenses(en.doc, EN, await unknown.views(EN), LENS_COMMANDS).map((l) => l.command?.title);
    assert.deepEqual([...new Set(other)], ['Open the other version of this article']);
  });

  it('puts no lens on an article the other version lacks, and none without a command to run', async () => {
    const { ws, views } = setup({ [VCLT_EN]: readCorpus('vclt_1969_en.txt'), 'file:///ws/ko.txt': '% pacta: parallel=../lib/vclt_1969_en.txt\n' + readCorpus('vclt_1969_ko_partial.txt') }, [], ['file:///lib']);
    const en = (await ws.load(VCLT_EN))!;
    const lenses = parallelCodeLenses(en.doc, VCLT_EN, await views(VCLT_EN), LENS_COMMANDS);
    assert.equal(lenses.length, 36, 'the articles of the partial Korean text');
    assert.deepEqual(parallelCodeLenses(en.doc, VCLT_EN, await views(VCLT_EN), {}), []);
  });

  it('proposes a link with a lens on the title that writes the note', async () => {
    const { ws, views } = setup({ [VCLT_EN]: readCorpus('vclt_1969_en.txt'), [VCLT_KO]: readCorpus('vclt_1969_ko_partial.txt') }, [], ['file:///lib']);
    const ko = (await ws.load(VCLT_KO))!;
    const lenses = parallelCodeLenses(ko.doc, VCLT_KO, await views(VCLT_KO), LENS_COMMANDS);
    const link = lenses.find((l) => l.command?.command === 'pacta.linkParallel');
    assert.ok(link);
    assert.equal(link.command!.title, 'Pacta proposes vclt_1969_en.txt as the English version of this text — link them');
    assert.equal((link.command!.arguments![0] as { note: string }).note, '% pacta: parallel=../lib/vclt_1969_en.txt');
    assert.equal(noteLine('file:///ws/a/x.treaty.md', 'file:///ws/a/y.md'), '<!-- pacta: parallel=y.md -->');
  });
});

describe('the cursor\'s provision in the other version', () => {
  it('is the same point, or the nearest enclosing provision the other version has', async () => {
    const { ws, views } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const en = (await ws.load(EN))!;
    const vs = await views(EN);
    const [point] = parallelTargets(en.doc, positionOf(EN_TEXT, '"assisting Party" means'), vs);
    assert.equal(point.label, 'Article 2(b)');
    assert.equal(point.exact, true);
    assert.equal(point.range.start.line, positionOf(KO_TEXT, '(b) "지원국"', 1, 0).line);
    const [para3] = parallelTargets(en.doc, positionOf(EN_TEXT, 'shall answer a request'), vs);
    assert.equal(para3.label, 'Article 3');
    assert.equal(para3.exact, false);
  });
});

describe('diagnostics where the versions\' structure differs', () => {
  it('reports the paragraph the Korean text of Article 3 lacks, on both sides', async () => {
    const { ws, views } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const en = parallelDiagnostics((await ws.load(EN))!.doc, await views(EN));
    assert.deepEqual(en.map((d) => d.message), ['Article 3 has 3 paragraphs here and 2 in the Korean version (disaster-relief.ko.treaty.txt).']);
    assert.equal(en[0].severity, 3, 'Information');
    assert.equal(en[0].range.start.line, positionOf(EN_TEXT, 'Article 3\n', 1, 0).line);
    const ko = parallelDiagnostics((await ws.load(KO))!.doc, await views(KO));
    assert.deepEqual(ko.map((d) => d.message), ['Article 3 has 2 paragraphs here and 3 in the English version (disaster-relief.en.treaty.txt).']);
  });

  it('reports Articles 15–63 of the VCLT once on each side', async () => {
    const files = { [VCLT_EN]: readCorpus('vclt_1969_en.txt'), 'file:///ws/ko.txt': '% pacta: parallel=../lib/vclt_1969_en.txt\n' + readCorpus('vclt_1969_ko_partial.txt') };
    const { ws, views } = setup(files, [], ['file:///lib']);
    const en = parallelDiagnostics((await ws.load(VCLT_EN))!.doc, await views(VCLT_EN));
    const missing = en.filter((d) => d.code === 'parallel-missing');
    assert.deepEqual(missing.map((d) => d.message), ['Articles 15–63 are not in the Korean version (ko.txt).']);
    const ko = parallelDiagnostics((await ws.load('file:///ws/ko.txt'))!.doc, await views('file:///ws/ko.txt'));
    const gap = ko.filter((d) => d.code === 'parallel-missing');
    assert.deepEqual(gap.map((d) => d.message), ['Articles 15–63 of the English version (vclt_1969_en.txt) are not in this text.']);
    assert.equal(gap[0].relatedInformation?.[0].location.uri, VCLT_EN);
  });

  it('gives no diagnostics for a version only proposed, not linked', async () => {
    const { ws, views } = setup({ [VCLT_EN]: readCorpus('vclt_1969_en.txt'), [VCLT_KO]: readCorpus('vclt_1969_ko_partial.txt') }, [], ['file:///lib']);
    assert.deepEqual(parallelDiagnostics((await ws.load(VCLT_KO))!.doc, await views(VCLT_KO)), []);
  });

  it('names runs of articles', async () => {
    const { ws } = setup({ [EN]: EN_TEXT });
    const doc = (await ws.load(EN))!.doc;
    assert.equal(runLabel([doc.byId.get('art_2')!]), 'Article 2');
    assert.equal(runLabel([doc.byId.get('art_2')!, doc.byId.get('art_3')!]), 'Articles 2–3');
  });
});

describe('hover shows the cited clause in the other language too', () => {
  it('adds the Korean Article 5 under the English one', async () => {
    const { ws, views } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const en = (await ws.load(EN))!;
    const vs = await views(EN);
    const h = hover(en.doc, positionOf(EN_TEXT, 'Article 5.', 1, 'Article '.length), undefined, {
      maxLength: 1200,
      parallel: (_doc, p) => parallelHoverBlocks(p, vs, 1200),
    });
    const text = (h!.contents as MarkupContent).value;
    assert.match(text, /designate a contact point/);
    assert.match(text, /\*\*Korean: .*Article 5 — 연락창구 및 발효\*\*/);
    assert.match(text, /각 당사국은 상시 운영되는 연락창구를 지정하고/);
    assert.ok(text.indexOf('designate a contact point') < text.indexOf('연락창구를'), 'this text first, then the other version');
  });

  it('says when the cited provision is not in the other version and shows the nearest one', async () => {
    const { ws, views } = setup({ [EN]: EN_TEXT, [KO]: KO_TEXT });
    const en = (await ws.load(EN))!;
    const blocks = parallelHoverBlocks(en.doc.byId.get('art_3__para_3')!, await views(EN), 1200);
    assert.match(blocks[0], /Article 3\(3\) is not in this version/);
  });
});
