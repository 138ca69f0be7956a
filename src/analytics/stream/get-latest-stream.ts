// The most recent stream, of one channel or of any.

import type { Store } from '../../store/store.ts';
import { type StreamInfo, type StreamRow, streamColumns, streamFrom, toStreamInfo } from './load-stream.ts';

/**
 * The newest stream (by start), optionally of one channel; null when there is none. `finished`: the newest one
 * that has ended — what "last stream" means unless the question is about the live one.
 */
export async function getLatestStream(
  store: Store,
  channelId?: string,
  options: { finished?: boolean } = {},
): Promise<StreamInfo | null> {
  const where = [channelId === undefined ? '' : 's.channel_id = ?', options.finished ? 's.ended_at IS NOT NULL' : '']
    .filter(Boolean)
    .join(' AND ');
  const row = await store.get<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} ${where ? `WHERE ${where}` : ''}
     ORDER BY s.started_at DESC LIMIT 1`,
    channelId === undefined ? [] : [channelId],
  );
  return row ? toStreamInfo(row) : null;
}
