import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, CH, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { getBestTimes } from './get-best-times.ts';
import { getCategoryComparison } from './get-category-comparison.ts';

describeEachBackend('channel history questions', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('shows the category that does better', async () => {
    const c = await getCategoryComparison(fx.store, CH);
    assert.ok(!('status' in c));
    assert.deepEqual(
      c.categories.map((x) => [x.gameName, x.streams]),
      [
        ['Chess', 4],
        ['Just Chatting', 4],
      ],
    );
    assert.ok(c.categories[0]!.avgViewers! > 2 * c.categories[1]!.avgViewers!);
    assert.equal(c.categories[0]!.followsPerHour, 4);
  });

  it('shows the weekday slot that does better, in the requested time zone', async () => {
    const b = await getBestTimes(fx.store, CH);
    assert.ok(!('status' in b));
    assert.equal(b.best[0]!.label, 'Fri 20:00');
    assert.equal(b.best[0]!.streams, 4);
    const shifted = await getBestTimes(fx.store, CH, { tzOffsetMinutes: 120 });
    assert.ok(!('status' in shifted));
    assert.equal(shifted.best[0]!.label, 'Fri 22:00');
  });

  it('says no data for a channel without streams', async () => {
    assert.equal((await getBestTimes(fx.store, 'nobody')).constructor, Object);
    assert.deepEqual(await getCategoryComparison(fx.store, 'nobody'), {
      status: 'no-data',
      reason: 'no streams recorded for this channel in that period',
    });
  });
});
