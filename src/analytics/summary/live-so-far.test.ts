import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { liveNow, openPlantedFixture } from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { getLatestStream } from '../stream/get-latest-stream.ts';
import { getStreamSummary } from './get-stream-summary.ts';

describeEachBackend('a live stream compared so far', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it('compares 34 live minutes with the first 34 minutes of finished streams, not whole ones', async () => {
    const s = await getStreamSummary(fx.store, liveNow.live);
    assert.ok(s);
    assert.equal(s.stream.live, true);
    assert.equal(s.comparison.basis, 'so-far');
    assert.equal(s.comparison.elapsedMinutes, liveNow.liveMinutes);
    assert.deepEqual(s.comparison.previousStreamIds, ['l-2', 'l-1']);
    const by = new Map(s.comparison.figures.map((f) => [f.key, f]));
    // Same audience, same pace: about even, where whole 2-hour streams would make it −72 %.
    for (const key of ['hoursWatched', 'chatMessages', 'avgViewers', 'durationMinutes'] as const) {
      const f = by.get(key);
      assert.ok(f && f.deltaPct !== null && Math.abs(f.deltaPct) <= 5, `${key}: ${JSON.stringify(f)}`);
    }
    const whole = await getStreamSummary(fx.store, 'l-2');
    assert.equal(whole?.comparison.basis, 'whole');
  });

  it('"last stream" is the last finished one unless asked about the live one', async () => {
    assert.equal((await getLatestStream(fx.store, liveNow.channelId))?.id, liveNow.live);
    assert.equal((await getLatestStream(fx.store, liveNow.channelId, { finished: true }))?.id, 'l-2');
  });
});
