import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  type AnalyticsFixture,
  MIN,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import {
  dualCategory,
  openPlantedFixture,
  MIN as PMIN,
  plantedStart,
  raided,
} from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { findViewerSteps, findViewerTrends, getViewerChanges } from './get-viewer-changes.ts';

describeEachBackend('getViewerChanges', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('explains the drop by the ad break and the rise by the raid', async () => {
    const r = await getViewerChanges(fx.store, 's-main');
    assert.ok(r && !('status' in r));
    assert.deepEqual(
      r.changes.map((c) => [c.direction, c.before, c.after]),
      [
        ['drop', 10, 6],
        ['rise', 6, 25],
      ],
    );
    const [drop, rise] = r.changes;
    assert.equal(drop!.toTs, mainStart + 62 * MIN);
    assert.equal(drop!.causes[0]!.kind, 'ad-break');
    assert.match(drop!.causes[0]!.description, /ad break of 120 s started 2 min before/);
    assert.equal(rise!.causes[0]!.kind, 'raid-in');
    assert.ok(rise!.causes.some((c) => c.kind === 'transcript' && c.description.includes('welcome raiders')));
  });

  it('needs snapshots', async () => {
    const r = await getViewerChanges(fx.store, 's-empty');
    assert.ok(r && 'status' in r && r.status === 'no-data');
  });
});

describe('findViewerSteps', () => {
  it('ignores wobble of a couple of viewers', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ ts: i * MIN, viewers: 8 + (i % 3) }));
    assert.deepEqual(findViewerSteps(points), []);
    assert.deepEqual(findViewerTrends(points), []);
  });

  it('sees a slow slide the step test misses', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({
      ts: i * MIN,
      viewers: i < 10 ? 107 : i < 24 ? Math.round(107 - (23 * (i - 10)) / 14) : 84,
    }));
    assert.deepEqual(findViewerSteps(points), []);
    const [trend, ...rest] = findViewerTrends(points);
    assert.deepEqual(rest, []);
    assert.equal(trend?.direction, 'drop');
    assert.ok(trend.fromTs >= 8 * MIN && trend.fromTs <= 11 * MIN, String(trend.fromTs / MIN));
    assert.ok(trend.before >= 104 && trend.after <= 88, `${trend.before} → ${trend.after}`);
  });
});

describeEachBackend('getViewerChanges on planted cases', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it('finds the gradual decline after a raid (107 → 84 over 14 min), caused by what came before it', async () => {
    const r = await getViewerChanges(fx.store, raided.raidStream);
    assert.ok(r && !('status' in r));
    const rise = r.changes.find((c) => c.direction === 'rise');
    assert.equal(rise?.shape, 'step');
    assert.equal(rise?.causes[0]?.kind, 'raid-in');
    const slide = r.changes.find((c) => c.shape === 'trend');
    assert.ok(slide, JSON.stringify(r.changes));
    assert.equal(slide.direction, 'drop');
    assert.ok(slide.fromTs >= raided.raidAt && slide.fromTs <= raided.raidAt + 8 * PMIN, 'starts after the raid');
    assert.ok(slide.toTs >= plantedStart + 48 * PMIN, 'runs to the end of the slide');
    assert.ok(slide.before >= 100 && slide.after <= 88, `${slide.before} → ${slide.after}`);
    assert.ok(slide.causes.some((c) => c.kind === 'raid-in' && c.ts < slide.fromTs));
    assert.ok(slide.causes.every((c) => c.ts <= slide.fromTs + PMIN));
    assert.equal(
      slide.vodUrl,
      'https://www.twitch.tv/videos/2100100100?t=0h29m0s'.replace(
        '29m',
        `${Math.floor((slide.fromTs - plantedStart) / PMIN) - 1}m`,
      ),
    );
  });

  it('never credits what came after a change, and names a category change seen twice once', async () => {
    const r = await getViewerChanges(fx.store, dualCategory.streamId);
    assert.ok(r && !('status' in r));
    const rise = r.changes.find((c) => c.direction === 'rise');
    const drop = r.changes.find((c) => c.direction === 'drop');
    assert.ok(rise && drop, JSON.stringify(r.changes));
    assert.equal(rise.toTs, dualCategory.startedAt + dualCategory.riseAt * PMIN);
    // The category changed 1.5 minutes after the rise: not its cause.
    assert.deepEqual(
      rise.causes.filter((c) => c.kind === 'category-change'),
      [],
    );
    assert.equal(drop.toTs, dualCategory.startedAt + dualCategory.dropAt * PMIN);
    const categoryCauses = drop.causes.filter((c) => c.kind === 'category-change');
    assert.equal(categoryCauses.length, 1, JSON.stringify(drop.causes));
    assert.match(categoryCauses[0]!.description, /Art/);
    assert.equal(drop.causes[0]!.kind, 'category-change');
  });
});
