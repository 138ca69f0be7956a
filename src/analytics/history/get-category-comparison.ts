// Per-category comparison of a channel's streams, by segment: each stretch of a stream spent in a category
// (from the polls' game_name over time) counts for that category, so a stream that fell from 212 viewers in its
// first category to 107 in its second credits each with its own. Best category follows best time's rule: only
// categories streamed in at least two streams are ranked, with the same confidence.

import type { Store } from '../../store/store.ts';
import { round, sampleConfidence } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { answerFromChannelHistory, type HistoryStream } from './load-channel-history.ts';

export interface CategoryComparisonOptions {
  from?: number;
  to?: number;
  /** Categories seen in fewer streams are not ranked as best (default 2, as best time). */
  minStreams?: number;
}

/** Viewer-minutes, average viewers, follows and chat per category segment, summed by category. */
export async function getCategoryComparison(
  store: Store,
  channelId: string,
  options: CategoryComparisonOptions = {},
): Promise<CategoryComparison | NoData> {
  const minStreams = options.minStreams ?? 2;
  const period = { from: options.from, to: options.to };
  return answerFromChannelHistory<CategoryComparison | NoData>(
    store,
    channelId,
    `categories:${minStreams}`,
    period,
    (history) =>
      history.length === 0
        ? { status: 'no-data', reason: 'no streams recorded for this channel in that period' }
        : compareCategories(channelId, history, minStreams),
  );
}

/** The comparison over a loaded history (not empty). */
function compareCategories(
  channelId: string,
  history: readonly HistoryStream[],
  minStreams: number,
): CategoryComparison {
  const ids = history.map((h) => h.row.id);
  // Each stream's segments, with their chat and follows, are kept with its history (load-history-streams.ts).
  const segments = history.flatMap((h) => h.segments.map((s) => ({ ...s, streamId: h.row.id })));
  const groups = new Map<string, { segments: typeof segments; follows: number; messages: number }>();
  for (const s of segments) {
    const g = groups.get(s.gameName) ?? { segments: [], follows: 0, messages: 0 };
    g.segments.push(s);
    g.follows += s.follows;
    g.messages += s.messages;
    groups.set(s.gameName, g);
  }
  const categories: CategoryPerformance[] = [...groups].map(([gameName, g]) => {
    const hours = g.segments.reduce((n, s) => n + (s.toTs - s.fromTs), 0) / 3_600_000;
    const polled = g.segments.filter((s) => s.viewerMinutes !== null);
    const viewerMinutes = polled.reduce((n, s) => n + s.viewerMinutes!, 0);
    const polledMinutes = polled.reduce((n, s) => n + s.polledMinutes, 0);
    const avg = polledMinutes > 0 ? viewerMinutes / polledMinutes : null;
    const streamIds = [...new Set(g.segments.map((s) => s.streamId))];
    return {
      gameName,
      firstStreamedAt: Math.min(...g.segments.map((s) => s.fromTs)),
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
      counts: {
        streams: history.length,
        segments: segments.length,
        snapshots: history.reduce((n, h) => n + h.snapshots, 0),
      },
      note: `by segment: each stretch of a stream in a category (its polls' game_name) counts for that category; best needs ${minStreams}+ streams`,
    },
  };
}

export interface CategoryPerformance {
  gameName: string;
  /** When the channel first streamed it (in the period read): the newest category is the latest. */
  firstStreamedAt: number;
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
