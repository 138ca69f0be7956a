// The end-to-end assertion: what the database holds equals what the simulator sent, except what was sent while a
// connection was down (the windows the caller accounts for), and nothing is stored twice.

import assert from 'node:assert/strict';
import type { EpochMs } from '../../src/domain.ts';
import { type CollectedRun, countBy, isInWindow, nonZero, planSentTimes, type Window } from './start-collected-run.ts';

export interface CollectedExpectations {
  /** Chat was down: messages and chat events sent then need not be stored. */
  chatWindows?: Window[];
  /** Helix failed: no snapshot needs to cover a viewer sample taken then. */
  helixWindows?: Window[];
  /** Slack around every window and timestamp comparison (simulated ms): the run's real latencies × its speed. */
  slackMs: number;
}

/** Asserts, channel by channel, that the store matches the simulator's ledger. */
export async function assertCollected(run: CollectedRun, expect: CollectedExpectations): Promise<void> {
  const { store, sim, scenario } = run;
  const chatWindows = expect.chatWindows ?? [];
  const helixWindows = expect.helixWindows ?? [];
  const { slackMs } = expect;
  const planned = planSentTimes(scenario, run.startAt);
  assert.equal(sim.ledger.summary().eventsubDuplicates, 0, 'the simulator delivered an EventSub notification twice');

  for (const channel of scenario.channels) {
    const sent = sim.ledger.channels.get(channel.login);
    const plan = planned.get(channel.login)!;
    assert.ok(sent, `the simulator sent nothing for ${channel.login}`);
    assert.deepEqual(new Set(plan.messages.keys()), sent.chatMessageIds, 'the plan and the ledger disagree');
    assert.ok(sent.chatMessageIds.size > 50, `${channel.login}: too little chat for a meaningful test`);

    // Chat messages: none twice, none the simulator did not send, all sent outside the chat windows.
    const rows = await store.all<{ id: string; n: number }>(
      'SELECT id, COUNT(*) AS n FROM chat_messages WHERE channel_id = ? GROUP BY id',
      [channel.id],
    );
    const twice = rows.filter((r) => Number(r.n) > 1).map((r) => r.id);
    assert.deepEqual(twice, [], `${channel.login}: chat messages stored twice`);
    const stored = new Set(rows.map((r) => r.id));
    const unexpected = [...stored].filter((id) => !sent.chatMessageIds.has(id));
    assert.deepEqual(unexpected, [], `${channel.login}: chat messages the simulator never sent`);
    const missing = [...plan.messages]
      .filter(([id, ts]) => !stored.has(id) && !isInWindow(ts, chatWindows, slackMs))
      .map(([id, ts]) => `${id}@+${(ts - run.startAt) / 1000}s`);
    assert.deepEqual(missing, [], `${channel.login}: chat messages lost outside the chat outages`);

    // Chat events by type: at most what was sent, at least what was sent outside the windows.
    const storedEvents = await countBy(store, 'chat_events', channel.id);
    const requiredEvents: Record<string, number> = {};
    for (const e of plan.events)
      if (!isInWindow(e.ts, chatWindows, slackMs)) requiredEvents[e.type] = (requiredEvents[e.type] ?? 0) + 1;
    for (const type of new Set([...Object.keys(storedEvents), ...Object.keys(sent.chatEvents)])) {
      const n = storedEvents[type] ?? 0;
      assert.ok(n <= (sent.chatEvents[type] ?? 0), `${channel.login}: ${n} ${type} chat events stored, sent fewer`);
      assert.ok(n >= (requiredEvents[type] ?? 0), `${channel.login}: ${type} chat events lost outside the outages`);
    }
    if (chatWindows.length === 0) assert.deepEqual(nonZero(storedEvents), nonZero(sent.chatEvents));

    // EventSub: exactly what was delivered, by type (the poller's own stream.change records aside).
    const channelEvents = await countBy(store, 'channel_events', channel.id);
    const streamChanges = channelEvents['stream.change'] ?? 0;
    delete channelEvents['stream.change'];
    assert.deepEqual(nonZero(channelEvents), nonZero(sent.eventsubDelivered), `${channel.login}: EventSub by type`);
    assert.equal(streamChanges, 1, `${channel.login}: the title/category change is one stream.change`);

    // Streams: start and end within a poll interval; snapshots show the viewers Helix reported.
    for (const s of sent.streams) {
      const row = await store.get<{ started_at: number; ended_at: number | null }>(
        'SELECT started_at, ended_at FROM streams WHERE id = ?',
        [s.id],
      );
      assert.ok(row, `${channel.login}: stream ${s.id} not stored`);
      const endedAt = s.endedAt;
      assert.ok(endedAt !== null, 'the scenario ran to its end');
      // Helix's started_at has whole seconds.
      assert.ok(Math.abs(row.started_at - s.startedAt) < 1000, `${channel.login}: started_at is off`);
      assert.ok(row.ended_at !== null, `${channel.login}: the stream has no end`);
      const snapshots = await store.all<{ ts: number; viewer_count: number }>(
        'SELECT ts, viewer_count FROM stream_snapshots WHERE stream_id = ? ORDER BY ts',
        [s.id],
      );
      // The end is the last poll that still saw the stream live: within a poll interval (plus the run's latency).
      assert.equal(row.ended_at, snapshots.at(-1)?.ts, `${channel.login}: ended_at is not the last time seen live`);
      const endOff = row.ended_at - endedAt;
      assert.ok(
        // The simulator ends a stream from a timer, so a poll answered just before that timer fired can be a
        // little past the scheduled end.
        endOff <= slackMs && endOff >= -(run.pollSimMs + slackMs),
        `${channel.login}: ended_at is ${endOff / 1000} s off the real end`,
      );
      const samples = sent.viewers.filter((v) => v.ts >= s.startedAt && v.ts <= endedAt);
      const countAt = (ts: EpochMs) => samples.filter((v) => v.ts <= ts).at(-1)?.count;
      for (const snap of snapshots) {
        assert.ok(snap.ts >= s.startedAt - slackMs && snap.ts <= endedAt + slackMs, 'a snapshot outside the stream');
        const plausible = [countAt(snap.ts - slackMs), countAt(snap.ts), countAt(snap.ts + slackMs)];
        assert.ok(
          plausible.includes(snap.viewer_count),
          `${channel.login}: snapshot at +${(snap.ts - run.startAt) / 1000}s shows ${snap.viewer_count} viewers, Helix had ${plausible.join('/')}`,
        );
      }
      for (const [i, v] of samples.entries()) {
        const until = samples[i + 1]?.ts ?? endedAt;
        if (until - v.ts < run.pollSimMs + slackMs) continue;
        if (helixWindows.some((w) => w.from - slackMs < until && w.to + slackMs > v.ts)) continue;
        const covered = snapshots.some((x) => x.ts >= v.ts && x.ts < until && x.viewer_count === v.count);
        assert.ok(
          covered,
          `${channel.login}: no snapshot shows the ${v.count} viewers from +${(v.ts - run.startAt) / 1000}s`,
        );
      }
    }
  }
}
