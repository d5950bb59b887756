// Pacta's settings, read defensively: a value of the wrong type counts as the default,
// so a typo in settings.json never breaks the server.
import { normaliseName, type CatalogueEntry } from '../model';

export interface PactaSettings {
  /** `pacta.library`: folders holding other instruments' texts. */
  library: string[];
  /** `pacta.instruments`: extra catalogue entries. */
  instruments: CatalogueEntry[];
  /** `pacta.hover.maxLength`. */
  hoverMaxLength: number;
}

export const DEFAULT_SETTINGS: Readonly<PactaSettings> = Object.freeze({
  library: [],
  instruments: [],
  hoverMaxLength: 1200,
});

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads settings from whatever shape a client sends: the `pacta` section itself
 * (`{library, instruments, hover: {maxLength}}`), an object holding it (`{pacta: {…}}`),
 * or flat dotted keys (`{"pacta.library": …, "pacta.hover.maxLength": …}`).
 */
export function readSettings(raw: unknown): PactaSettings {
  if (!isDict(raw)) return { ...DEFAULT_SETTINGS };
  const section: Dict = isDict(raw.pacta) ? raw.pacta : raw;
  const get = (path: string): unknown => {
    let v: unknown = section;
    for (const k of path.split('.')) v = isDict(v) ? v[k] : undefined;
    if (v !== undefined) return v;
    return section[path] ?? raw[`pacta.${path}`];
  };
  return {
    library: readLibrary(get('library')),
    instruments: readInstruments(get('instruments')),
    hoverMaxLength: readMaxLength(get('hover.maxLength')),
  };
}

function readLibrary(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : []; // a single folder written without brackets
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0);
}

function readInstruments(v: unknown): CatalogueEntry[] {
  if (!Array.isArray(v)) return [];
  const out: CatalogueEntry[] = [];
  for (const item of v) {
    if (!isDict(item) || typeof item.title !== 'string' || !item.title.trim()) continue;
    const title = item.title.trim();
    const aliases = Array.isArray(item.aliases)
      ? item.aliases.filter((a): a is string => typeof a === 'string' && a.trim().length > 0).map((a) => a.trim())
      : [];
    const id = typeof item.id === 'string' && item.id.trim() ? item.id.trim() : `user:${normaliseName(title)}`;
    out.push({ id, title, aliases });
  }
  return out;
}

function readMaxLength(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) return DEFAULT_SETTINGS.hoverMaxLength;
  return Math.floor(v);
}

export function sameInstruments(a: readonly CatalogueEntry[], b: readonly CatalogueEntry[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
