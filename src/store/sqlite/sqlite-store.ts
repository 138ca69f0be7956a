// The embedded default backend: one SQLite file in WAL mode, written in batched transactions.

import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { ChatMessage, EpochMs, TranscriptSegment } from '../../domain.ts';
import { StreamlensError } from '../../errors.ts';
import { toSearchTerms } from '../codec.ts';
import { type ChatMessageRow, type TranscriptSegmentRow, toChatMessage, toTranscriptSegment } from '../rows.ts';
import { createSqlRecords, type SqlRecords, type WriteStatement } from '../sql-records.ts';
import type {
  ChatSearchOptions,
  ReadOnlyQueryOptions,
  ReadOnlyQueryResult,
  Store,
  TranscriptSearchOptions,
  WriteBatch,
  WriteOptions,
  WriteResult,
} from '../store.ts';
import { createFtsMatchCheck } from './check-fts-match.ts';
import { ftsKeySql } from './fts-key.ts';
import { migrations } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import { createReadOnlyRunner, type ReadOnlyRunner } from './read-only-runner.ts';
import { encodeBatch, prepareWriter } from './writer.ts';
import { createWriterThread, type WriterThread } from './writer-thread.ts';

export interface SqliteStoreOptions {
  /** Path of the database file; created with its directory when missing. `:memory:` for throwaway stores. */
  path: string;
  /** Open without writing (no migrations, no WAL change). */
  readOnly?: boolean;
  /** Never create the file (commands that only read): DATABASE_MISSING when it is not there. */
  mustExist?: boolean;
  /**
   * A reader beside the process's own store (an analytics worker): `catchUp` does nothing, so it never starts a
   * second writer (a search reads the messages still waiting for the index from their rows, as every store's does).
   */
  reader?: boolean;
}

const anyCatchUpWork =
  'SELECT EXISTS (SELECT 1 FROM search_index_pending) OR EXISTS (SELECT 1 FROM chatter_recount_pending)';

/**
 * A reader's page cache in KiB (better-sqlite3 builds SQLite with 16 MB per connection). The web server's two
 * analytics workers each filled theirs, 32 MB of serve's memory, for pages the OS caches anyway: with 4 MB serve's
 * peak under the history bench's load at 250 streams was 302-310 MB against 325-335, with the same CPU time.
 */
const readerCacheKb = 4000;

/** Above every full-text key (`ts << 20 | hash20(id)`, fts-key.ts): where a search's first page starts. */
const maxFtsKey = 2n ** 63n - 1n;

/**
 * Reads run on this thread (better-sqlite3 is synchronous): each waits for the event loop's next turn first, so
 * a request that reads many times (a report, a whole-history question) lets the others (the live page, SSE)
 * answer between its reads instead of after all of them.
 */
const yieldToOtherWork = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A chat message row of a search, with the low 20 bits of its full-text key (the high ones are its `ts`). */
type SearchRow = ChatMessageRow & { fts_low: number };

/** A search's order: newest first by full-text key, then by channel and id, as the index's candidates come. */
const byFtsKeyDesc = (a: SearchRow, b: SearchRow): number =>
  b.ts - a.ts || b.fts_low - a.fts_low || compareText(a.channel_id, b.channel_id) || compareText(a.id, b.id);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const pendingSpans = 'SELECT from_ts, to_ts FROM search_index_pending ORDER BY from_ts';

/**
 * Pending ranges (one per write) joined where they overlap or lie within `pendingJoinGapMs` of one another: rows
 * between them are indexed already or absent, and a search reading them again only drops them as seen, which
 * costs less than a statement per write.
 */
function joinPendingSpans(ranges: readonly [fromTs: number, toTs: number][]): [number, number][] {
  const spans: [number, number][] = [];
  for (const [fromTs, toTs] of ranges) {
    const last = spans.at(-1);
    if (last && fromTs <= last[1] + pendingJoinGapMs) last[1] = Math.max(last[1], toTs);
    else spans.push([fromTs, toTs]);
  }
  return spans;
}
const pendingJoinGapMs = 1000;

