// Whether any transcript was recorded for a channel (or one of its streams): an empty search then means "not
// said", not "never transcribed".

import type { Store } from '../../store/store.ts';

/** True when the channel (or the stream) has at least one transcript line. */
export async function hasTranscript(store: Store, channelId: string, streamId?: string): Promise<boolean> {
  const row = await store.get<{ one: number }>(
    `SELECT 1 AS one FROM transcript_segments WHERE channel_id = ?${streamId ? ' AND stream_id = ?' : ''} LIMIT 1`,
    streamId ? [channelId, streamId] : [channelId],
  );
  return row !== undefined;
}
