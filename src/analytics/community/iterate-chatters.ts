// Every chatter of a channel, or of one stream, page by page in user-id order (keyset paging on the primary
// key, so a channel with a million chatters is read in bounded slices and exports stream as they are read).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

export interface ChannelChatterRow {
  userId: string;
  userLogin: string;
  displayName: string;
  messages: number;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
}

export interface StreamChatterRow extends ChannelChatterRow {
  /** Messages in this stream. */
  streamMessages: number;
  firstTs: EpochMs;
  lastTs: EpochMs;
  /** New in this stream: first seen in the channel at or after its start (the community rule). */
  firstTimeInChannel: boolean;
}

const defaultPage = 1000;

/** A channel's chatters with their totals, by user id. */
export async function* iterateChannelChatters(
  store: Store,
  channelId: string,
  pageSize = defaultPage,
): AsyncGenerator<ChannelChatterRow[]> {
  let after = '';
  for (;;) {
    const rows = await store.all<{
      user_id: string;
      user_login: string;
      display_name: string;
      messages: number;
      first_seen: number;
      last_seen: number;
    }>(
      `SELECT user_id, user_login, display_name, messages, first_seen, last_seen FROM chatters
       WHERE channel_id = ? AND user_id > ? ORDER BY user_id LIMIT ?`,
      [channelId, after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      userId: r.user_id,
      userLogin: r.user_login,
      displayName: r.display_name,
      messages: Number(r.messages),
      firstSeen: Number(r.first_seen),
      lastSeen: Number(r.last_seen),
    }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.user_id;
  }
}

/** The chatters of one stream (a stream's rows of `chatter_streams`, with the channel-wide totals), by user id. */
export async function* iterateStreamChatters(
  store: Store,
  stream: { id: string; channelId: string; startedAt: EpochMs },
  pageSize = defaultPage,
): AsyncGenerator<StreamChatterRow[]> {
  let after = '';
  for (;;) {
    const rows = await store.all<{
      user_id: string;
      user_login: string;
      display_name: string;
      messages: number;
      first_seen: number;
      last_seen: number;
      stream_messages: number;
      first_ts: number;
      last_ts: number;
    }>(
      `SELECT cs.user_id, c.user_login, c.display_name, c.messages, c.first_seen, c.last_seen,
         cs.messages AS stream_messages, cs.first_ts, cs.last_ts
       FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
       WHERE cs.channel_id = ? AND cs.stream_id = ? AND cs.user_id > ? ORDER BY cs.user_id LIMIT ?`,
      [stream.channelId, stream.id, after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      userId: r.user_id,
      userLogin: r.user_login,
      displayName: r.display_name,
      messages: Number(r.messages),
      firstSeen: Number(r.first_seen),
      lastSeen: Number(r.last_seen),
      streamMessages: Number(r.stream_messages),
      firstTs: Number(r.first_ts),
      lastTs: Number(r.last_ts),
      firstTimeInChannel: Number(r.first_seen) >= stream.startedAt,
    }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.user_id;
  }
}
