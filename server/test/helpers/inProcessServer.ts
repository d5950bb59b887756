// createServer on an in-memory connection and file system: the server's wiring without a child
// process, for tests that reach inside it (its workspace, failing handlers, the debug model).
// The server writes with the stdio server's own writer, as main.ts has it.
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader as ServerReader } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createServer, type PactaServer, type ServerOptions } from '../../src/server';
import { StreamMessageWriter as ServerWriter } from '../../src/streamMessageWriter';
import { MemoryFileSystem } from '../../src/workspace/memoryFileSystem';

export interface InProcessServer {
  client: ProtocolConnection;
  server: PactaServer;
  dispose(): void;
}

/**
 * Starts the server on `files` and a client connection to it. `setUp` registers the client's
 * handlers (configuration, progress, logs) before either side listens.
 */
export function startInProcess(
  files: Record<string, string>,
  setUp: (client: ProtocolConnection, server: PactaServer) => void = () => {},
  options: ServerOptions = {},
): InProcessServer {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new ServerReader(toServer), new ServerWriter(toClient));
  const server = createServer(connection, new MemoryFileSystem(files), options);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  setUp(client, server);
  connection.listen();
  client.listen();
  return {
    client,
    server,
    dispose: () => {
      client.dispose();
      connection.dispose();
    },
  };
}
