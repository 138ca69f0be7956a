// The SQLite write path: one transaction per batch, prepared statements, inserts that ignore records already
// stored (natural ids), and the aggregates and full-text entries that follow from the new messages only. Every
// write of a database file goes through here, on the writer thread (writer-thread.ts) or, for `:memory:`, in
// the caller's thread.

import type Database from 'better-sqlite3';
import type { EpochMs } from '../../domain.ts';
import { type ChatMessageValues, toChatMessageValues, toEventValues, toSegmentValues } from '../rows.ts';
import type { WriteBatch, WriteResult } from '../store.ts';
import { ftsKeySql } from './fts-key.ts';

/** A write batch as the writer takes it: chat messages as column values, the rest as records. */
export type EncodedBatch = Omit<WriteBatch, 'chatMessages'> & { chatMessages?: ChatMessageValues[] };

export function encodeBatch(batch: WriteBatch): EncodedBatch {
  if (!batch.chatMessages) return batch as EncodedBatch;
  return { ...batch, chatMessages: batch.chatMessages.map(toChatMessageValues) };
}

export interface Writer {
  write(batch: EncodedBatch): WriteResult;
  endStream(streamId: string, endedAt: EpochMs): void;
  /**
   * Builds the full-text entries that writes left pending and returns how many messages it indexed: all of them,
   * or with `maxMessages`, whole ranges until about that many (a slice that keeps the writer responsive).
   */
  catchUpSearchIndex(options?: { onProgress?: (done: number, total: number) => void; maxMessages?: number }): number;
  /** Whether entries are pending. */
  hasPendingSearchIndex(): boolean;
}

/**
 * How far back a CLEARMSG looks for the message it deletes: moderators mostly delete within seconds, so the short
 * windows (small slices of the clustered key: a busy chat has thousands of messages in ten minutes) are tried
 * first and the day-long one only when they find nothing.
 */
const deleteLookbackMs = [30 * 1000, 10 * 60 * 1000, 24 * 60 * 60 * 1000];

