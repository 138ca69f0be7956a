// Fingerprints of finished streams' records: what a rollup of a stream was built from, read cheaply (counts over
// indexes and the per-stream chatter totals, never the stream's chat), so a late record (an import into an old
// stream, a clip listed after the end, a new emote in the channel's sets) changes the fingerprint and the rollup
// is built again.

import type { Store } from '../../store/store.ts';
import type { StreamRow } from '../stream/load-stream.ts';

/** Bumped when what a rollup holds changes shape or meaning: every stored rollup is then built again. */
const rollupVersion = 2;

/** Per-stream chat and event totals (also the figures' own inputs) and the fingerprint of finished streams. */
export interface StreamRecordTotals {
  chat: Map<string, { chatters: number; messages: number }>;
  events: Map<string, { channel: number; chat: number }>;
  /** Finished streams only: a live stream has none (it is never rolled up). */
  fingerprints: Map<string, string>;
}

/**
 * Totals and fingerprints of streams of one channel (bulk: one statement; a report read them in three round trips
 * for its stream and three more for the streams it compares with).
 */
export async function loadStreamRecordTotals(store: Store, rows: readonly StreamRow[]): Promise<StreamRecordTotals> {
  return (await readStreamRecords(store, rows, [])).totals;
}

/** The totals' statement, with `columns` more (over `s`, the stream) in the same round trip. */
async function readStreamRecords<E extends object>(
  store: Store,
  rows: readonly StreamRow[],
  columns: readonly string[],
): Promise<{ totals: StreamRecordTotals; found: ({ id: string } & E)[] }> {
  if (rows.length === 0) return { totals: { chat: new Map(), events: new Map(), fingerprints: new Map() }, found: [] };
  const ids = rows.map((r) => r.id);
  const marks = ids.map(() => '?').join(', ');
  // The range counts are a finished stream's only: a live one's range grows with every poll.
  const finished = (count: string) => `CASE WHEN s.ended_at IS NULL THEN NULL ELSE (${count}) END`;
  const found = await store.all<
    E & {
      id: string;
      chatters: number | null;
      messages: number | null;
      channel: number;
      chat: number;
      snapshots: number | null;
      range_channel: number | null;
      range_chat: number | null;
    }
  >(
    `SELECT s.id, t.chatters, t.messages,${columns.map((c) => `\n       ${c},`).join('')}
       (SELECT COUNT(*) FROM channel_events e WHERE e.stream_id = s.id) AS channel,
       (SELECT COUNT(*) FROM chat_events e WHERE e.stream_id = s.id) AS chat,
       ${finished('SELECT COUNT(*) FROM stream_snapshots ss WHERE ss.stream_id = s.id')} AS snapshots,
       ${finished('SELECT COUNT(*) FROM channel_events e WHERE e.channel_id = s.channel_id AND e.ts >= s.started_at AND e.ts <= s.ended_at')} AS range_channel,
       ${finished('SELECT COUNT(*) FROM chat_events e WHERE e.channel_id = s.channel_id AND e.ts >= s.started_at AND e.ts <= s.ended_at')} AS range_chat
     FROM streams s LEFT JOIN (
       SELECT stream_id, COUNT(*) AS chatters, SUM(messages) AS messages FROM chatter_streams
       WHERE channel_id = ? AND stream_id IN (${marks}) GROUP BY stream_id
     ) t ON t.stream_id = s.id
     WHERE s.id IN (${marks})`,
    [rows[0]!.channel_id, ...ids, ...ids],
  );
  const chat = new Map<string, { chatters: number; messages: number }>();
  const events = new Map<string, { channel: number; chat: number }>();
  const ranges = new Map<string, string>();
  for (const f of found) {
    if (Number(f.chatters) > 0) chat.set(f.id, { chatters: Number(f.chatters), messages: Number(f.messages) });
    if (Number(f.channel) > 0 || Number(f.chat) > 0)
      events.set(f.id, { channel: Number(f.channel), chat: Number(f.chat) });
    if (f.snapshots !== null)
      ranges.set(f.id, `${Number(f.snapshots)}|${Number(f.range_channel)}|${Number(f.range_chat)}`);
  }
  const fingerprints = new Map<string, string>();
  for (const row of rows) {
    const range = ranges.get(row.id);
    if (range === undefined || row.ended_at === null) continue;
    const ch = chat.get(row.id) ?? { chatters: 0, messages: 0 };
    const e = events.get(row.id) ?? { channel: 0, chat: 0 };
    fingerprints.set(
      row.id,
      [
        `v${rollupVersion}`,
        range,
        row.started_at,
        row.ended_at,
        row.last_ts,
        ch.chatters,
        ch.messages,
        e.channel,
        e.chat,
      ].join('|'),
    );
  }
  return { totals: { chat, events, fingerprints }, found };
}

