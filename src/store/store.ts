// The Store contract: the one narrow door to the database. Backends live in sqlite/ and postgres/; callers
// never see a driver. SQL passed to `all`/`get` is portable: `?` placeholders, standard SQL that both SQLite
// and PostgreSQL run (integer epoch-ms timestamps, 0/1 booleans, no JSON operators).

import type {
  CategorySnapshot,
  Channel,
  ChannelEvent,
  ChatEvent,
  ChatMessage,
  EpochMs,
  Stream,
  StreamSnapshot,
  TranscriptGap,
  TranscriptSegment,
} from '../domain.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Records written together in one transaction. Every list is optional. */
export interface WriteBatch {
  channels?: Channel[];
  streams?: Stream[];
  snapshots?: StreamSnapshot[];
  chatMessages?: ChatMessage[];
  chatEvents?: ChatEvent[];
  channelEvents?: ChannelEvent[];
  transcriptSegments?: TranscriptSegment[];
  transcriptGaps?: TranscriptGap[];
  categorySnapshots?: CategorySnapshot[];
}

/** How many records of a batch were new; the rest were already stored (same natural id). */
export interface WriteResult {
  chatMessages: number;
  chatEvents: number;
  channelEvents: number;
  snapshots: number;
  transcriptSegments: number;
}

export interface WriteOptions {
  /**
   * A bulk load (imports): what follows from new chat messages may wait for an explicit `catchUp` at the end,
   * where one pass is the fastest — the full-text index, and on SQLite the per-chatter aggregates (kept exact
   * after a crash: an abandoned load's channels are recounted when the store next opens). Without it the index
   * follows by itself, inside the transaction (PostgreSQL) or within moments when the writer is idle (SQLite).
   * Searches see every stored message either way: they catch up first.
   */
  bulkLoad?: boolean;
}

/** What a read-only query's rows may take in memory unless the caller says otherwise (16 MiB). */
export const defaultReadOnlyMaxBytes = 16 * 1024 * 1024;
/** A read-only query's single result row may not be larger (1 MiB): the query fails instead. */
export const maxReadOnlyRowBytes = 1024 * 1024;

export interface ReadOnlyQueryOptions {
  /** Rows returned at most; the result says when more existed. */
  rowLimit: number;
  /** The query is interrupted after this long. */
  timeoutMs: number;
  /** Bytes of result rows at most (default `defaultReadOnlyMaxBytes`); fetching stops there, as at rowLimit. */
  maxBytes?: number;
}

export interface ReadOnlyQueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** More rows existed than were returned. */
  truncated: boolean;
  /** Rows stopped at `maxBytes` rather than at `rowLimit`. */
  byteLimitReached?: boolean;
}

export interface ChatSearchOptions {
  channelId?: string;
  streamId?: string;
  userLogin?: string;
  limit: number;
}

export interface TranscriptSearchOptions {
  channelId?: string;
  streamId?: string;
  limit: number;
}

export interface Store {
  readonly dialect: Dialect;
  /** Where the data lives, for messages (a file path or a URL without its password). */
  readonly location: string;

  /** Brings the schema up to date; safe to call on every start. */
  migrate(): Promise<void>;

  /**
   * Writes a batch in one transaction. Streams and channels are upserted (a later write updates title,
   * category, end time); everything else is inserted once per natural id, so a replay stores nothing new.
   * A `delete` chat event also sets `deleted_at` on the message it names.
   */
  write(batch: WriteBatch, options?: WriteOptions): Promise<WriteResult>;

  /**
   * Completes what writes left for later (full-text entries; a bulk load's chatter aggregates); returns how many
   * messages it indexed.
   */
  catchUp(onProgress?: (done: number, total: number) => void): Promise<number>;

  /** Sets a stream's end time (only if it has none yet). */
  endStream(streamId: string, endedAt: EpochMs): Promise<void>;

  /** Portable SQL, `?` placeholders; rows as plain objects with numbers for integers. */
  all<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T extends object>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;

  /**
   * Runs user- or agent-written SQL on a read-only connection: refuses anything but a single read
   * statement, stops after `timeoutMs`, returns at most `rowLimit` rows and `maxBytes` of them, and fails a
   * query with a row over `maxReadOnlyRowBytes` or (SQLite, whose child process is watched) one whose memory
   * grows beyond a fixed cap.
   */
  queryReadOnly(sql: string, options: ReadOnlyQueryOptions): Promise<ReadOnlyQueryResult>;

  /** Full-text search over chat text, newest first. */
  searchChat(query: string, options: ChatSearchOptions): Promise<ChatMessage[]>;
  /** Full-text search over transcript segments, newest first. */
  searchTranscript(query: string, options: TranscriptSearchOptions): Promise<TranscriptSegment[]>;

  /** Bytes used by the database (file size or relation sizes), for reports and benchmarks. */
  sizeBytes(): Promise<number>;

  close(): Promise<void>;
}
