// The benchmark's lean client (server/bench/leanClient.ts): its rows are only worth reading if it
// frames and matches answers right, and it must fail, not hang, when a server dies.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ECHO_SERVER, LeanClient } from '../../bench/leanClient';
import { LEAN_CAPABILITIES, SERVER_BIN } from '../../bench/lspHarness';
import { ensureBuilt } from '../helpers/build';

before(() => {
  ensureBuilt();
});

describe('the benchmark lean client', () => {
  it('gets the echo server’s error answer to each request, matched by id', async () => {
    const client = await LeanClient.start(['-e', ECHO_SERVER], {});
    try {
      const answers = await Promise.all([1, 2, 3].map(() => client.request('pacta/none', {})));
      assert.deepEqual(
        answers.map((a) => a.error),
        [1, 2, 3].map(() => ({ code: -32601, message: 'unhandled' })),
      );
      assert.deepEqual(answers.map((a) => a.id), [2, 3, 4]); // 1 was initialize
    } finally {
      await client.stop();
    }
  });

  it('hovers through Pacta’s stdio server as an editor does', async () => {
    const client = await LeanClient.start([SERVER_BIN, '--stdio'], LEAN_CAPABILITIES);
    try {
      const uri = 'file:///lean/draft.treaty';
      const text = 'Article 1\nScope\n\n1. This applies.\n\nArticle 2\nUse\n\nAs set out in Article 1, paragraph 1.\n';
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
      const answer = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 16 } });
      const value = (answer.result as { contents: { value: string } }).contents.value;
      assert.match(value, /Article 1\(1\)/);
      assert.match(value, /This applies\./);
    } finally {
      await client.stop();
    }
  });

  it('fails a request when the server dies, with what the server said', { timeout: 10_000 }, async () => {
    const client = await LeanClient.start(['-e', ECHO_SERVER], {});
    const pending = client.request('pacta/none', {}).then(() => client.request('pacta/never', {}));
    client.proc.stdin.write('Content-Length: 1\r\n\r\n{'); // not JSON: the echo server throws and exits
    await assert.rejects(pending, /lean client: the server .* exited .*SyntaxError/s);
    await client.stop(); // no hang once it is gone
  });
});
