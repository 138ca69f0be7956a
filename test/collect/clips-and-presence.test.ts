// Clips and chat presence end to end, on SQLite and PostgreSQL: the real app collects a simulated stream whose
// viewers clip its big moment, streamlens itself creates a clip while live (Helix Create Clip over loopback), and
// Get Chatters is sampled while live. Every clip the simulator made is stored once with its stream, the created
// clip keeps the moment it was made for, and the presence samples count lurkers.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loadStreamEvents } from '../../src/analytics/events/load-events.ts';
import { getStreamEngagement, getStreamHighlights, getStreamPresence } from '../../src/analytics/index.ts';
import { silentLogger } from '../../src/log.ts';
import type { Store } from '../../src/store/store.ts';
import { createClipForMoment } from '../../src/twitch/create-clip.ts';
import { createHelixApi } from '../../src/twitch/helix/helix-api.ts';
import { createHelixClient } from '../../src/twitch/helix/helix-client.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import { openTestStore, type TestStore } from '../support/open-test-store.ts';
import { type CollectedRun, startCollectedRun } from '../support/start-collected-run.ts';
import { waitFor } from '../support/wait-for.ts';

/** The store for the app, whose close leaves the test's store open (the test closes and drops it). */
const keepOpen = (store: Store): Store =>
  new Proxy(store, {
    get(target, key) {
      if (key === 'close') return async () => {};
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

describeEachBackend('clips and chat presence collected from the simulator', (backend) => {
  let test: TestStore;
  let run: CollectedRun;
  let created: { id: string; momentTs: number; confirmed: boolean };
  before(async () => {
    test = await openTestStore(backend);
    run = await startCollectedRun(
      {
        seed: 19,
        channels: [
          {
            login: 'clipper',
            id: '1901',
            displayName: 'Clipper',
            chat: { messagesPerViewerPerMinute: 0.3, regulars: 15, casuals: 60 },
            streams: [
              {
                at: '30s',
                duration: '4m',
                title: 'clip me',
                category: { id: '509658', name: 'Just Chatting' },
                viewers: { base: 120 },
                moments: [
                  { at: '1m', duration: '40s', label: 'big play', messagesPerMinute: 200, emotes: ['PogChamp'] },
                ],
                events: [
                  { at: '1m30s', type: 'poll', duration: '40s' },
                  { at: '1m40s', type: 'redemption' },
                  { at: '1m45s', type: 'redemption' },
                  { at: '2m', type: 'prediction', duration: '80s' },
                  { at: '2m10s', type: 'shoutout-in', channel: 'pixelpal' },
                  { at: '3m20s', type: 'shoutout-out', channel: 'raidbuddy' },
                ],
              },
            ],
          },
        ],
      },
      { speed: 40, store: keepOpen(test.store) },
    );
    // While live, clip now as the logged-in broadcaster would from the dashboard.
    await waitFor(async () => (await test.store.all('SELECT id FROM streams WHERE ended_at IS NULL')).length === 1, {
      what: 'the stream to be live',
      timeoutMs: 20_000,
    });
    const token = run.sim.issueUserToken('clipper', ['clips:edit']);
    const helix = createHelixApi(
      createHelixClient({
        helixUrl: run.sim.urls.helixUrl,
        clientId: run.sim.credentials.clientId,
        token: { getToken: async () => token.accessToken, invalidate: () => {} },
        log: silentLogger,
      }),
    );
    const [stream] = await test.store.all<{ id: string }>('SELECT id FROM streams');
    const momentTs = run.sim.clock.now() - 5000;
    const clip = await createClipForMoment(
      {
        config: {} as never,
        sink: test.store.clips,
        log: silentLogger,
        helix,
        confirmEveryMs: 50,
        confirmWithinMs: 10_000,
      },
      { channelId: '1901', streamId: stream!.id, momentTs, now: run.sim.clock.now() },
    );
    created = { id: clip.id, momentTs, confirmed: await clip.confirmed };
    await run.runToEnd();
  });
  after(async () => {
    await run?.stop();
    await test?.close();
  });

  it('stores every clip the simulator made, once, with its stream, and the created one with its moment', async () => {
    const ledger = run.sim.ledger.channel('clipper');
    assert.ok(ledger.clips.size >= 1, 'the scenario has viewers clip the moment');
    assert.equal(created.confirmed, true, 'Get Clips listed the created clip');
    const rows = await test.store.all<{
      id: string;
      stream_id: string | null;
      seen_at: number | null;
      moment_ts: number | null;
    }>('SELECT id, stream_id, seen_at, moment_ts FROM clips ORDER BY id');
    assert.deepEqual(rows.map((r) => r.id).sort(), [...ledger.clips.keys(), created.id].sort());
    const [stream] = await test.store.all<{ id: string }>('SELECT id FROM streams');
    for (const r of rows) {
      assert.equal(r.stream_id, stream!.id, `clip ${r.id} belongs to the stream`);
      assert.notEqual(r.seen_at, null, `clip ${r.id} was listed by Get Clips`);
    }
    assert.equal(rows.find((r) => r.id === created.id)?.moment_ts, created.momentTs);
  });

  it('puts the clips on the timeline and makes the clipped moment a highlight with the clip URL', async () => {
    const [s] = await test.store.all<{ id: string; channel_id: string; started_at: number; ended_at: number }>(
      'SELECT id, channel_id, started_at, ended_at FROM streams',
    );
    const events = await loadStreamEvents(test.store, [
      { id: s!.id, channelId: s!.channel_id, startedAt: Number(s!.started_at), endTs: Number(s!.ended_at) },
    ]);
    const clipEvents = events.get(s!.id)!.filter((e) => e.kind === 'clip');
    assert.equal(clipEvents.length, run.sim.ledger.channel('clipper').clips.size + 1);
    assert.ok(clipEvents.every((e) => e.url?.startsWith('https://clips.twitch.tv/')));
    const highlights = await getStreamHighlights(test.store, s!.id);
    assert.ok(highlights && 'highlights' in highlights);
    const clipped = highlights.highlights.filter((h) => h.kinds.includes('clipped'));
    assert.ok(clipped.length >= 1, 'a clipped moment is a highlight');
    const viewerClip = [...run.sim.ledger.channel('clipper').clips.keys()][0]!;
    assert.ok(
      clipped.some((h) =>
        h.clips.some((c) => c.id === viewerClip && c.url === `https://clips.twitch.tv/${viewerClip}`),
      ),
      'the highlight carries the clip with its URL',
    );
  });

  it('stores polls, predictions, redemptions and shoutouts from EventSub, on the timeline and in the engagement', async () => {
    const delivered = run.sim.ledger.channel('clipper').eventsubDelivered;
    const stored: Record<string, number> = {};
    for (const r of await test.store.all<{ type: string; n: number }>(
      "SELECT type, COUNT(*) AS n FROM channel_events WHERE type LIKE 'channel.poll%' OR type LIKE 'channel.prediction%' OR type LIKE 'channel.shoutout%' OR type LIKE 'channel.channel_points%' GROUP BY type",
    ))
      stored[r.type] = Number(r.n);
    const expected = Object.fromEntries(
      Object.entries(delivered).filter(([t]) => /^channel\.(poll|prediction|shoutout|channel_points)/.test(t)),
    );
    assert.deepEqual(stored, expected);
    // Everything was delivered: the subscriptions existed before the first of these events.
    assert.equal(stored['channel.poll.begin'], 1);
    assert.equal(stored['channel.prediction.lock'], 1);
    assert.equal(stored['channel.channel_points_custom_reward_redemption.add'], 2);
    const [s] = await test.store.all<{ id: string; channel_id: string; started_at: number; ended_at: number }>(
      'SELECT id, channel_id, started_at, ended_at FROM streams',
    );
    const events = (
      await loadStreamEvents(test.store, [
        { id: s!.id, channelId: s!.channel_id, startedAt: Number(s!.started_at), endTs: Number(s!.ended_at) },
      ])
    ).get(s!.id)!;
    const kinds = events.map((e) => e.kind);
    for (const k of ['poll', 'poll-end', 'prediction', 'prediction-end', 'redemption', 'shoutout-in', 'shoutout-out'])
      assert.ok(kinds.includes(k as never), `${k} on the timeline`);
    assert.ok(events.some((e) => e.kind === 'shoutout-in' && e.userLogin === 'pixelpal'));
    const engagement = await getStreamEngagement(test.store, s!.id);
    assert.ok(engagement);
    assert.equal(engagement.redemptions.total, 2);
    assert.equal(engagement.polls.length, 1);
    assert.equal(engagement.polls[0]!.status, 'completed');
    assert.ok(engagement.polls[0]!.winner);
    assert.equal(engagement.predictions[0]!.status, 'resolved');
    assert.ok(engagement.predictions[0]!.winner);
    assert.deepEqual(
      engagement.shoutouts.received.map((x) => x.login),
      ['pixelpal'],
    );
    assert.deepEqual(
      engagement.shoutouts.given.map((x) => x.login),
      ['raidbuddy'],
    );
  });

  it('samples who is in chat while live: lurkers counted, watch time estimated', async () => {
    const [s] = await test.store.all<{ id: string }>('SELECT id FROM streams');
    const presence = await getStreamPresence(test.store, s!.id);
    assert.ok(presence && 'samples' in presence, 'presence was sampled');
    assert.ok(presence.samples.length >= 2, `${presence.samples.length} samples`);
    for (const p of presence.samples) {
      assert.ok(p.present > 0 && p.lurkers <= p.present, JSON.stringify(p));
      assert.ok(p.viewers !== null && p.viewers > 0);
    }
    assert.ok(
      presence.samples.some((p) => p.lurkers > 0),
      'the simulator has viewers who never chat',
    );
    const lurkers = presence.watchTime.filter((w) => w.lurker);
    const talkers = presence.watchTime.filter((w) => !w.lurker);
    assert.ok(lurkers.length > 0 && talkers.length > 0);
    assert.ok(presence.watchTime.every((w) => w.watchMs >= 60_000));
  });
});