/** Prepares every statement once for a connection. */
export function prepareWriter(db: Database.Database): Writer {
  const s = {
    channel: db.prepare(
      `INSERT INTO channels (id, login, display_name, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET login = excluded.login, display_name = excluded.display_name, updated_at = excluded.updated_at`,
    ),
    stream: db.prepare(
      `INSERT INTO streams (id, channel_id, started_at, ended_at, title, game_id, game_name, language, tags, vod_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, game_id = excluded.game_id, game_name = excluded.game_name,
         language = excluded.language, tags = excluded.tags, vod_id = COALESCE(excluded.vod_id, streams.vod_id),
         started_at = MIN(streams.started_at, excluded.started_at),
         ended_at = COALESCE(streams.ended_at, excluded.ended_at), updated_at = excluded.updated_at`,
    ),
    snapshot: db.prepare(
      `INSERT OR IGNORE INTO stream_snapshots (stream_id, ts, channel_id, viewer_count, title, game_id, game_name)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    streamViewers: db.prepare(
      `UPDATE streams SET peak_viewers = (SELECT MAX(viewer_count) FROM stream_snapshots WHERE stream_id = @id),
         avg_viewers = (SELECT AVG(viewer_count) FROM stream_snapshots WHERE stream_id = @id) WHERE id = @id`,
    ),
    message: db.prepare(
      `INSERT OR IGNORE INTO chat_messages (channel_id, ts, id, stream_id, user_id, user_login, display_name, text, is_action,
         bits, emotes, badges, first_msg, returning_chatter, reply_parent_id, reply_parent_user_login, source_channel_id, color, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    pendingFts: db.prepare('INSERT INTO search_index_pending (from_ts, to_ts, messages) VALUES (?, ?, ?)'),
    chatter: db.prepare(
      `INSERT INTO chatters (channel_id, user_id, user_login, display_name, first_seen, last_seen, messages) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET user_login = excluded.user_login, display_name = excluded.display_name,
         first_seen = MIN(chatters.first_seen, excluded.first_seen), last_seen = MAX(chatters.last_seen, excluded.last_seen),
         messages = chatters.messages + excluded.messages`,
    ),
    chatterStream: db.prepare(
      `INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, stream_id, user_id) DO UPDATE SET first_ts = MIN(chatter_streams.first_ts, excluded.first_ts),
         last_ts = MAX(chatter_streams.last_ts, excluded.last_ts), messages = chatter_streams.messages + excluded.messages`,
    ),
    chatEvent: db.prepare(
      `INSERT OR IGNORE INTO chat_events (id, channel_id, stream_id, ts, type, user_id, user_login, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markDeleted: db.prepare(
      `UPDATE chat_messages SET deleted_at = ? WHERE channel_id = ? AND ts >= ? AND ts <= ? AND id = ? AND deleted_at IS NULL`,
    ),
    channelEvent: db.prepare(
      `INSERT OR IGNORE INTO channel_events (id, channel_id, stream_id, ts, type, user_id, user_login, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    segment: db.prepare(
      `INSERT OR IGNORE INTO transcript_segments (id, channel_id, stream_id, start_ts, end_ts, text, confidence, engine) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    gap: db.prepare(
      `INSERT OR IGNORE INTO transcript_gaps (channel_id, start_ts, stream_id, end_ts, reason) VALUES (?, ?, ?, ?, ?)`,
    ),
    category: db.prepare(
      `INSERT OR IGNORE INTO category_snapshots (game_id, ts, game_name, live_channels, viewers) VALUES (?, ?, ?, ?, ?)`,
    ),
  };

  const run = db.transaction((batch: EncodedBatch): WriteResult => {
    const now = Date.now();
    const result: WriteResult = {
      chatMessages: 0,
      chatEvents: 0,
      channelEvents: 0,
      snapshots: 0,
      transcriptSegments: 0,
    };
    for (const c of batch.channels ?? []) s.channel.run(c.id, c.login, c.displayName, now);
    for (const st of batch.streams ?? []) {
      s.stream.run(
        st.id,
        st.channelId,
        st.startedAt,
        st.endedAt,
        st.title,
        st.gameId,
        st.gameName,
        st.language,
        JSON.stringify(st.tags),
        st.vodId,
        now,
      );
    }
    if (batch.snapshots?.length) {
      const touched = new Set<string>();
      for (const x of batch.snapshots) {
        result.snapshots += s.snapshot.run(
          x.streamId,
          x.ts,
          x.channelId,
          x.viewerCount,
          x.title,
          x.gameId,
          x.gameName,
        ).changes;
        touched.add(x.streamId);
      }
      for (const id of touched) s.streamViewers.run({ id });
    }
    if (batch.chatMessages?.length) {
      const fresh: ChatMessageValues[] = [];
      for (const m of batch.chatMessages) {
        if (s.message.run(...m).changes) fresh.push(m);
      }
      result.chatMessages = fresh.length;
      if (fresh.length) {
        markSearchEntriesPending(fresh);
        writeChatterAggregates(fresh);
      }
    }
    for (const e of batch.chatEvents ?? []) {
      const changes = s.chatEvent.run(...toEventValues(e)).changes;
      result.chatEvents += changes;
      const target = e.data.targetMessageId;
      // A replayed delete (already stored) has nothing left to mark.
      if (changes > 0 && e.type === 'delete' && typeof target === 'string') {
        for (const lookback of deleteLookbackMs) {
          if (s.markDeleted.run(e.ts, e.channelId, e.ts - lookback, e.ts, target).changes > 0) break;
        }
      }
    }
    for (const e of batch.channelEvents ?? []) {
      result.channelEvents += s.channelEvent.run(...toEventValues(e)).changes;
    }
    for (const t of batch.transcriptSegments ?? []) {
      result.transcriptSegments += s.segment.run(...toSegmentValues(t)).changes;
    }
    for (const g of batch.transcriptGaps ?? []) s.gap.run(g.channelId, g.startTs, g.streamId, g.endTs, g.reason);
    for (const c of batch.categorySnapshots ?? [])
      s.category.run(c.gameId, c.ts, c.gameName, c.liveChannels, c.viewers);
    return result;
  });

  // Full-text entries are built from the stored rows later, in slices (catchUpSearchIndex): per-batch inserts into
  // the index cost three times as much, most of it in the small segments every transaction adds.
  function markSearchEntriesPending(fresh: ChatMessageValues[]): void {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const m of fresh) {
      if (m[1] < lo) lo = m[1];
      if (m[1] > hi) hi = m[1];
    }
    s.pendingFts.run(lo, hi, fresh.length);
  }

  function writeChatterAggregates(fresh: ChatMessageValues[]): void {
    type Agg = { m: ChatMessageValues; first: number; last: number; n: number };
    const chatters = new Map<string, Agg>();
    const perStream = new Map<string, Agg>();
    const add = (map: Map<string, Agg>, key: string, m: ChatMessageValues) => {
      const a = map.get(key);
      if (!a) map.set(key, { m, first: m[1], last: m[1], n: 1 });
      else {
        if (m[1] < a.first) a.first = m[1];
        if (m[1] >= a.last) {
          a.last = m[1];
          a.m = m;
        }
        a.n++;
      }
    };
    // [0] channel_id, [1] ts, [3] stream_id, [4] user_id, [5] user_login, [6] display_name (see ChatMessageValues).
    for (const m of fresh) {
      add(chatters, `${m[0]}\u0000${m[4]}`, m);
      if (m[3]) add(perStream, `${m[0]}\u0000${m[3]}\u0000${m[4]}`, m);
    }
    for (const a of chatters.values()) s.chatter.run(a.m[0], a.m[4], a.m[5], a.m[6], a.first, a.last, a.n);
    for (const a of perStream.values()) s.chatterStream.run(a.m[0], a.m[3], a.m[4], a.first, a.last, a.n);
  }

  const endStream = db.prepare('UPDATE streams SET ended_at = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL');
  const pendingRanges = db.prepare(
    'SELECT rowid AS r, from_ts AS fromTs, to_ts AS toTs, messages FROM search_index_pending ORDER BY rowid',
  );
  const anyPending = db.prepare('SELECT 1 FROM search_index_pending LIMIT 1');
  const indexRange = db.prepare(
    // Naming the channels lets SQLite read each channel's slice of the (channel_id, ts) key, not the table.
    `INSERT INTO chat_fts (rowid, text) SELECT ${ftsKeySql('ts', 'id')}, text FROM chat_messages
     WHERE channel_id IN (SELECT id FROM channels) AND ts >= ? AND ts <= ?`,
  );
  const donePending = db.prepare('DELETE FROM search_index_pending WHERE rowid = ?');

  return {
    write: (batch) => run(batch),
    endStream(streamId, endedAt) {
      endStream.run(endedAt, Date.now(), streamId);
    },
    catchUpSearchIndex({ onProgress, maxMessages = Number.POSITIVE_INFINITY } = {}) {
      let ranges = pendingRanges.all() as { r: number; fromTs: number; toTs: number; messages: number }[];
      if (Number.isFinite(maxMessages)) {
        let n = 0;
        let end = 0;
        while (end < ranges.length && (end === 0 || n + ranges[end]!.messages <= maxMessages))
          n += ranges[end++]!.messages;
        ranges = ranges.slice(0, end);
      }
      // One transaction: the full-text index writes one segment per transaction, so per-range ones cost twice
      // the time in segments written and merged again.
      return db.transaction(() => {
        let indexed = 0;
        ranges.forEach((range, i) => {
          // Rows of the range indexed already get a second, identical posting; searches read distinct keys.
          indexed += indexRange.run(range.fromTs, range.toTs).changes;
          donePending.run(range.r);
          onProgress?.(i + 1, ranges.length);
        });
        return indexed;
      })();
    },
    hasPendingSearchIndex: () => anyPending.get() !== undefined,
  };
}
