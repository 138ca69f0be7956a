import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestWeekLabel } from './latest-week.ts';

const monday = Date.UTC(2026, 10, 30); // Mon 30 Nov 2026 00:00 UTC

test('the newest week is "this week so far" while it lasts, then named by its start', () => {
  assert.equal(latestWeekLabel({ weekStart: monday }, monday + 2 * 86_400_000), 'This week so far');
  assert.equal(latestWeekLabel({ weekStart: monday }, monday + 7 * 86_400_000 - 1), 'This week so far');
  assert.equal(latestWeekLabel({ weekStart: monday }, monday + 9 * 86_400_000), 'Week of 30 Nov');
});
