import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from '../../src/workspace/settings';

describe('readSettings', () => {
  it('reads the pacta section as VS Code sends it', () => {
    assert.deepEqual(
      readSettings({
        library: ['/srv/treaties'],
        instruments: [{ title: 'Convention on Orchard Neighbours', aliases: ['Orchard Convention'] }],
        hover: { maxLength: 300 },
      }),
      {
        ...DEFAULT_SETTINGS, // the settings this test does not set
        library: ['/srv/treaties'],
        instruments: [
          { id: 'user:convention on orchard neighbours', title: 'Convention on Orchard Neighbours', aliases: ['Orchard Convention'] },
        ],
        hoverMaxLength: 300,
      },
    );
  });

  it('accepts {pacta: {...}} and flat dotted keys (initializationOptions)', () => {
    assert.equal(readSettings({ pacta: { hover: { maxLength: 50 } } }).hoverMaxLength, 50);
    assert.equal(readSettings({ 'pacta.hover.maxLength': 60 }).hoverMaxLength, 60);
    assert.deepEqual(readSettings({ 'pacta.library': ['x'] }).library, ['x']);
    assert.equal(readSettings({ 'hover.maxLength': 70 }).hoverMaxLength, 70);
  });

  it('treats values of the wrong type as the default', () => {
    for (const raw of [null, undefined, 3, 'x', [], { library: 5, instruments: 'UN', hover: { maxLength: 'long' } }]) {
      assert.deepEqual(readSettings(raw), DEFAULT_SETTINGS, JSON.stringify(raw));
    }
    for (const bad of [0, -5, Number.NaN, Infinity, '800', null]) {
      assert.equal(readSettings({ hover: { maxLength: bad } }).hoverMaxLength, 1200, String(bad));
    }
  });

  it('drops bad entries and keeps good ones', () => {
    const s = readSettings({
      library: ['/a', 3, '', null, '/b'],
      instruments: [null, { aliases: ['no title'] }, { title: '  ' }, { title: 'X Treaty', aliases: 'XT' }, { title: 'Y', aliases: ['Y1', 2] }],
    });
    assert.deepEqual(s.library, ['/a', '/b']);
    assert.deepEqual(
      s.instruments.map((i) => [i.title, i.aliases]),
      [
        ['X Treaty', []],
        ['Y', ['Y1']],
      ],
    );
  });

  it('takes a single library folder written as a string', () => {
    assert.deepEqual(readSettings({ library: '/srv/treaties' }).library, ['/srv/treaties']);
  });

  it('reads pacta.inlayHints.enabled and maxLength, with defaults for wrong types', () => {
    assert.equal(DEFAULT_SETTINGS.inlayHintsEnabled, true);
    assert.equal(DEFAULT_SETTINGS.inlayHintsMaxLength, 60);
    const s = readSettings({ inlayHints: { enabled: false, maxLength: 25.7 } });
    assert.equal(s.inlayHintsEnabled, false);
    assert.equal(s.inlayHintsMaxLength, 25);
    assert.equal(readSettings({ 'pacta.inlayHints.enabled': false }).inlayHintsEnabled, false);
    const bad = readSettings({ inlayHints: { enabled: 'no', maxLength: 0 } });
    assert.equal(bad.inlayHintsEnabled, true);
    assert.equal(bad.inlayHintsMaxLength, 60);
  });
});
