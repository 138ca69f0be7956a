// The collector's heartbeat in the log: once a minute, what was stored, dropped, and what is pending.

import type { Logger } from '../log.ts';
import type { Ingest } from './ingest.ts';

/** Logs a one-line status every minute: what was stored, dropped, and what is pending. */
export function startStatusLog(ingest: Ingest, log: Logger): { stop(): Promise<void> } {
  let last = ingest.stats();
  const timer = setInterval(() => {
    const now = ingest.stats();
    const delta = (kind: string) => (now.stored[kind] ?? 0) - (last.stored[kind] ?? 0);
    const dropped = Object.values(now.dropped).reduce((a, b) => a + b, 0);
    const waiting = now.writes.failing
      ? `; the database refuses writes: ${now.writes.waiting} records wait${now.writes.journalBytes > 0 ? ' in the journal' : ''}`
      : '';
    log.info(
      `last minute: ${delta('message')} messages, ${delta('event') + delta('channelEvent')} events, ${delta('snapshot')} viewer snapshots stored; ${now.pending} pending, ${dropped} dropped in total${waiting}`,
    );
    last = now;
  }, 60_000);
  timer.unref();
  return { stop: async () => clearInterval(timer) };
}
