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
