// Per-category comparison of a channel's streams (a stream counts for the category it ended in).

import type { Store } from '../../store/store.ts';
import { round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { loadChannelHistory } from './load-channel-history.ts';

export interface CategoryComparisonOptions {
  from?: number;
  to?: number;
}

/** Viewers, chat per viewer, follows per hour, stream count and hours for each category streamed. */
export async function getCategoryComparison(
  store: Store,
  channelId: string,
  options: CategoryComparisonOptions = {},
): Promise<CategoryComparison | NoData> {
  const history = await loadChannelHistory(store, channelId, options);
  if (history.length === 0) return { status: 'no-data', reason: 'no streams recorded for this channel in that period' };
  const groups = new Map<string, typeof history>();
  for (const h of history) {
    const name = h.row.game_name ?? 'Unknown';
    groups.set(name, [...(groups.get(name) ?? []), h]);
  }
  const categories: CategoryPerformance[] = [...groups].map(([gameName, list]) => {
    const hours = list.reduce((n, h) => n + h.hours, 0);
    // Viewer-weighted by hours so a 6-hour stream counts more than a 30-minute one.
    const withViewers = list.filter((h) => h.figures.figures.avgViewers.value !== null);
    const vHours = withViewers.reduce((n, h) => n + h.hours, 0);
    const avg =
      vHours > 0 ? withViewers.reduce((n, h) => n + h.figures.figures.avgViewers.value! * h.hours, 0) / vHours : null;
    const messages = withViewers.reduce((n, h) => n + (h.figures.figures.chatMessages.value ?? 0), 0);
    const follows = list.reduce((n, h) => n + (h.figures.figures.follows.value ?? 0), 0);
    return {
      gameName,
      streams: list.length,
      hours: round(hours, 1),
      avgViewers: avg === null ? null : round(avg, 1),
      chatPerViewerHour: avg ? round(messages / (avg * vHours), 2) : null,
      followsPerHour: hours > 0 ? round(follows / hours, 2) : 0,
      streamIds: list.map((h) => h.row.id),
    };
  });
  categories.sort((a, b) => (b.avgViewers ?? -1) - (a.avgViewers ?? -1));
  return {
    channelId,
    categories,
    evidence: {
      source: 'streams+stream_snapshots+chatter_streams+channel_events',
      streamIds: history.map((h) => h.row.id),
      counts: { streams: history.length },
      note: 'a stream counts for the category it ended in',
    },
  };
}

export interface CategoryPerformance {
  gameName: string;
  streams: number;
  hours: number;
  avgViewers: number | null;
  /** Chat messages per viewer per hour. */
  chatPerViewerHour: number | null;
  followsPerHour: number;
  streamIds: string[];
}

export interface CategoryComparison {
  channelId: string;
  categories: CategoryPerformance[];
  evidence: Evidence;
}
