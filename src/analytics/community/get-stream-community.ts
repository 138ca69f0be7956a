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
    // "Came back later" counts only later streams (another stream row that started after this one), never a line
    // of the same broadcast after its recorded end.
    `SELECT cs.user_id, c.user_login, cs.first_ts, cs.messages, c.first_seen,
       (SELECT COUNT(*) FROM chatter_streams o JOIN streams os ON os.id = o.stream_id
        WHERE o.channel_id = cs.channel_id AND o.user_id = cs.user_id AND o.stream_id <> cs.stream_id AND os.started_at > ?) AS later,
       (SELECT COUNT(*) FROM chatter_streams o WHERE o.channel_id = cs.channel_id AND o.user_id = cs.user_id AND o.first_ts <= ?) AS attended
     FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
     WHERE cs.channel_id = ? AND cs.stream_id = ?`,
    [s.startedAt, s.endTs, s.channelId, s.id],
  );
  // Twitch's own tags on the stream's chat: `first-msg=1` (a chatter's first message ever in the channel) and
  // `returning-chatter=1`. Stored as 0/1, so a stream has them when any of its lines carries either (chat
  // imported from logs without them does not).
  const tagged = await store.all<{ user_id: string; first_msg: number; returning_chatter: number }>(
    `SELECT user_id, MAX(first_msg) AS first_msg, MAX(returning_chatter) AS returning_chatter FROM chat_messages
     WHERE channel_id = ? AND stream_id = ? AND ts >= ? AND ts <= ? AND (first_msg = 1 OR returning_chatter = 1)
     GROUP BY user_id`,
    // Lines attached to the stream may fall a little outside its recorded span (before the start was learned,
    // after the last poll): the range only keeps the read on the stream's stretch of the channel's chat.
    [s.channelId, s.id, s.startedAt - 3_600_000, s.endTs + 3_600_000],
  );
  const tags = new Map(tagged.map((t) => [t.user_id, t]));
  const source: NewChatterSource = tagged.length > 0 ? 'twitch' : 'history';
  /** New by Twitch's tag where the stream has them, else by the product's history (first seen in this stream). */
  const isNew = (c: { user_id: string; first_seen: number }) => {
    if (c.user_id === s.channelId) return false;
    if (source === 'twitch') {
      const t = tags.get(c.user_id);
      // A first message ever in the channel, sent in this stream, makes the chatter new here, whatever tags their
      // later lines carry.
      return Boolean(t && Number(t.first_msg) === 1);
    }
    return Number(c.first_seen) >= s.startedAt;
  };
  if (chatters.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const newOnes = chatters.filter(isNew);
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
  // The broadcaster is never among their own top chatters.
  const top = chatters
    .filter((c) => c.user_id !== s.channelId)
    .sort((a, b) => Number(b.messages) - Number(a.messages))
    .slice(0, options.topLimit ?? 10);
  return {
    stream: info,
    chatters: chatters.filter((c) => c.user_id !== s.channelId).length,
    newChatters: newOnes.length,
    returningChatters: chatters.filter((c) => c.user_id !== s.channelId).length - newOnes.length,
    newChattersSource: source,
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
      note:
        source === 'twitch'
          ? "new = Twitch's first-msg tag (returning-chatter and every other chatter are returning); a reply = broadcaster/mod replying to or naming them"
          : 'new = first message in the channel was in this stream (no Twitch first-msg/returning-chatter tags on this chat); a reply = broadcaster/mod replying to or naming them',
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

/** Where new vs returning comes from: Twitch's chat tags, or the product's own history of the channel. */
export type NewChatterSource = 'twitch' | 'history';

export interface StreamCommunity {
  stream: StreamInfo;
  /** Who chatted, the broadcaster aside (as in new + returning). */
  chatters: number;
  newChatters: number;
  returningChatters: number;
  /** `twitch`: by the first-msg/returning-chatter tags on the stream's chat; `history`: by first seen here. */
  newChattersSource: NewChatterSource;
  firstTimers: FirstTimeChatter[];
  /** First-timers of this stream who chatted again in a later stream. */
  firstTimersReturned: number;
  unrepliedFirstTimers: string[];
  topChatters: TopChatter[];
  replyWindowMs: number;
  evidence: Evidence;
}
