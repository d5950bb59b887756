// The language packs, by code. English is not here: its grammar is citations.ts and its
// headings are the first rows of headings.ts.
import type { LanguagePack } from './types';
import { ar } from './ar';
import { de } from './de';
import { es } from './es';
import { fr } from './fr';
import { ko } from './ko';
import { nl } from './nl';
import { ru } from './ru';
import { zh } from './zh';

export type { LanguagePack } from './types';

export const LANGUAGE_PACKS: readonly LanguagePack[] = [fr, es, ru, zh, ar, ko, de, nl];

const BY_CODE = new Map(LANGUAGE_PACKS.map((p) => [p.code, p]));

/** The pack for a BCP 47 tag ("zh-Hant" → Chinese), or undefined (English, unknown). */
export function packFor(tag: string | undefined): LanguagePack | undefined {
  if (!tag) return undefined;
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return BY_CODE.get(primary);
}
