// Viewer snapshots of streams and the time-weighted figures made from them.

import type { Store } from '../../store/store.ts';
import { median } from '../lib/stats.ts';

export interface ViewerPoint {
  ts: number;
  viewers: number;
}

/** Snapshots of one stream, oldest first. */
export async function loadSnapshots(store: Store, streamId: string): Promise<ViewerPoint[]> {
  const rows = await store.all<{ ts: number; viewer_count: number }>(
    'SELECT ts, viewer_count FROM stream_snapshots WHERE stream_id = ? ORDER BY ts',
    [streamId],
  );
  return rows.map((r) => ({ ts: Number(r.ts), viewers: Number(r.viewer_count) }));
}

/** Snapshots of several streams in one statement, oldest first, by stream id (streams without any are absent). */
export async function loadSnapshotsOfStreams(
  store: Store,
  streamIds: readonly string[],
): Promise<Map<string, ViewerPoint[]>> {
  const out = new Map<string, ViewerPoint[]>();
  if (streamIds.length === 0) return out;
  const rows = await store.all<{ stream_id: string; ts: number; viewer_count: number }>(
    `SELECT stream_id, ts, viewer_count FROM stream_snapshots WHERE stream_id IN (${streamIds.map(() => '?').join(', ')})
     ORDER BY stream_id, ts`,
    streamIds,
  );
  for (const r of rows) {
    const point = { ts: Number(r.ts), viewers: Number(r.viewer_count) };
    const list = out.get(r.stream_id);
    if (list) list.push(point);
    else out.set(r.stream_id, [point]);
  }
  return out;
}

export interface ViewerFigures {
  snapshots: number;
  avgViewers: number;
  medianViewers: number;
  peakViewers: number;
  hoursWatched: number;
}

/**
 * Time-weighted viewer figures: each snapshot counts until the next one, but never for longer than
 * `maxHoldMs` (a collector outage must not be filled with a stale count); the last one holds until `endTs`.
 */
export function toViewerFigures(
  points: readonly ViewerPoint[],
  endTs: number,
  maxHoldMs = 600_000,
): ViewerFigures | null {
  if (points.length === 0) return null;
  let weighted = 0;
  let total = 0;
  let peak = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const next = i + 1 < points.length ? points[i + 1]!.ts : Math.max(endTs, p.ts);
    const held = Math.min(next - p.ts, maxHoldMs);
    weighted += p.viewers * held;
    total += held;
    if (p.viewers > peak) peak = p.viewers;
  }
  const values = points.map((p) => p.viewers);
  return {
    snapshots: points.length,
    // One snapshot alone holds for no time: its count is the best estimate there is.
    avgViewers: total > 0 ? weighted / total : values[0]!,
    medianViewers: median(values)!,
    peakViewers: peak,
    hoursWatched: weighted / 3_600_000,
  };
}