/** Channel and chat events of each stream, counted by stream id. */
export async function loadEventCounts(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, { channel: number; chat: number }>> {
  const marks = ids.map(() => '?').join(', ');
  const rows = await store.all<{ stream_id: string; source: string; n: number }>(
    `SELECT stream_id, 'channel_events' AS source, COUNT(*) AS n FROM channel_events WHERE stream_id IN (${marks}) GROUP BY stream_id
     UNION ALL
     SELECT stream_id, 'chat_events' AS source, COUNT(*) AS n FROM chat_events WHERE stream_id IN (${marks}) GROUP BY stream_id`,
    [...ids, ...ids],
  );
  const counts = new Map<string, { channel: number; chat: number }>();
  for (const r of rows) {
    const c = counts.get(r.stream_id) ?? { channel: 0, chat: 0 };
    if (r.source === 'channel_events') c.channel += Number(r.n);
    else c.chat += Number(r.n);
    counts.set(r.stream_id, c);
  }
  return counts;
}

/**
 * The fingerprint of everything a finished stream's sections (highlights, community, questions, the report)
 * read beyond its figures: the stream's title, category and VOD, its transcript, clips and chat presence, the
 * channel's kept emote sets. Undefined for a live stream.
 */
export async function loadSectionsFingerprint(store: Store, row: StreamRow): Promise<string | undefined> {
  return (await loadStreamFingerprints(store, [row])).sections.get(row.id);
}

/** Reads around a stream reach an hour beyond its span (chat attached late, answers after the end). */
const around = 3_600_000;
const sectionsColumns = [
  `(SELECT COUNT(*) FROM transcript_segments tr WHERE tr.channel_id = s.channel_id AND tr.start_ts >= s.started_at - ${around} AND tr.start_ts <= s.ended_at + ${around}) AS transcript`,
  `(SELECT COUNT(*) FROM clips c WHERE c.channel_id = s.channel_id AND c.created_at >= s.started_at - ${around} AND c.created_at <= s.ended_at + ${around}) AS clips`,
  `(SELECT SUM(c.view_count) FROM clips c WHERE c.channel_id = s.channel_id AND c.created_at >= s.started_at - ${around} AND c.created_at <= s.ended_at + ${around}) AS clip_views`,
  `(SELECT MAX(c.seen_at) FROM clips c WHERE c.channel_id = s.channel_id AND c.created_at >= s.started_at - ${around} AND c.created_at <= s.ended_at + ${around}) AS clip_seen`,
  '(SELECT COUNT(*) FROM chat_presence_samples p WHERE p.stream_id = s.id) AS presence',
  "(SELECT COUNT(*) FROM emotes m WHERE m.channel_id = s.channel_id OR m.channel_id = '') AS emotes",
];

/**
 * Both fingerprints of finished streams of one channel, by stream id, in one statement: their records' (the
 * figures') and their sections'.
 */
export async function loadStreamFingerprints(
  store: Store,
  rows: readonly StreamRow[],
): Promise<{ records: Map<string, string>; sections: Map<string, string> }> {
  const finished = rows.filter((r) => r.ended_at !== null);
  const out = new Map<string, string>();
  const { totals, found } = await readStreamRecords<{
    transcript: number;
    clips: number;
    clip_views: number | null;
    clip_seen: number | null;
    presence: number;
    emotes: number;
  }>(store, finished, sectionsColumns);
  const byId = new Map(found.map((f) => [f.id, f]));
  for (const row of finished) {
    const records = totals.fingerprints.get(row.id);
    if (records === undefined) continue;
    const f = byId.get(row.id);
    out.set(
      row.id,
      [
        records,
        JSON.stringify([row.title, row.game_name, row.vod_id, row.channel_login]),
        f?.transcript,
        f?.clips,
        f?.clip_views,
        f?.clip_seen,
        f?.presence,
        f?.emotes,
      ].join('|'),
    );
  }
  return { records: totals.fingerprints, sections: out };
}
