// At start-up, builds the rollups of finished streams that have none or a stale one (a database from before
// rollups, or records imported by another process), newest first, one stream at a time on the analytics pool so
// requests keep a worker, then each channel's whole-history rollups (as a stream's end keeps them), so the first
// whole-history question or report reads them instead of building them; progress goes to the log.

import { listChannels, listFinishedStreamIds } from '../analytics/index.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { AnalyticsPool } from './offload/analytics-pool.ts';

export interface RollupBackfillOptions {
  store: Store;
  analytics: AnalyticsPool;
  minConfidence: number;
  log: Logger;
  /** How often progress is logged (default 30 s). */
  progressEveryMs?: number;
}

/** Streams checked per question on the pool. */
const streamsPerCheck = 100;

/** Starts the backfill in the background; `stop()` ends it after the stream in progress. */
export function startRollupBackfill(options: RollupBackfillOptions): { stop(): Promise<void> } {
  const { store, analytics, log } = options;
  const abort = new AbortController();
  const run = (async () => {
    const ids = await listFinishedStreamIds(store);
    let built = 0;
    let lastLog = Date.now();
    // Checked in bulk, a slice at a time (a short question each, so requests keep their turn on the pool); only
    // the stale ones are built, one stream at a time.
    for (let from = 0; from < ids.length && !abort.signal.aborted; from += streamsPerCheck) {
      const slice = ids.slice(from, from + streamsPerCheck);
      const stale = await analytics.ask(
        'findStaleStreamRollups',
        [slice, { minConfidence: options.minConfidence }],
        abort.signal,
      );
      for (const id of stale) {
        if (abort.signal.aborted) break;
        built += await analytics.ask(
          'refreshStreamRollups',
          [[id], { minConfidence: options.minConfidence }],
          abort.signal,
        );
      }
      if (built > 0 && Date.now() - lastLog >= (options.progressEveryMs ?? 30_000)) {
        log.info(
          `stream rollups: ${Math.min(from + slice.length, ids.length)}/${ids.length} streams checked, ${built} built`,
        );
        lastLog = Date.now();
      }
    }
    if (built > 0) log.info(`stream rollups: ${built} of ${ids.length} finished streams built`);
    for (const channel of await listChannels(store)) {
      if (abort.signal.aborted) break;
      if (channel.streams > 0) await analytics.ask('keepHistoryRollups', [channel.id], abort.signal);
    }
  })().catch((error: Error) => {
    if (!abort.signal.aborted) log.warn('could not build the stream rollups', { error: error.message });
  });
  return {
    async stop() {
      abort.abort();
      await run;
    },
  };
}
