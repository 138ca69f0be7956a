import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSimClock } from './sim-clock.ts';

test('the simulated clock runs speed times faster than the real one', () => {
  let real = 1000;
  const clock = createSimClock(1_700_000_000_000, 60, () => real);
  assert.equal(clock.now(), 1_700_000_000_000);
  real += 1000;
  assert.equal(clock.now(), 1_700_000_060_000);
  assert.equal(clock.realDelayUntil(1_700_000_120_000), 1000);
  assert.equal(clock.realDelayUntil(1_600_000_000_000), 0);
});

test('a speed of zero is refused', () => {
  assert.throws(() => createSimClock(0, 0), RangeError);
});

test('a held clock reads its start until started, then runs from there', () => {
  let real = 1000;
  const clock = createSimClock(1_700_000_000_000, 60, () => real, { held: true });
  real += 5000;
  assert.equal(clock.now(), 1_700_000_000_000, 'held');
  clock.start();
  real += 1000;
  assert.equal(clock.now(), 1_700_000_060_000);
  clock.start();
  assert.equal(clock.now(), 1_700_000_060_000, 'starting a running clock changes nothing');
});
