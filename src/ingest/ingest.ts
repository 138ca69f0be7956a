// The contract between collectors and storage: collectors push typed records, the ingest pipeline runs its
// named steps (validate, attach stream, dedupe), buffers and writes batches to the Store.

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

/** One record for the pipeline. */
export type IngestRecord =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'event'; event: ChatEvent }
  | { kind: 'channelEvent'; event: ChannelEvent }
  | { kind: 'snapshot'; snapshot: StreamSnapshot }
  | { kind: 'transcript'; segment: TranscriptSegment }
  | { kind: 'transcriptGap'; gap: TranscriptGap }
  | { kind: 'categorySnapshot'; snapshot: CategorySnapshot };

export interface IngestStats {
  /** Records accepted into the buffer, by kind. */
  accepted: Record<string, number>;
  /** Records newly stored (not duplicates), by kind. */
  stored: Record<string, number>;
  /** Records already stored before (same natural id). */
  duplicates: number;
  /** Records dropped by a step, by reason (e.g. `message: empty text`). */
  dropped: Record<string, number>;
  /** Records waiting in the buffer. */
  pending: number;
  /** Batches that failed and were retried. */
  retries: number;
  /** Whether the database takes writes, and what waits for it. */
  writes: WriteState;
}

/** The write state of an ingest whose database takes every write. */
export const idleWrites: WriteState = {
  failing: false,
  failingSince: null,
  lastError: null,
  waiting: 0,
  journalBytes: 0,
  paused: false,
};

export interface WriteState {
  /** The database refused the last attempt: records wait (in the journal, else in memory) until it takes them. */
  failing: boolean;
  failingSince: EpochMs | null;
  /** The database's last refusal while failing. */
  lastError: string | null;
  /** Records waiting to be written. */
  waiting: number;
  /** Size of the on-disk write journal. */
  journalBytes: number;
  /** Sources were asked to stop reading until memory drains. */
  paused: boolean;
}

/** What collectors write to. */
export interface Ingest {
  /** Queues a record; never throws for a bad record (it is dropped and counted). */
  push(record: IngestRecord): void;
  /** Writes a channel right away (collectors call it when they learn a channel's id). */
  upsertChannel(channel: Channel): Promise<void>;
  /**
   * Writes a stream right away (opened, or its title/category changed). While a stream with `endedAt: null`
   * is known for a channel, chat and events pushed without a stream id are attached to it.
   */
  upsertStream(stream: Stream): Promise<void>;
  /**
   * Ends a stream (sets `ended_at` if unset) after flushing what was pushed before. Like the other writes,
   * resolves once stored or kept for later; never rejects because the database refuses writes.
   */
  endStream(streamId: string, endedAt: EpochMs): Promise<void>;
  /** Writes everything buffered so far. */
  flush(): Promise<void>;
  /** Registers a listener for records once stored (the live bus the web UI subscribes to). */
  onStored(listener: (records: readonly IngestRecord[]) => void): () => void;
  /**
   * Registers a source that can stop reading: told `true` when too many records wait in memory (the database
   * and the journal both refuse them), `false` when it may read again. Told `true` at once if already so.
   */
  onBackpressure(listener: (paused: boolean) => void): () => void;
  stats(): IngestStats;
  /** Flushes and stops the timer; pushes after this are dropped and counted. */
  stop(): Promise<void>;
}
