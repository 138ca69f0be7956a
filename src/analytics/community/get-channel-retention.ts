// New vs returning chatters per stream across a channel's history, and how many newcomers came back.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import type { Evidence, NoData } from '../results.ts';

/** Per stream (oldest first): chatters, new ones, returning ones, and new ones seen again in a later stream. */
export async function getChannelRetention(
  store: Store,
  channelId: string,
  options: { limit?: number } = {},
): Promise<ChannelRetention | NoData> {
  const streams = await store.all<{ id: string; started_at: number }>(
    'SELECT id, started_at FROM streams WHERE channel_id = ? ORDER BY started_at DESC LIMIT ?',
    [channelId, options.limit ?? 50],
  );
  if (streams.length === 0) return { status: 'no-data', reason: 'no streams recorded for this channel' };
  const rows = await store.all<{
    stream_id: string;
    user_id: string;
    first_ts: number;
    first_seen: number;
    later: number;
  }>(
    `SELECT cs.stream_id, cs.user_id, cs.first_ts, c.first_seen,
       (SELECT COUNT(*) FROM chatter_streams o WHERE o.channel_id = cs.channel_id AND o.user_id = cs.user_id AND o.first_ts > cs.last_ts) AS later
     FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
     WHERE cs.channel_id = ? AND cs.first_ts >= ?`,
    [channelId, Number(streams.at(-1)!.started_at)],
  );
  const list = streams.reverse().map((s) => {
    const mine = rows.filter((r) => r.stream_id === s.id);
    // New in this stream: their first message in the channel is their first message in this stream.
    const fresh = mine.filter((r) => Number(r.first_seen) === Number(r.first_ts));
    return {
      streamId: s.id,
      startedAt: Number(s.started_at),
      chatters: mine.length,
      newChatters: fresh.length,
      returningChatters: mine.length - fresh.length,
      newChattersReturned: fresh.filter((r) => Number(r.later) > 0).length,
    };
  });
  return {
    channelId,
    streams: list,
    evidence: {
      source: 'chatter_streams+chatters',
      streamIds: list.map((s) => s.streamId),
      counts: { chatterStreams: rows.length },
    },
  };
}

export interface ChannelRetention {
  channelId: string;
  /** Per stream, oldest first. */
  streams: {
    streamId: string;
    startedAt: EpochMs;
    chatters: number;
    newChatters: number;
    returningChatters: number;
    newChattersReturned: number;
  }[];
  evidence: Evidence;
}
