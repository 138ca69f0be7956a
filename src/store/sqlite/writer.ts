// The SQLite write path: one transaction per batch, prepared statements, inserts that ignore records already
// stored (natural ids), and the aggregates and full-text entries that follow from the new messages only. Every
// write of a database file goes through here, on the writer thread (writer-thread.ts) or, for `:memory:`, in
// the caller's thread.

import type Database from 'better-sqlite3';
import type { EpochMs } from '../../domain.ts';
import { type ChatMessageValues, toChatMessageValues, toEventValues, toSegmentValues } from '../rows.ts';
import type { WriteBatch, WriteOptions, WriteResult } from '../store.ts';
import { ftsKeySql } from './fts-key.ts';

/** A write batch as the writer takes it: chat messages as column values, the rest as records. */
export type EncodedBatch = Omit<WriteBatch, 'chatMessages'> & { chatMessages?: ChatMessageValues[] };

export function encodeBatch(batch: WriteBatch): EncodedBatch {
  if (!batch.chatMessages) return batch as EncodedBatch;
  return { ...batch, chatMessages: batch.chatMessages.map(toChatMessageValues) };
}

export interface Writer {
  /** With `bulkLoad`, chatter aggregates gather in memory until `catchUp` (or a normal write, or `close`). */
  write(batch: EncodedBatch, options?: WriteOptions): WriteResult;
  endStream(streamId: string, endedAt: EpochMs): void;
  /**
   * Builds the full-text entries that writes left pending and returns how many messages it indexed: all of them,
   * or with `maxMessages`, whole ranges until about that many (a slice that keeps the writer responsive).
   */
  catchUp(options?: { onProgress?: (done: number, total: number) => void; maxMessages?: number }): number;
  /** Whether entries are pending. */
  hasPendingSearchIndex(): boolean;
  /** Writes a bulk load's gathered chatter aggregates (also done by `catchUp` without a limit). */
  finishBulkLoad(): void;
}

/** Chatter aggregates gathered in memory before a bulk load writes them: at most this many entries. */
const bulkTallyLimit = 200_000;

/** A chatter's new messages in one stream: the first and last time, and how many. */
interface Span {
  first: number;
  last: number;
  n: number;
}

/**
 * A chatter's new messages in all (with the login and display name of the latest), and per stream: the first
 * stream inline, any others in `more` (an import's chat comes in time order, so a chatter is mostly in one).
 */
interface ChatterCount extends Span {
  login: string;
  display: string;
  inStream: (Span & { streamId: string }) | null;
  more: Map<string, Span> | null;
}

/**
 * Per-chatter and per-chatter-per-stream counts of new messages, ready to add to the stored aggregates. Keyed by
 * nested maps (channel → user): no key strings to build and hash for each message, and two lookups a message.
 */
class ChatterTally {
  readonly channels = new Map<string, Map<string, ChatterCount>>();
  /** Entries: chatters and their streams. */
  size = 0;

  /** Counts one message: [0] channel_id, [1] ts, [3] stream_id, [4] user_id, [5] login, [6] display name. */
  add(m: ChatMessageValues): void {
    let users = this.channels.get(m[0]);
    if (!users) {
      users = new Map();
      this.channels.set(m[0], users);
    }
    const ts = m[1];
    const streamId = m[3];
    const c = users.get(m[4]);
    if (!c) {
      const inStream = streamId ? { streamId, first: ts, last: ts, n: 1 } : null;
      users.set(m[4], { first: ts, last: ts, n: 1, login: m[5], display: m[6], inStream, more: null });
      this.size += inStream ? 2 : 1;
      return;
    }
    count(c, ts);
    if (ts >= c.last) {
      c.login = m[5];
      c.display = m[6];
    }
    if (!streamId) return;
    if (c.inStream === null) {
      c.inStream = { streamId, first: ts, last: ts, n: 1 };
      this.size++;
    } else if (c.inStream.streamId === streamId) count(c.inStream, ts);
    else {
      c.more ??= new Map();
      const span = c.more.get(streamId);
      if (span) count(span, ts);
      else {
        c.more.set(streamId, { first: ts, last: ts, n: 1 });
        this.size++;
      }
    }
  }

