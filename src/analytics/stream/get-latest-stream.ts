// The most recent stream, of one channel or of any.

import type { Store } from '../../store/store.ts';
import { type StreamInfo, type StreamRow, streamColumns, streamFrom, toStreamInfo } from './load-stream.ts';

/** The newest stream (by start), optionally of one channel; null when there is none. */
export async function getLatestStream(store: Store, channelId?: string): Promise<StreamInfo | null> {
  const row = await store.get<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} ${channelId === undefined ? '' : 'WHERE s.channel_id = ?'}
     ORDER BY s.started_at DESC LIMIT 1`,
    channelId === undefined ? [] : [channelId],
  );
  return row ? toStreamInfo(row) : null;
}
