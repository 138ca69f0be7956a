// The Store contract: the one narrow door to the database. Backends live in sqlite/ and postgres/; callers
// never see a driver. SQL passed to `all`/`get` is portable: `?` placeholders, standard SQL that both SQLite
// and PostgreSQL run (integer epoch-ms timestamps, 0/1 booleans, no JSON operators), and it only reads: every
// write is a method named for what it writes.

import type {
  CategorySnapshot,
  Channel,
  ChannelEvent,
  ChatEvent,
  ChatMessage,
  ChatPresenceSample,
  Clip,
  EpochMs,
  Stream,
  StreamSnapshot,
  ThirdPartyEmote,
  TranscriptGap,
  TranscriptSegment,
} from '../domain.ts';
import type { Logger } from '../log.ts';

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

/** A finished stream's chat in one minute since its start, as kept in `chat_minutes`. */
export interface ChatMinuteTotals {
  /** Minute index since the stream start (0-based). */
  minute: number;
  ts: EpochMs;
  messages: number;
  chatters: number;
  emotes: number;
  bits: number;
}

/** A generated stream report as kept in `stream_reports`: the report itself as JSON text. */
export interface StreamReportRecord {
  streamId: string;
  channelId: string;
  generatedAt: EpochMs;
  json: string;
}

/**
 * What whole-history questions need of one finished stream, as analytics built it (JSON text), with the
 * fingerprint of the records it was built from (kept in `history_rollups`).
 */
export interface HistoryRollupRecord {
  streamId: string;
  channelId: string;
  fingerprint: string;
  builtAt: EpochMs;
  json: string;
}

/**
 * One part of a finished stream's rollup (`figures`, `highlights`, `community`, `questions`, `report`): analytics'
 * JSON of it and the fingerprint of the records it was built from.
 */
export interface StreamRollupRecord {
  streamId: string;
  channelId: string;
  part: string;
  fingerprint: string;
  builtAt: EpochMs;
  json: string;
}

/** A stream's time span, for attaching records to the stream live at their time. */
export interface StreamSpan {
  id: string;
  channelId: string;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
}

/** A stream without an end time, with its newest viewer snapshot (null when it has none). */
export interface OpenStreamRecord {
  id: string;
  channelId: string;
  lastSnapshotTs: EpochMs | null;
}

export type ConversationRole = 'user' | 'assistant' | 'tool';

/** One stored message of an agent conversation. */
export interface ConversationMessageRecord {
  id: string;
  role: ConversationRole;
  content: string;
  toolName: string | null;
  toolCallId: string | null;
  createdAt: EpochMs;
}

export interface ConversationSummaryRecord {
  id: string;
  title: string;
  updatedAt: EpochMs;
}

/** The agent's conversations (`agent_conversations`, `agent_messages`). */
export interface ConversationRecords {
  /** Stores a new, empty conversation. */
  create(conversation: { id: string; title: string; createdAt: EpochMs }): Promise<void>;
  /** Appends a message after the conversation's last one and moves its `updatedAt` to the message's time. */
  appendMessage(conversationId: string, message: ConversationMessageRecord): Promise<void>;
  /** Conversations, most recently updated first. */
  list(limit: number): Promise<ConversationSummaryRecord[]>;
  /** A conversation's messages in order; undefined when there is no such conversation. */
  findMessages(conversationId: string): Promise<ConversationMessageRecord[] | undefined>;
}

/** Where a queued notification stands: waiting (and retried), delivered, or given up with its reason. */
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** A notification to queue: its body already rendered for its target's kind. */
export interface NewNotificationRecord {
  /** Deterministic (event, subject, target): queuing it again changes nothing. */
  id: string;
  /** A hash of the target's URL, never the URL (it holds a token). */
  targetId: string;
  targetKind: string;
  event: string;
  channelId: string | null;
  body: string;
  createdAt: EpochMs;
}

/** One row of `notification_outbox`. */
export interface NotificationRecord extends NewNotificationRecord {
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: EpochMs;
  sentAt: EpochMs | null;
  lastError: string | null;
}

/** A target that refused for good, kept until its URL (and so its id) changes. */
export interface BlockedTargetRecord {
  targetId: string;
  status: number;
  reason: string;
  blockedAt: EpochMs;
}

/** The notification outbox (`notification_outbox`, `notification_blocked_targets`). */
export interface NotificationRecords {
  /** Queues notifications as pending and due now; one already queued (same id) stays as it is. */
  enqueue(records: readonly NewNotificationRecord[]): Promise<void>;
  /**
   * Claims up to `limit` pending notifications of these targets due by `now`, for `leaseMs` (no other process
   * takes them meanwhile), oldest due first; returns them.
   */
  claimDue(options: {
    claimant: string;
    now: EpochMs;
    leaseMs: number;
    limit: number;
    targetIds: readonly string[];
  }): Promise<NotificationRecord[]>;
  markSent(id: string, sentAt: EpochMs): Promise<void>;
  /** Leaves it pending, due again at `nextAttemptAt`, and releases the claim. */
  retryLater(id: string, retry: { attempts: number; nextAttemptAt: EpochMs; lastError: string | null }): Promise<void>;
  /** Gives it up with the reason (not retried). */
  markFailed(id: string, failure: { attempts: number; reason: string }): Promise<void>;
  blockTarget(target: BlockedTargetRecord): Promise<void>;
  listBlockedTargets(): Promise<BlockedTargetRecord[]>;
  /** Counts per target, event and status. */
  countByTarget(): Promise<{ targetId: string; event: string; status: NotificationStatus; count: number }[]>;
  /** The newest notifications, newest first. */
  listRecent(limit: number): Promise<NotificationRecord[]>;
}

