import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareViewerReadings } from './demo-summary.ts';

describe('compareViewerReadings', () => {
  const perMinute = [
    { ts: 0, count: 10 },
    { ts: 60_000, count: 12 },
  ];
  // Get Streams answered 10 at 1 s, then 12 at 61 s and 13 at 121 s.
  const served = [
    { ts: 1000, count: 10 },
    { ts: 61_000, count: 12 },
    { ts: 121_000, count: 13 },
  ];

  it('matches each stored reading with the answer its poll got', () => {
    const r = compareViewerReadings(perMinute, served, [
      { ts: 900, viewers: 10 },
      { ts: 60_950, viewers: 12 },
      { ts: 120_990, viewers: 13 },
    ]);
    assert.deepEqual(r, { served: 2, stored: 3, mismatched: 0, firstMismatch: null });
  });

  it('names a reading the simulator never served', () => {
    const r = compareViewerReadings(perMinute, served, [
      { ts: 900, viewers: 10 },
      { ts: 60_950, viewers: 11 },
      { ts: 200_000, viewers: 13 },
    ]);
    assert.equal(r.mismatched, 2);
    assert.equal(r.firstMismatch, '1970-01-01T00:01:00.950Z: stored 11, served 12');
  });
});
