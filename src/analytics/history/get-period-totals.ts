// What a channel collected over a period: streams, hours, follows, subs (new, resubs, gifted), bits, raids
// received, chat — summed from each stream's figures (with the period's average viewers weighted by time live, its
// highest peak and its distinct chatters), so the one rule for what chat and EventSub both report
// (event-families.ts) holds here too, read from the streams' kept history rollups. Streams count when they started
// inside the period.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import type { Evidence, Metric } from '../results.ts';
import { type StreamRow, streamColumns, streamFrom } from '../stream/load-stream.ts';
import type { SummaryFigureKey } from '../summary/stream-figures.ts';
import { type HistoryStream, loadHistoryStreams } from './load-history-streams.ts';

const summed = [
  'durationMinutes',
  'hoursWatched',
  'follows',
  'subsNew',
  'subsResub',
  'subsGifted',
  'bits',
  'raidsReceived',
  'chatMessages',
] as const satisfies readonly SummaryFigureKey[];

export type PeriodTotalKey = (typeof summed)[number];

/** Totals of the channel's streams that started in [from, to). */
export async function getPeriodTotals(
  store: Store,
  channelId: string,
  from: EpochMs,
  to: EpochMs,
): Promise<PeriodTotals> {
  const history = await loadPeriodStreams(store, channelId, from, to);
  const rows = history.map((h) => h.row);
  const totals = Object.fromEntries(summed.map((k) => [k, 0])) as Record<PeriodTotalKey, number>;
  const known = Object.fromEntries(summed.map((k) => [k, 0])) as Record<PeriodTotalKey, number>;
  for (const h of history)
    for (const key of summed) {
      const value = h.figures[key].value;
      if (value === null) continue;
      totals[key] += Number(value);
      known[key]++;
    }
  const peaks = history.map((h) => h.figures.peakViewers.value).filter((v): v is number => v !== null);
  // Only streams with viewer counts (an imported one has none: unknown, not zero).
  const watched = history.filter((h) => h.figures.hoursWatched.value !== null);
  const watchedMinutes = watched.reduce((n, h) => n + Number(h.figures.durationMinutes.value ?? 0), 0);
  const watchedHours = watched.reduce((n, h) => n + Number(h.figures.hoursWatched.value), 0);
  // One count over the period's streams: a chatter of several streams counts once. Each stream reads its own
  // slice of the (channel, stream, user) key.
  const chatters =
    rows.length === 0
      ? 0
      : Number(
          (
            await store.get<{ n: number }>(
              `SELECT COUNT(DISTINCT user_id) AS n FROM chatter_streams WHERE channel_id = ? AND stream_id IN (${rows
                .map(() => '?')
                .join(', ')})`,
              [channelId, ...rows.map((r) => r.id)],
            )
          )?.n ?? 0,
        );
  return {
    channelId,
    from,
    to,
    streams: rows.length,
    streamIds: rows.map((r) => r.id),
    totals,
    known,
    avgViewers: watchedMinutes > 0 ? (watchedHours * 60) / watchedMinutes : null,
    withViewerCounts: watched.length,
    peakViewers: peaks.length > 0 ? Math.max(...peaks) : null,
    uniqueChatters: chatters,
    evidence: {
      source: 'streams+stream_snapshots+channel_events+chat_events+chatter_streams',
      streamIds: rows.map((r) => r.id),
      counts: { streams: rows.length },
      note: 'sums of each stream’s summary figures; subs count a gift once per recipient',
    },
  };
}

export interface PeriodTotals {
  channelId: string;
  from: EpochMs;
  to: EpochMs;
  streams: number;
  streamIds: string[];
  /** Each figure summed over the streams that recorded it (an imported stream has no follows or viewers). */
  totals: Record<PeriodTotalKey, number>;
  /** How many of its streams recorded each figure: 0 means unknown, not zero. */
  known: Record<PeriodTotalKey, number>;
  /** Hours watched per hour live, over the streams with viewer counts (null when none has them). */
  avgViewers: number | null;
  /** How many of its streams have viewer counts. */
  withViewerCounts: number;
  /** The highest peak of its streams (null without viewer counts). */
  peakViewers: number | null;
  /** Distinct chatters over all its streams. */
  uniqueChatters: number;
  evidence: Evidence;
}

/** The channel's streams that started in [from, to), oldest first, with their summary figures. */
async function loadPeriodStreams(
  store: Store,
  channelId: string,
  from: EpochMs,
  to: EpochMs,
): Promise<HistoryStream[]> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?
     ORDER BY s.started_at`,
    [channelId, from, to],
  );
  return loadHistoryStreams(store, rows);
}

export interface StreamFigures {
  streamId: string;
  figures: Record<SummaryFigureKey, Metric>;
}

/** Each finished stream of the channel that started in [from, to), with its summary figures (to rank streams by any). */
export async function getPeriodStreamFigures(
  store: Store,
  channelId: string,
  from: EpochMs,
  to: EpochMs,
): Promise<StreamFigures[]> {
  const history = await loadPeriodStreams(store, channelId, from, to);
  return history.filter((h) => h.row.ended_at !== null).map((h) => ({ streamId: h.row.id, figures: h.figures }));
}
