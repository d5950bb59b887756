// Short treaty-like texts written for these tests (not real instruments).
import { lines } from './text';

/** Three headed articles with paragraphs and points, and references of each form. */
export const ORCHARD = lines(
  'Convention on Orchard Neighbours',
  '',
  'Article 1',
  'Scope',
  '',
  '1. This Convention governs fruit trees planted along a shared boundary.',
  '2. It does not cover hedges.',
  '',
  'Article 2',
  'Definitions',
  '',
  'For the purposes of this Convention:',
  '(a) "overhang" means a branch that crosses the boundary;',
  '(b) "windfall" means fruit that drops without picking.',
  '',
  'Article 3',
  'Duties',
  '',
  'Each neighbour shall prune an overhang as required by Article 1, paragraph 2, and Article 2(a).',
  'Articles 1 and 2 set the scope and the terms; see Articles 1 to 3.',
  'A claim under Article 25 is void.',
);

/** A text that cites the Charter of the United Nations, for cross-document tests. */
export const CITES_CHARTER = lines(
  'Pact of Two Valleys',
  '',
  'Article 1',
  '',
  'Nothing in this Pact impairs the right of self-defence recognised by Article 51 of the Charter of the United Nations.',
  '',
  'Article 2',
  '',
  'The Parties recall Article 2 of the Charter of the United Nations.',
);
