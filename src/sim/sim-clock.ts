// The simulated clock: starts at the scenario's start time and runs `speed` times faster than the real one.
// Every timestamp the simulator sends comes from here, never from Date.now().

import type { EpochMs } from '../domain.ts';

export interface SimClock {
  now(): EpochMs;
  readonly speed: number;
  /** Real milliseconds until the simulated clock reaches `ts` (0 if it already has). */
  realDelayUntil(ts: EpochMs): number;
  /** Starts a clock created held (a running clock is left as it is). */
  start(): void;
}

/**
 * Creates a clock reading `startAt` now and advancing `speed` simulated ms per real ms; `held`, it reads `startAt`
 * until `start()`.
 */
export function createSimClock(
  startAt: EpochMs,
  speed: number,
  realNow: () => number = () => performance.now(),
  options: { held?: boolean } = {},
): SimClock {
  if (!(speed > 0)) throw new RangeError('speed must be a positive number');
  let realStart: number | null = options.held ? null : realNow();
  const elapsed = () => (realStart === null ? 0 : realNow() - realStart);
  return {
    speed,
    now: () => Math.floor(startAt + elapsed() * speed),
    realDelayUntil(ts) {
      return Math.max(0, (ts - startAt) / speed - elapsed());
    },
    start() {
      realStart ??= realNow();
    },
  };
}
