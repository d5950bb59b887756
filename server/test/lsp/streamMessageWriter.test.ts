// The stdio server's message writer (streamMessageWriter.ts), read back by vscode-jsonrpc's own reader.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { StreamMessageWriter } from '../../src/streamMessageWriter';
import { withJsonPieces } from '../../src/preserialized';
import { documentSymbols, writeOutlineJson } from '../../src/features/documentSymbols';
import { parseTreaty } from '../../src/model';
import { readCorpus } from '../helpers/text';

/** A stream that takes its bytes only when it calls back, later, as a pipe that is full does. */
class SlowSink extends Writable {
  readonly bytes: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    setTimeout(() => {
      this.bytes.push(Buffer.from(chunk)); // copied now: a buffer reused before the callback shows here
      callback();
    }, 2);
  }
}

async function readBack(bytes: Buffer[], count: number): Promise<Message[]> {
  const input = new PassThrough();
  const reader = new StreamMessageReader(input);
  const messages: Message[] = [];
  const done = new Promise<void>((resolve) =>
    reader.listen((m) => {
      messages.push(m);
      if (messages.length === count) resolve();
    }),
  );
  input.end(Buffer.concat(bytes));
  await done;
  reader.dispose();
  return messages;
}

const response = (id: number, result: unknown) => ({ jsonrpc: '2.0', id, result }) as Message;

describe('the stdio message writer', () => {
  const unclos = documentSymbols(parseTreaty(readCorpus('unclos_1982_en.txt')));

  it('writes small and large messages, UTF-8 text and pieces, that vscode-jsonrpc reads back as sent', async () => {
    const sink = new SlowSink();
    const writer = new StreamMessageWriter(sink);
    const big = 'Article 4 — “Scope” 제4조 '.repeat(20_000); // 560 KB of mixed text
    const sent: Message[] = [
      response(1, { contents: 'short' }),
      response(2, big),
      response(3, withJsonPieces([...unclos], (emit) => writeOutlineJson(unclos, emit))),
      // A piece that breaks the ASCII contract still goes out whole: its bytes are counted.
      response(4, withJsonPieces({ a: 1 }, (emit) => emit('{"a":"—"}'))),
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'ü' } } as Message,
    ];
    await Promise.all(sent.map((m) => writer.write(m)));
    const read = await readBack(sink.bytes, sent.length);
    assert.deepEqual(read.slice(0, 3), JSON.parse(JSON.stringify(sent.slice(0, 3))));
    assert.deepEqual(read[3], { jsonrpc: '2.0', id: 4, result: { a: '—' } });
    assert.deepEqual(read[4], sent[4]);
  });

  it('reuses a large buffer only after the stream has taken it', async () => {
    const sink = new SlowSink();
    const writer = new StreamMessageWriter(sink);
    // Three outlines in flight at once, then three more, each after the last: the later ones
    // reuse a buffer; the sink copies each when it calls back, so early reuse would garble one.
    const tagged = (n: number) => unclos.map((s) => ({ ...s, name: `${n}:${s.name}` }));
    const batches = [1, 2, 3].map(tagged);
    await Promise.all(batches.map((symbols, i) => writer.write(response(i, withJsonPieces(symbols, (emit) => writeOutlineJson(symbols, emit))))));
    for (const n of [4, 5, 6]) {
      const symbols = tagged(n);
      batches.push(symbols);
      await writer.write(response(n - 1, symbols));
    }
    const read = await readBack(sink.bytes, 6);
    for (let i = 0; i < 6; i++) assert.deepEqual((read[i] as unknown as { result: unknown }).result, JSON.parse(JSON.stringify(batches[i])), `message ${i}`);
  });

  it('rejects a write to a closed stream and reports it, without throwing', async () => {
    const sink = new SlowSink();
    const writer = new StreamMessageWriter(sink);
    const errors: unknown[] = [];
    writer.onError(([error]) => void errors.push(error));
    sink.destroy();
    await assert.rejects(writer.write(response(1, 'late')));
    assert.ok(errors.length >= 1);
  });
});
