import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatZonedDateTime, isTimeZone, utcOffsetLabel, zoneName, zoneOffsetMinutes } from './time-zone.ts';

test('a moment in a named zone, with the zone said', () => {
  const ts = Date.UTC(2026, 11, 5, 17, 0);
  assert.equal(formatZonedDateTime(ts, 'Europe/Berlin'), 'Sat, 5 Dec 2026, 18:00 CET');
  assert.equal(formatZonedDateTime(ts, 'UTC'), 'Sat, 5 Dec 2026, 17:00 UTC');
  assert.equal(zoneName(ts, 'Asia/Tokyo'), 'GMT+9');
  assert.equal(zoneOffsetMinutes(ts, 'Europe/Berlin'), 60);
  assert.equal(zoneOffsetMinutes(Date.UTC(2026, 6, 1), 'Europe/Berlin'), 120);
  assert.equal(zoneOffsetMinutes(ts, 'America/St_Johns'), -210);
  assert.deepEqual(
    [utcOffsetLabel(0), utcOffsetLabel(60), utcOffsetLabel(-300), utcOffsetLabel(330)],
    ['UTC', 'UTC+1', 'UTC−5', 'UTC+5:30'],
  );
  assert.equal(isTimeZone('Europe/Berlin'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
});
