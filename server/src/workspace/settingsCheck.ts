// Warnings for settings of the wrong type. readSettings already falls back to the default
// for such a value; this says so, once, so a typo in settings.json is found rather than
// silently ignored. Checked against the schema in package.json (`contributes.configuration`),
// so a setting someone adds there is checked without a change here.

export interface SettingSchema {
  type?: string | string[];
  items?: SettingSchema;
  properties?: Record<string, SettingSchema>;
  required?: string[];
  default?: unknown;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Settings that also take a single value where the schema says a list (readSettings accepts it). */
const SINGLE_FOR_LIST = new Set(['pacta.library']);

/**
 * One sentence per value that does not fit its schema. `raw` is what the client sent, in any
 * of the shapes readSettings reads: the `pacta` section, `{pacta: …}`, or flat dotted keys.
 */
export function settingsWarnings(raw: unknown, schema: Record<string, SettingSchema>): string[] {
  if (!isDict(raw)) return raw === undefined || raw === null ? [] : [`Pacta settings should be an object, not ${kindOf(raw)}; using the defaults.`];
  const section: Dict = isDict(raw.pacta) ? raw.pacta : raw;
  const out: string[] = [];
  const visit = (value: unknown, path: string): void => {
    const key = `pacta.${path}`;
    const s = schema[key];
    if (s) {
      if (value !== undefined && value !== null) checkValue(value, s, key, out);
    } else if (isDict(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
    } else if (!Object.keys(schema).some((k) => k.startsWith(key + '.'))) {
      out.push(`Unknown setting ${key}; ignored.`);
    }
  };
  for (const [k, v] of Object.entries(section)) {
    if (k === 'pacta') continue;
    visit(v, k.startsWith('pacta.') ? k.slice('pacta.'.length) : k);
  }
  return out;
}

function checkValue(value: unknown, s: SettingSchema, key: string, out: string[]): void {
  if (SINGLE_FOR_LIST.has(key) && typeof value === 'string' && s.items && fits(value, s.items)) return;
  if (!fits(value, s)) {
    const fallback = s.default === undefined ? '' : ` (${JSON.stringify(s.default)})`;
    out.push(`Setting ${key} should be ${expected(s)}, not ${kindOf(value)}; Pacta uses the default${fallback}.`);
    return;
  }
  if (Array.isArray(value) && s.items) {
    value.forEach((item, i) => {
      if (!fits(item, s.items!)) out.push(`Setting ${key}[${i}] should be ${expected(s.items!)}, not ${kindOf(item)}; that entry is ignored.`);
      else if (isDict(item) && s.items!.properties) checkProperties(item, s.items!.properties, `${key}[${i}]`, out, s.items!.required);
    });
  } else if (isDict(value) && s.properties) {
    checkProperties(value, s.properties, key, out, s.required);
  }
}

function checkProperties(value: Dict, props: Record<string, SettingSchema>, key: string, out: string[], required: readonly string[] = []): void {
  for (const name of required) if (value[name] === undefined) out.push(`Setting ${key} has no "${name}"; that entry is ignored.`);
  for (const [name, ps] of Object.entries(props)) {
    const v = value[name];
    if (v === undefined) continue;
    if (!fits(v, ps)) out.push(`Setting ${key}.${name} should be ${expected(ps)}, not ${kindOf(v)}; it is ignored.`);
    else if (Array.isArray(v) && ps.items) {
      v.forEach((item, i) => {
        if (!fits(item, ps.items!)) out.push(`Setting ${key}.${name}[${i}] should be ${expected(ps.items!)}, not ${kindOf(item)}; that entry is ignored.`);
      });
    }
  }
}

function fits(value: unknown, s: SettingSchema): boolean {
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length === 0) return true;
  return types.some((t) => {
    switch (t) {
      case 'string':
        return typeof value === 'string';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'array':
        return Array.isArray(value);
      case 'object':
        return isDict(value);
      case 'null':
        return value === null;
      default:
        return true;
    }
  });
}

function expected(s: SettingSchema): string {
  const types = s.type === undefined ? ['any value'] : Array.isArray(s.type) ? s.type : [s.type];
  const words = types.map((t) => (t === 'array' && s.items?.type ? `an array of ${plural(s.items)}` : article(t)));
  return words.join(' or ');
}

function plural(s: SettingSchema): string {
  const t = Array.isArray(s.type) ? s.type.join('/') : (s.type ?? 'value');
  return t === 'object' ? 'objects' : `${t}s`;
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)})`;
  if (typeof v === 'number') return Number.isFinite(v) ? `a number (${v})` : String(v);
  return article(typeof v);
}
