import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getPeriodTotals } from './get-period-totals.ts';

const MIN = 60_000;
const nov = Date.UTC(2026, 10, 1);
const dec = Date.UTC(2026, 11, 1);

// Two November streams (one with EventSub cheers, one with chat's bits only) and an October one outside.
describeEachBackend('getPeriodTotals', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openTestStore(backend);
    const streams = [
      makeStream({ id: 'oct', startedAt: Date.UTC(2026, 9, 20, 18), endedAt: Date.UTC(2026, 9, 20, 19) }),
      makeStream({ id: 'nov-a', startedAt: Date.UTC(2026, 10, 3, 18), endedAt: Date.UTC(2026, 10, 3, 20) }),
      makeStream({ id: 'nov-b', startedAt: Date.UTC(2026, 10, 30, 23), endedAt: Date.UTC(2026, 11, 1, 1) }),
    ];
    const at = (id: string, minutes: number) => streams.find((s) => s.id === id)!.startedAt + minutes * MIN;
    await fx.store.write({
      channels: [makeChannel()],
      streams,
      snapshots: streams.flatMap((s) =>
        [0, 30, 60].map((m) => makeSnapshot({ streamId: s.id, ts: s.startedAt + m * MIN })),
      ),
    });
    await fx.store.write({
      chatMessages: [
        makeChatMessage({ streamId: 'nov-b', ts: at('nov-b', 5), bits: 300 }),
        makeChatMessage({ streamId: 'nov-b', ts: at('nov-b', 6) }),
        makeChatMessage({ streamId: 'oct', ts: at('oct', 5), bits: 999 }),
      ],
      chatEvents: [
        makeChatEvent({ streamId: 'nov-a', ts: at('nov-a', 10), type: 'sub' }),
        makeChatEvent({ streamId: 'nov-a', ts: at('nov-a', 11), type: 'resub' }),
        makeChatEvent({ streamId: 'nov-b', ts: at('nov-b', 10), type: 'subgift' }),
        makeChatEvent({ streamId: 'oct', ts: at('oct', 10), type: 'sub' }),
      ],
      channelEvents: [
        makeChannelEvent({ streamId: 'nov-a', ts: at('nov-a', 20), type: 'channel.follow' }),
        makeChannelEvent({ streamId: 'nov-a', ts: at('nov-a', 21), type: 'channel.follow' }),
        makeChannelEvent({ streamId: 'nov-a', ts: at('nov-a', 30), type: 'channel.cheer', data: { bits: 100 } }),
        makeChannelEvent({ streamId: 'oct', ts: at('oct', 20), type: 'channel.follow' }),
      ],
    });
  });
  after(() => fx.close());

  it('sums the figures of the streams that started in the period, by the one rule for what both sources report', async () => {
    const r = await getPeriodTotals(fx.store, '1001', nov, dec);
    assert.deepEqual(r.streamIds, ['nov-a', 'nov-b']);
    assert.equal(r.totals.follows, 2);
    assert.deepEqual([r.totals.subsNew, r.totals.subsResub, r.totals.subsGifted], [1, 1, 1]);
    // nov-a has EventSub records, so its cheer counts; nov-b has none, so chat's bits count.
    assert.equal(r.totals.bits, 400);
    assert.equal(r.totals.durationMinutes, 240);
    assert.equal(r.totals.chatMessages, 2);
  });

  it('counts a chatter of several streams once, and averages viewers over the time live', async () => {
    await fx.store.write({
      chatMessages: [makeChatMessage({ streamId: 'nov-a', ts: Date.UTC(2026, 10, 3, 18, 7), userId: '2002' })],
    });
    const r = await getPeriodTotals(fx.store, '1001', nov, dec);
    // viewer1 chatted in nov-b (twice) and nothing else in November; viewer 2002 in nov-a.
    assert.equal(r.uniqueChatters, 2);
    await fx.store.write({
      chatMessages: [makeChatMessage({ streamId: 'nov-a', ts: Date.UTC(2026, 10, 3, 18, 8) })],
    });
    assert.equal((await getPeriodTotals(fx.store, '1001', nov, dec)).uniqueChatters, 2);
    assert.equal(r.withViewerCounts, 2);
    assert.ok(r.avgViewers !== null && r.avgViewers > 0);
    assert.equal(r.peakViewers, makeSnapshot().viewerCount);
  });

  it('says viewers are unknown, never zero, for streams without viewer counts (imported chat)', async () => {
    const jan = Date.UTC(2027, 0, 1);
    await fx.store.write({
      streams: [makeStream({ id: 'imported', startedAt: jan + 3_600_000, endedAt: jan + 7_200_000 })],
    });
    await fx.store.write({ chatMessages: [makeChatMessage({ streamId: 'imported', ts: jan + 3_700_000 })] });
    const r = await getPeriodTotals(fx.store, '1001', jan, jan + 86_400_000);
    assert.equal(r.streams, 1);
    assert.equal(r.withViewerCounts, 0);
    assert.equal(r.avgViewers, null);
    assert.equal(r.peakViewers, null);
    assert.equal(r.uniqueChatters, 1);
    // No EventSub records: its follows are unknown (counted by no stream), its chat is known.
    assert.equal(r.known.follows, 0);
    assert.equal(r.known.chatMessages, 1);
    assert.equal(r.totals.chatMessages, 1);
  });

  it('has nothing for a period without streams', async () => {
    const r = await getPeriodTotals(fx.store, '1001', dec, dec + 30 * 86_400_000);
    assert.equal(r.streams, 0);
    assert.equal(r.totals.follows, 0);
  });
});
