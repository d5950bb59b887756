// Browser entry of the language server (dist/web/server.js): runs in a Web Worker started
// by the web extension (client/src/browserExtension.ts), talks LSP over postMessage, and
// reads files by asking the client (pacta/readFile, pacta/readDirectory, pacta/stat).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createServer } from './server';
import { ClientFileSystem } from './workspace/clientFileSystem';

// The worker's global scope; typed loosely because the project compiles without the DOM lib.
declare const self: unknown;

const connection = createConnection(new BrowserMessageReader(self as never), new BrowserMessageWriter(self as never));
createServer(connection, new ClientFileSystem((method, params) => connection.sendRequest(method, params)));
connection.listen();
