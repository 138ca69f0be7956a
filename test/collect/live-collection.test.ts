// Live collection end to end: a short two-channel scenario in the real simulator, collected by the real app into
// SQLite, must be stored exactly as the simulator's ledger says it was sent — first cleanly, then with every
// connection fault the simulator can inject.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertCollected } from '../support/assert-collected.ts';
import { makeBusyChannel, startCollectedRun, type Window } from '../support/start-collected-run.ts';

// Fast enough to keep the suite short, slow enough that a poll's real latency is a few simulated seconds.
const speed = 40;
// Real latencies (a poll's round trip, an event-loop stall on a busy 2-core box) in simulated ms.
// A full test run shares the two cores with other suites, so allow a real second.
const slackMs = speed * 1000;
const minute = 60_000;

test('everything the simulator sends is stored exactly once', async () => {
  const run = await startCollectedRun(
    {
      seed: 11,
      channels: [
        makeBusyChannel('alpha', '1001', { at: '1m', duration: '3m' }),
        makeBusyChannel('bravo', '1002', { at: '1m20s', duration: '3m', raidOutTo: 'alpha' }),
      ],
    },
    { speed },
  );
  try {
    await run.runToEnd();
    const chat = run.app.collectors!.stats().chat;
    assert.equal(chat.reconnects, 0, 'no fault was injected, so chat never reconnected');
    await assertCollected(run, { slackMs });
  } finally {
    await run.stop();
  }
});

test('after IRC and EventSub reconnects and drops and Helix 429/5xx windows, nothing is doubled or lost', async () => {
  const faults = [
    { at: '2m', type: 'irc-reconnect' as const },
    { at: '2m30s', type: 'eventsub-reconnect' as const },
    { at: '4m', type: 'irc-drop' as const },
    { at: '4m30s', type: 'eventsub-drop' as const },
    { at: '6m', type: 'helix-429' as const, duration: '30s' },
    { at: '7m', type: 'helix-503' as const, duration: '20s' },
    { at: '7m40s', type: 'helix-500' as const, duration: '20s' },
  ];
  const run = await startCollectedRun(
    {
      seed: 12,
      channels: [
        makeBusyChannel('alpha', '1001', { at: '1m', duration: '8m' }),
        makeBusyChannel('bravo', '1002', { at: '1m', duration: '8m10s' }),
      ],
      faults,
    },
    { speed },
  );
  try {
    await run.runToEnd();
    const stats = run.app.collectors!.stats();
    assert.equal(stats.chat.reconnects, 2, 'chat came back after the RECONNECT and after the drop');
    assert.ok(stats.eventsub, 'EventSub ran');
    assert.equal(
      stats.eventsub.reconnects,
      1,
      'EventSub reconnected after the drop (the session_reconnect is no drop)',
    );
    assert.equal(stats.eventsub.duplicates, 0);
    // The RECONNECT moved chat to a new connection before the old one closed: only the drop took it down.
    assert.equal(run.chatOutages.length, 1, 'one chat outage: the drop, not the RECONNECT');
    const chatWindows: Window[] = run.chatOutages.map((o) => {
      assert.ok(o.to !== null, 'chat is back');
      return { from: o.from, to: o.to };
    });
    const helixWindows: Window[] = [
      { from: run.startAt + 6 * minute, to: run.startAt + 6.5 * minute },
      { from: run.startAt + 7 * minute, to: run.startAt + 7 * minute + 20_000 },
      { from: run.startAt + 7 * minute + 40_000, to: run.startAt + 8 * minute },
    ];
    await assertCollected(run, { chatWindows, helixWindows, slackMs });

    // The faults really hit: chat sent during the outages is missing, and no poll succeeded inside a Helix window.
    const ledger = run.sim.ledger.summary();
    const stored = await run.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages');
    assert.ok(Number(stored?.n) < ledger.chatMessages, 'the IRC faults cost the messages sent while down');
    for (const w of helixWindows) {
      const inside = await run.store.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM stream_snapshots WHERE ts >= ? AND ts <= ?',
        [w.from + slackMs, w.to - slackMs],
      );
      assert.equal(Number(inside?.n), 0, 'no snapshot while Helix failed');
    }
  } finally {
    await run.stop();
  }
});
