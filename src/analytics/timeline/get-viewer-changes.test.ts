import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  type AnalyticsFixture,
  MIN,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import { findViewerSteps, getViewerChanges } from './get-viewer-changes.ts';

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
  });
});
