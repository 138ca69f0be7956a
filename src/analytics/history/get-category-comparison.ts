// Per-category comparison of a channel's streams, by segment: each stretch of a stream spent in a category
// (from the polls' game_name over time) counts for that category, so a stream that fell from 212 viewers in its
// first category to 107 in its second credits each with its own. Best category follows best time's rule: only
// categories streamed in at least two streams are ranked, with the same confidence.

import type { Store } from '../../store/store.ts';
import { round, sampleConfidence } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { loadChannelHistory } from './load-channel-history.ts';

export interface CategoryComparisonOptions {
  from?: number;
  to?: number;
  /** Categories seen in fewer streams are not ranked as best (default 2, as best time). */
  minStreams?: number;
}

/** A poll holds its count until the next one, never longer than this (an outage is not filled). */
const maxHoldMs = 10 * 60_000;

interface Segment {
  streamId: string;
  gameName: string;
  fromTs: number;
  toTs: number;
  /** Σ viewers × minutes over the polls of the segment; null without polls. */
  viewerMinutes: number | null;
  /** Minutes the polls' counts cover (≤ the segment's length). */
  polledMinutes: number;
}

/** Viewer-minutes, average viewers, follows and chat per category segment, summed by category. */
export async function getCategoryComparison(
  store: Store,
  channelId: string,
  options: CategoryComparisonOptions = {},
): Promise<CategoryComparison | NoData> {
  const history = await loadChannelHistory(store, channelId, options);
  if (history.length === 0) return { status: 'no-data', reason: 'no streams recorded for this channel in that period' };
  const ids = history.map((h) => h.row.id);
  const snaps = await store.all<{ stream_id: string; ts: number; viewer_count: number; game_name: string | null }>(
    `SELECT stream_id, ts, viewer_count, game_name FROM stream_snapshots WHERE stream_id IN (${ids.map(() => '?').join(', ')})
     ORDER BY stream_id, ts`,
    ids,
  );
  const byStream = new Map<string, typeof snaps>();
  for (const s of snaps) byStream.set(s.stream_id, [...(byStream.get(s.stream_id) ?? []), s]);
  const segments: Segment[] = [];
  for (const h of history) {
    const start = Number(h.row.started_at);
    const polls = byStream.get(h.row.id) ?? [];
    const fallback = h.row.game_name ?? 'Unknown';
    if (polls.length === 0) {
      segments.push({
        streamId: h.row.id,
        gameName: fallback,
        fromTs: start,
        toTs: h.endTs,
        viewerMinutes: null,
        polledMinutes: 0,
      });
      continue;
    }
    let current: Segment | undefined;
    polls.forEach((p, i) => {
      const ts = Number(p.ts);
      const game = p.game_name || current?.gameName || fallback;
      if (!current || current.gameName !== game) {
        if (current) current.toTs = ts;
        current = {
          streamId: h.row.id,
          gameName: game,
          fromTs: current ? ts : start,
          toTs: h.endTs,
          viewerMinutes: 0,
          polledMinutes: 0,
        };
        segments.push(current);
      }
      const next = i + 1 < polls.length ? Number(polls[i + 1]!.ts) : Math.max(h.endTs, ts);
      const minutes = Math.min(next - ts, maxHoldMs) / 60_000;
      current.viewerMinutes! += Number(p.viewer_count) * minutes;
      current.polledMinutes += minutes;
    });
  }
  // Follows from the streams' events, chat counted per segment.
  const followTs = new Map(
    history.map((h) => [h.row.id, h.figures.events.filter((e) => e.kind === 'follow').map((e) => e.ts)]),
  );
  const chatCounts = await Promise.all(
    segments.map((s) =>
      store.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts < ? AND stream_id = ?',
        [channelId, s.fromTs, s.toTs, s.streamId],
      ),
    ),
  );
  const groups = new Map<string, { segments: Segment[]; follows: number; messages: number }>();
  segments.forEach((s, i) => {
    const g = groups.get(s.gameName) ?? { segments: [], follows: 0, messages: 0 };
    g.segments.push(s);
    g.follows += (followTs.get(s.streamId) ?? []).filter((ts) => ts >= s.fromTs && ts < s.toTs).length;
    g.messages += Number(chatCounts[i]?.n ?? 0);
    groups.set(s.gameName, g);
  });
  const minStreams = options.minStreams ?? 2;
  const categories: CategoryPerformance[] = [...groups].map(([gameName, g]) => {
    const hours = g.segments.reduce((n, s) => n + (s.toTs - s.fromTs), 0) / 3_600_000;
    const polled = g.segments.filter((s) => s.viewerMinutes !== null);
    const viewerMinutes = polled.reduce((n, s) => n + s.viewerMinutes!, 0);
    const polledMinutes = polled.reduce((n, s) => n + s.polledMinutes, 0);
    const avg = polledMinutes > 0 ? viewerMinutes / polledMinutes : null;
    const streamIds = [...new Set(g.segments.map((s) => s.streamId))];
    return {
      gameName,
      streams: streamIds.length,
      segments: g.segments.length,
      hours: round(hours, 1),
      viewerMinutes: polled.length > 0 ? Math.round(viewerMinutes) : null,
      avgViewers: avg === null ? null : round(avg, 1),
      follows: g.follows,
      chatPerViewerHour: avg ? round(g.messages / (avg * (polledMinutes / 60)), 2) : null,
      followsPerHour: hours > 0 ? round(g.follows / hours, 2) : 0,
      streamIds,
      confidence: sampleConfidence(streamIds.length),
    };
  });
  categories.sort((a, b) => (b.avgViewers ?? -1) - (a.avgViewers ?? -1));
  const best = categories.filter((c) => c.streams >= minStreams && c.avgViewers !== null);
  return {
    channelId,
    categories,
    best,
    minStreams,
    evidence: {
      source: 'streams+stream_snapshots+chat_messages+channel_events',
      streamIds: ids,
      counts: { streams: history.length, segments: segments.length, snapshots: snaps.length },
      note: `by segment: each stretch of a stream in a category (its polls' game_name) counts for that category; best needs ${minStreams}+ streams`,
    },
  };
}

export interface CategoryPerformance {
  gameName: string;
  /** Streams with at least one segment in this category. */
  streams: number;
  /** Stretches of streams spent in it. */
  segments: number;
  hours: number;
  /** Σ viewers × minutes over its segments' polls. */
  viewerMinutes: number | null;
  /** viewerMinutes over the minutes polled. */
  avgViewers: number | null;
  follows: number;
  /** Chat messages per viewer per hour. */
  chatPerViewerHour: number | null;
  followsPerHour: number;
  streamIds: string[];
  /** 0–1, from the number of streams behind it (as best time's slots): 1 from five streams on. */
  confidence: number;
}

export interface CategoryComparison {
  channelId: string;
  /** Every category streamed, most average viewers first. */
  categories: CategoryPerformance[];
  /** Those streamed in ≥ `minStreams` streams, most average viewers first: the ones a "best" may name. */
  best: CategoryPerformance[];
  minStreams: number;
  evidence: Evidence;
}
