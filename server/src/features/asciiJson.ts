// JSON with every non-ASCII character escaped (\uXXXX). A client turns ASCII bytes into a
// string about twice as fast as UTF-8 text (Node decodes ASCII without a second pass, and a
// one-byte string is half the memory), which matters for the outline's megabytes of JSON.

const NON_ASCII = /[^\x00-\x7f]/;
const HEX = '0123456789abcdef';
/** Character codes per String.fromCharCode call (its arguments go on the stack). */
const CHUNK = 4096;

/** JSON.stringify(value), ASCII only: the same value for any JSON reader. */
export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'null';
  if (!NON_ASCII.test(json)) return json;
  // Built from character codes, not with replace: V8 keeps a string made from a two-byte one
  // in two bytes a character, ASCII or not, and the outline keeps these strings.
  const codes: number[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    // Each UTF-16 unit on its own, so a surrogate pair becomes two escapes, as JSON spells it.
    if (c < 0x80) codes.push(c);
    else codes.push(92, 117, HEX.charCodeAt(c >> 12), HEX.charCodeAt((c >> 8) & 15), HEX.charCodeAt((c >> 4) & 15), HEX.charCodeAt(c & 15));
  }
  let out = '';
  for (let i = 0; i < codes.length; i += CHUNK) out += String.fromCharCode(...codes.slice(i, i + CHUNK));
  return out;
}
