import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationSchema, formatDuration, parseDuration } from './duration.ts';

test('parses hours, minutes and seconds into milliseconds', () => {
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('2m30s'), 150_000);
  assert.equal(parseDuration('nonsense'), undefined);
  assert.equal(parseDuration(''), undefined);
});

test('the schema takes numbers as seconds and names a bad string', () => {
  assert.equal(durationSchema.parse(12), 12_000);
  const result = durationSchema.safeParse('soon');
  assert.equal(result.success, false);
  assert.match(result.error?.issues[0]?.message ?? '', /"soon" is not a duration/);
});

test('formats back into the scenario notation', () => {
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(42_000), '42s');
});
