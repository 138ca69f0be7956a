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
  const found = await store.all<{
    stream_id: string;
    user_id: string;
    first_ts: number;
    last_ts: number;
    first_seen: number;
  }>(
    `SELECT cs.stream_id, cs.user_id, cs.first_ts, cs.last_ts, c.first_seen
     FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
     WHERE cs.channel_id = ? AND cs.first_ts >= ?`,
    [channelId, Number(streams.at(-1)!.started_at)],
  );
  // A chatter's rows that start after one of theirs ends are all in the window too (they start after its first
  // stream): whether a newcomer came back is whether their latest start in it is after their row ends.
  const latestStart = new Map<string, number>();
  for (const r of found) {
    const start = Number(r.first_ts);
    if (start > (latestStart.get(r.user_id) ?? Number.NEGATIVE_INFINITY)) latestStart.set(r.user_id, start);
  }
  const byStream = new Map<string, { chatters: number; fresh: number; returned: number }>();
  for (const r of found) {
    let s = byStream.get(r.stream_id);
    if (!s) {
      s = { chatters: 0, fresh: 0, returned: 0 };
      byStream.set(r.stream_id, s);
    }
    s.chatters++;
    // New in this stream: their first message in the channel is their first message in this stream.
    if (Number(r.first_seen) !== Number(r.first_ts)) continue;
    s.fresh++;
    if (latestStart.get(r.user_id)! > Number(r.last_ts)) s.returned++;
  }
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
      counts: { chatterStreams: found.length },
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