/** Opens (and with `migrate()`, creates) a SQLite store. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly location: string;
  /** The connection for migrations and reads; writes of a file database go through the writer thread. */
  readonly db: Database.Database;
  readonly #reader: boolean;
  #writer: WriterThread | undefined;
  #readOnly: ReadOnlyRunner | undefined;
  /** Prepared on first use: its tables exist once the store is migrated. */
  #anyCatchUpWork: Database.Statement | undefined;
  /** Which search candidates really hold the words (full-text keys can collide). */
  #checkFtsMatch: ReturnType<typeof createFtsMatchCheck> | undefined;
  /** Rollups, reports and conversations: small writes on this connection (WAL lets them run beside the writer). */
  readonly #records: SqlRecords = createSqlRecords({
    all: (sql, params) => this.all(sql, params),
    runInTransaction: async (statements) => this.#runInTransaction(statements),
  });
  // Own properties, closures over this store: they work whatever `this` a caller lends them.
  readonly schemaVersion = this.#records.schemaVersion;
  readonly listStreamSpans = this.#records.listStreamSpans;
  readonly listOpenStreams = this.#records.listOpenStreams;
  readonly replaceChatMinutes = this.#records.replaceChatMinutes;
  readonly attachEarlyRecords = this.#records.attachEarlyRecords;
  readonly mergeChatterStandIns = this.#records.mergeChatterStandIns;
  readonly writeStreamReport = this.#records.writeStreamReport;
  readonly writeHistoryRollups = this.#records.writeHistoryRollups;
  readonly writeStreamRollups = this.#records.writeStreamRollups;
  readonly conversations = this.#records.conversations;
  readonly notifications = this.#records.notifications;
  readonly emotes = this.#records.emotes;
  readonly clips = this.#records.clips;
  readonly presence = this.#records.presence;

  constructor(options: SqliteStoreOptions) {
    this.location = options.path;
    this.#reader = options.reader ?? false;
    this.db = openDatabase(options.path, { readOnly: options.readOnly, mustExist: options.mustExist });
    if (this.#reader) this.db.pragma(`cache_size = -${readerCacheKb}`);
  }

  /** The writer: its own thread for a file; in this thread for `:memory:`, which no other connection can see. */
  #getWriter(): WriterThread {
    if (this.#writer) return this.#writer;
    if (this.location !== ':memory:') {
      this.#writer = createWriterThread(this.location);
      return this.#writer;
    }
    const local = prepareWriter(this.db);
    this.#writer = {
      write: async (batch, options) => {
        const result = local.write(batch, options);
        if (!options.bulkLoad) local.catchUp();
        return result;
      },
      endStream: async (streamId, endedAt) => local.endStream(streamId, endedAt),
      catchUp: async (onProgress) => local.catchUp({ onProgress }),
      close: async () => local.finishBulkLoad(),
    };
    return this.#writer;
  }

  async migrate(): Promise<void> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const applied = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => Number(v)),
    );
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, Date.now());
      })();
    }
    // Statements prepared before a schema change are stale.
    await this.#writer?.close();
    this.#writer = undefined;
    await this.catchUp();
  }

  async write(batch: WriteBatch, options: WriteOptions = {}): Promise<WriteResult> {
    try {
      return await this.#getWriter().write(encodeBatch(batch), options);
    } catch (error) {
      throw toWriteError(error, this.location);
    }
  }

  async endStream(streamId: string, endedAt: EpochMs): Promise<void> {
    try {
      await this.#getWriter().endStream(streamId, endedAt);
    } catch (error) {
      throw toWriteError(error, this.location);
    }
  }

  async catchUp(onProgress?: (done: number, total: number) => void): Promise<number> {
    // Work waits in this process's writer (a bulk load), in pending search ranges, or in a crashed bulk load's
    // recount markers (the writer recounts when it starts). With none of them (the common case, checked on
    // opening a store only to read) the writer is neither asked nor started. A reader leaves
    // it all to the store of its process.
    if (this.#reader) return 0;
    this.#anyCatchUpWork ??= this.db.prepare(anyCatchUpWork).pluck();
    if (!this.#writer && !this.#anyCatchUpWork.get()) return 0;
    return this.#getWriter().catchUp(onProgress);
  }

  async all<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    await yieldToOtherWork();
    return this.#prepareRead(sql).all(...params) as T[];
  }

  async get<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    await yieldToOtherWork();
    return this.#prepareRead(sql).get(...params) as T | undefined;
  }

  /** A statement for `all`/`get`: SQLite itself says whether it would write, and then it is refused. */
  #prepareRead(sql: string): Database.Statement {
    const statement = this.db.prepare(sql);
    if (!statement.readonly)
      throw new StreamlensError(
        'READ_ONLY_VIOLATION',
        'Store.all and Store.get only read',
        'write through the Store method named for the records',
      );
    return statement;
  }

  #runInTransaction(statements: readonly WriteStatement[]): void {
    this.db.transaction(() => {
      for (const s of statements) this.db.prepare(s.sql).run(...s.params);
    })();
  }

  async queryReadOnly(sql: string, options: ReadOnlyQueryOptions): Promise<ReadOnlyQueryResult> {
    if (this.location === ':memory:')
      throw new StreamlensError('UNAVAILABLE', 'read-only queries need a database file');
    this.#readOnly ??= createReadOnlyRunner(this.location);
    return this.#readOnly.run(sql, options);
  }

  async searchChat(query: string, options: ChatSearchOptions): Promise<ChatMessage[]> {
    const terms = toSearchTerms(query);
    if (terms.length === 0) return [];
    await yieldToOtherWork();
    const match = terms.map((t) => `"${t}"`).join(' AND ');
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.channelId) {
      where.push('m.channel_id = ?');
      params.push(options.channelId);
    } else where.push('m.channel_id IN (SELECT id FROM channels)');
    if (options.streamId) {
      where.push('m.stream_id = ?');
      params.push(options.streamId);
    }
    if (options.userLogin) {
      where.push('m.user_login = ?');
      params.push(options.userLogin.toLowerCase());
    }
    // A key two messages share brings both: only the one whose text matches is a hit.
    this.#checkFtsMatch ??= createFtsMatchCheck(this.db);
    const check = this.#checkFtsMatch;
    const matching = (rows: SearchRow[]) => {
      const kept = check(
        rows.map((r) => r.text),
        match,
      );
      return rows.filter((_, i) => kept.has(i));
    };
    // The pending messages first, then the index: a range the writer indexes in between is found in both, never
    // in neither, and no snapshot is held through the whole search (a reader on an old snapshot keeps the writer's
    // log from starting over, bound-wal.ts).
    const pending = this.#searchPending(terms, where, params, options.limit, matching);
    const hits = [...this.#searchIndexed(match, where, params, options, matching), ...pending];
    // Both lists are newest first by full-text key, each up to the limit; a message of a pending range may be
    // indexed already (ranges are spans of time), and then it is in both.
    const seen = new Set<string>();
    return hits
      .sort(byFtsKeyDesc)
      .filter((r) => {
        const key = `${r.channel_id}\0${r.ts}\0${r.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, options.limit)
      .map(toChatMessage);
  }

  /** The newest `options.limit` matches the full-text index holds, newest first by full-text key. */
  #searchIndexed(
    match: string,
    where: readonly string[],
    params: readonly unknown[],
    options: ChatSearchOptions,
    matching: (rows: SearchRow[]) => SearchRow[],
  ): SearchRow[] {
    // Candidates are read newest first a page of full-text keys at a time (FTS5 walks its rowids in order and
    // stops), so a search reads the newest matches, not every match of the whole history sorted (at 100 streams a
    // common phrase had 1,900 matches: 120 ms on a cold connection, 31 warm, against 8–10 ms for a page).
    const pageKeys = this.db
      .prepare('SELECT rowid FROM chat_fts WHERE chat_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?')
      .pluck()
      .safeIntegers(true);
    const narrow = Boolean(options.streamId || options.userLogin);
    const candidates = this.db.prepare(
      `SELECT m.*, ${ftsKeySql('0', 'm.id')} AS fts_low
       FROM (SELECT DISTINCT rowid AS k FROM chat_fts WHERE chat_fts MATCH ?${narrow ? '' : ' AND rowid BETWEEN ? AND ?'}) f
       JOIN chat_messages m ON m.ts = (f.k >> 20) AND ${ftsKeySql('m.ts', 'm.id')} = f.k
       WHERE ${where.join(' AND ')} ORDER BY f.k DESC, m.channel_id, m.id LIMIT ? OFFSET ?`,
    );
    // The next candidates fill the places of those whose own text does not match.
    const hits: SearchRow[] = [];
    // A chatter's or a stream's matches are few among the channel's: they are read over every key, a limit at a time.
    if (narrow)
      for (let offset = 0; hits.length < options.limit; offset += options.limit) {
        const rows = candidates.all(match, ...params, options.limit, offset) as SearchRow[];
        hits.push(...matching(rows));
        if (rows.length < options.limit) break;
      }
    else
      for (let before = maxFtsKey, pageSize = options.limit; hits.length < options.limit; pageSize *= 4) {
        // Pages grow while a channel filter keeps few of them.
        const keys = pageKeys.all(match, before, pageSize) as bigint[];
        if (keys.length === 0) break;
        hits.push(...matching(candidates.all(match, keys.at(-1), keys[0], ...params, -1, 0) as SearchRow[]));
        if (keys.length < pageSize) break;
        before = keys.at(-1)!;
      }
    return hits.slice(0, options.limit);
  }

  /**
   * The newest `limit` matches among the messages whose full-text entries are still pending (the writer builds
   * them in its idle time: a recent span of time, seldom more than a few thousand messages), read from the stored
   * rows and checked with the index's own tokenizer, so a search never waits for the writer to index them.
   */
  #searchPending(
    terms: readonly string[],
    where: readonly string[],
    params: readonly unknown[],
    limit: number,
    matching: (rows: SearchRow[]) => SearchRow[],
  ): SearchRow[] {
    const spans = joinPendingSpans(this.db.prepare(pendingSpans).raw().all() as [number, number][]);
    if (spans.length === 0) return [];
    // A text holding every word contains each as a substring: LIKE (ASCII case folding) rules texts out cheaply;
    // texts with other characters (accents fold to their letters in the index) and words of other characters go
    // to the exact check as they are.
    const asciiTerms = terms.filter((t) => /^[\x20-\x7e]+$/.test(t));
    const likely =
      asciiTerms.length === 0
        ? ''
        : ` AND (m.text GLOB '*[^ -~]*' OR (${asciiTerms.map(() => 'm.text LIKE ?').join(' AND ')}))`;
    const rows = this.db.prepare(
      `SELECT m.*, ${ftsKeySql('0', 'm.id')} AS fts_low FROM chat_messages m
       WHERE ${where.join(' AND ')} AND m.ts >= ? AND m.ts <= ?${likely}`,
    );
    const likes = asciiTerms.map((t) => `%${t}%`);
    const hits: SearchRow[] = [];
    for (const [fromTs, toTs] of spans)
      hits.push(...matching(rows.all(...params, fromTs, toTs, ...likes) as SearchRow[]));
    return hits.sort(byFtsKeyDesc).slice(0, limit);
  }

  async searchTranscript(query: string, options: TranscriptSearchOptions): Promise<TranscriptSegment[]> {
    const terms = toSearchTerms(query);
    if (terms.length === 0) return [];
    const params: unknown[] = [terms.map((t) => `"${t}"`).join(' AND ')];
    let where = '';
    if (options.channelId) {
      where += ' AND s.channel_id = ?';
      params.push(options.channelId);
    }
    if (options.streamId) {
      where += ' AND s.stream_id = ?';
      params.push(options.streamId);
    }
    params.push(options.limit);
    const rows = this.db
      .prepare(
        `SELECT s.* FROM transcript_fts f JOIN transcript_segments s ON s.rowid = f.rowid
         WHERE transcript_fts MATCH ?${where} ORDER BY s.start_ts DESC LIMIT ?`,
      )
      .all(...params) as TranscriptSegmentRow[];
    return rows.map(toTranscriptSegment);
  }

  async sizeBytes(): Promise<number> {
    if (this.location === ':memory:') {
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      return pages * (this.db.pragma('page_size', { simple: true }) as number);
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return statSync(this.location).size;
  }

  async close(): Promise<void> {
    await this.#readOnly?.close();
    await this.#writer?.close();
    this.#writer = undefined;
    if (this.db.open) {
      if (!this.db.readonly) this.db.pragma('optimize');
      this.db.close();
    }
  }
}

/**
 * Failures that mean the database file cannot take writes now (read-only or immutable file, full disk, I/O
 * error, lock held too long, the writer thread gone) become UNAVAILABLE: the ingest keeps the batch and retries.
 * Anything else is about the batch itself.
 */
function toWriteError(error: unknown, path: string): unknown {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  const unavailable =
    /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN|PERM|PROTOCOL|NOLFS|AUTH)/.test(code) ||
    /^(ENOSPC|EROFS|EACCES|EPERM|EIO|EDQUOT)$/.test(code) ||
    /writer thread (failed|exited)/.test(message);
  if (!unavailable) return error;
  return new StreamlensError(
    'UNAVAILABLE',
    `cannot write to ${path}: ${message}`,
    'check that the disk has free space and the database file is writable',
    { cause: error },
  );
}
