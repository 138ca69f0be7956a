// What moderation a channel's chat saw over some of its streams, from chat's own notices (IRC CLEARCHAT and
// CLEARMSG, which every recording and raw IRC log has): who was banned, who was timed out (how often, for how
// long), how many single messages were deleted and chat clears; and the moderators who chatted (the moderator
// badge on their messages).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { numberField, parseData } from '../lib/fields.ts';
import { type StreamRow, streamColumns, streamFrom } from '../stream/load-stream.ts';

export interface ModerationAction {
  login: string;
  streamId: string;
  /** From the start of its stream. */
  offsetMs: number;
}

export interface TimedOutChatter {
  login: string;
  timeouts: number;
  /** The longest timeout, in seconds. */
  longestSeconds: number;
  /** The first one, to cite. */
  first: ModerationAction;
}

export interface ModerationSummary {
  /** The streams looked at (those that started in the period). */
  streams: number;
  bans: ModerationAction[];
  /** Most timed-out first. */
  timeouts: TimedOutChatter[];
  totalTimeouts: number;
  deletedMessages: number;
  chatClears: number;
  /** Chatters with the moderator badge on their messages, most messages first. */
  moderators: { login: string; messages: number }[];
}

/** Moderation in the channel's streams that started in [from, to). */
export async function getModeration(
  store: Store,
  channelId: string,
  from: EpochMs,
  to: EpochMs,
): Promise<ModerationSummary> {
  const streams = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?`,
    [channelId, from, to],
  );
  const empty: ModerationSummary = {
    streams: streams.length,
    bans: [],
    timeouts: [],
    totalTimeouts: 0,
    deletedMessages: 0,
    chatClears: 0,
    moderators: [],
  };
  if (streams.length === 0) return empty;
  const startOf = new Map(streams.map((s) => [s.id, Number(s.started_at)]));
  const ids = streams.map((s) => s.id);
  const marks = ids.map(() => '?').join(', ');
  const [events, mods] = await Promise.all([
    store.all<{ stream_id: string; ts: number; type: string; user_login: string | null; data: string }>(
      `SELECT stream_id, ts, type, user_login, data FROM chat_events
       WHERE stream_id IN (${marks}) AND type IN ('ban', 'timeout', 'delete', 'clear') ORDER BY ts`,
      ids,
    ),
    // Badges are stored as "name/version,…": the moderator badge starts the list or follows a comma.
    store.all<{ user_login: string; messages: number }>(
      `SELECT user_login, COUNT(*) AS messages FROM chat_messages
       WHERE channel_id = ? AND stream_id IN (${marks}) AND (badges LIKE 'moderator/%' OR badges LIKE '%,moderator/%')
       GROUP BY user_login ORDER BY COUNT(*) DESC, user_login LIMIT 20`,
      [channelId, ...ids],
    ),
  ]);
  const result = { ...empty, moderators: mods.map((m) => ({ login: m.user_login, messages: Number(m.messages) })) };
  const timeouts = new Map<string, TimedOutChatter>();
  for (const e of events) {
    const at = {
      login: e.user_login ?? '?',
      streamId: e.stream_id,
      offsetMs: Number(e.ts) - startOf.get(e.stream_id)!,
    };
    if (e.type === 'delete') result.deletedMessages++;
    else if (e.type === 'clear') result.chatClears++;
    else if (e.type === 'ban') result.bans.push(at);
    else {
      result.totalTimeouts++;
      const seconds = numberField(parseData(e.data), 'durationSeconds') ?? 0;
      const t = timeouts.get(at.login);
      if (t) {
        t.timeouts++;
        t.longestSeconds = Math.max(t.longestSeconds, seconds);
      } else timeouts.set(at.login, { login: at.login, timeouts: 1, longestSeconds: seconds, first: at });
    }
  }
  result.timeouts = [...timeouts.values()].sort(
    (a, b) => b.timeouts - a.timeouts || b.longestSeconds - a.longestSeconds || a.login.localeCompare(b.login),
  );
  return result;
}
