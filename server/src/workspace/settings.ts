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
  /** `pacta.diagnostics.<kind>` severities and `pacta.diagnostics.ignore`. */
  diagnostics: DiagnosticsSettings;
  /** `pacta.diagnostics.maxPerDocument`: more findings than this in one document are counted in one note, not published. */
  diagnosticsMaxPerDocument: number;
  /** `pacta.outline.maxSymbols`: past it the outline leaves out points, then paragraphs. */
  outlineMaxSymbols: number;
  /** `pacta.codeLens.enabled`: "cited by N" above each article. */
  codeLensEnabled: boolean;
  /** `pacta.inlayHints.enabled`: the cited article's heading after a bare reference. */
  inlayHintsEnabled: boolean;
  /** `pacta.inlayHints.maxLength`: longer headings are cut with "…". */
  inlayHintsMaxLength: number;
  /** `pacta.parallelVersions`: groups of paths, each group the language versions of one treaty. */
  parallelVersions: string[][];
  /** `pacta.hover.parallel`: a hover also shows the cited clause in the other language versions. */
  hoverParallel: boolean;
  /** `pacta.maxFileSize`, in megabytes: larger documents get no features (parsing would stall the server). */
  maxFileSize: number;
  /** `pacta.language`: the language of treaty texts ("auto" detects it; a `pacta: language=xx` note in a text wins). */
  language: string;
}

/** How loudly a kind of diagnostic is reported; `off` not at all. */
export type DiagnosticLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';

export const DIAGNOSTIC_KINDS = [
  'brokenReference',
  'ambiguousReference',
  'numbering',
  'instrumentNotFound',
  'brokenExternalReference',
] as const;
export type DiagnosticKind = (typeof DIAGNOSTIC_KINDS)[number];

export interface DiagnosticsSettings {
  levels: Record<DiagnosticKind, DiagnosticLevel>;
  /** Reference texts ("Article 25"), eIds ("art_25") or instrument titles not to report. */
  ignore: string[];
}

/**
 * Quiet defaults: what is surely wrong in the text is a warning; a cited instrument whose
 * text is simply not at hand is information, not the author's error.
 */
export const DEFAULT_DIAGNOSTIC_LEVELS: Readonly<Record<DiagnosticKind, DiagnosticLevel>> = Object.freeze({
  brokenReference: 'warning',
  ambiguousReference: 'warning',
  numbering: 'warning',
  instrumentNotFound: 'info',
  brokenExternalReference: 'warning',
});

export const DEFAULT_SETTINGS: Readonly<PactaSettings> = Object.freeze({
  library: [],
  instruments: [],
  hoverMaxLength: 1200,
  diagnostics: Object.freeze({ levels: DEFAULT_DIAGNOSTIC_LEVELS, ignore: [] as string[] }),
  diagnosticsMaxPerDocument: 1000,
  outlineMaxSymbols: 10000,
  codeLensEnabled: true,
  inlayHintsEnabled: true,
  inlayHintsMaxLength: 60,
  parallelVersions: [],
  hoverParallel: true,
  maxFileSize: 10,
  language: 'auto',
});

/** `pacta.maxFileSize` (megabytes) in bytes, as the workspace holds it. */
export function maxFileSizeBytes(megabytes: number): number {
  return Math.round(megabytes * 1048576);
}

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
    diagnostics: readDiagnostics(get),
    diagnosticsMaxPerDocument: positiveInteger(get('diagnostics.maxPerDocument'), DEFAULT_SETTINGS.diagnosticsMaxPerDocument),
    outlineMaxSymbols: positiveInteger(get('outline.maxSymbols'), DEFAULT_SETTINGS.outlineMaxSymbols),
    codeLensEnabled: typeof get('codeLens.enabled') === 'boolean' ? (get('codeLens.enabled') as boolean) : DEFAULT_SETTINGS.codeLensEnabled,
    inlayHintsEnabled: typeof get('inlayHints.enabled') === 'boolean' ? (get('inlayHints.enabled') as boolean) : DEFAULT_SETTINGS.inlayHintsEnabled,
    inlayHintsMaxLength: positiveInteger(get('inlayHints.maxLength'), DEFAULT_SETTINGS.inlayHintsMaxLength),
    parallelVersions: readParallelVersions(get('parallelVersions')),
    hoverParallel: typeof get('hover.parallel') === 'boolean' ? (get('hover.parallel') as boolean) : DEFAULT_SETTINGS.hoverParallel,
    maxFileSize: positiveNumber(get('maxFileSize'), DEFAULT_SETTINGS.maxFileSize),
    language: typeof get('language') === 'string' && /^(auto|[a-z]{2})$/.test(get('language') as string) ? (get('language') as string) : DEFAULT_SETTINGS.language,
  };
}

const LEVELS: readonly DiagnosticLevel[] = ['off', 'hint', 'info', 'warning', 'error'];
/** Words people write for the same levels (VS Code's own severity names among them). */
const LEVEL_ALIASES: Record<string, DiagnosticLevel> = { information: 'info', ignore: 'off', none: 'off', false: 'off' };

function readDiagnostics(get: (path: string) => unknown): DiagnosticsSettings {
  const levels = { ...DEFAULT_DIAGNOSTIC_LEVELS };
  for (const kind of DIAGNOSTIC_KINDS) {
    const v = get(`diagnostics.${kind}`);
    if (typeof v !== 'string') continue;
    const w = v.trim().toLowerCase();
    const level = (LEVELS as readonly string[]).includes(w) ? (w as DiagnosticLevel) : LEVEL_ALIASES[w];
    if (level) levels[kind] = level;
  }
  const ignore = get('diagnostics.ignore');
  return {
    levels,
    ignore: Array.isArray(ignore) ? ignore.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()) : [],
  };
}

/** Groups of paths: `[["vclt_en.txt", "vclt_ko.txt"]]`; a single group may be written without the outer brackets. */
function readParallelVersions(v: unknown): string[][] {
  if (!Array.isArray(v)) return [];
  const groups = v.every((x) => typeof x === 'string') ? [v] : v;
  return groups
    .filter(Array.isArray)
    .map((g: unknown[]) => g.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()))
    .filter((g) => g.length > 1);
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

function positiveInteger(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

export function sameInstruments(a: readonly CatalogueEntry[], b: readonly CatalogueEntry[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A finite number above zero (fractions allowed: 0.5 MB), else the default. */
function positiveNumber(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
