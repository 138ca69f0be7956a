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
  const rows = withLaterStreams(found);
  const byStream = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byStream.get(r.stream_id) ?? [];
    list.push(r);
    byStream.set(r.stream_id, list);
  }
  const list = streams.reverse().map((s) => {
    const mine = byStream.get(s.id) ?? [];
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

/**
 * Each row with `later`: the chatter's rows that start after it ends. Those start after the window's first stream
 * too, so they are all among `rows`: counted here per chatter (sorted starts, a binary search each) instead of a
 * lookup per row in the database.
 */
function withLaterStreams<R extends { user_id: string; first_ts: number; last_ts: number }>(
  rows: readonly R[],
): (R & { later: number })[] {
  const startsByUser = new Map<string, number[]>();
  for (const r of rows) {
    const starts = startsByUser.get(r.user_id) ?? [];
    starts.push(Number(r.first_ts));
    startsByUser.set(r.user_id, starts);
  }
  for (const starts of startsByUser.values()) starts.sort((a, b) => a - b);
  return rows.map((r) => {
    const starts = startsByUser.get(r.user_id)!;
    const end = Number(r.last_ts);
    // The first start after `end`.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! > end) hi = mid;
      else lo = mid + 1;
    }
    return { ...r, later: starts.length - lo };
  });
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
