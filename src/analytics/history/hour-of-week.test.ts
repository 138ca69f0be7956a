import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hourOfWeek } from './hour-of-week.ts';

it('gives the weekday and hour a calendar gives, in any offset, before and after the epoch', () => {
  const calendar = (ts: number, tz: number) => {
    const local = new Date(ts + tz * 60_000);
    return local.getUTCDay() * 24 + local.getUTCHours();
  };
  const samples = [
    0,
    -1,
    3_599_999,
    3_600_000,
    Date.UTC(2026, 11, 5, 23, 59),
    Date.UTC(1969, 6, 20, 20, 17),
    -9e12,
    9e12,
  ];
  for (let i = 0; i < 500; i++) samples.push(Date.UTC(2020, 0, 1) + i * 7_919_000);
  for (const ts of samples)
    for (const tz of [0, 60, -300, 330, 840, -720, 45])
      assert.equal(hourOfWeek(ts, tz), calendar(ts, tz), `${new Date(ts).toISOString()} at ${tz}`);
  assert.equal(hourOfWeek(Date.UTC(2026, 11, 5, 18)), 6 * 24 + 18, 'a Saturday at 18:00 UTC');
});