/** The kept third-party emote sets (`emotes`). */
export interface EmoteRecords {
  /**
   * Keeps emotes as just fetched: new ones are added, known ones (same provider, channel and emote id) take the
   * new name and time. Emotes a set no longer lists stay, so earlier chat that used them still counts them.
   */
  upsert(emotes: readonly ThirdPartyEmote[]): Promise<void>;
}

/** A clip streamlens asked Twitch to create, noted before Get Clips lists it. */
export interface ClipRequestRecord {
  id: string;
  channelId: string;
  streamId: string | null;
  /** The moment of the stream the clip was made for (a highlight, or now when clipped live). */
  momentTs: EpochMs;
  editUrl: string;
  requestedAt: EpochMs;
}

/** The stored clips (`clips`). */
export interface ClipRecords {
  /** Stores clips as Get Clips listed them at `seenAt` (a known id updates its views, title and stream). */
  upsert(clips: readonly Clip[], seenAt: EpochMs): Promise<void>;
  /** Notes a clip streamlens created, with its moment and edit URL (kept when Get Clips lists it later). */
  recordRequested(request: ClipRequestRecord): Promise<void>;
}

/** Who was in chat while live (`chat_presence_samples`, `chat_presence`). */
export interface PresenceRecords {
  /** Writes one sample: each user's presence and watch time, and the sample's present and lurker counts. */
  writeSample(sample: ChatPresenceSample): Promise<void>;
}

export interface ChannelLeaseOptions {
  /** Unique per process, e.g. `${hostname}:${pid}`. */
  workerId: string;
  /** Channel logins or ids every worker was configured with. */
  channels: readonly string[];
  /** How long a lease lives without renewal; a dead worker's channels move after this long. */
  ttlMs?: number;
  /** Start collecting a channel (called after the lease is ours). */
  onAcquire(channel: string): void | Promise<void>;
  /** Stop collecting a channel (called before the lease is given up, or once it may have lapsed). */
  onRelease(channel: string): void | Promise<void>;
  log: Logger;
}

export interface ChannelLeases {
  /** Stops renewing; by default gives the leases back so others take them at once. */
  stop(options?: { release?: boolean }): Promise<void>;
  /** Channels this worker holds a valid lease for right now, sorted. */
  owned(): string[];
}

/** A backend several collector processes can share: it splits the channels among them by leases. */
export interface ChannelLeaseProvider {
  /** Starts taking, renewing and giving back leases; the first round runs at once. */
  startChannelLeases(options: ChannelLeaseOptions): ChannelLeases;
}

export interface Store {
  readonly dialect: Dialect;
  /** Where the data lives, for messages (a file path or a URL without its password). */
  readonly location: string;

  /** Brings the schema up to date; safe to call on every start. */
  migrate(): Promise<void>;
  /** The version of the newest migration applied (call after `migrate()`). */
  schemaVersion(): Promise<number>;

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

  /**
   * Portable read-only SQL, `?` placeholders; rows as plain objects with numbers for integers. A statement that
   * would write is refused (READ_ONLY_VIOLATION): writes go through the named methods.
   */
  all<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T extends object>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;

  /** Every stream's span (for the ingest's stream index). */
  listStreamSpans(): Promise<StreamSpan[]>;
  /** Streams still without an end time, with their newest snapshot (for closing them at start-up). */
  listOpenStreams(): Promise<OpenStreamRecord[]>;

  /**
   * Gives a stream the records stored without one in `[fromTs, toTs]` on its channel (chat, chat events, channel
   * events, transcript segments; chat adds to the chatter totals of the stream): what arrived before the
   * stream's start was known. Returns how many chat messages it attached.
   */
  attachEarlyRecords(stream: { id: string; channelId: string }, fromTs: EpochMs, toTs: EpochMs): Promise<number>;
  /** Replaces the stored per-minute chat rollup of a finished stream. */
  replaceChatMinutes(stream: { id: string; channelId: string }, minutes: readonly ChatMinuteTotals[]): Promise<void>;
  /** Keeps a stream's report, replacing an earlier one. */
  writeStreamReport(report: StreamReportRecord): Promise<void>;
  /** Keeps finished streams' history rollups in one transaction, each replacing the stream's earlier one. */
  writeHistoryRollups(rollups: readonly HistoryRollupRecord[]): Promise<void>;
  /** Keeps parts of streams' rollups in one transaction, each replacing the stream's earlier part of that name. */
  writeStreamRollups(parts: readonly StreamRollupRecord[]): Promise<void>;
  /** The agent's conversations and their messages. */
  readonly conversations: ConversationRecords;
  /** The notification outbox. */
  readonly notifications: NotificationRecords;
  /** The third-party emote sets (7TV, BetterTTV, FrankerFaceZ) kept for offline use. */
  readonly emotes: EmoteRecords;
  /** Clips of the tracked channels. */
  readonly clips: ClipRecords;
  /** Chat presence samples (who was in chat while live). */
  readonly presence: PresenceRecords;
  /** Present when the backend can share channels among collector processes (PostgreSQL). */
  readonly channelLeases?: ChannelLeaseProvider;

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
