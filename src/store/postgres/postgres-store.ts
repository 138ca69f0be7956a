// The PostgreSQL backend: the same tables and rules as SQLite, shared by several collector processes (see
// channel-leases.ts). Rows come back shaped like SQLite's: numbers for integers, 0/1 flags, JSON as text.

import type pg from 'pg';
import type { ChatMessage, EpochMs, TranscriptSegment } from '../../domain.ts';
import { StreamlensError } from '../../errors.ts';
import { type Logger, redactUrl, silentLogger } from '../../log.ts';
import { toSearchTerms } from '../codec.ts';
import type { CopyRowsRequest, MigrationCheckpoint, MigrationTarget } from '../migrate-store.ts';
import { type ChatMessageRow, type TranscriptSegmentRow, toChatMessage, toTranscriptSegment } from '../rows.ts';
import { createSqlRecords, type SqlRecords, type WriteStatement } from '../sql-records.ts';
import type {
  ChannelLeaseProvider,
  ChatSearchOptions,
  ReadOnlyQueryOptions,
  ReadOnlyQueryResult,
  Store,
  TranscriptSearchOptions,
  WriteBatch,
  WriteOptions,
  WriteResult,
} from '../store.ts';
import { startChannelLeases } from './channel-leases.ts';
import { copyTableRows, readMigrationCheckpoint } from './copy-table-rows.ts';
import { createPostgresPool, isConnectionError } from './create-pool.ts';
import { ChatterDeltaFolder } from './fold-chatter-deltas.ts';
import { ensureReadOnlyRole } from './read-only-role.ts';
import { runPostgresMigrations } from './run-migrations.ts';
import { runReadOnlyQuery } from './run-read-only-query.ts';
import { toPositionalSql } from './to-positional-sql.ts';
import { writePostgresBatch } from './write-batch.ts';
import { WriteOrder } from './write-order.ts';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /**
   * An existing role without write grants that `queryReadOnly` switches to, instead of the `<database>_reader`
   * role `migrate()` creates (see docs/deployment.md).
   */
  readOnlyRole?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Where lost connections and a missing read-only role are reported. */
  log?: Logger;
}

/** Opens a PostgreSQL store; nothing connects until the first query (`migrate()` creates the schema). */
export function openPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}

