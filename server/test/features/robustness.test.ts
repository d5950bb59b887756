// Completion, inlay hints, folding, selection ranges, workspace symbols, semantic tokens and
// defined terms on text that is not a treaty: none may throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completion } from '../../src/features/completion';
import { foldingRanges } from '../../src/features/folding';
import { hover } from '../../src/features/hover';
import { definition } from '../../src/features/definition';
import { inlayHints } from '../../src/features/inlayHints';
import { selectionRanges } from '../../src/features/selectionRanges';
import { semanticTokens } from '../../src/features/semanticTokens';
import { workspaceSymbols } from '../../src/features/workspaceSymbols';
import { LineIndex, parseTreaty } from '../../src/model';

/** Deterministic junk: treaty-ish words, quotes, brackets, numbers and odd characters. */
function junk(seed: number, length: number): string {
  const parts = ['Article ', 'article 4, paragraph ', 'subparagraph (', 'Annex ', '“', '”', '"', 'means ', 'hereinafter ', '(', ')', '\n', '\r\n', '1. ', '(a) ', 'the Parties ', 'of the Charter of the United Nations', 'PART XI\n', '\u0000', '\uD800', '’s ', '7', 'bis ', ', ', ' to '];
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += parts[x % parts.length];
  }
  return s;
}

describe('features on junk text', () => {
  it('never throw, at any position', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = junk(seed, 1500);
      const doc = parseTreaty(text);
      const lines = new LineIndex(text);
      assert.doesNotThrow(() => foldingRanges(doc));
      assert.doesNotThrow(() => inlayHints(doc));
      assert.doesNotThrow(() => semanticTokens(doc));
      assert.doesNotThrow(() => workspaceSymbols('Art 7 (', [{ uri: 'file:///x', doc }]));
      for (let o = 0; o <= text.length; o += 37) {
        const position = lines.positionAt(o);
        assert.doesNotThrow(() => completion(doc, position, () => doc));
        assert.doesNotThrow(() => selectionRanges(doc, [position]));
        assert.doesNotThrow(() => hover(doc, position));
        assert.doesNotThrow(() => definition(doc, 'file:///x', position));
      }
    }
  });
});
