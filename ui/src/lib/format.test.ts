import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatClock,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatOffset,
  formatZone,
  zoneOffsetMinutes,
} from './format.ts';

test('offsets read like a video player', () => {
  assert.equal(formatOffset(0), '0:00');
  assert.equal(formatOffset(125_000), '2:05');
  assert.equal(formatOffset(3_723_000), '1:02:03');
});

test('durations and numbers', () => {
  assert.equal(formatDuration(45 * 60_000), '45 min');
  assert.equal(formatDuration(125 * 60_000), '2 h 05 min');
  assert.equal(formatNumber(null), '—');
  assert.equal(formatNumber(1234), '1,234');
  assert.equal(formatNumber(12_345), '12.3k');
});

test('times of day are shown in the zone asked for, with its name', () => {
  const ts = Date.UTC(2026, 9, 6, 16, 0, 5);
  assert.equal(formatClock(ts, 'UTC'), '16:00:05');
  assert.equal(formatClock(ts, 'Asia/Tokyo'), '01:00:05');
  assert.match(formatDateTime(ts, 'UTC'), /Tue.*6 Oct 2026.*16:00.*UTC/);
  assert.match(formatDateTime(ts, 'Europe/Berlin'), /18:00.*(CEST|GMT\+2)/);
  assert.equal(formatZone(ts, 'UTC'), 'UTC');
  assert.equal(zoneOffsetMinutes(ts, 'Europe/Berlin'), 120);
  assert.equal(zoneOffsetMinutes(ts, 'America/New_York'), -240);
  assert.equal(zoneOffsetMinutes(ts, 'Asia/Kolkata'), 330);
});
