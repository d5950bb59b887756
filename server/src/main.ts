// Node entry of the language server. The transport comes from argv (--stdio, --node-ipc,
// --socket=N, --pipe=NAME), as vscode-languageserver reads it; --stdio with Pacta's own writer.
import { createConnection, ProposedFeatures, type MessageReader } from 'vscode-languageserver/node';
import { createServer } from './server';
import { NodeFileSystem } from './workspace/nodeFileSystem';
import { ClientFileSystem } from './workspace/clientFileSystem';
import { SchemeFileSystem } from './workspace/schemeFileSystem';
import { WorkerPoolSummaryBuilder } from './workspace/summaryWorkerPool';
import { StreamMessageWriter } from './streamMessageWriter';
import { Console } from 'node:console';
import * as path from 'node:path';

const USAGE = `pacta-language-server — the Pacta language server for treaty texts
Usage: pacta-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE + '\n');
} else if (!argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) {
  // Without a transport createConnection throws a stack trace; say what is missing instead.
  process.stderr.write(`pacta-language-server: no transport given\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  const connection = argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // A promise rejected where nobody waits (a client that refuses window/showMessageRequest,
  // a refresh it does not support) must not end the server: Node's default exits the process.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`pacta: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
  // file: URIs from disk; any other scheme (a virtual workspace) from the client, when it serves them.
  const files = new SchemeFileSystem(new NodeFileSystem(), new ClientFileSystem((method, params) => connection.sendRequest(method, params)));
  // Closed files are parsed for the index in worker threads; the script is bundled beside this one.
  // PACTA_INDEX_WORKERS=n sets how many (0: in the main thread, as the browser server does).
  const workers = process.env.PACTA_INDEX_WORKERS ? Number(process.env.PACTA_INDEX_WORKERS) : undefined;
  const summaryBuilder =
    workers === 0
      ? undefined
      : new WorkerPoolSummaryBuilder({ script: path.join(__dirname, 'indexWorker.js'), workers: workers || undefined, log: (m) => connection.console.log(m) });
  createServer(connection, files, { debugModel: process.env.PACTA_DEBUG_MODEL === '1', summaryBuilder });
  connection.listen();
}

/**
 * Over stdio the server writes with its own writer (streamMessageWriter.ts). Given streams,
 * vscode-languageserver no longer guards stdout, so the console is sent to stderr here: stdout
 * carries only the protocol.
 */
function stdioConnection() {
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  // The library takes a stream or a reader on each side (its types offer only both of a kind);
  // given stdin itself, it also ends the server when stdin closes, as with --stdio alone.
  const input = process.stdin as unknown as MessageReader;
  return createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout));
}
