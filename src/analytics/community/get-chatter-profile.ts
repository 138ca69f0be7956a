// One chatter of a channel: first seen, streams attended, messages, recent messages.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** A chatter's profile in a channel by login (case-insensitive); null when they never chatted there. */
export async function getChatterProfile(
  store: Store,
  channelId: string,
  login: string,
): Promise<ChatterProfile | null> {
  const chatter = await store.get<{
    user_id: string;
    user_login: string;
    display_name: string;
    first_seen: number;
    last_seen: number;
    messages: number;
  }>(
    `SELECT user_id, user_login, display_name, first_seen, last_seen, messages FROM chatters
     WHERE channel_id = ? AND user_login = ? ORDER BY last_seen DESC LIMIT 1`,
    [channelId, login.toLowerCase().replace(/^@/, '')],
  );
  if (!chatter) return null;
  const [streams, recent] = await Promise.all([
    store.all<{ stream_id: string; started_at: number | null; messages: number }>(
      `SELECT cs.stream_id, s.started_at, cs.messages FROM chatter_streams cs LEFT JOIN streams s ON s.id = cs.stream_id
       WHERE cs.channel_id = ? AND cs.user_id = ? ORDER BY cs.first_ts DESC`,
      [channelId, chatter.user_id],
    ),
    // Bounded to their last active day so the clustered scan stays short.
    store.all<{ ts: number; stream_id: string | null; text: string }>(
      `SELECT ts, stream_id, text FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts <= ? AND user_id = ?
       ORDER BY ts DESC LIMIT 20`,
      [channelId, Number(chatter.last_seen) - 86_400_000, Number(chatter.last_seen), chatter.user_id],
    ),
  ]);
  return {
    channelId,
    userId: chatter.user_id,
    userLogin: chatter.user_login,
    displayName: chatter.display_name,
    firstSeen: Number(chatter.first_seen),
    lastSeen: Number(chatter.last_seen),
    messages: Number(chatter.messages),
    streamsAttended: streams.length,
    streams: streams.map((s) => ({
      streamId: s.stream_id,
      startedAt: s.started_at === null ? null : Number(s.started_at),
      messages: Number(s.messages),
    })),
    recentMessages: recent.map((m) => ({ ts: Number(m.ts), streamId: m.stream_id, text: m.text })),
  };
}

export interface ChatterProfile {
  channelId: string;
  userId: string;
  userLogin: string;
  displayName: string;
  firstSeen: EpochMs;
  lastSeen: EpochMs;
  messages: number;
  streamsAttended: number;
  /** Newest first. */
  streams: { streamId: string; startedAt: EpochMs | null; messages: number }[];
  recentMessages: { ts: EpochMs; streamId: string | null; text: string }[];
}
