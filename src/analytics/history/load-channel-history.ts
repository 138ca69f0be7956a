// A channel's recent streams with what whole-history questions need of each (kept rollups, see
// load-history-streams.ts).

import type { Store } from '../../store/store.ts';
import { type StreamRow, streamColumns, streamFrom } from '../stream/load-stream.ts';
import { type HistoryStream, loadHistoryStreams } from './load-history-streams.ts';

export type { HistoryStream } from './load-history-streams.ts';

/** Up to `limit` most recent streams of a channel (oldest first) in [from, to). */
export async function loadChannelHistory(
  store: Store,
  channelId: string,
  options: { from?: number; to?: number; limit?: number; useKept?: boolean } = {},
): Promise<HistoryStream[]> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?
     ORDER BY s.started_at DESC LIMIT ?`,
    [channelId, options.from ?? 0, options.to ?? Number.MAX_SAFE_INTEGER, options.limit ?? 200],
  );
  return loadHistoryStreams(store, rows.reverse(), { useKept: options.useKept });
}

/**
 * Builds and keeps the history rollups of a channel's finished streams that have none or a stale one (at a
 * stream's end, after an import), so the next whole-history question reads them instead of building them.
 * Returns how many streams it looked at.
 */
export async function keepHistoryRollups(store: Store, channelId: string): Promise<number> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.ended_at IS NOT NULL ORDER BY s.started_at`,
    [channelId],
  );
  // In slices, so a channel with years of streams never holds them all at once.
  for (let i = 0; i < rows.length; i += 200) await loadHistoryStreams(store, rows.slice(i, i + 200));
  return rows.length;
}
