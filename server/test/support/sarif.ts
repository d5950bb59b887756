// Validation of SARIF logs against the SARIF 2.1.0 JSON schema (draft-04), as shipped on
// npm by Microsoft's @microsoft/jest-sarif (`lib/schemas/sarif-2.1.0-rtm.5.json`: rtm.5 is
// the release the OASIS 2.1.0 standard's schema was taken from), checked with Ajv.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA_FILE = path.join(
  path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** The schema's complaints about `log`, as readable lines; [] when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    // unicodeRegExp: false — the schema's `language` pattern has a stray "]", which is a
    // syntax error under the u flag and a literal character without it (as the schema's
    // authors' own tools read it).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  if (validator(log)) return [];
  return ((validator.errors ?? []) as Array<{ instancePath: string; message?: string; params?: unknown }>).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`,
  );
}
