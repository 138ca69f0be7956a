// Per-minute chat rollup of a stream (messages, chatters, emotes, bits) with portable SQL over the stream's
// clustered (channel_id, ts) range. Finished streams are cached in memory and persisted in `chat_minutes`;
// both are checked against the stream's message count in chatter_streams, so a late import recomputes
// instead of serving stale minutes.

import type { ChatMinuteTotals, Store } from '../../store/store.ts';
import { findStreamRow, streamEnd } from '../stream/load-stream.ts';

const cache = new WeakMap<Store, Map<string, { key: string; minutes: ChatMinute[] }>>();
const maxCachedStreams = 64;

/** The chat of a stream per minute since its start; null when the stream does not exist. */
export async function getChatMinutes(store: Store, streamId: string): Promise<ChatMinute[] | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  return loadChatMinutes(store, {
    id: row.id,
    channelId: row.channel_id,
    startedAt: Number(row.started_at),
    endTs: streamEnd(row),
    live: row.ended_at === null,
  });
}

/** The rollup for an already-loaded stream (lets the timeline skip a second stream lookup). */
export async function loadChatMinutes(
  store: Store,
  s: { id: string; channelId: string; startedAt: number; endTs: number; live: boolean },
): Promise<ChatMinute[]> {
  let perStore = cache.get(store);
  if (!perStore) {
    perStore = new Map();
    cache.set(store, perStore);
  }
  const count = await store.get<{ n: number | null; c: number }>(
    'SELECT SUM(messages) AS n, COUNT(*) AS c FROM chatter_streams WHERE channel_id = ? AND stream_id = ?',
    [s.channelId, s.id],
  );
  const key = `${s.endTs}:${count?.n ?? 0}:${count?.c ?? 0}`;
  const hit = perStore.get(s.id);
  if (!s.live && hit && hit.key === key) return hit.minutes;
  const total = Number(count?.n ?? 0);
  const stored = s.live ? undefined : await readStoredMinutes(store, s.id);
  if (stored && stored.reduce((n, m) => n + m.messages, 0) === total && (total > 0 || stored.length > 0)) {
    perStore.set(s.id, { key, minutes: stored });
    return stored;
  }
  // The start is cast because drivers may bind numbers as floats, which would turn the division fractional.
  // Ranges are counted as separators + 1 ("id:0-4,6-9/id2:0-3" = 3): no decoding needed in SQL.
  const rows = await store.all<{
    m: number;
    messages: number;
    chatters: number;
    emotes: number | null;
    bits: number | null;
  }>(
    `SELECT m, COUNT(*) AS messages, COUNT(DISTINCT user_id) AS chatters, SUM(e) AS emotes, SUM(bits) AS bits
     FROM (SELECT (ts - CAST(? AS BIGINT)) / 60000 AS m, user_id, bits,
             CASE WHEN emotes IS NULL OR emotes = '' THEN 0
                  ELSE LENGTH(emotes) - LENGTH(REPLACE(REPLACE(emotes, ',', ''), '/', '')) + 1 END AS e
           FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id = ?) t
     GROUP BY m ORDER BY m`,
    [s.startedAt, s.channelId, s.startedAt, s.endTs, s.id],
  );
  const minutes = rows.map((r) => ({
    minute: Number(r.m),
    ts: s.startedAt + Number(r.m) * 60_000,
    messages: Number(r.messages),
    chatters: Number(r.chatters),
    emotes: Number(r.emotes ?? 0),
    bits: Number(r.bits ?? 0),
  }));
  if (!s.live) {
    if (perStore.size >= maxCachedStreams) perStore.delete(perStore.keys().next().value!);
    perStore.set(s.id, { key, minutes });
    await store.replaceChatMinutes({ id: s.id, channelId: s.channelId }, minutes);
  }
  return minutes;
}

/** The persisted rollup of a stream (empty when none was stored yet). */
async function readStoredMinutes(store: Store, streamId: string): Promise<ChatMinute[]> {
  const rows = await store.all<ChatMinute>(
    'SELECT minute, ts, messages, chatters, emotes, bits FROM chat_minutes WHERE stream_id = ? ORDER BY minute',
    [streamId],
  );
  return rows.map((r) => ({
    minute: Number(r.minute),
    ts: Number(r.ts),
    messages: Number(r.messages),
    chatters: Number(r.chatters),
    emotes: Number(r.emotes),
    bits: Number(r.bits),
  }));
}

/** The chat of one minute since the stream start (`minute` is 0-based), as the store keeps its rollup. */
export type ChatMinute = ChatMinuteTotals;
