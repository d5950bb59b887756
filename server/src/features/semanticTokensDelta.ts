// semanticTokens/full/delta: the last tokens sent for each document, and the one edit that
// turns them into the new ones. A keystroke changes the tokens near it only (their positions
// are relative to the token before), so the answer is a few numbers instead of all of them:
// 100,000 numbers, about 400 KB of JSON, for a 5 MB treaty.
// Not vscode-languageserver's SemanticTokensBuilder: its result ids are Date.now(), so two
// results built in one millisecond share an id, and a delta asked against the older one (whose
// answer the client dropped) would be computed against the newer. Ours count.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver-protocol';

/** The one edit (or none) that turns `old` into `now`: what lies between their common start and end. */
export function diffTokens(old: readonly number[], now: readonly number[]): SemanticTokensEdit[] {
  const shorter = Math.min(old.length, now.length);
  let start = 0;
  while (start < shorter && old[start] === now[start]) start++;
  if (start === old.length && start === now.length) return [];
  let end = 0;
  // The common end may not reach into the common start.
  while (end < shorter - start && old[old.length - 1 - end] === now[now.length - 1 - end]) end++;
  return [{ start, deleteCount: old.length - start - end, data: now.slice(start, now.length - end) }];
}

/** The tokens last answered per document, so that a delta request can be answered by an edit. */
export class SemanticTokensCache {
  private readonly last = new Map<string, { resultId: string; data: number[] }>();
  private counter = 0;

  /** A full answer, kept as the base of the next delta. */
  full(uri: string, tokens: SemanticTokens): SemanticTokens {
    const resultId = String(++this.counter);
    this.last.set(uri, { resultId, data: tokens.data });
    return { resultId, data: tokens.data };
  }

  /** The edit from the tokens of `previousResultId`, or all of them when those are not the last kept. */
  delta(uri: string, previousResultId: string, tokens: SemanticTokens): SemanticTokens | SemanticTokensDelta {
    const before = this.last.get(uri);
    const answer = this.full(uri, tokens);
    if (!before || before.resultId !== previousResultId) return answer;
    return { resultId: answer.resultId, edits: diffTokens(before.data, tokens.data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
