// A stream's community: new vs returning chatters, first-timers (did they come back, did anyone reply), top chatters.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { addresses, isStaff, loadStreamChat } from '../chat/load-chat.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';

export interface StreamCommunityOptions {
  /** How soon a reply to a first-timer must come (default 5 min). */
  replyWindowMs?: number;
  topLimit?: number;
}

/** Community figures of a stream; null when the stream does not exist. */
export async function getStreamCommunity(
  store: Store,
  streamId: string,
  options: StreamCommunityOptions = {},
): Promise<StreamCommunity | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const s = { id: info.id, channelId: info.channelId, startedAt: info.startedAt, endTs: streamEnd(row) };
  const replyWindowMs = options.replyWindowMs ?? 5 * 60_000;
  const chatters = await store.all<{
    user_id: string;
    user_login: string;
    first_ts: number;
    messages: number;
    first_seen: number;
    later: number;
    attended: number;
  }>(
    `SELECT cs.user_id, c.user_login, cs.first_ts, cs.messages, c.first_seen,
       (SELECT COUNT(*) FROM chatter_streams o WHERE o.channel_id = cs.channel_id AND o.user_id = cs.user_id AND o.first_ts > ?) AS later,
       (SELECT COUNT(*) FROM chatter_streams o WHERE o.channel_id = cs.channel_id AND o.user_id = cs.user_id AND o.first_ts <= ?) AS attended
     FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
     WHERE cs.channel_id = ? AND cs.stream_id = ?`,
    [s.endTs, s.endTs, s.channelId, s.id],
  );
  if (chatters.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const newOnes = chatters.filter((c) => Number(c.first_seen) >= s.startedAt && c.user_id !== s.channelId);
  const staffLines = (await loadStreamChat(store, s)).filter((l) => isStaff(l, s.channelId));
  const firstTimers: FirstTimeChatter[] = newOnes
    .map((c) => {
      const firstTs = Number(c.first_ts);
      const gotReply = staffLines.some(
        (l) => l.ts > firstTs && l.ts <= firstTs + replyWindowMs && addresses(l, c.user_login),
      );
      return {
        userLogin: c.user_login,
        firstTs,
        offsetMs: firstTs - s.startedAt,
        messages: Number(c.messages),
        laterStreams: Number(c.later),
        gotReply,
      };
    })
    .sort((a, b) => a.firstTs - b.firstTs);
  // The broadcaster talks to chat all stream: top chatters are the audience.
  const top = chatters
    .filter((c) => c.user_id !== s.channelId)
    .sort((a, b) => Number(b.messages) - Number(a.messages))
    .slice(0, options.topLimit ?? 10);
  return {
    stream: info,
    chatters: chatters.length,
    newChatters: newOnes.length,
    returningChatters: chatters.length - newOnes.length,
    firstTimers,
    firstTimersReturned: firstTimers.filter((f) => f.laterStreams > 0).length,
    unrepliedFirstTimers: firstTimers.filter((f) => !f.gotReply).map((f) => f.userLogin),
    topChatters: top.map((c) => ({
      userLogin: c.user_login,
      messages: Number(c.messages),
      streamsAttended: Number(c.attended),
    })),
    replyWindowMs,
    evidence: {
      source: 'chatter_streams+chatters+chat_messages',
      streamIds: [s.id],
      counts: { chatters: chatters.length, staffMessages: staffLines.length },
      note: 'new = first message in the channel was in this stream; a reply = broadcaster/mod replying to or naming them',
    },
  };
}

export interface FirstTimeChatter {
  userLogin: string;
  firstTs: EpochMs;
  offsetMs: number;
  messages: number;
  /** Streams of this channel after this one where they chatted again. */
  laterStreams: number;
  /** A broadcaster/mod replied to or mentioned them within `replyWindowMs`. */
  gotReply: boolean;
}

export interface TopChatter {
  userLogin: string;
  messages: number;
  /** Streams of the channel they have chatted in so far. */
  streamsAttended: number;
}

export interface StreamCommunity {
  stream: StreamInfo;
  chatters: number;
  newChatters: number;
  returningChatters: number;
  firstTimers: FirstTimeChatter[];
  /** First-timers of this stream who chatted again in a later stream. */
  firstTimersReturned: number;
  unrepliedFirstTimers: string[];
  topChatters: TopChatter[];
  replyWindowMs: number;
  evidence: Evidence;
}
