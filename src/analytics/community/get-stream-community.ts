// A stream's community: new vs returning chatters, first-timers (did they come back, did anyone reply), top chatters.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { addresses, isStaff, loadStreamChat } from '../chat/load-chat.ts';
import type { Evidence, NoData } from '../results.ts';
import { getStreamRollupPart } from '../rollup/get-stream-rollup.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';

export interface StreamCommunityOptions {
  /** How soon a reply to a first-timer must come (default 5 min). */
  replyWindowMs?: number;
  topLimit?: number;
}

/**
 * Community figures of a stream; null when the stream does not exist. A finished stream's are read from its
 * rollup (what its own chat says, kept once) with the figures that depend on other streams read now.
 */
export async function getStreamCommunity(
  store: Store,
  streamId: string,
  options: StreamCommunityOptions = {},
): Promise<StreamCommunity | NoData | null> {
  const isDefault = options.replyWindowMs === undefined && options.topLimit === undefined;
  const base =
    (isDefault ? await getStreamRollupPart(store, streamId, 'community') : null) ??
    (await computeStreamCommunityBase(store, streamId, options));
  if (base === null || !('newCandidates' in base)) return base;
  return completeStreamCommunity(store, base);
}

/**
 * What a stream's own records say of its community (who chatted, who was new by the stream's tags or by what was
 * recorded until then, who got a reply, the top chatters' messages); null when the stream does not exist.
 */
export async function computeStreamCommunityBase(
  store: Store,
  streamId: string,
  options: StreamCommunityOptions = {},
): Promise<StreamCommunityBase | NoData | null> {
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
  }>(
    `SELECT cs.user_id, c.user_login, cs.first_ts, cs.messages, c.first_seen
     FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
     WHERE cs.channel_id = ? AND cs.stream_id = ?`,
    [s.channelId, s.id],
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
  // The broadcaster is never among their own top chatters.
  const others = chatters.filter((c) => c.user_id !== s.channelId);
  const top = others.sort((a, b) => Number(b.messages) - Number(a.messages)).slice(0, options.topLimit ?? 10);
  return {
    stream: info,
    chatters: others.length,
    newChattersSource: source,
    newCandidates: newOnes
      .map((c) => {
        const firstTs = Number(c.first_ts);
        const gotReply = staffLines.some(
          (l) => l.ts > firstTs && l.ts <= firstTs + replyWindowMs && addresses(l, c.user_login),
        );
        return { userId: c.user_id, userLogin: c.user_login, firstTs, messages: Number(c.messages), gotReply };
      })
      .sort((a, b) => a.firstTs - b.firstTs),
    top: top.map((c) => ({ userId: c.user_id, userLogin: c.user_login, messages: Number(c.messages) })),
    replyWindowMs,
    counts: { chatters: chatters.length, staffMessages: staffLines.length },
  };
}

/** Chatters per IN list (well under both backends' parameter limits). */
const usersPerQuery = 500;

/**
 * The community figures from a stream's own part and what other streams say now: who of its new chatters is
 * still new (an import of earlier chat can only make fewer), how many later streams each came back to, how many
 * streams each top chatter had attended.
 */
export async function completeStreamCommunity(store: Store, base: StreamCommunityBase): Promise<StreamCommunity> {
  const s = base.stream;
  const perUser = async (userIds: readonly string[], sql: (marks: string) => string, params: readonly unknown[]) => {
    const out = new Map<string, number>();
    for (let i = 0; i < userIds.length; i += usersPerQuery) {
      const chunk = userIds.slice(i, i + usersPerQuery);
      const rows = await store.all<{ user_id: string; n: number }>(sql(chunk.map(() => '?').join(', ')), [
        ...params,
        ...chunk,
      ]);
      for (const r of rows) out.set(r.user_id, Number(r.n));
    }
    return out;
  };
  const history = base.newChattersSource === 'history' && base.newCandidates.length > 0;
  // The three reads are independent (later streams are counted for every candidate, kept for those still new), so
  // they run side by side rather than one after another.
  const [firstSeen, later, attended] = await Promise.all([
    history
      ? perUser(
          base.newCandidates.map((c) => c.userId),
          (marks) => `SELECT user_id, first_seen AS n FROM chatters WHERE channel_id = ? AND user_id IN (${marks})`,
          [s.channelId],
        )
      : undefined,
    // "Came back later" counts only later streams (another stream row that started after this one), never a line
    // of the same broadcast after its recorded end.
    perUser(
      base.newCandidates.map((c) => c.userId),
      (marks) => `SELECT o.user_id, COUNT(*) AS n FROM chatter_streams o JOIN streams os ON os.id = o.stream_id
       WHERE o.channel_id = ? AND o.stream_id <> ? AND os.started_at > ? AND o.user_id IN (${marks}) GROUP BY o.user_id`,
      [s.channelId, s.id, s.startedAt],
    ),
    perUser(
      base.top.map((c) => c.userId),
      (marks) => `SELECT user_id, COUNT(*) AS n FROM chatter_streams
       WHERE channel_id = ? AND first_ts <= ? AND user_id IN (${marks}) GROUP BY user_id`,
      [s.channelId, s.startedAt + s.durationMs],
    ),
  ]);
  const candidates = firstSeen
    ? base.newCandidates.filter((c) => (firstSeen.get(c.userId) ?? c.firstTs) >= s.startedAt)
    : base.newCandidates;
  const firstTimers: FirstTimeChatter[] = candidates.map((c) => ({
    userLogin: c.userLogin,
    firstTs: c.firstTs,
    offsetMs: c.firstTs - s.startedAt,
    messages: c.messages,
    laterStreams: later.get(c.userId) ?? 0,
    gotReply: c.gotReply,
  }));
  return {
    stream: s,
    chatters: base.chatters,
    newChatters: firstTimers.length,
    returningChatters: base.chatters - firstTimers.length,
    newChattersSource: base.newChattersSource,
    firstTimers,
    firstTimersReturned: firstTimers.filter((f) => f.laterStreams > 0).length,
    unrepliedFirstTimers: firstTimers.filter((f) => !f.gotReply).map((f) => f.userLogin),
    topChatters: base.top.map((c) => ({
      userLogin: c.userLogin,
      messages: c.messages,
      streamsAttended: attended.get(c.userId) ?? 0,
    })),
    replyWindowMs: base.replyWindowMs,
    evidence: {
      source: 'chatter_streams+chatters+chat_messages',
      streamIds: [s.id],
      counts: base.counts,
      note:
        base.newChattersSource === 'twitch'
          ? "new = Twitch's first-msg tag (returning-chatter and every other chatter are returning); a reply = broadcaster/mod replying to or naming them"
          : 'new = first message in the channel was in this stream (no Twitch first-msg/returning-chatter tags on this chat); a reply = broadcaster/mod replying to or naming them',
    },
  };
}

/** A stream's community as its own records tell it (kept in its rollup); the rest is read at each question. */
export interface StreamCommunityBase {
  stream: StreamInfo;
  /** Who chatted, the broadcaster aside. */
  chatters: number;
  newChattersSource: NewChatterSource;
  /** New when built, first seen first: by history, each is checked again when read. */
  newCandidates: { userId: string; userLogin: string; firstTs: EpochMs; messages: number; gotReply: boolean }[];
  top: { userId: string; userLogin: string; messages: number }[];
  replyWindowMs: number;
  counts: { chatters: number; staffMessages: number };
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
