import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DIAGNOSTIC_LEVELS, DEFAULT_SETTINGS, readSettings } from '../../src/workspace/settings';

describe('pacta.diagnostics.* and pacta.codeLens.enabled', () => {
  it('defaults: warnings for what is wrong in the text, information for a missing instrument text, lenses on', () => {
    assert.deepEqual(DEFAULT_SETTINGS.diagnostics, {
      levels: { brokenReference: 'warning', ambiguousReference: 'warning', numbering: 'warning', instrumentNotFound: 'info', brokenExternalReference: 'warning' },
      ignore: [],
    });
    assert.equal(DEFAULT_SETTINGS.codeLensEnabled, true);
  });

  it('reads nested, {pacta: …} and flat dotted forms, and the usual other spellings of a level', () => {
    const nested = readSettings({ diagnostics: { brokenReference: 'error', numbering: 'off', ignore: ['Article 25', ' art_7 '] }, codeLens: { enabled: false } });
    assert.deepEqual(nested.diagnostics, { levels: { ...DEFAULT_DIAGNOSTIC_LEVELS, brokenReference: 'error', numbering: 'off' }, ignore: ['Article 25', 'art_7'] });
    assert.equal(nested.codeLensEnabled, false);
    assert.equal(readSettings({ pacta: { diagnostics: { instrumentNotFound: 'Information' } } }).diagnostics.levels.instrumentNotFound, 'info');
    assert.equal(readSettings({ 'pacta.diagnostics.numbering': 'HINT' }).diagnostics.levels.numbering, 'hint');
    assert.equal(readSettings({ 'pacta.codeLens.enabled': false }).codeLensEnabled, false);
  });

  it('keeps the default for a value of the wrong type or an unknown level, and drops bad ignore entries', () => {
    const s = readSettings({ diagnostics: { brokenReference: 'loud', numbering: 3, ignore: ['ok', 4, '', null] }, codeLens: { enabled: 'yes' } });
    assert.deepEqual(s.diagnostics, { levels: DEFAULT_DIAGNOSTIC_LEVELS, ignore: ['ok'] });
    assert.equal(s.codeLensEnabled, true);
    assert.deepEqual(readSettings({ diagnostics: 'off' }).diagnostics, DEFAULT_SETTINGS.diagnostics);
  });
});
