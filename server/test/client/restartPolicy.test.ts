// The client's restart decisions (client/src/restartPolicy.ts) on a fake clock: restart a dying
// server at most 4 times in 3 minutes, say "restarted, nothing lost" once per session, and
// when giving up say once, clearly, what happened and what to do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../../client/src/restartPolicy';

function setup() {
  let t = 1_000_000;
  const shown = { restarted: [] as string[], gaveUp: [] as string[], log: [] as string[] };
  const policy = new RestartPolicy(
    { restarted: (m) => shown.restarted.push(m), gaveUp: (m) => shown.gaveUp.push(m), log: (m) => shown.log.push(m) },
    () => t,
  );
  return { policy, shown, advance: (ms: number) => (t += ms) };
}

describe('client restart policy', () => {
  it('restarts 4 times in 3 minutes, saying so once; the fifth stop gives up with one clear message', () => {
    const { policy, shown, advance } = setup();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      assert.deepEqual(policy.serverClosed(), { restart: true }, `stop ${i + 1}`);
      advance(10_000);
    }
    assert.deepEqual(shown.restarted, ["Pacta's language server stopped unexpectedly and was restarted. Your documents, saved or not, are unchanged."]);
    assert.deepEqual(shown.gaveUp, []);

    const d = policy.serverClosed();
    assert.equal(d.restart, false);
    assert.deepEqual(shown.gaveUp, [
      "Pacta's language server stopped 5 times in 3 minutes and will not be restarted again. Your documents, saved or not, are unchanged, " +
        'but references, hover and diagnostics are off until you run "Pacta: Restart Language Server". "Pacta: Show Output" shows why it stopped.',
    ]);
    assert.equal(!d.restart && d.message, shown.gaveUp[0], 'the languageclient logs the same words');
    assert.equal(shown.restarted.length, 1, 'giving up is not also announced as a restart');
  });

  it('never gives up on a server that stops less often than 5 times in 3 minutes', () => {
    const { policy, shown, advance } = setup();
    for (let i = 0; i < 20; i++) {
      assert.deepEqual(policy.serverClosed(), { restart: true }, `stop ${i + 1}`);
      advance(RESTART_WINDOW_MS / 3);
    }
    assert.equal(shown.gaveUp.length, 0);
    assert.equal(shown.restarted.length, 1, 'said once per session, however many restarts');
    assert.equal(shown.log.length, 20, 'every restart is logged');
  });

  it('"Pacta: Restart Language Server" after giving up starts the count afresh, and "restarted" is not said again', () => {
    const { policy, shown, advance } = setup();
    for (let i = 0; i <= MAX_RESTARTS; i++) policy.serverClosed();
    assert.equal(shown.gaveUp.length, 1);
    advance(1000);
    policy.restartedByHand();
    for (let i = 0; i < MAX_RESTARTS; i++) assert.deepEqual(policy.serverClosed(), { restart: true }, `stop ${i + 1} after the manual restart`);
    assert.equal(shown.restarted.length, 1);
    assert.equal(policy.serverClosed().restart, false);
    assert.equal(shown.gaveUp.length, 2, 'a new run of crashes gets its own notice');
  });

  it('tolerates 3 connection errors, then shuts the connection down with one clear message', () => {
    const { policy, shown } = setup();
    for (const count of [1, 2, 3]) assert.deepEqual(policy.connectionError(count, 'write EPIPE'), { shutdown: false });
    assert.equal(shown.gaveUp.length, 0, 'errors the connection survives are only logged');
    assert.equal(shown.log.length, 3);
    const d = policy.connectionError(4, 'write EPIPE');
    assert.equal(d.shutdown, true);
    assert.equal(shown.gaveUp.length, 1);
    assert.match(shown.gaveUp[0], /^Pacta's language server stopped answering \(write EPIPE\) and was shut down\. .*"Pacta: Restart Language Server"/);
  });
});
