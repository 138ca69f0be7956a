// Regulars who stopped coming: chatters who chatted in at least 3 of a channel's earlier streams (the 10 finished
// streams before the last 3) and in none of its last 3, most streams attended first, each with when they last
// chatted. Also how many of those earlier regulars are still chatting, so a loss reads against the whole.

import type { Store } from '../../store/store.ts';
import { listStreams, type StreamListItem } from '../stream/list-streams.ts';

export interface LapsedRegular {
  login: string;
  /** Earlier streams they chatted in, of `earlierStreams`. */
  streams: number;
  messages: number;
  /** The last stream they chatted in, and when. */
  lastStreamId: string;
  lastSeen: number;
}

export interface LapsedRegulars {
  /** The recent streams they were missing from (newest first), and the earlier ones they were regulars of. */
  recentStreams: StreamListItem[];
  earlierStreams: number;
  /** Regulars of the earlier streams (chatted in `minStreams` or more). */
  regulars: number;
  /** Of them, those who chatted in at least one recent stream. */
  stillHere: number;
  lapsed: LapsedRegular[];
  minStreams: number;
}

const recentCount = 3;
const earlierCount = 10;
const minStreams = 3;

/** The channel's lapsed regulars; null when it has too few finished streams (fewer than recent + minStreams). */
export async function getLapsedRegulars(store: Store, channelId: string, limit = 20): Promise<LapsedRegulars | null> {
  const finished = (await listStreams(store, { channelId, limit: recentCount + earlierCount + 1 })).filter(
    (s) => !s.live,
  );
  const recent = finished.slice(0, recentCount);
  const earlier = finished.slice(recentCount, recentCount + earlierCount);
  if (recent.length < recentCount || earlier.length < minStreams) return null;
  const ids = [...recent, ...earlier].map((s) => s.id);
  const rows = await store.all<{ user_id: string; stream_id: string; messages: number; last_ts: number }>(
    `SELECT user_id, stream_id, messages, last_ts FROM chatter_streams
     WHERE channel_id = ? AND stream_id IN (${ids.map(() => '?').join(', ')})`,
    [channelId, ...ids],
  );
  const recentIds = new Set(recent.map((s) => s.id));
  const byUser = new Map<
    string,
    { streams: number; messages: number; lastStreamId: string; lastSeen: number; recent: boolean }
  >();
  for (const r of rows) {
    let u = byUser.get(r.user_id);
    if (!u) {
      u = { streams: 0, messages: 0, lastStreamId: r.stream_id, lastSeen: 0, recent: false };
      byUser.set(r.user_id, u);
    }
    if (recentIds.has(r.stream_id)) {
      u.recent = true;
      continue;
    }
    u.streams++;
    u.messages += Number(r.messages);
    if (Number(r.last_ts) > u.lastSeen) {
      u.lastSeen = Number(r.last_ts);
      u.lastStreamId = r.stream_id;
    }
  }
  // The broadcaster is nobody's regular.
  byUser.delete(channelId);
  const regulars = [...byUser].filter(([, u]) => u.streams >= minStreams);
  const lapsed = regulars
    .filter(([, u]) => !u.recent)
    .sort(([, a], [, b]) => b.streams - a.streams || b.messages - a.messages || b.lastSeen - a.lastSeen)
    .slice(0, limit);
  const logins = new Map<string, string>();
  if (lapsed.length > 0) {
    const found = await store.all<{ user_id: string; user_login: string }>(
      `SELECT user_id, user_login FROM chatters WHERE channel_id = ? AND user_id IN (${lapsed.map(() => '?').join(', ')})`,
      [channelId, ...lapsed.map(([id]) => id)],
    );
    for (const f of found) logins.set(f.user_id, f.user_login);
  }
  return {
    recentStreams: recent,
    earlierStreams: earlier.length,
    regulars: regulars.length,
    stillHere: regulars.filter(([, u]) => u.recent).length,
    lapsed: lapsed.map(([id, u]) => ({
      login: logins.get(id) ?? id,
      streams: u.streams,
      messages: u.messages,
      lastStreamId: u.lastStreamId,
      lastSeen: u.lastSeen,
    })),
    minStreams,
  };
}
