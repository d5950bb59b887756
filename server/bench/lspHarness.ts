// The built server (dist/, built first if stale) over a real stdio connection, through the
// tests' LspClient (and what bench/leanClient.ts needs to start it); plus the server process's
// CPU time and memory, read from /proc.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClientCapabilities, InitializeResult } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../test/helpers/build';
import { LspClient } from '../test/helpers/lsp';
import { REPO } from '../test/helpers/paths';

/** The stdio server as editors start it. */
export const SERVER_BIN = path.join(REPO, 'bin/pacta-language-server.js');

export interface Started {
  client: LspClient;
  result: InitializeResult;
  /** `$/progress` notifications and `window/workDoneProgress/create` requests the server sent. */
  progress: { created: number; reports: number; titles: string[] };
}

const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    symbol: {},
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    references: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    semanticTokens: {
      requests: { full: { delta: true } },
      tokenTypes: ['variable', 'namespace', 'type'],
      tokenModifiers: ['declaration', 'definition', 'relative', 'unresolved'],
      formats: ['relative'],
    },
    publishDiagnostics: { versionSupport: true },
    synchronization: { dynamicRegistration: false },
  },
};

/** What the lean client (leanClient.ts) says it can do: what hover and definition need. */
export const LEAN_CAPABILITIES: ClientCapabilities = {
  textDocument: { hover: CAPABILITIES.textDocument?.hover, definition: CAPABILITIES.textDocument?.definition },
};

/** Builds dist/ when a source is newer (shared lock with the tests). Returns an error message or undefined. */
export function build(): string | undefined {
  try {
    ensureBuilt();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n').slice(0, 5).join('\n') : String(err);
  }
}

/**
 * vscode-languageserver with no handler at all, started as Pacta's server is (Node, on stdin and stdout):
 * what any server built on the library pays for a request on this machine.
 */
const BARE_SERVER = [
  "const { createConnection } = require('vscode-languageserver/node');",
  'const connection = createConnection(process.stdin, process.stdout);',
  'connection.onInitialize(() => ({ capabilities: {} }));',
  'connection.listen();',
].join('\n');

/**
 * No library and no work: reads LSP messages from stdin and answers textDocument/documentSymbol
 * with the JSON in the file named by its argument, kept in one buffer and written as it is
 * (initialize with no capabilities, any other request with null). The least any server pays,
 * on this machine's pipes, to send that answer and have the client read it.
 */
const CANNED_SERVER = String.raw`
const answer = Buffer.from(require('node:fs').readFileSync(process.argv[1], 'latin1') + '}', 'latin1');
let chunks = [], have = 0, need = -1, headerEnd = -1;
const reply = (id, result) => {
  const head = '{"jsonrpc":"2.0","id":' + JSON.stringify(id) + ',"result":';
  if (result === undefined) {
    process.stdout.write('Content-Length: ' + (head.length + answer.length) + '\r\n\r\n' + head, 'latin1');
    process.stdout.write(answer);
  } else {
    const body = head + result + '}';
    process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\r\n\r\n' + body);
  }
};
process.stdin.on('data', (chunk) => {
  chunks.push(chunk);
  have += chunk.length;
  for (;;) {
    if (need >= 0 && have < need) return; // joined only once the whole message is in
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    chunks = [all];
    if (need < 0) {
      headerEnd = all.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      need = headerEnd + 4 + Number(/Content-Length: *(\d+)/i.exec(all.toString('latin1', 0, headerEnd))[1]);
      if (have < need) return;
    }
    const msg = JSON.parse(all.toString('utf8', headerEnd + 4, need));
    chunks = [all.subarray(need)];
    have -= need;
    need = -1;
    if (msg.method === 'exit') process.exit(0);
    if (msg.id === undefined) continue;
    reply(msg.id, msg.method === 'textDocument/documentSymbol' ? undefined : msg.method === 'initialize' ? '{"capabilities":{}}' : 'null');
  }
});
`;

/** A server that answers every outline request with the JSON in `answerFile`, prebuilt (CANNED_SERVER). */
export async function startCannedServer(answerFile: string): Promise<LspClient> {
  const { client } = await LspClient.start({ folders: [], configuration: {}, capabilities: CAPABILITIES, serverArgs: ['-e', CANNED_SERVER, answerFile] });
  return client;
}

export async function startServer(folders: string[], bare = false): Promise<Started> {
  const serverArgs = bare ? ['-e', BARE_SERVER] : undefined;
  const { client, result } = await LspClient.start({ folders, configuration: {}, capabilities: CAPABILITIES, serverArgs });
  const progress = { created: 0, reports: 0, titles: [] as string[] };
  client.connection.onRequest('window/workDoneProgress/create', () => {
    progress.created++;
    return null;
  });
  client.connection.onNotification('$/progress', (p: { value?: { kind?: string; title?: string } }) => {
    progress.reports++;
    if (p.value?.kind === 'begin' && p.value.title) progress.titles.push(p.value.title);
  });
  return { client, result, progress };
}

/** A request without the tests' 15 s timeout (indexing 50 MB may take longer on a loaded machine). */
export async function timedRequest<R>(client: LspClient, method: string, params: unknown, timeoutMs = 300_000): Promise<{ ms: number; result: R }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${method} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  const t0 = performance.now();
  try {
    const result = await Promise.race([client.connection.sendRequest(method, params) as Promise<R>, timeout]);
    return { ms: performance.now() - t0, result };
  } finally {
    clearTimeout(timer);
  }
}

const TICKS = 100; // USER_HZ on Linux

/** CPU milliseconds the process has used (user + system), or undefined off Linux. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in bytes, or undefined off Linux. */
export function processRss(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