export class PostgresStore implements Store, MigrationTarget {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  /** The pool for writes, migrations and leases. */
  readonly #pool: pg.Pool;
  /** The pool `all`/`get` read through: its transactions are READ ONLY, so the server refuses a write. */
  readonly #readPool: pg.Pool;
  readonly #configuredRole: string | undefined;
  /** The role read-only queries switch to; undefined until migrate() found or made one. */
  #readOnlyRole: string | undefined;
  readonly #log: Logger;
  readonly #sqlCache = new Map<string, string>();
  readonly #records: SqlRecords = createSqlRecords({
    all: (sql, params) => this.all(sql, params),
    runInTransaction: (statements) => this.#runInTransaction(statements),
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
  /** Collector processes sharing this database split the channels by leases (see channel-leases.ts). */
  readonly channelLeases: ChannelLeaseProvider = {
    startChannelLeases: (options) => startChannelLeases({ ...options, pool: this.#pool }),
  };

  readonly #writeOrder = new WriteOrder();
  readonly #folder: ChatterDeltaFolder;
  /** A bulk load wrote since the last `catchUp`, which then refreshes the planner's statistics. */
  #bulkLoaded = false;

  constructor(options: PostgresStoreOptions) {
    this.location = redactUrl(options.url);
    this.#log = options.log ?? silentLogger;
    const onConnectionLost = (message: string) =>
      this.#log.warn('a PostgreSQL connection was lost', { error: message });
    this.#pool = createPostgresPool(options.url, { max: options.maxConnections, onConnectionLost });
    this.#readPool = createPostgresPool(options.url, { max: options.maxConnections, readOnly: true, onConnectionLost });
    this.#configuredRole = options.readOnlyRole;
    this.#folder = new ChatterDeltaFolder(this.#pool);
  }

  async migrate(): Promise<void> {
    try {
      await runPostgresMigrations(this.#pool, async (client) => {
        const state = await ensureReadOnlyRole(client, this.#configuredRole);
        this.#readOnlyRole = state.role;
        if (state.problem)
          this.#log.warn(
            `no read-only role: ${state.problem}. The agent's and \`streamlens query\`'s SQL runs as the login itself, in a read-only transaction; see docs/deployment.md "A read-only role for the agent's SQL"`,
          );
      });
      // Deltas a process left when it died before folding them.
      await this.#folder.fold();
    } catch (error) {
      throw toConnectionError(error, this.location);
    }
  }

  /** The role read-only queries run under (undefined: none could be made; they run as the login). */
  get readOnlyRole(): string | undefined {
    return this.#readOnlyRole;
  }

  async write(batch: WriteBatch, options: WriteOptions = {}): Promise<WriteResult> {
    // PostgreSQL maintains the GIN index and the aggregates in the same transaction; a bulk load only leaves the
    // planner's statistics to its `catchUp`.
    // Writes may overlap (each on its own connection); the order keeps those that read earlier ones correct.
    const admitted = await this.#writeOrder.admit(batch);
    let committed = false;
    try {
      const result = await this.#transaction((client) => writePostgresBatch(client, admitted.batch));
      committed = true;
      if (result.chatMessages > 0) this.#folder.noteWrite();
      if (options.bulkLoad && Object.values(result).some((n) => n > 0)) this.#bulkLoaded = true;
      return result;
    } finally {
      admitted.settle(committed);
    }
  }

  async catchUp(onProgress?: (done: number, total: number) => void): Promise<number> {
    onProgress?.(0, 0);
    await this.#folder.fold();
    if (this.#bulkLoaded) {
      this.#bulkLoaded = false;
      // The planner's statistics predate the load until autovacuum comes by (a minute or more later, or never
      // where it is off): a report then read a channel's whole chatter_streams instead of its chatters' rows by
      // index (20 reports at 100 streams: 291 ms of server time instead of 155). ANALYZE samples a bounded number
      // of rows per table, so it costs about the same at any size.
      await this.#pool.query(`ANALYZE ${bulkLoadedTables.join(', ')}`).catch((error: unknown) => {
        throw toConnectionError(error, this.location);
      });
    }
    return 0;
  }

  async endStream(streamId: string, endedAt: EpochMs): Promise<void> {
    // What runs after a stream's end (its report) reads the stream's chatter totals.
    await this.#foldOwn();
    await this.#pool
      .query('UPDATE streams SET ended_at = $1, updated_at = $2 WHERE id = $3 AND ended_at IS NULL', [
        endedAt,
        Date.now(),
        streamId,
      ])
      .catch((error: unknown) => {
        throw toConnectionError(error, this.location);
      });
  }

  async all<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    await this.#foldBeforeReading(sql);
    try {
      const result = await this.#readPool.query(this.#translate(sql), [...params]);
      return result.rows as T[];
    } catch (error) {
      if ((error as { code?: string }).code === readOnlyTransaction)
        throw new StreamlensError(
          'READ_ONLY_VIOLATION',
          'Store.all and Store.get only read',
          'write through the Store method named for the records',
          { cause: error },
        );
      throw toConnectionError(error, this.location);
    }
  }

  async get<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async queryReadOnly(sql: string, options: ReadOnlyQueryOptions): Promise<ReadOnlyQueryResult> {
    await this.#foldBeforeReading(sql);
    try {
      return await runReadOnlyQuery(this.#pool, sql, options, this.#readOnlyRole);
    } catch (error) {
      throw toConnectionError(error, this.location);
    }
  }

  async searchChat(query: string, options: ChatSearchOptions): Promise<ChatMessage[]> {
    const terms = toSearchTerms(query);
    if (terms.length === 0) return [];
    // plainto_tsquery reads its argument as plain words joined by AND: input is never tsquery syntax.
    const params: unknown[] = [terms.join(' ')];
    let where = '';
    if (options.channelId) where += ` AND channel_id = $${params.push(options.channelId)}`;
    if (options.streamId) where += ` AND stream_id = $${params.push(options.streamId)}`;
    if (options.userLogin) where += ` AND user_login = $${params.push(options.userLogin.toLowerCase())}`;
    const rows = await this.#read<ChatMessageRow>(
      `SELECT * FROM chat_messages WHERE to_tsvector('streamlens_search', text) @@ plainto_tsquery('streamlens_search', $1)${where}
       ORDER BY ts DESC, id DESC LIMIT $${params.push(options.limit)}`,
      params,
    );
    return rows.rows.map(toChatMessage);
  }

  async searchTranscript(query: string, options: TranscriptSearchOptions): Promise<TranscriptSegment[]> {
    const terms = toSearchTerms(query);
    if (terms.length === 0) return [];
    const params: unknown[] = [terms.join(' ')];
    let where = '';
    if (options.channelId) where += ` AND channel_id = $${params.push(options.channelId)}`;
    if (options.streamId) where += ` AND stream_id = $${params.push(options.streamId)}`;
    const rows = await this.#read<TranscriptSegmentRow>(
      `SELECT * FROM transcript_segments WHERE to_tsvector('streamlens_search', text) @@ plainto_tsquery('streamlens_search', $1)${where}
       ORDER BY start_ts DESC, id DESC LIMIT $${params.push(options.limit)}`,
      params,
    );
    return rows.rows.map(toTranscriptSegment);
  }

  async sizeBytes(): Promise<number> {
    const row = await this.get<{ n: number }>(
      `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
       JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = current_schema() AND c.relkind = 'r'`,
    );
    return Number(row?.n ?? 0);
  }

  async readCheckpoint(source: string, table: string): Promise<MigrationCheckpoint | undefined> {
    return readMigrationCheckpoint(this.#pool, source, table);
  }

  async copyRows(request: CopyRowsRequest): Promise<number> {
    return this.#transaction((client) => copyTableRows(client, request));
  }

  async close(): Promise<void> {
    this.#folder.stop();
    if (!this.#pool.ended) await this.#folder.foldOwn().catch(() => {});
    await Promise.all([this.#pool, this.#readPool].map((pool) => (pool.ended ? undefined : pool.end())));
  }

  /**
   * A statement of this process that reads the chatter totals (a read, or a named write such as a presence sample's
   * lurker count) sees every write this process made before it; so does a read of `stream_changes`, which folding
   * raises for finished streams.
   */
  async #foldBeforeReading(sql: string): Promise<void> {
    if (this.#folder.pending && /chatter|stream_changes/i.test(sql)) await this.#foldOwn();
  }

  /** Folds this process' deltas; a lost connection is the store's "unavailable" error, which callers retry. */
  async #foldOwn(): Promise<void> {
    await this.#folder.foldOwn().catch((error: unknown) => {
      throw toConnectionError(error, this.location);
    });
  }

  async #runInTransaction(statements: readonly WriteStatement[]): Promise<void> {
    await this.#foldBeforeReading(statements.map((s) => s.sql).join('\n'));
    await this.#transaction(async (client) => {
      for (const s of statements) await client.query(this.#translate(s.sql), [...s.params]);
    });
  }

  async #read<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.#readPool.query<R>(sql, params);
    } catch (error) {
      throw toConnectionError(error, this.location);
    }
  }

  async #transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch((error: unknown) => {
      throw toConnectionError(error, this.location);
    });
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw toConnectionError(error, this.location);
    } finally {
      // A client whose connection broke is discarded, not handed to the next caller.
      client.release(broken);
    }
  }

  #translate(sql: string): string {
    let translated = this.#sqlCache.get(sql);
    if (translated === undefined) {
      translated = toPositionalSql(sql);
      if (this.#sqlCache.size > 1000) this.#sqlCache.clear();
      this.#sqlCache.set(sql, translated);
    }
    return translated;
  }
}

/** What a batch writes (write-batch.ts), and the chatter totals its chat is folded into. */
const bulkLoadedTables = [
  'channels',
  'streams',
  'stream_snapshots',
  'category_snapshots',
  'chat_messages',
  'chat_events',
  'channel_events',
  'transcript_segments',
  'transcript_gaps',
  'chatters',
  'chatter_streams',
];

/** SQLSTATE read_only_sql_transaction: a write inside a READ ONLY transaction. */
const readOnlyTransaction = '25006';

/**
 * Connection failures (unreachable, refused login, connection lost mid-statement) become an UNAVAILABLE error
 * that names the server (without password) and what to check; callers retry those later.
 */
function toConnectionError(error: unknown, location: string): unknown {
  if (error instanceof StreamlensError) return error;
  const code = (error as { code?: string }).code;
  if (isConnectionError(error) || (code && ['3D000', '28P01', '28000'].includes(code)))
    return new StreamlensError(
      'UNAVAILABLE',
      `cannot reach PostgreSQL at ${location}: ${(error as Error).message}`,
      'check STREAMLENS_DATABASE_URL (host, port, database name, user and password) and that the server is running',
      { cause: error },
    );
  return error;
}
