import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { baseTs, makeChannel, makeChannelEvent, makeChatMessage, makeStream } from '../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../test/support/open-test-store.ts';
import { silentLogger } from '../log.ts';
import { createIngest } from './create-ingest.ts';

// Chat of a stream's first minute or so arrives before the poller has seen the stream: it must end up in it.
describeEachBackend('chat from before the stream was known', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({ channels: [makeChannel()] });
  });
  after(() => fx.close());

  it('is attached, stored or still buffered, once the stream and its start are learned', async () => {
    const ingest = await createIngest({
      store: fx.store,
      log: silentLogger,
      batchSize: 100,
      flushIntervalMs: 10_000,
      maxRetries: 2,
    });
    const start = baseTs + 3_600_000;
    // Twitch user ids are decimal (the ingest drops others).
    const userIds: Record<string, string> = { early: '3001', second: '3002' };
    const line = (id: string, secondsAfterStart: number, login = 'early') =>
      makeChatMessage({
        id,
        streamId: null,
        ts: start + secondsAfterStart * 1000,
        userId: userIds[login]!,
        userLogin: login,
      });
    // Offline chat long before: stays without a stream.
    ingest.push({ kind: 'message', message: line('offline', -3_600) });
    // The first 70 s of the stream, stored before the stream is known...
    for (let i = 0; i < 5; i++) ingest.push({ kind: 'message', message: line(`stored-${i}`, 5 + i * 15) });
    ingest.push({
      kind: 'channelEvent',
      event: makeChannelEvent({ id: 'follow-early', streamId: null, ts: start + 30_000, type: 'channel.follow' }),
    });
    await ingest.flush();
    // ...and more still buffered when the poller learns of it (80 s in).
    ingest.push({ kind: 'message', message: line('buffered', 75, 'second') });
    await ingest.upsertStream(makeStream({ id: 'live-1', startedAt: start }));
    ingest.push({ kind: 'message', message: makeChatMessage({ id: 'after', streamId: null, ts: start + 90_000 }) });
    await ingest.stop();

    const rows = await fx.store.all<{ id: string; stream_id: string | null }>(
      'SELECT id, stream_id FROM chat_messages ORDER BY ts',
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.stream_id]),
      [
        ['offline', null],
        ...[0, 1, 2, 3, 4].map((i) => [`stored-${i}`, 'live-1']),
        ['buffered', 'live-1'],
        ['after', 'live-1'],
      ],
    );
    const follow = await fx.store.get<{ stream_id: string | null }>(
      "SELECT stream_id FROM channel_events WHERE id = 'follow-early'",
    );
    assert.equal(follow?.stream_id, 'live-1');
    // The stream's chatter totals count the early lines (what analytics' community and top chatters read).
    const totals = await fx.store.all<{ user_id: string; messages: number; first_ts: number }>(
      "SELECT user_id, messages, first_ts FROM chatter_streams WHERE stream_id = 'live-1' ORDER BY user_id",
    );
    assert.deepEqual(
      totals.map((t) => [t.user_id, Number(t.messages), Number(t.first_ts)]),
      [
        ['2001', 1, start + 90_000],
        ['3001', 5, start + 5_000],
        ['3002', 1, start + 75_000],
      ],
    );
  });
});
