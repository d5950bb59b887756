// JSON with every non-ASCII character escaped (\uXXXX). A client turns ASCII bytes into a
// string about twice as fast as UTF-8 text (Node decodes ASCII without a second pass, and a
// one-byte string is half the memory), which matters for the outline's megabytes of JSON.

const NON_ASCII = /[\u0080-\uffff]/g;

/** JSON.stringify(value), ASCII only: the same value for any JSON reader. */
export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Each UTF-16 unit on its own, so a surrogate pair becomes two escapes, as JSON spells it.
  return json === undefined ? 'null' : json.replace(NON_ASCII, escapeUnit);
}

function escapeUnit(unit: string): string {
  return '\\u' + unit.charCodeAt(0).toString(16).padStart(4, '0');
}
