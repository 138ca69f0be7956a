// What a channel collected over a period: streams, hours, follows, subs (new, resubs, gifted), bits, raids
// received, chat — summed from each stream's figures, so the one rule for what chat and EventSub both report
// (event-families.ts) holds here too, read from the streams' kept history rollups. Streams count when they started
// inside the period.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import type { Evidence } from '../results.ts';
import { type StreamRow, streamColumns, streamFrom } from '../stream/load-stream.ts';
import type { SummaryFigureKey } from '../summary/stream-figures.ts';
import { loadHistoryStreams } from './load-history-streams.ts';

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
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?
     ORDER BY s.started_at`,
    [channelId, from, to],
  );
  const history = await loadHistoryStreams(store, rows);
  const totals = Object.fromEntries(summed.map((k) => [k, 0])) as Record<PeriodTotalKey, number>;
  for (const h of history) for (const key of summed) totals[key] += Number(h.figures[key].value ?? 0);
  return {
    channelId,
    from,
    to,
    streams: rows.length,
    streamIds: rows.map((r) => r.id),
    totals,
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
  totals: Record<PeriodTotalKey, number>;
  evidence: Evidence;
}
