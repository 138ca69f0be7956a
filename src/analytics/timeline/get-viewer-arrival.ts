// When viewers arrive in a stream: from its viewer snapshots, how far in it reached half and nine tenths of its
// peak, when the peak came, and the viewers at fixed points (5, 15, 30, 60 minutes in). Across streams, the
// medians say how long a stream usually takes to fill.

import type { Store } from '../../store/store.ts';
import { mean, median, round } from '../lib/stats.ts';
import { loadSnapshotsOfStreams, type ViewerPoint } from './load-snapshots.ts';

/** Minutes into a stream at which the viewers are read. */
export const arrivalCheckpointsMinutes = [5, 15, 30, 60] as const;
/** The end of a stream, for how many viewers stayed to it. */
const endMinutes = 30;

export interface StreamArrival {
  streamId: string;
  peakViewers: number;
  /** Where the peak (its first snapshot) came, from the stream's start. */
  peakOffsetMs: number;
  /** The first snapshot at or above half of the peak, and at or above nine tenths of it. */
  halfPeakOffsetMs: number;
  nearPeakOffsetMs: number;
  /** Viewers at each checkpoint (the last snapshot at or before it); null past the stream's end or before any. */
  viewersAt: { minute: number; viewers: number | null }[];
  /** The mean of the snapshots in the stream's last 30 minutes (its last snapshot when none fall there). */
  endViewers: number;
  snapshots: number;
}

export interface ViewerArrival {
  /** The streams with at least three snapshots, in the order asked. */
  streams: StreamArrival[];
  /** Medians over `streams`; null without any. */
  medianHalfPeakMinutes: number | null;
  medianNearPeakMinutes: number | null;
  medianPeakMinutes: number | null;
  /** The median share of a stream's length already gone when its peak came (0–1). */
  medianPeakShare: number | null;
  /** Of the streams, how many had under half their peak at 15 minutes in. */
  slowStarts: number;
}

/** Reads the arrival curve of each stream (those with fewer than three snapshots are left out). */
export async function getViewerArrival(
  store: Store,
  streams: readonly { id: string; startedAt: number; durationMs: number }[],
): Promise<ViewerArrival> {
  const arrivals: StreamArrival[] = [];
  const shares: number[] = [];
  const snapshots = await loadSnapshotsOfStreams(
    store,
    streams.map((s) => s.id),
  );
  for (const s of streams) {
    const a = toStreamArrival(s, snapshots.get(s.id) ?? []);
    if (!a) continue;
    arrivals.push(a);
    if (s.durationMs > 0) shares.push(Math.min(1, a.peakOffsetMs / s.durationMs));
  }
  const minutes = (pick: (a: StreamArrival) => number) => {
    const m = median(arrivals.map(pick));
    return m === null ? null : round(m / 60_000, 1);
  };
  const share = median(shares);
  return {
    streams: arrivals,
    medianHalfPeakMinutes: minutes((a) => a.halfPeakOffsetMs),
    medianNearPeakMinutes: minutes((a) => a.nearPeakOffsetMs),
    medianPeakMinutes: minutes((a) => a.peakOffsetMs),
    medianPeakShare: share === null ? null : round(share, 2),
    slowStarts: arrivals.filter((a) => {
      const at15 = a.viewersAt.find((v) => v.minute === 15)?.viewers;
      return at15 !== null && at15 !== undefined && at15 < a.peakViewers / 2;
    }).length,
  };
}

/** One stream's arrival curve from its snapshots (oldest first); null with fewer than three. */
export function toStreamArrival(
  s: { id: string; startedAt: number; durationMs: number },
  points: readonly ViewerPoint[],
): StreamArrival | null {
  if (points.length < 3) return null;
  let peak = points[0]!;
  for (const p of points) if (p.viewers > peak.viewers) peak = p;
  const offset = (p: ViewerPoint) => Math.max(0, p.ts - s.startedAt);
  const firstAtLeast = (share: number) => points.find((p) => p.viewers >= peak.viewers * share) ?? peak;
  const viewersAt = arrivalCheckpointsMinutes.map((minute) => {
    const at = s.startedAt + minute * 60_000;
    if (minute * 60_000 > s.durationMs) return { minute, viewers: null };
    let last: ViewerPoint | undefined;
    for (const p of points) {
      if (p.ts > at) break;
      last = p;
    }
    return { minute, viewers: last?.viewers ?? null };
  });
  const endFrom = s.startedAt + s.durationMs - endMinutes * 60_000;
  const end = points.filter((p) => p.ts >= endFrom);
  const endViewers = end.length === 0 ? points[points.length - 1]!.viewers : mean(end.map((p) => p.viewers))!;
  return {
    streamId: s.id,
    endViewers: round(endViewers, 1),
    peakViewers: peak.viewers,
    peakOffsetMs: offset(peak),
    halfPeakOffsetMs: offset(firstAtLeast(0.5)),
    nearPeakOffsetMs: offset(firstAtLeast(0.9)),
    viewersAt,
    snapshots: points.length,
  };
}
