// A channel's top chatters over its whole history: by messages sent, or by streams attended (the loyal ones).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import type { NoData } from '../results.ts';

export interface TopChattersOptions {
  /** `messages` (default): most messages first; `streams`: most streams attended first. */
  order?: 'messages' | 'streams';
  /** Chatters returned (default 10, at most 100). */
  limit?: number;
  /** Only the streams that started in [from, to) (either bound alone is open on the other side). */
  from?: EpochMs;
  to?: EpochMs;
}

const orders: Record<NonNullable<TopChattersOptions['order']>, string> = {
  messages: 'c.messages DESC, streams DESC',
  streams: 'streams DESC, c.messages DESC',
};

/** The channel's top chatters; NoData when nobody chatted in it yet. */
export async function getTopChatters(
  store: Store,
  channelId: string,
  options: TopChattersOptions = {},
): Promise<TopChatters | NoData> {
  const order = options.order ?? 'messages';
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 10)), 100);
  if (options.from !== undefined || options.to !== undefined)
    return getPeriodTopChatters(
      store,
      channelId,
      order,
      limit,
      options.from ?? 0,
      options.to ?? Number.MAX_SAFE_INTEGER,
    );
  const rows = await store.all<ChatterRow>(
    order === 'messages'
      ? // Streams are counted only for the chatters who can make the list (the top `limit` by messages, and ties
        // with the last of them), each a range of the chatter_streams_by_user index, not the whole history.
        `SELECT c.user_login, c.display_name, c.messages, c.first_seen, c.last_seen,
           (SELECT COUNT(*) FROM chatter_streams cs WHERE cs.channel_id = c.channel_id AND cs.user_id = c.user_id) AS streams
         FROM chatters c
         WHERE c.channel_id = ? AND c.user_id <> c.channel_id AND c.messages >= COALESCE(
           (SELECT m.messages FROM chatters m WHERE m.channel_id = ? AND m.user_id <> m.channel_id ORDER BY m.messages DESC LIMIT 1 OFFSET ?), 0)
         ORDER BY ${orders[order]}, c.user_login LIMIT ?`
      : `SELECT c.user_login, c.display_name, c.messages, c.first_seen, c.last_seen, COUNT(cs.stream_id) AS streams
         FROM chatters c LEFT JOIN chatter_streams cs ON cs.channel_id = c.channel_id AND cs.user_id = c.user_id
         WHERE c.channel_id = ? AND c.user_id <> c.channel_id GROUP BY c.user_id, c.user_login, c.display_name, c.messages, c.first_seen, c.last_seen
         ORDER BY ${orders[order]}, c.user_login LIMIT ?`,
    order === 'messages' ? [channelId, channelId, limit - 1, limit] : [channelId, limit],
  );
  if (rows.length === 0) return { status: 'no-data', reason: 'no chatters recorded yet' };
  return {
    channelId,
    order,
    chatters: rows.map(toChatter),
  };
}

export interface ChannelChatter {
  userLogin: string;
  displayName: string;
  /** Messages in the channel, all streams together. */
  messages: number;
  /** Streams they chatted in. */
  streams: number;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
}

export interface TopChatters {
  channelId: string;
  order: 'messages' | 'streams';
  chatters: ChannelChatter[];
}

/** Top chatters over the streams that started in [from, to): their messages and streams there, from chatter_streams. */
async function getPeriodTopChatters(
  store: Store,
  channelId: string,
  order: 'messages' | 'streams',
  limit: number,
  from: EpochMs,
  to: EpochMs,
): Promise<TopChatters | NoData> {
  const rows = await store.all<ChatterRow>(
    `SELECT c.user_login, c.display_name, t.messages, t.streams, t.first_seen, t.last_seen
     FROM (SELECT cs.user_id, SUM(cs.messages) AS messages, COUNT(*) AS streams, MIN(cs.first_ts) AS first_seen,
             MAX(cs.last_ts) AS last_seen
           FROM chatter_streams cs JOIN streams s ON s.id = cs.stream_id
           WHERE cs.channel_id = ? AND s.channel_id = ? AND s.started_at >= ? AND s.started_at < ? AND cs.user_id <> ?
           GROUP BY cs.user_id) t
     JOIN chatters c ON c.channel_id = ? AND c.user_id = t.user_id
     ORDER BY ${order === 'messages' ? 't.messages DESC, t.streams DESC' : 't.streams DESC, t.messages DESC'}, c.user_login
     LIMIT ?`,
    [channelId, channelId, from, to, channelId, channelId, limit],
  );
  if (rows.length === 0) return { status: 'no-data', reason: 'no chatters recorded in that time' };
  return {
    channelId,
    order,
    chatters: rows.map(toChatter),
  };
}

interface ChatterRow {
  user_login: string;
  display_name: string;
  messages: number;
  streams: number;
  first_seen: number;
  last_seen: number;
}

function toChatter(r: ChatterRow): ChannelChatter {
  return {
    userLogin: r.user_login,
    displayName: r.display_name,
    messages: Number(r.messages),
    streams: Number(r.streams),
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
  };
}
