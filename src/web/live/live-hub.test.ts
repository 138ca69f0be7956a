import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import { liveStreamId, openWebFixture, type WebFixture } from '../../../test/support/open-web-fixture.ts';
import { silentLogger } from '../../log.ts';
import { startLiveHub } from './live-hub.ts';

describeEachBackend('live hub', (backend) => {
  let fx: WebFixture;
  before(async () => {
    fx = await openWebFixture({ backend, streams: 1 });
  });
  after(() => fx.close());

  test('a slow client keeps only the newest events and is told how many it missed', async () => {
    const hub = startLiveHub({ ingest: fx.ingest, store: fx.store, log: silentLogger, queueLimit: 10 });
    const client = hub.subscribe();
    for (let i = 0; i < 50; i++) {
      fx.ingest.push({
        kind: 'message',
        message: makeChatMessage({ channelId: fx.channelId, streamId: liveStreamId, ts: Date.now(), text: `msg ${i}` }),
      });
    }
    await fx.ingest.flush();
    const events = await client.next(1000);
    assert.deepEqual(events[0], { seq: 0, event: 'dropped', data: { count: 40 } });
    assert.deepEqual(
      events.slice(1).map((e) => e.data.text),
      Array.from({ length: 10 }, (_, i) => `msg ${40 + i}`),
    );
    hub.stop();
    assert.equal(client.closed, true);
    assert.equal(hub.clientCount(), 0);
  });

  test('a waiting client wakes up on the next event, and close ends the wait', async () => {
    const hub = startLiveHub({ ingest: fx.ingest, store: fx.store, log: silentLogger });
    const client = hub.subscribe();
    const waiting = client.next(60_000);
    fx.ingest.push({
      kind: 'message',
      message: makeChatMessage({ channelId: fx.channelId, streamId: liveStreamId, ts: Date.now(), text: 'wake' }),
    });
    await fx.ingest.flush();
    assert.equal((await waiting)[0]?.data.text, 'wake');
    const idle = client.next(60_000);
    client.close();
    assert.deepEqual(await idle, []);
    hub.stop();
  });
});
