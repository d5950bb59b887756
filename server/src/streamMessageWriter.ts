// The message writer of the stdio server. vscode-jsonrpc's own writer makes a new buffer for
// every message and writes header and body separately; a fresh 1.4 MB buffer (the outline of a
// 5 MB treaty) costs its page faults on every keystroke, and the JSON is made afresh each time.
// This one writes header and body in one buffer, reuses the last large buffer once the stream
// is done with it, and takes an answer's JSON in pieces where a feature keeps them (preserialized.ts).
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { asciiJson } from './features/asciiJson';
import { jsonPiecesOf } from './preserialized';

/** Below this a message takes a new buffer (small ones come from Node's pool). */
const REUSE_FROM = 64 * 1024;
/** The largest buffer kept for the next message. */
const KEEP_UP_TO = 32 * 1024 * 1024;

/** A message's JSON, whole or in pieces, and its length in UTF-8. */
type Body = { pieces: string[]; bytes: number } | { text: string; bytes: number };

export class StreamMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private spare: Buffer | undefined;
  private errorCount = 0;

  constructor(private readonly out: Writable) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let buffer: Buffer;
    let length: number;
    try {
      const body = serialise(msg);
      const header = `Content-Length: ${body.bytes}\r\n\r\n`;
      length = header.length + body.bytes;
      buffer = this.take(length);
      let at = buffer.write(header, 0, 'latin1');
      if ('text' in body) at += buffer.write(body.text, at, 'utf8');
      else for (const piece of body.pieces) at += buffer.write(piece, at, 'utf8');
      if (at !== length) throw new Error(`message of ${length} bytes written as ${at}`);
    } catch (error) {
      this.handleError(error, msg);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      // The buffer goes back to spare only when the stream has written it: Node queues it, not a copy.
      this.out.write(buffer.subarray(0, length), (error) => {
        this.giveBack(buffer);
        if (error) {
          this.handleError(error, msg);
          reject(error);
        } else {
          this.errorCount = 0;
          resolve();
        }
      });
    });
  }

  end(): void {
    this.out.end();
  }

  private take(length: number): Buffer {
    if (length < REUSE_FROM) return Buffer.allocUnsafe(length);
    const spare = this.spare;
    if (spare && spare.length >= length) {
      this.spare = undefined;
      return spare;
    }
    // Room to grow: the next outline is often a few bytes longer than this one.
    return Buffer.allocUnsafeSlow(Math.ceil((length * 1.25) / 4096) * 4096);
  }

  private giveBack(buffer: Buffer): void {
    if (buffer.length < REUSE_FROM || buffer.length > KEEP_UP_TO) return;
    if (!this.spare || this.spare.length < buffer.length) this.spare = buffer;
  }

  private handleError(error: unknown, msg: Message): void {
    this.errorCount++;
    this.fireError(error, msg, this.errorCount);
  }
}

function serialise(msg: Message): Body {
  const pieces = 'result' in msg ? jsonPiecesOf(msg.result) : undefined;
  if (pieces && isPlainResponse(msg)) {
    const parts = [`{"jsonrpc":${asciiJson(msg.jsonrpc)},"id":${asciiJson(msg.id)},"result":`];
    pieces((piece) => parts.push(piece));
    parts.push('}');
    let bytes = 0;
    // Counted, not assumed from the contract: a piece that is not ASCII costs speed, never bytes.
    for (const part of parts) bytes += Buffer.byteLength(part, 'utf8');
    return { pieces: parts, bytes };
  }
  const text = JSON.stringify(msg);
  return { text, bytes: Buffer.byteLength(text, 'utf8') };
}

/** A response holding only jsonrpc, id and result, the shape the pieces are written into. */
function isPlainResponse(msg: Message): msg is Message & { id: number | string | null; result: unknown } {
  for (const key of Object.keys(msg)) if (key !== 'jsonrpc' && key !== 'id' && key !== 'result') return false;
  return true;
}
