// A client with no library: LSP framing over a child's stdin and stdout, and nothing else, as a
// light editor's client is (Neovim's and Helix's are not vscode-jsonrpc). With it the benchmark
// can tell what the server costs from what vscode-jsonrpc's client adds on this machine.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * LSP framing and nothing else on stdin and stdout: answers every request at once with an error
 * (initialize with no capabilities). What any server pays on this machine's pipes and scheduler.
 */
export const ECHO_SERVER = String.raw`
let chunks = [], have = 0;
const send = (body) => process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\r\n\r\n' + body);
process.stdin.on('data', (chunk) => {
  chunks.push(chunk);
  have += chunk.length;
  for (;;) {
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    chunks = [all];
    const headerEnd = all.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const end = headerEnd + 4 + Number(/Content-Length: *(\d+)/i.exec(all.toString('latin1', 0, headerEnd))[1]);
    if (have < end) return;
    const msg = JSON.parse(all.toString('utf8', headerEnd + 4, end));
    chunks = [all.subarray(end)];
    have -= end;
    if (msg.method === 'exit') process.exit(0);
    if (msg.id === undefined) continue;
    send(msg.method === 'initialize'
      ? JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { capabilities: {} } })
      : JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'unhandled' } }));
  }
});
`;

interface Message {
  id?: number | string;
  method?: string;
  params?: { items?: unknown[] };
  result?: unknown;
  error?: unknown;
}

export class LeanClient {
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private exited: Error | undefined;
  private stderr = '';

  private constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    proc.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
    // A server that dies answers nothing: every request still waiting fails, with what it said.
    proc.on('exit', (code, signal) => {
      this.exited = new Error(`lean client: the server (${proc.spawnargs.slice(1, 3).join(' ')}) exited (${signal ?? code})${this.stderr ? `: ${this.stderr.trim()}` : ''}`);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    });
  }

  /** Starts `node <args>` and initializes it (with `capabilities`). */
  static async start(args: string[], capabilities: unknown): Promise<LeanClient> {
    const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LeanClient(proc);
    await client.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities });
    client.notify('initialized', {});
    return client;
  }

  /** Sends a request; resolves with the answer, result or error alike. */
  request(method: string, params: unknown): Promise<Message> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(this.exited);
      this.waiting.set(id, { resolve, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    await Promise.race([this.request('shutdown', null).catch(() => undefined), exited]);
    this.notify('exit', null);
    const timer = setTimeout(() => this.proc.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }

  private write(message: object): void {
    if (this.exited) return;
    const body = JSON.stringify(message);
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length: *(\d+)/i.exec(this.buffer.toString('latin1', 0, headerEnd));
      if (!length) throw new Error(`lean client: a header without Content-Length: ${this.buffer.toString('latin1', 0, headerEnd)}`);
      const end = headerEnd + 4 + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.toString('utf8', headerEnd + 4, end)) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(m: Message): void {
    if (m.method === undefined && typeof m.id === 'number') {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      w?.resolve(m);
    } else if (m.method !== undefined && m.id !== undefined) {
      // The server asks (configuration, progress tokens): defaults everywhere.
      const result = m.method === 'workspace/configuration' ? (m.params?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: m.id, result });
    }
  }
}
