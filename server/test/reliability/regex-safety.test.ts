// No regular expression can backtrack catastrophically. Every regex literal in the
// server's sources (found with the TypeScript parser) and every pattern the model
// builds at run time is checked by `recheck`, a ReDoS checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { headingPatterns } from '../../src/model/headings';

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Every `/…/flags` literal in a file, with its line for the message. */
function regexLiterals(file: string): Array<{ where: string; source: string; flags: string }> {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Array<{ where: string; source: string; flags: string }> = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = (node as ts.RegularExpressionLiteral).text;
      const slash = lit.lastIndexOf('/');
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      out.push({ where: `${path.relative(SRC, file)}:${line}`, source: lit.slice(1, slash), flags: lit.slice(slash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

test('every regex in server/src is safe from catastrophic backtracking', () => {
  const patterns = sourceFiles(SRC).flatMap(regexLiterals);
  for (const re of headingPatterns()) patterns.push({ where: 'headings.ts (built)', source: re.source, flags: re.flags });
  assert.ok(patterns.length > 50, `found the patterns (${patterns.length})`);
  const unsafe: string[] = [];
  for (const p of patterns) {
    // A sticky regex is tried at one position only: check it as anchored there.
    const source = p.flags.includes('y') ? `^(?:${p.source})` : p.source;
    const r = checkSync(source, p.flags.replace(/[gy]/g, ''), { timeout: 10_000 });
    if (r.status !== 'safe') unsafe.push(`${p.where}: /${p.source}/${p.flags} — ${r.status}${r.status === 'vulnerable' ? ` (${r.complexity.summary}; attack ${r.attack.pattern})` : ''}`);
  }
  console.log(`# ${patterns.length} patterns checked, ${unsafe.length} not proven safe`);
  assert.deepEqual(unsafe, []);
});
