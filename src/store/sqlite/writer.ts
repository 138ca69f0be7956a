// The SQLite write path: one transaction per batch, prepared statements, inserts that ignore records already
// stored (natural ids), and the aggregates and full-text entries that follow from the new messages only.

import type Database from 'better-sqlite3';
import type { ChatMessage } from '../../domain.ts';
import { toChatMessageValues, toEventValues, toSegmentValues } from '../rows.ts';
import type { WriteBatch, WriteOptions, WriteResult } from '../store.ts';
import { ftsKeySql } from './fts-key.ts';

export interface Writer {
  write(batch: WriteBatch, options: WriteOptions): WriteResult;
}

/**
 * How far back a CLEARMSG looks for the message it deletes: moderators delete within minutes, so the short window
 * (a small slice of the clustered key) is tried first and the day-long one only when that finds nothing.
 */
const deleteLookbackMs = [10 * 60 * 1000, 24 * 60 * 60 * 1000];

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
    fts: db.prepare(
      `INSERT INTO chat_fts (rowid, text) SELECT ${ftsKeySql('(value ->> 0)', '(value ->> 1)')}, value ->> 2 FROM json_each(?)`,
    ),
    pendingFts: db.prepare('INSERT INTO search_index_pending (from_ts, to_ts) VALUES (?, ?)'),
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

  const run = db.transaction((batch: WriteBatch, options: WriteOptions): WriteResult => {
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
      const fresh: ChatMessage[] = [];
      for (const m of batch.chatMessages) {
        const changes = s.message.run(...toChatMessageValues(m)).changes;
        if (changes) fresh.push(m);
      }
      result.chatMessages = fresh.length;
      if (fresh.length) {
        writeSearchEntries(fresh, options);
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

  function writeSearchEntries(fresh: ChatMessage[], options: WriteOptions): void {
    if (options.deferSearchIndex) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const m of fresh) {
        if (m.ts < lo) lo = m.ts;
        if (m.ts > hi) hi = m.ts;
      }
      s.pendingFts.run(lo, hi);
      return;
    }
    s.fts.run(JSON.stringify(fresh.map((m) => [m.ts, m.id, m.text])));
  }

  function writeChatterAggregates(fresh: ChatMessage[]): void {
    type Agg = { m: ChatMessage; first: number; last: number; n: number };
    const chatters = new Map<string, Agg>();
    const perStream = new Map<string, Agg>();
    const add = (map: Map<string, Agg>, key: string, m: ChatMessage) => {
      const a = map.get(key);
      if (!a) map.set(key, { m, first: m.ts, last: m.ts, n: 1 });
      else {
        if (m.ts < a.first) a.first = m.ts;
        if (m.ts >= a.last) {
          a.last = m.ts;
          a.m = m;
        }
        a.n++;
      }
    };
    for (const m of fresh) {
      add(chatters, `${m.channelId}\u0000${m.userId}`, m);
      if (m.streamId) add(perStream, `${m.channelId}\u0000${m.streamId}\u0000${m.userId}`, m);
    }
    for (const a of chatters.values())
      s.chatter.run(a.m.channelId, a.m.userId, a.m.userLogin, a.m.displayName, a.first, a.last, a.n);
    for (const a of perStream.values())
      s.chatterStream.run(a.m.channelId, a.m.streamId, a.m.userId, a.first, a.last, a.n);
  }

  return { write: (batch, options) => run(batch, options) };
}
