// The one way tests wait for something to happen: poll a check until it holds, and fail at a deadline with a message
// saying what was awaited, so a stuck test ends with a reason instead of hanging the run.

import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** What is awaited, for the failure message: "the stream to be closed". */
  what: string;
  /** Fails after this many ms (a guard against hangs, not a performance bound: keep it generous). */
  timeoutMs?: number;
  /** Poll interval. */
  everyMs?: number;
  /** Extra state for the failure message, read once at the deadline. */
  detail?: () => unknown;
}

/** A waitFor default long enough for a loaded CI machine; callers waiting on slow work pass their own. */
export const defaultWaitMs = 10_000;

/**
 * Polls `check` until it returns something other than `undefined` or `false`, and resolves with that value.
 * Rejects with "timed out after N ms waiting for <what>" at the deadline, or with the error `check` throws.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<Exclude<T, undefined | false>> {
  const timeoutMs = options.timeoutMs ?? defaultWaitMs;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() >= deadline) {
      const detail = options.detail ? `: ${JSON.stringify(options.detail())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}${detail}`);
    }
    await sleep(options.everyMs ?? 10);
  }
}
