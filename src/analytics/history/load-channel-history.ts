// A channel's recent streams with their summary figures, for the questions that compare streams.

import type { Store } from '../../store/store.ts';
import { type StreamRow, streamColumns, streamEnd, streamFrom } from '../stream/load-stream.ts';
import { getStreamFigures, type StreamFigures } from '../summary/stream-figures.ts';

export interface HistoryStream {
  row: StreamRow;
  endTs: number;
  hours: number;
  figures: StreamFigures;
}

/** Up to `limit` most recent streams of a channel (oldest first) in [from, to). */
export async function loadChannelHistory(
  store: Store,
  channelId: string,
  options: { from?: number; to?: number; limit?: number } = {},
): Promise<HistoryStream[]> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?
     ORDER BY s.started_at DESC LIMIT ?`,
    [channelId, options.from ?? 0, options.to ?? Number.MAX_SAFE_INTEGER, options.limit ?? 200],
  );
  const figures = await getStreamFigures(store, rows);
  return rows.reverse().map((row) => {
    const endTs = streamEnd(row);
    return { row, endTs, hours: (endTs - Number(row.started_at)) / 3_600_000, figures: figures.get(row.id)! };
  });
}
