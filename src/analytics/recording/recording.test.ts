import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore } from '../../../test/support/open-test-store.ts';
import { getLastRecordedAt } from './get-last-recorded-at.ts';
import { getRecordCounts } from './get-record-counts.ts';
import { getRecordedActivity } from './get-recorded-activity.ts';

describeEachBackend('what was recorded', (backend) => {
  it('finds the newest record: chat past its stream end counts, an empty database has none', async () => {
    const fx = await openTestStore(backend);
    assert.equal(await getLastRecordedAt(fx.store), null);
    await fx.store.write({
      channels: [makeChannel(), makeChannel({ id: '2002', login: 'other' })],
      streams: [makeStream({ id: 'a', startedAt: baseTs, endedAt: baseTs + 60_000 })],
    });
    assert.equal(await getLastRecordedAt(fx.store), baseTs + 60_000);
    await fx.store.write({ chatMessages: [makeChatMessage({ channelId: '2002', ts: baseTs + 90_000 })] });
    assert.equal(await getLastRecordedAt(fx.store), baseTs + 90_000);
    // EventSub's stream.offline arrives after the poller's last reading of the stream.
    await fx.store.write({
      channelEvents: [
        makeChannelEvent({ id: 'offline-a', streamId: 'a', type: 'stream.offline', ts: baseTs + 95_000 }),
      ],
    });
    assert.equal(await getLastRecordedAt(fx.store), baseTs + 95_000);
    await fx.store.write({ chatEvents: [makeChatEvent({ streamId: 'a', ts: baseTs + 97_000 })] });
    assert.equal(await getLastRecordedAt(fx.store), baseTs + 97_000);
    await fx.close();
  });

  it("lists a channel's records since a moment, EventSub's apart from the poller's", async () => {
    const fx = await openTestStore(backend);
    const since = baseTs + 60_000;
    const before = makeChatMessage({ ts: baseTs });
    const after = makeChatMessage({ ts: since + 1000 });
    await fx.store.write({
      channels: [makeChannel(), makeChannel({ id: '2002', login: 'other' })],
      streams: [makeStream({ id: 'old' }), makeStream({ id: 'new', startedAt: since })],
    });
    await fx.store.write({
      chatMessages: [before, after, makeChatMessage({ channelId: '2002', ts: since + 2000 })],
      snapshots: [
        makeSnapshot({ streamId: 'old', ts: baseTs, viewerCount: 5 }),
        makeSnapshot({ streamId: 'new', ts: since + 60_000, viewerCount: 42 }),
      ],
      chatEvents: [
        makeChatEvent({ ts: since + 1, type: 'sub' }),
        makeChatEvent({ ts: since + 2, type: 'sub' }),
        makeChatEvent({ ts: since + 3, type: 'raid' }),
        makeChatEvent({ ts: baseTs, type: 'ban' }),
      ],
      channelEvents: [
        makeChannelEvent({ ts: since + 4, type: 'channel.follow' }),
        makeChannelEvent({ ts: since + 5, type: 'stream.change' }),
      ],
    });
    const activity = await getRecordedActivity(fx.store, '1001', since);
    assert.deepEqual(activity, {
      chatMessageIds: [after.id],
      chatEvents: { sub: 2, raid: 1 },
      eventSubEvents: { 'channel.follow': 1 },
      streams: [{ id: 'new', startedAt: since, endedAt: null }],
      viewerReadings: [{ ts: since + 60_000, viewers: 42 }],
    });
    assert.deepEqual(await getRecordCounts(fx.store), {
      channels: 2,
      streams: 2,
      stream_snapshots: 2,
      chat_messages: 3,
      chat_events: 4,
      channel_events: 2,
      transcript_segments: 0,
    });
    await fx.close();
  });
});
