import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDeltaPct, formatDuration, formatNumber, formatOffset } from './format.ts';

test('offsets read like a video player', () => {
  assert.equal(formatOffset(0), '0:00');
  assert.equal(formatOffset(125_000), '2:05');
  assert.equal(formatOffset(3_723_000), '1:02:03');
});

test('durations, numbers and deltas', () => {
  assert.equal(formatDuration(45 * 60_000), '45 min');
  assert.equal(formatDuration(125 * 60_000), '2 h 05 min');
  assert.equal(formatNumber(null), '—');
  assert.equal(formatNumber(1234), '1,234');
  assert.equal(formatNumber(12_345), '12.3k');
  assert.equal(formatDeltaPct(12.4), '+12%');
  assert.equal(formatDeltaPct(-4), '−4%');
  assert.equal(formatDeltaPct(null), '');
});
