// Where competition per viewer is lowest: category_snapshots (viewers ÷ live channels) by hour of week for
// the categories the streamer plays.

import type { Store } from '../../store/store.ts';
import { round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { hourOfWeek, slotLabel } from './hour-of-week.ts';

export interface CategoryCompetitionOptions {
  tzOffsetMinutes?: number;
  /** Categories to look at; default: those the channel streamed. */
  gameNames?: string[];
}

/** Viewers per live channel by hour of week for the streamer's categories, best slots first. */
export async function getCategoryCompetition(
  store: Store,
  channelId: string,
  options: CategoryCompetitionOptions = {},
): Promise<CategoryCompetition | NoData> {
  const tz = options.tzOffsetMinutes ?? 0;
  const names =
    options.gameNames ??
    (
      await store.all<{ game_name: string }>(
        'SELECT DISTINCT game_name FROM streams WHERE channel_id = ? AND game_name IS NOT NULL',
        [channelId],
      )
    ).map((r) => r.game_name);
  if (names.length === 0) return { status: 'no-data', reason: 'the channel has no categories recorded' };
  const marks = names.map(() => '?').join(', ');
  const rows = await store.all<{ game_name: string; ts: number; live_channels: number; viewers: number }>(
    `SELECT game_name, ts, live_channels, viewers FROM category_snapshots WHERE game_name IN (${marks})`,
    names,
  );
  if (rows.length === 0)
    return { status: 'no-data', reason: 'no category snapshots for these categories (enable twitch.categoryPolling)' };
  const acc = new Map<string, { game: string; slot: number; channels: number; viewers: number; n: number }>();
  for (const r of rows) {
    const slot = hourOfWeek(Number(r.ts), tz);
    const key = `${r.game_name}\u0000${slot}`;
    const a = acc.get(key) ?? { game: r.game_name, slot, channels: 0, viewers: 0, n: 0 };
    a.channels += Number(r.live_channels);
    a.viewers += Number(r.viewers);
    a.n++;
    acc.set(key, a);
  }
  const cells: CompetitionCell[] = [...acc.values()]
    .filter((a) => a.channels > 0)
    .map((a) => ({
      day: Math.floor(a.slot / 24),
      hour: a.slot % 24,
      label: slotLabel(a.slot),
      gameName: a.game,
      viewersPerChannel: round(a.viewers / a.channels, 1),
      avgLiveChannels: round(a.channels / a.n, 1),
      avgViewers: round(a.viewers / a.n, 0),
      samples: a.n,
    }))
    .sort((x, y) => y.viewersPerChannel - x.viewersPerChannel);
  return {
    channelId,
    tzOffsetMinutes: tz,
    categories: names,
    cells,
    evidence: { source: 'category_snapshots', counts: { snapshots: rows.length } },
  };
}

export interface CompetitionCell {
  day: number;
  hour: number;
  label: string;
  gameName: string;
  /** Mean viewers ÷ live channels in that hour-of-week slot. */
  viewersPerChannel: number;
  avgLiveChannels: number;
  avgViewers: number;
  samples: number;
}

export interface CategoryCompetition {
  channelId: string;
  tzOffsetMinutes: number;
  categories: string[];
  /** Best (most viewers per live channel) first. */
  cells: CompetitionCell[];
  evidence: Evidence;
}
