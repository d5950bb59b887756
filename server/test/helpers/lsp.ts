// A minimal LSP client for tests: spawns the real server binary over stdio and talks to
// it with vscode-languageserver-protocol. Every request has a timeout, so a hung server
// fails the test instead of hanging it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  type ClientCapabilities,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { REPO } from './paths';

export const REQUEST_TIMEOUT_MS = 15_000;

export interface StartOptions {
  /** Workspace folder URIs. */
  folders: string[];
  /** What the server gets back for workspace/configuration (section "pacta"); omit to not support it. */
  configuration?: unknown;
  initializationOptions?: unknown;
  /** Whether the client takes LocationLinks for definitions (default true). */
  linkSupport?: boolean;
  capabilities?: ClientCapabilities;
  /** Registers handlers before `initialize`, for what the server sends while it starts (messages, edits). */
  setup?: (connection: ProtocolConnection) => void;
  /** Node's arguments in place of Pacta's bin with --stdio: another server (the benchmark's), or Pacta's with a preloaded script. */
  serverArgs?: string[];
}

export class LspClient {
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** Sections the server asked for with workspace/configuration. */
  readonly configurationRequests: unknown[] = [];
  configuration: unknown;
  private exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    connection.onNotification(LogMessageNotification.method, (m: LogMessageParams) => void this.logs.push(m.message));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'pacta' ? this.configuration : null));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(UnregistrationRequest.type, () => undefined);
  }

  static async start(options: StartOptions): Promise<{ client: LspClient; result: InitializeResult }> {
    const args = options.serverArgs ?? [path.join(REPO, 'bin/pacta-language-server.js'), '--stdio'];
    const proc = spawn(process.execPath, args, {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, connection);
    client.configuration = options.configuration;
    options.setup?.(connection);
    connection.listen();
    const supportsConfiguration = options.configuration !== undefined;
    const capabilities: ClientCapabilities = options.capabilities ?? {
      workspace: {
        configuration: supportsConfiguration,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: supportsConfiguration },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        definition: { linkSupport: options.linkSupport ?? true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        synchronization: { dynamicRegistration: false },
      },
    };
    try {
      const result = await client.request(InitializeRequest.type.method, {
        processId: process.pid,
        rootUri: options.folders[0] ?? null,
        workspaceFolders: options.folders.map((uri, i) => ({ uri, name: `folder${i}` })),
        capabilities,
        initializationOptions: options.initializationOptions,
      });
      await connection.sendNotification(InitializedNotification.type, {});
      return { client, result: result as InitializeResult };
    } catch (err) {
      client.kill();
      throw err;
    }
  }

  /** A request that fails after REQUEST_TIMEOUT_MS instead of waiting forever. */
  async request<R = unknown>(method: string, params: unknown): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} timed out after ${REQUEST_TIMEOUT_MS} ms; stderr: ${this.stderr.join('')}`)), REQUEST_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.connection.sendRequest(method, params) as Promise<R>, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** shutdown + exit, as a client does; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    try {
      await this.request(ShutdownRequest.type.method, undefined);
      await this.connection.sendNotification(ExitNotification.type);
      const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
      if (code === 'timeout') throw new Error('server did not exit after shutdown/exit');
      return code;
    } finally {
      this.kill();
    }
  }

  kill(): void {
    this.connection.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}
