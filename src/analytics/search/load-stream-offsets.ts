// Offsets of search hits in their streams: one read of the start times of the streams the hits belong to.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** The offset of `ts` from the start of its stream (0 for a moment just before it); null without a stream. */
export type OffsetOf = (streamId: string | null, ts: EpochMs) => number | null;

/** An offset function over the streams named in `streamIds`. */
export async function loadStreamOffsets(store: Store, streamIds: readonly (string | null)[]): Promise<OffsetOf> {
  const ids = [...new Set(streamIds.filter((id): id is string => id !== null))];
  const starts = new Map<string, number>();
  if (ids.length > 0) {
    const rows = await store.all<{ id: string; started_at: number }>(
      `SELECT id, started_at FROM streams WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    for (const r of rows) starts.set(r.id, Number(r.started_at));
  }
  return (streamId, ts) => {
    const start = streamId === null ? undefined : starts.get(streamId);
    return start === undefined ? null : Math.max(0, ts - start);
  };
}
