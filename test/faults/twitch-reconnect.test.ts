// Twitch restarting its servers mid-chat: IRC RECONNECT and EventSub session_reconnect. The new connection is
// joined before the old one is closed, so nothing is missed, nothing is stored twice, and no chat is "sent while
// no connection could exist" — on both backends. Then the shipped faults scenario through the CLI, as a user
// runs it, which must say that everything was stored exactly once.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Backend } from '../support/open-test-store.ts';
import { skipWithout } from '../support/skip-without.ts';
import { makeBusyChannel } from '../support/start-collected-run.ts';
import { startFaultyRun, toFaultReport } from '../support/start-faulty-run.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const postgresMissing = await skipWithout('postgresql');

for (const backend of ['sqlite', 'postgres'] as Backend[]) {
  const skip = backend === 'postgres' ? postgresMissing : undefined;
  test(`${backend}: RECONNECT and session_reconnect mid-chat lose nothing and repeat nothing`, { skip }, async (t) => {
    const run = await startFaultyRun(
      {
        seed: 51,
        channels: [
          makeBusyChannel('alpha', '1001', { at: '1m', duration: '5m' }),
          makeBusyChannel('bravo', '1002', { at: '1m', duration: '5m' }),
        ],
        faults: [
          { at: '2m', type: 'irc-reconnect' },
          { at: '3m', type: 'eventsub-reconnect' },
          { at: '4m', type: 'irc-reconnect' },
        ],
      },
      { backend, speed: 40 },
    );
    try {
      const summary = await run.runToEnd();
      t.diagnostic(toFaultReport(`${backend}: two IRC RECONNECTs and a session_reconnect mid-chat`, run, summary));
      assert.deepEqual(run.crashes, []);
      assert.equal(summary.matches, true, summary.text);
      const stats = run.app.collectors?.stats();
      // Under channel leases (PostgreSQL) the collectors sit behind the lease manager.
      if (stats) {
        // Both RECONNECTs, unless a loaded machine started streamlens after the first.
        assert.ok(stats.chat.reconnects >= 1 && stats.chat.reconnects <= 2, `${stats.chat.reconnects} reconnects`);
        assert.equal(stats.chat.lastDisconnect, null, 'chat never went without a connection');
      }
      // Chat the simulator could not deliver is allowed only before streamlens first joined (a busy machine may
      // start it after the first stream did), never because a connection was cut around the reconnects.
      for (const [login, sent] of run.sim.ledger.channels)
        assert.deepEqual([...sent.chatCutIds], [], `${login}: chat sent while the connection was cut`);
    } finally {
      await run.stop();
    }
  });
}

test('`streamlens demo --scenario scenarios/faults.json --until-end --speed 600` stores everything exactly once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'streamlens-faults-demo-'));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'bin/streamlens'),
        ...['demo', '--scenario', join(root, 'scenarios/faults.json'), '--until-end', '--speed', '600'],
        ...['--db', join(dir, 'demo.db'), '--no-web', '--no-transcribe'],
      ],
      { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, STREAMLENS_DATA_DIR: dir }, timeout: 120_000 },
    );
    t.diagnostic(stdout.trim().split('\n').slice(-5).join(' | '));
    assert.match(stdout, /Everything the simulator sent was stored exactly once\./);
    assert.match(stdout, /\(0 lost, 0 unexpected\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
