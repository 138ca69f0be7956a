import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel, makeChannelEvent, makeSnapshot, makeStream } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getAdBreakEffects } from './get-ad-break-effects.ts';

const MIN = 60_000;

// Polls every minute: 100 viewers, then 80 from the first break's end on; a second break with no polls around it.
describeEachBackend('getAdBreakEffects', (backend) => {
  let fx: TestStore;
  const stream = makeStream({ id: 'ads', startedAt: Date.UTC(2026, 10, 3, 18), endedAt: Date.UTC(2026, 10, 3, 20) });
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({
      channels: [makeChannel()],
      streams: [stream],
      snapshots: Array.from({ length: 60 }, (_, m) =>
        makeSnapshot({ streamId: 'ads', ts: stream.startedAt + m * MIN + 5_000, viewerCount: m < 22 ? 100 : 80 }),
      ),
    });
    await fx.store.write({
      channelEvents: [
        makeChannelEvent({
          streamId: 'ads',
          ts: stream.startedAt + 20 * MIN,
          type: 'channel.ad_break.begin',
          data: { durationSeconds: 90 },
        }),
        makeChannelEvent({
          streamId: 'ads',
          ts: stream.startedAt + 90 * MIN,
          type: 'channel.ad_break.begin',
          data: { durationSeconds: 60 },
        }),
      ],
    });
  });
  after(() => fx.close());

  it('gives each break the viewers polled just before it and just after it ended', async () => {
    assert.deepEqual(await getAdBreakEffects(fx.store, 'ads'), [
      { offsetMs: 20 * MIN, seconds: 90, viewersBefore: 100, viewersAfter: 80 },
      { offsetMs: 90 * MIN, seconds: 60, viewersBefore: null, viewersAfter: null },
    ]);
  });

  it('is null for a stream that does not exist', async () => {
    assert.equal(await getAdBreakEffects(fx.store, 'nope'), null);
  });
});
