// Where the demo places its scenario on the simulated clock, and how fast that clock runs, so that nothing it
// records is ever later than the real time (the simulated clock runs `speed` times faster than the wall's, so a
// scenario started "now" would record hours into the future) and a run on a database an earlier run filled starts
// after everything recorded (no overlapping streams, no chat added to an ended stream).

export interface DemoClockOptions {
  /** Real now (epoch ms). */
  realNow: number;
  /** The newest record already in the database, or null for an empty one. */
  lastRecordedAt: number | null;
  /** Simulated ms from the scenario's start to the end of its last stream. */
  scenarioMs: number;
  /** Simulated ms per real ms asked for. */
  speed: number;
  /** Real ms the simulator runs before the scenario starts (the collectors connect meanwhile). */
  leadInRealMs: number;
}

export interface DemoClock {
  /** The scenario's start on the simulated clock. */
  startAt: number;
  /** Simulated ms per real ms: `speed`, or less when an earlier run's records leave too little room. */
  speed: number;
  /** Simulated ms the clock runs before the scenario starts (it starts at `startAt − leadInMs`). */
  leadInMs: number;
}

/** Simulated ms between what an earlier run recorded and this run's scenario. */
export const restartGapMs = 5 * 60_000;

/**
 * Real ms the clock must stay behind the wall's when the scenario ends: records are stamped on arrival, a moment
 * after the simulator sent them, and at 3600× a real second is a simulated hour.
 */
export const slackRealMs = 3000;

/**
 * The scenario ends `slackRealMs` of real time before the simulated clock would catch up with the real one, so the
 * clock is behind the wall's throughout (it runs faster, so it is furthest behind at the start). On a database an
 * earlier run filled, the scenario starts no earlier than `restartGapMs` after its newest record; when that leaves
 * too little room, the clock runs slower (at worst real time, after a wait of at most the gap).
 */
export function planDemoClock(o: DemoClockOptions): DemoClock {
  const slack = slackRealMs;
  const ideal = o.realNow + o.leadInRealMs + o.scenarioMs / o.speed + slack - o.scenarioMs - o.speed * slack;
  const earliest = o.lastRecordedAt === null ? Number.NEGATIVE_INFINITY : o.lastRecordedAt + restartGapMs;
  // Records already later than now (left by a demo before this rule): waiting for the wall to pass them could
  // take hours, so the run starts after them at the speed asked for (the caller says why and how to start afresh).
  if (o.lastRecordedAt !== null && o.lastRecordedAt > o.realNow)
    return { startAt: earliest, speed: o.speed, leadInMs: o.leadInRealMs * o.speed };
  if (ideal >= earliest) return { startAt: Math.floor(ideal), speed: o.speed, leadInMs: o.leadInRealMs * o.speed };
  // The fastest speed s whose scenario, started at `earliest`, still ends `slack` behind the wall:
  // earliest + D + s·slack ≤ realNow + leadIn + D/s + slack, i.e. slack·s² − k·s − D ≤ 0.
  const k = o.realNow + o.leadInRealMs + slack - earliest - o.scenarioMs;
  const fastest = (k + Math.sqrt(k * k + 4 * slack * o.scenarioMs)) / (2 * slack);
  if (fastest >= 1) {
    const speed = Math.min(o.speed, fastest);
    return { startAt: earliest, speed, leadInMs: o.leadInRealMs * speed };
  }
  // Not even real time fits: the clock reads the real time and the scenario starts once it reaches `earliest`.
  const startAt = Math.max(earliest, o.realNow + o.leadInRealMs);
  return { startAt, speed: 1, leadInMs: startAt - o.realNow };
}
