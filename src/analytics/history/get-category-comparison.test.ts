import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openPlantedFixture, segmented } from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { getBestTimes } from './get-best-times.ts';
import { getCategoryComparison } from './get-category-comparison.ts';

describeEachBackend('getCategoryComparison by segment', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it('credits each category with its own stretch of a stream that changed category', async () => {
    const r = await getCategoryComparison(fx.store, segmented.channelId);
    assert.ok(!('status' in r));
    const by = new Map(r.categories.map((c) => [c.gameName, c]));
    const minecraft = by.get('Minecraft');
    const art = by.get('Art');
    const chess = by.get('Chess');
    assert.ok(minecraft && art && chess, JSON.stringify(r.categories));
    // Minecraft's hour at ~212, not the stream's 159.5 credited to the category it ended in.
    assert.ok(Math.abs(minecraft.avgViewers! - 212) <= 2, `Minecraft ${minecraft.avgViewers}`);
    assert.ok(Math.abs(art.avgViewers! - 109) <= 2, `Art ${art.avgViewers}`);
    assert.deepEqual([minecraft.streams, minecraft.segments, minecraft.hours], [1, 1, 1]);
    assert.deepEqual([art.streams, art.segments, art.hours], [2, 2, 3]);
    assert.ok(Math.abs(minecraft.viewerMinutes! - 212 * 60) <= 120);
    assert.equal(minecraft.follows, 4);
    assert.equal(art.follows, 1);
    // Best category follows best time's rule: two streams at least; Minecraft's one stream is not enough.
    assert.deepEqual(
      r.best.map((c) => c.gameName),
      ['Chess', 'Art'],
    );
    assert.equal(r.minStreams, 2);
    assert.equal(minecraft.confidence, 0.2);
    assert.equal(chess.confidence, 0.4);
    const times = await getBestTimes(fx.store, segmented.channelId);
    assert.ok(!('status' in times));
    assert.ok(times.cells.every((c) => c.confidence === Math.min(1, c.streams / 5)));
  });
});
