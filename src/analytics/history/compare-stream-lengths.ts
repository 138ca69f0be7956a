// Does streaming longer pay? The channel's recent finished streams with viewer counts, split at their median
// length: the medians of each half (average viewers, follows an hour, hours watched a stream), and how many viewers
// were still there in each stream's last half hour against its peak.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { median } from '../lib/stats.ts';
import { listStreams } from '../stream/list-streams.ts';
import { getViewerArrival, type ViewerArrival } from '../timeline/get-viewer-arrival.ts';
import { getPeriodStreamFigures } from './get-period-totals.ts';

/** Streams whose lengths differ by less than this share of the longest are "the same length". */
const sameLengthShare = 0.15;

export interface LengthHalf {
  streams: number;
  minutes: number;
  avgViewers: number;
  followsPerHour: number;
  hoursWatched: number;
}

export interface StreamLengthComparison {
  streams: number;
  medianMinutes: number | null;
  /** All streams within 15% of the same length: the halves say nothing and are null. */
  sameLength: boolean;
  shorter: LengthHalf | null;
  longer: LengthHalf | null;
  /** The median, over streams, of their last half hour's viewers ÷ their peak (0–1); null without snapshots. */
  endShareOfPeak: number | null;
  /** The compared streams' arrival curves, which the end share is read from. */
  arrival: ViewerArrival;
}

/** Compares the `limit` most recent finished streams with viewer counts that started in [from, to). */
export async function compareStreamLengths(
  store: Store,
  channelId: string,
  from: EpochMs,
  to: EpochMs,
  limit = 30,
): Promise<StreamLengthComparison> {
  const figures = new Map(
    (await getPeriodStreamFigures(store, channelId, from, to)).map((s) => [s.streamId, s.figures]),
  );
  const streams = (await listStreams(store, { channelId, from, to, limit: 1000 }))
    .filter((s) => !s.live && figures.get(s.id)?.avgViewers.value != null)
    .slice(0, limit);
  const arrival = await getViewerArrival(store, streams);
  const endShare = median(arrival.streams.map((a) => a.endViewers / Math.max(a.peakViewers, 1)));
  const minutes = (s: { durationMs: number }) => s.durationMs / 60_000;
  const lengths = streams.map(minutes).sort((a, b) => a - b);
  const mid = median(lengths);
  const half = (list: typeof streams): LengthHalf => ({
    streams: list.length,
    minutes: median(list.map(minutes))!,
    avgViewers: median(list.map((s) => figures.get(s.id)!.avgViewers.value!))!,
    followsPerHour: median(list.map((s) => (figures.get(s.id)!.follows.value ?? 0) / Math.max(minutes(s) / 60, 0.1)))!,
    hoursWatched: median(list.map((s) => figures.get(s.id)!.hoursWatched.value ?? 0))!,
  });
  // Two non-empty halves: at or under the median against over it, else (many streams at the median) under it
  // against at or over it.
  let split: [typeof streams, typeof streams] = [[], []];
  if (mid !== null) {
    split = [streams.filter((s) => minutes(s) <= mid), streams.filter((s) => minutes(s) > mid)];
    if (split[1].length === 0)
      split = [streams.filter((s) => minutes(s) < mid), streams.filter((s) => minutes(s) >= mid)];
  }
  const same =
    split[0].length === 0 ||
    split[1].length === 0 ||
    (lengths[lengths.length - 1]! - lengths[0]!) / Math.max(lengths[lengths.length - 1]!, 1) < sameLengthShare;
  return {
    streams: streams.length,
    medianMinutes: mid,
    sameLength: same,
    shorter: same ? null : half(split[0]),
    longer: same ? null : half(split[1]),
    endShareOfPeak: endShare,
    arrival,
  };
}
