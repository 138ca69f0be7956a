import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { getStreamSummary } from './get-stream-summary.ts';

describeEachBackend('getStreamSummary', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('gives the planted stream its figures with units', async () => {
    const s = await getStreamSummary(fx.store, 's-main');
    assert.ok(s);
    assert.equal(s.figures.durationMinutes.value, 120);
    assert.equal(s.figures.peakViewers.value, 25);
    assert.equal(s.figures.follows.value, 8);
    assert.equal(s.figures.subsNew.value, 1);
    assert.equal(s.figures.bits.value, 100);
    assert.equal(s.figures.raidsReceived.value, 1);
    assert.equal(s.figures.raidsSent.value, 0);
    assert.equal(s.figures.avgViewers.unit, 'viewers (time-weighted mean)');
    assert.equal(s.eventSource, 'channel_events');
    const messages = s.figures.chatMessages.value!;
    assert.ok(messages > 300 && messages < 500, `messages ${messages}`);
    // 60 min at ~10, 29 at 6, 29 at 25 (plus the 1-minute edges): time weighting matters here.
    const avg = s.figures.avgViewers.value!;
    assert.ok(avg > 12 && avg < 14, `avg ${avg}`);
    assert.ok(Math.abs(s.figures.hoursWatched.value! - avg * 2) < 0.2);
  });

  it('compares with the previous streams of the channel', async () => {
    const s = await getStreamSummary(fx.store, 's-main');
    assert.ok(s);
    assert.equal(s.comparison.previousStreamIds.length, 6);
    const duration = s.comparison.figures.find((f) => f.key === 'durationMinutes')!;
    assert.equal(duration.previousMedian, 60);
    assert.equal(duration.delta, 60);
    assert.equal(duration.percentile, 100);
    const peak = s.comparison.figures.find((f) => f.key === 'peakViewers')!;
    assert.ok(peak.percentile! < 60, 'Chess streams peak higher');
  });

  it('says no data instead of inventing viewer figures', async () => {
    const s = await getStreamSummary(fx.store, 's-empty');
    assert.ok(s);
    assert.equal(s.figures.avgViewers.value, null);
    assert.match(s.figures.avgViewers.missing!, /no viewer snapshots/);
    assert.equal(s.figures.follows.value, null);
    assert.equal(s.figures.chatMessages.value, null);
    assert.equal(s.eventSource, 'none');
  });

  it('returns null for an unknown stream', async () => {
    assert.equal(await getStreamSummary(fx.store, 'nope'), null);
  });
});
