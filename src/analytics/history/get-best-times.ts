// When to stream: the channel's own history by hour of week, each cell with the streams behind it.

import type { Store } from '../../store/store.ts';
import { round, sampleConfidence } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { hourOfWeek, slotLabel } from './hour-of-week.ts';
import { answerFromChannelHistory, type HistoryStream } from './load-channel-history.ts';
import { quarterMs } from './load-history-streams.ts';

export interface BestTimesOptions {
  /** Minutes east of UTC for the hour-of-week grid (default 0). */
  tzOffsetMinutes?: number;
  /** Cells with fewer streams are not ranked as best (default 2). */
  minStreams?: number;
}

/** Hour-of-week performance (avg viewers, follows/h, chat per viewer) with the streams behind each cell. */
export async function getBestTimes(
  store: Store,
  channelId: string,
  options: BestTimesOptions = {},
): Promise<BestTimes | NoData> {
  const tz = options.tzOffsetMinutes ?? 0;
  const minStreams = options.minStreams ?? 2;
  return answerFromChannelHistory<BestTimes | NoData>(
    store,
    channelId,
    `best-times:${tz}:${minStreams}`,
    {},
    (history) =>
      history.length === 0
        ? { status: 'no-data', reason: 'no streams recorded for this channel' }
        : rankTimes(store, channelId, history, tz, minStreams),
  );
}

/** Best times over a loaded history (not empty). */
async function rankTimes(
  store: Store,
  channelId: string,
  history: readonly HistoryStream[],
  tz: number,
  minStreams: number,
): Promise<BestTimes> {
  const ids = history.map((h) => h.row.id);
  const acc = new Map<
    number,
    { streams: Set<string>; viewerSum: number; samples: number; follows: number; minutes: number; chatRate: number[] }
  >();
  const cell = (slot: number) => {
    let c = acc.get(slot);
    if (!c) {
      c = { streams: new Set(), viewerSum: 0, samples: 0, follows: 0, minutes: 0, chatRate: [] };
      acc.set(slot, c);
    }
    return c;
  };
  // Polls by hour of week: from the kept quarter-hours when the offset is whole quarters (every real zone's is),
  // else from the polls themselves.
  if (tz % 15 === 0)
    for (const h of history)
      for (const [quarter, viewers, polls] of h.viewerQuarters) {
        const c = cell(hourOfWeek(quarter * quarterMs, tz));
        c.viewerSum += viewers;
        c.samples += polls;
      }
  else
    for (const sn of await store.all<{ ts: number; viewer_count: number }>(
      `SELECT ts, viewer_count FROM stream_snapshots WHERE stream_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    )) {
      const c = cell(hourOfWeek(Number(sn.ts), tz));
      c.viewerSum += Number(sn.viewer_count);
      c.samples++;
    }
  for (const h of history) {
    const start = Number(h.row.started_at);
    const f = h.figures;
    const chatPerViewerHour =
      f.chatMessages.value !== null && f.avgViewers.value && h.hours > 0
        ? f.chatMessages.value / (f.avgViewers.value * h.hours)
        : null;
    // Walk the stream minute by minute so a stream spanning 19:30–22:10 counts for each hour it covered.
    for (let t = start; t < h.endTs; t += 60_000) {
      const c = cell(hourOfWeek(t, tz));
      c.streams.add(h.row.id);
      c.minutes++;
    }
    for (const slot of new Set(
      Array.from({ length: Math.ceil((h.endTs - start) / 60_000) }, (_, i) => hourOfWeek(start + i * 60_000, tz)),
    ))
      if (chatPerViewerHour !== null) cell(slot).chatRate.push(chatPerViewerHour);
    for (const ts of h.follows) cell(hourOfWeek(ts, tz)).follows++;
  }
  const cells: HourOfWeekCell[] = [...acc]
    .filter(([, c]) => c.streams.size > 0)
    .map(([slot, c]) => ({
      day: Math.floor(slot / 24),
      hour: slot % 24,
      label: slotLabel(slot),
      streams: c.streams.size,
      hours: round(c.minutes / 60, 1),
      avgViewers: c.samples > 0 ? round(c.viewerSum / c.samples, 1) : null,
      followsPerHour: c.minutes > 0 ? round(c.follows / (c.minutes / 60), 2) : null,
      chatPerViewerHour:
        c.chatRate.length > 0 ? round(c.chatRate.reduce((a, b) => a + b, 0) / c.chatRate.length, 2) : null,
      confidence: sampleConfidence(c.streams.size),
    }))
    .sort((a, b) => a.day * 24 + a.hour - (b.day * 24 + b.hour));
  const best = cells
    .filter((c) => c.streams >= minStreams && c.avgViewers !== null)
    .sort((a, b) => b.avgViewers! - a.avgViewers!);
  return {
    channelId,
    tzOffsetMinutes: tz,
    cells,
    best,
    evidence: {
      source: 'streams+stream_snapshots+channel_events',
      streamIds: ids,
      counts: { streams: ids.length, snapshots: history.reduce((n, h) => n + h.snapshots, 0) },
    },
  };
}

export interface HourOfWeekCell {
  /** 0 = Sunday … 6 = Saturday, in the requested time zone. */
  day: number;
  hour: number;
  /** `Fri 20:00`. */
  label: string;
  streams: number;
  hours: number;
  avgViewers: number | null;
  followsPerHour: number | null;
  chatPerViewerHour: number | null;
  /** 0–1, from the number of streams behind it (1 from five on; as best category). */
  confidence: number;
}

export interface BestTimes {
  channelId: string;
  tzOffsetMinutes: number;
  cells: HourOfWeekCell[];
  /** Cells with ≥ `minStreams` streams, best average viewers first. */
  best: HourOfWeekCell[];
  evidence: Evidence;
}
