// One real server process (bin/pacta-language-server.js over stdio) with the bookkeeping the
// reliability tests need: the text of each open document as the client holds it, incremental
// didChange built from offsets, the diagnostics and messages the server sends, and the edits
// it asks the client to apply (recorded, answered "not applied").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic, InitializeResult, Position, ShowMessageParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../src/model';
import { ensureBuilt } from './build';
import { LspClient } from './lsp';

/** What VS Code 1.100 announces, in the parts Pacta looks at. */
export const RICH_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: false,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], changeAnnotationSupport: { groupsOnLabel: true } },
    didChangeWatchedFiles: { dynamicRegistration: true },
    symbol: {},
    executeCommand: {},
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    references: {},
    documentHighlight: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } }, isPreferredSupport: true },
    codeLens: {},
    rename: { prepareSupport: true },
    foldingRange: {},
    selectionRange: {},
    inlayHint: {},
    semanticTokens: { requests: { full: { delta: true }, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
    publishDiagnostics: { relatedInformation: true },
    diagnostic: {},
  },
  window: { showDocument: { support: true }, showMessage: {} },
};

export interface OpenDoc {
  uri: string;
  text: string;
  version: number;
}

/** What the server sends to the client, recorded from before `initialize`. */
class Recorder {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly messages: ShowMessageParams[] = [];
  readonly applyEdits: WorkspaceEdit[] = [];

  attach(connection: ProtocolConnection): void {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => void this.diagnostics.set(p.uri, p.diagnostics));
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => void this.messages.push(p));
    connection.onRequest('window/showMessageRequest', (p: ShowMessageParams) => {
      this.messages.push(p);
      return null;
    });
    connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.applyEdits.push(p.edit);
      return { applied: false, failureReason: 'test client: recorded, not applied' };
    });
    connection.onRequest('window/showDocument', () => ({ success: false }));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', () => undefined);
    for (const m of ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh', 'workspace/semanticTokens/refresh', 'workspace/diagnostic/refresh']) connection.onRequest(m, () => null);
  }
}

export class LspSession {
  readonly docs = new Map<string, OpenDoc>();
  private logMark = 0;

  private constructor(
    readonly client: LspClient,
    readonly init: InitializeResult,
    readonly folder: string,
    private readonly recorder: Recorder,
    /** The folder was made for this session and goes with it. */
    private readonly ownsFolder: boolean,
  ) {}

  get diagnostics(): Map<string, Diagnostic[]> {
    return this.recorder.diagnostics;
  }

  get messages(): ShowMessageParams[] {
    return this.recorder.messages;
  }

  get applyEdits(): WorkspaceEdit[] {
    return this.recorder.applyEdits;
  }

  /**
   * Starts the built server on a folder (a fresh empty temporary folder by default) with
   * `pacta/debugModel` enabled.
   */
  static async start(options: { folder?: string; initializationOptions?: Record<string, unknown>; configuration?: unknown } = {}): Promise<LspSession> {
    ensureBuilt();
    const folder = options.folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pacta-reliability-'));
    const folderUri = pathToFileURL(folder).href;
    const recorder = new Recorder();
    const { client, result } = await LspClient.start({
      folders: [folderUri],
      capabilities: RICH_CAPABILITIES,
      configuration: options.configuration,
      initializationOptions: { debugModel: true, ...options.initializationOptions },
      setup: (connection) => recorder.attach(connection),
    });
    return new LspSession(client, result, folder, recorder, options.folder === undefined);
  }

  get folderUri(): string {
    return pathToFileURL(this.folder).href;
  }

  alive(): boolean {
    return this.client.proc.exitCode === null && this.client.proc.signalCode === null;
  }

  /** Log lines of handlers that threw (the server answered null) since the last call. */
  takeHandlerFailures(): string[] {
    const fresh = this.client.logs.slice(this.logMark);
    this.logMark = this.client.logs.length;
    return fresh.filter((l) => /^pacta: \S+ failed:/.test(l) || /^pacta: cannot parse/.test(l));
  }

  async open(uri: string, text: string): Promise<OpenDoc> {
    const doc = { uri, text, version: 1 };
    this.docs.set(uri, doc);
    await this.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
    return doc;
  }

  /** One didChange with incremental changes, each given as offsets into the text as it is then. */
  async change(uri: string, changes: Array<{ start: number; end: number; text: string }>): Promise<void> {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const contentChanges = [];
    for (const ch of changes) {
      const lines = new LineIndex(doc.text);
      contentChanges.push({ range: { start: lines.positionAt(ch.start), end: lines.positionAt(ch.end) }, text: ch.text });
      doc.text = doc.text.slice(0, ch.start) + ch.text + doc.text.slice(ch.end);
    }
    doc.version++;
    await this.client.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    this.diagnostics.delete(uri);
    await this.client.notify('textDocument/didClose', { textDocument: { uri } });
  }

  positionAt(uri: string, offset: number): Position {
    const doc = this.docs.get(uri)!;
    return new LineIndex(doc.text).positionAt(offset);
  }

  async stop(): Promise<void> {
    if (this.alive()) await this.client.stop().catch(() => this.client.kill());
    else this.client.kill();
    if (this.ownsFolder) fs.rmSync(this.folder, { recursive: true, force: true });
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Resident and peak resident memory of a process in MB, from /proc/PID/status (Linux). */
export function memoryMb(pid: number | undefined): { rss: number; peak: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}
