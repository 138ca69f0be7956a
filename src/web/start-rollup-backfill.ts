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

/** Starts the backfill in the background; `stop()` ends it after the stream in progress. */
export function startRollupBackfill(options: RollupBackfillOptions): { stop(): Promise<void> } {
  const { store, analytics, log } = options;
  const abort = new AbortController();
  const run = (async () => {
    const ids = await listFinishedStreamIds(store);
    let built = 0;
    let lastLog = Date.now();
    for (let i = 0; i < ids.length && !abort.signal.aborted; i++) {
      built += await analytics.ask(
        'refreshStreamRollups',
        [[ids[i]!], { minConfidence: options.minConfidence }],
        abort.signal,
      );
      if (built > 0 && Date.now() - lastLog >= (options.progressEveryMs ?? 30_000)) {
        log.info(`stream rollups: ${i + 1}/${ids.length} streams checked, ${built} built`);
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