  clear(): void {
    this.channels.clear();
    this.size = 0;
  }
}

/** Adds a message at `ts` to a span. */
function count(span: Span, ts: number): void {
  if (ts < span.first) span.first = ts;
  if (ts > span.last) span.last = ts;
  span.n++;
}

/** Whether the process that left a bulk-load marker is gone (the database is a local file: same machine). */
function isAbandoned(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * How far back a CLEARMSG looks for the message it deletes: moderators mostly delete within seconds, so the short
 * windows (small slices of the clustered key: a busy chat has thousands of messages in ten minutes) are tried
 * first and the day-long one only when they find nothing.
 */
const deleteLookbackMs = [30 * 1000, 10 * 60 * 1000, 24 * 60 * 60 * 1000];

/**
 * A ban or timeout (CLEARCHAT naming a user) hides that user's earlier messages in the channel, as Twitch's clients
 * do with the ones they still show: among the channel's last `userClearLookbackMessages` messages (a client's
 * buffer; Chatterino keeps about that many), within a day. Bounded by count, each is a short slice of the clustered
 * key however busy the chat (a time window scanned a busy channel's whole hour at every ban: 20× slower imports).
 */
export const userClearLookbackMessages = 1_000;
export const userClearLookbackMs = 24 * 60 * 60 * 1000;

interface PendingRange {
  r: number;
  fromTs: number;
  toTs: number;
  messages: number;
}

/** Messages in one indexing statement when ranges join: big enough to cost little each, small for progress. */
const spanMessages = 50_000;

/**
 * Pending ranges in time order, joined into spans of up to `spanMessages` while they overlap, touch, or have no
 * stored row between them (`noRowsBetween`: rows there are indexed already, or belong to no range). An import
 * leaves one range per batch, back to back: one statement per range cost a third more, as the full-text index
 * writes a segment at every statement.
 */
function joinRanges(
  ranges: PendingRange[],
  noRowsBetween: (afterTs: number, beforeTs: number) => boolean,
): { fromTs: number; toTs: number; rowids: number[] }[] {
  const spans: { fromTs: number; toTs: number; rowids: number[]; messages: number }[] = [];
  for (const range of [...ranges].sort((a, b) => a.fromTs - b.fromTs)) {
    const last = spans.at(-1);
    if (
      last &&
      last.messages + range.messages <= spanMessages &&
      (range.fromTs <= last.toTs + 1 || noRowsBetween(last.toTs, range.fromTs))
    ) {
      last.toTs = Math.max(last.toTs, range.toTs);
      last.rowids.push(range.r);
      last.messages += range.messages;
    } else spans.push({ fromTs: range.fromTs, toTs: range.toTs, rowids: [range.r], messages: range.messages });
  }
  return spans;
}

/** Prepares every statement once for a connection. */
export function prepareWriter(db: Database.Database): Writer {
  const s = {
    // A channel seen without its display name (an imported log, chat alone) keeps the one stored for its login.
    channel: db.prepare(
      `INSERT INTO channels (id, login, display_name, updated_at) VALUES (@id, @login, COALESCE(@displayName, @login), @now)
       ON CONFLICT (id) DO UPDATE SET login = excluded.login, updated_at = excluded.updated_at,
         display_name = CASE WHEN @displayName IS NULL AND channels.login = excluded.login
                             THEN channels.display_name ELSE excluded.display_name END`,
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
         bits, emotes, badges, first_msg, returning_chatter, reply_parent_id, reply_parent_user_login, source_channel_id, color, deleted_at,
         paid_amount, paid_currency, paid_exponent, paid_level, paid_system_message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Most chat is no reply, no shared-chat copy, not deleted and unpaid: those columns keep their NULL default,
    // and the insert binds 15 values instead of 24 (a tenth of its cost).
    plainMessage: db.prepare(
      `INSERT OR IGNORE INTO chat_messages (channel_id, ts, id, stream_id, user_id, user_login, display_name, text, is_action,
         bits, emotes, badges, first_msg, returning_chatter, color)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    pendingFts: db.prepare('INSERT INTO search_index_pending (from_ts, to_ts, messages) VALUES (?, ?, ?)'),
    // Each chatter and chatter-stream a write takes in is upserted: the common case (same login, no earlier
    // message) assigns only columns no index holds, so SQLite leaves chatters_login and chatter_streams_by_user
    // alone (an assigned indexed column has its entries rewritten even when its value stays); a row that does
    // not match (`changes` 0) takes the full upsert.
    chatterKept: db.prepare(
      `INSERT INTO chatters (channel_id, user_id, user_login, display_name, first_seen, last_seen, messages) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET display_name = excluded.display_name,
         last_seen = MAX(chatters.last_seen, excluded.last_seen), messages = chatters.messages + excluded.messages
       WHERE chatters.user_login = excluded.user_login AND chatters.first_seen <= excluded.first_seen`,
    ),
    chatter: db.prepare(
      `INSERT INTO chatters (channel_id, user_id, user_login, display_name, first_seen, last_seen, messages) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET user_login = excluded.user_login, display_name = excluded.display_name,
         first_seen = MIN(chatters.first_seen, excluded.first_seen), last_seen = MAX(chatters.last_seen, excluded.last_seen),
         messages = chatters.messages + excluded.messages`,
    ),
    chatterStreamKept: db.prepare(
      `INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, stream_id, user_id) DO UPDATE SET last_ts = MAX(chatter_streams.last_ts, excluded.last_ts),
         messages = chatter_streams.messages + excluded.messages
       WHERE chatter_streams.first_ts <= excluded.first_ts`,
    ),
    chatterStream: db.prepare(
      `INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, stream_id, user_id) DO UPDATE SET first_ts = MIN(chatter_streams.first_ts, excluded.first_ts),
         last_ts = MAX(chatter_streams.last_ts, excluded.last_ts), messages = chatter_streams.messages + excluded.messages`,
    ),
    // A finished stream's chat totals changed: raise its count in stream_changes (whole-history rollups built at
    // another count are stale). Once per stream a write touched, not per row as a trigger would (a row trigger on
    // chatter_streams cost a third of the import's speed).
    streamChanged: db.prepare(
      `INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams WHERE id = ? AND ended_at IS NOT NULL
       ON CONFLICT (stream_id) DO UPDATE SET n = n + 1`,
    ),
    markBulkChannel: db.prepare('INSERT OR IGNORE INTO chatter_recount_pending (channel_id, pid) VALUES (?, ?)'),
    chatEvent: db.prepare(
      `INSERT OR IGNORE INTO chat_events (id, channel_id, stream_id, ts, type, user_id, user_login, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markDeleted: db.prepare(
      `UPDATE chat_messages SET deleted_at = ? WHERE channel_id = ? AND ts >= ? AND ts <= ? AND id = ? AND deleted_at IS NULL`,
    ),
    userClearFrom: db
      .prepare(
        `SELECT ts FROM chat_messages WHERE channel_id = ? AND ts <= ? ORDER BY ts DESC LIMIT 1 OFFSET ${userClearLookbackMessages - 1}`,
      )
      .pluck(),
    markUserDeleted: db.prepare(
      `UPDATE chat_messages SET deleted_at = ? WHERE channel_id = ? AND ts >= ? AND ts <= ? AND user_id = ? AND deleted_at IS NULL`,
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

  // A bulk load's aggregates, and the channels it marked as "recount if this process dies before writing them".
  const bulkTally = new ChatterTally();
  const bulkChannels = new Set<string>();
  // What to do with the batch's tally once its transaction commits (nothing if it rolls back).
  let afterCommit: (() => void)[] = [];

  const run = db.transaction((batch: EncodedBatch, bulkLoad: boolean): WriteResult => {
    const now = Date.now();
    const result: WriteResult = {
      chatMessages: 0,
      chatEvents: 0,
      channelEvents: 0,
      snapshots: 0,
      transcriptSegments: 0,
    };
    for (const c of batch.channels ?? [])
      s.channel.run({ id: c.id, login: c.login, displayName: c.displayName ?? null, now });
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
        // [14] reply parent id, [15] its login, [16] source channel, [18] deleted at, [19] paid amount (null when
        // the message is unpaid, and then so are the other paid columns).
        const stored =
          m[14] === null && m[15] === null && m[16] === null && m[18] === null && m[19] === null
            ? s.plainMessage.run(
                m[0],
                m[1],
                m[2],
                m[3],
                m[4],
                m[5],
                m[6],
                m[7],
                m[8],
                m[9],
                m[10],
                m[11],
                m[12],
                m[13],
                m[17],
              )
            : s.message.run(...m);
        if (stored.changes) fresh.push(m);
      }
      result.chatMessages = fresh.length;
      if (fresh.length) {
        markSearchEntriesPending(fresh);
        if (bulkLoad) gatherBulkAggregates(fresh);
        else writeChatterAggregates(tallyOf(fresh));
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
      if (changes > 0 && (e.type === 'ban' || e.type === 'timeout') && e.userId !== null)
        s.markUserDeleted.run(
          e.ts,
          e.channelId,
          Math.max(e.ts - userClearLookbackMs, Number(s.userClearFrom.get(e.channelId, e.ts) ?? 0)),
          e.ts,
          e.userId,
        );
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

  // Full-text entries are built from the stored rows later, in slices (catchUp): per-batch inserts into
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

  function tallyOf(messages: ChatMessageValues[]): ChatterTally {
    const tally = new ChatterTally();
    for (const m of messages) tally.add(m);
    return tally;
  }

  // In key order: upserts that walk each table's primary key in order touch each page once (a large tally written
  // in the order chatters first spoke took three times as long: random pages of a table larger than the cache).
  function writeChatterAggregates(tally: ChatterTally): void {
    const streams = new Set<string>();
    for (const channelId of [...tally.channels.keys()].sort()) {
      const users = tally.channels.get(channelId)!;
      const spans: [streamId: string, userId: string, span: Span][] = [];
      for (const userId of [...users.keys()].sort()) {
        const c = users.get(userId)!;
        const values = [channelId, userId, c.login, c.display, c.first, c.last, c.n] as const;
        if (s.chatterKept.run(...values).changes === 0) s.chatter.run(...values);
        if (c.inStream !== null) spans.push([c.inStream.streamId, userId, c.inStream]);
        for (const [streamId, span] of c.more ?? []) spans.push([streamId, userId, span]);
      }
      // Users are in order already: a stable sort by stream keeps them so within each stream.
      spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [streamId, userId, span] of spans) {
        const values = [channelId, streamId, userId, span.first, span.last, span.n] as const;
        if (s.chatterStreamKept.run(...values).changes === 0) s.chatterStream.run(...values);
        streams.add(streamId);
      }
    }
    for (const id of streams) s.streamChanged.run(id);
  }

  // Inside a bulk write's transaction: mark its channels first (a crash leaves them to recount), then count the
  // messages in memory once the transaction has committed, or write everything gathered when the tally would
  // grow too large.
  function gatherBulkAggregates(fresh: ChatMessageValues[]): void {
    let channel: string | undefined;
    for (const m of fresh) {
      if (m[0] === channel || bulkChannels.has(m[0])) continue;
      channel = m[0];
      s.markBulkChannel.run(channel, process.pid);
      const marked = channel;
      afterCommit.push(() => bulkChannels.add(marked));
    }
    // At most two entries a message (the chatter, and the chatter in the stream).
    if (bulkTally.size + 2 * fresh.length > bulkTallyLimit) {
      writeChatterAggregates(bulkTally);
      writeChatterAggregates(tallyOf(fresh));
      afterCommit.push(() => bulkTally.clear());
    } else
      afterCommit.push(() => {
        for (const m of fresh) bulkTally.add(m);
      });
  }

  const unmarkBulkChannels = db.prepare('DELETE FROM chatter_recount_pending WHERE pid = ?');
  const finishBulk = db.transaction(() => {
    writeChatterAggregates(bulkTally);
    unmarkBulkChannels.run(process.pid);
  });
  function finishBulkLoad(): void {
    if (bulkChannels.size === 0 && bulkTally.size === 0) return;
    finishBulk.immediate();
    bulkTally.clear();
    bulkChannels.clear();
  }

  function write(batch: EncodedBatch, options: WriteOptions = {}): WriteResult {
    const bulkLoad = options.bulkLoad ?? false;
    // A normal write after a bulk load: the load's counts go first, so aggregates never lag live chat.
    if (!bulkLoad) finishBulkLoad();
    afterCommit = [];
    // IMMEDIATE: the write lock is taken (waiting busy_timeout) before the first read, so a checkpointer starting
    // the log over can never leave this transaction on an old snapshot that may not write (SQLITE_BUSY_SNAPSHOT).
    const result = run.immediate(batch, bulkLoad);
    for (const apply of afterCommit) apply();
    afterCommit = [];
    return result;
  }

  // Channels a crashed bulk load marked: their aggregates lack the counts it kept in memory, so they are
  // recounted from the stored messages (exact, whatever was committed).
  const recount = db.transaction((channelId: string, pid: number) => {
    db.prepare('DELETE FROM chatters WHERE channel_id = ?').run(channelId);
    db.prepare(
      `INSERT INTO chatters (channel_id, user_id, user_login, display_name, first_seen, last_seen, messages)
       SELECT l.channel_id, l.user_id, l.user_login, l.display_name, a.first_seen, l.last_seen, a.messages
       FROM (SELECT channel_id, user_id, user_login, display_name, MAX(ts) AS last_seen FROM chat_messages
             WHERE channel_id = ? GROUP BY user_id) l
       JOIN (SELECT user_id, MIN(ts) AS first_seen, COUNT(*) AS messages FROM chat_messages
             WHERE channel_id = ? GROUP BY user_id) a ON a.user_id = l.user_id`,
    ).run(channelId, channelId);
    db.prepare('DELETE FROM chatter_streams WHERE channel_id = ?').run(channelId);
    db.prepare(
      `INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages)
       SELECT channel_id, stream_id, user_id, MIN(ts), MAX(ts), COUNT(*) FROM chat_messages
       WHERE channel_id = ? AND stream_id IS NOT NULL GROUP BY stream_id, user_id`,
    ).run(channelId);
    db.prepare(
      `INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams WHERE channel_id = ? AND ended_at IS NOT NULL
       ON CONFLICT (stream_id) DO UPDATE SET n = n + 1`,
    ).run(channelId);
    db.prepare('DELETE FROM chatter_recount_pending WHERE channel_id = ? AND pid = ?').run(channelId, pid);
  });
  const markers = db.prepare('SELECT channel_id AS channelId, pid FROM chatter_recount_pending').all() as {
    channelId: string;
    pid: number;
  }[];
  for (const m of markers) if (isAbandoned(m.pid)) recount.immediate(m.channelId, m.pid);

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
  const anyRowBetween = db
    .prepare('SELECT 1 FROM chat_messages WHERE channel_id IN (SELECT id FROM channels) AND ts > ? AND ts < ? LIMIT 1')
    .pluck();
  const noRowsBetween = (afterTs: number, beforeTs: number) => anyRowBetween.get(afterTs, beforeTs) === undefined;

  return {
    write,
    finishBulkLoad,
    endStream(streamId, endedAt) {
      endStream.run(endedAt, Date.now(), streamId);
    },
    catchUp({ onProgress, maxMessages = Number.POSITIVE_INFINITY } = {}) {
      if (!Number.isFinite(maxMessages)) finishBulkLoad();
      let ranges = pendingRanges.all() as PendingRange[];
      if (Number.isFinite(maxMessages)) {
        let n = 0;
        let end = 0;
        while (end < ranges.length && (end === 0 || n + ranges[end]!.messages <= maxMessages))
          n += ranges[end++]!.messages;
        ranges = ranges.slice(0, end);
      }
      // One transaction over joined spans: the full-text index writes a segment at every statement and every
      // commit, and segments written are merged again.
      return db
        .transaction(() => {
          let indexed = 0;
          const spans = joinRanges(ranges, noRowsBetween);
          spans.forEach((span, i) => {
            // Rows of the span indexed already get a second, identical posting; searches read distinct keys.
            indexed += indexRange.run(span.fromTs, span.toTs).changes;
            for (const r of span.rowids) donePending.run(r);
            onProgress?.(i + 1, spans.length);
          });
          return indexed;
        })
        .immediate();
    },
    hasPendingSearchIndex: () => anyPending.get() !== undefined,
  };
}
