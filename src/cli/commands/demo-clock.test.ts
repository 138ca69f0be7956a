import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DemoClockOptions, planDemoClock, restartGapMs } from './demo-clock.ts';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 11, 7, 14, 0);

/** The simulated clock at real time `t` (the simulator starts it at startAt − leadInMs when the plan is made). */
const simAt = (plan: ReturnType<typeof planDemoClock>, t: number) =>
  plan.startAt - plan.leadInMs + (t - t0) * plan.speed;

/** Checks the plan keeps the simulated clock behind the wall's until the scenario's end (and a moment after). */
function assertNeverAhead(o: DemoClockOptions) {
  const plan = planDemoClock(o);
  const endReal = t0 + (plan.leadInMs + o.scenarioMs) / plan.speed;
  for (let t = t0; t <= endReal + 1000; t += Math.max(1, (endReal - t0) / 500))
    assert.ok(
      simAt(plan, t) <= t,
      `ahead of the wall by ${simAt(plan, t) - t} ms at +${t - t0} ms (${JSON.stringify(plan)})`,
    );
  if (o.lastRecordedAt !== null)
    assert.ok(plan.startAt >= o.lastRecordedAt + restartGapMs, 'after the earlier records');
  return plan;
}

test('an empty database: the scenario is placed in the past and plays at the speed asked for', () => {
  for (const speed of [1, 10, 60, 600, 3600]) {
    const plan = assertNeverAhead({
      realNow: t0,
      lastRecordedAt: null,
      scenarioMs: 2 * hour,
      speed,
      leadInRealMs: 3000,
    });
    assert.equal(plan.speed, speed);
    assert.ok(plan.startAt <= t0 + 3000, 'no later than the lead-in');
  }
});

test('an earlier run long ago changes nothing', () => {
  const plan = assertNeverAhead({
    realNow: t0,
    lastRecordedAt: t0 - 24 * hour,
    scenarioMs: 2 * hour,
    speed: 10,
    leadInRealMs: 3000,
  });
  assert.equal(plan.speed, 10);
});

test('an earlier run just now: the scenario starts after its records, on a slower clock', () => {
  const recent = { realNow: t0, scenarioMs: 2 * hour, speed: 3600, leadInRealMs: 3000 };
  const slower = assertNeverAhead({ ...recent, lastRecordedAt: t0 - 3 * hour });
  assert.ok(slower.speed < 3600 && slower.speed > 100, `${slower.speed}`);
  assert.equal(slower.startAt, t0 - 3 * hour + restartGapMs);
  // Records up to this very moment: only real time fits, after a wait for the gap.
  const realTime = assertNeverAhead({ ...recent, lastRecordedAt: t0 });
  assert.equal(realTime.speed, 1);
  assert.equal(realTime.startAt, t0 + restartGapMs);
});

test('records already in the future (an older demo): after them, at the speed asked for, not hours of waiting', () => {
  const plan = planDemoClock({
    realNow: t0,
    lastRecordedAt: t0 + 2 * hour,
    scenarioMs: 2 * hour,
    speed: 10,
    leadInRealMs: 3000,
  });
  assert.deepEqual(plan, { startAt: t0 + 2 * hour + restartGapMs, speed: 10, leadInMs: 30_000 });
});
