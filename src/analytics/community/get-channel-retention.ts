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
  // Counted in the database, per stream: returning the window's chatter-streams (hundreds per stream) as rows
  // cost more than the counting. New in a stream: their first message in the channel is their first in this
  // stream. A chatter's rows that start after one of theirs ends are all in the window too (they start after its
  // first stream): whether a newcomer came back is whether their latest start in it is after their row ends.
  const counted = await store.all<{ stream_id: string; chatters: number; fresh: number; returned: number }>(
    `SELECT stream_id, COUNT(*) AS chatters,
       SUM(CASE WHEN first_seen = first_ts THEN 1 ELSE 0 END) AS fresh,
       SUM(CASE WHEN first_seen = first_ts AND latest_start > last_ts THEN 1 ELSE 0 END) AS returned
     FROM (SELECT cs.stream_id, cs.first_ts, cs.last_ts, c.first_seen,
             MAX(cs.first_ts) OVER (PARTITION BY cs.user_id) AS latest_start
           FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
           WHERE cs.channel_id = ? AND cs.first_ts >= ?) w
     GROUP BY stream_id`,
    [channelId, Number(streams.at(-1)!.started_at)],
  );
  const byStream = new Map(
    counted.map((r) => [
      r.stream_id,
      { chatters: Number(r.chatters), fresh: Number(r.fresh), returned: Number(r.returned) },
    ]),
  );
  const list = streams.reverse().map((s) => {
    const mine = byStream.get(s.id) ?? { chatters: 0, fresh: 0, returned: 0 };
    return {
      streamId: s.id,
      startedAt: Number(s.started_at),
      chatters: mine.chatters,
      newChatters: mine.fresh,
      returningChatters: mine.chatters - mine.fresh,
      newChattersReturned: mine.returned,
    };
  });
  return {
    channelId,
    streams: list,
    evidence: {
      source: 'chatter_streams+chatters',
      streamIds: list.map((s) => s.streamId),
      counts: { chatterStreams: counted.reduce((n, r) => n + Number(r.chatters), 0) },
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
