// The ingest pipeline: validate → attach stream → de-duplicate within the buffer → batched, retried writes.
// One write runs at a time; records pushed meanwhile wait for the next batch.

import type { Channel, EpochMs, Stream } from '../domain.ts';
import type { Logger } from '../log.ts';
import type { Store, WriteBatch, WriteResult } from '../store/store.ts';
import type { Ingest, IngestRecord, IngestStats } from './ingest.ts';
import { StreamIndex } from './stream-index.ts';
import { findInvalidReason } from './validate-record.ts';

export interface IngestOptions {
  store: Store;
  log: Logger;
  batchSize: number;
  /**
   * 0: write whatever arrived as soon as the event loop is free — group commit, so latency stays at the cost of
   * one write at low rates and batches grow by themselves under load. More: flush on a timer of this period.
   */
  flushIntervalMs: number;
  maxRetries: number;
  /**
   * Writes sent to the store before the oldest has finished (default 1). One keeps live batches growing under
   * load (group commit); a bulk load sends its next batch while one is being written, so the store never waits.
   */
  maxWritesInFlight?: number;
  /** A bulk load (see `WriteOptions.bulkLoad`): the caller ends it with `store.catchUp()`. */
  bulkLoad?: boolean;
  /** Called after a stream's end was written (e.g. to generate its report). */
  onStreamEnded?: (streamId: string) => void;
  /** Base delay of the retry backoff (tests shorten it). */
  retryDelayMs?: number;
}

/** Starts a pipeline over the store; streams already in the store are loaded to attach records by time. */
export async function createIngest(options: IngestOptions): Promise<Ingest> {
  const { store, log } = options;
  const streams = new StreamIndex();
  for (const span of await store.listStreamSpans()) streams.add(span);

  // An empty write first: a backend that starts its writer on demand (SQLite's writer thread) is ready before
  // the first records arrive, so they do not queue behind its start-up. Best effort: real writes retry.
  await store.write({}).catch((error: Error) => log.warn('the store is not writable yet', { error: error.message }));

  const stats: IngestStats = { accepted: {}, stored: {}, duplicates: 0, dropped: {}, pending: 0, retries: 0 };
  const listeners = new Set<(records: readonly IngestRecord[]) => void>();
  let buffer: IngestRecord[] = [];
  let seen = new Set<string>();
  // Flushes take the buffer in turn (`writing`); their writes run in `inFlight`, at most `maxWritesInFlight`.
  let writing: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  const maxWritesInFlight = options.maxWritesInFlight ?? 1;
  let stopped = false;
  const retryDelayMs = options.retryDelayMs ?? 200;

  const drop = (reason: string) => {
    stats.dropped[reason] = (stats.dropped[reason] ?? 0) + 1;
  };

  const timer =
    options.flushIntervalMs > 0
      ? setInterval(() => {
          if (buffer.length > 0) void flush();
        }, options.flushIntervalMs)
      : undefined;
  timer?.unref();
  let flushScheduled = false;
  let sizeFlushQueued = false;
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      void flush();
    });
  };

  function naturalKey(r: IngestRecord): string | undefined {
    switch (r.kind) {
      case 'message':
        return `m:${r.message.id}`;
      case 'event':
        return `e:${r.event.id}`;
      case 'channelEvent':
        return `c:${r.event.id}`;
      case 'snapshot':
        return `s:${r.snapshot.streamId}:${r.snapshot.ts}`;
      case 'transcript':
        return `t:${r.segment.id}`;
      default:
        return undefined;
    }
  }

  function attachStream(r: IngestRecord): void {
    if (r.kind === 'message' && r.message.streamId === null)
      r.message.streamId = streams.find(r.message.channelId, r.message.ts);
    else if ((r.kind === 'event' || r.kind === 'channelEvent') && r.event.streamId === null)
      r.event.streamId = streams.find(r.event.channelId, r.event.ts);
    else if (r.kind === 'transcript' && r.segment.streamId === null)
      r.segment.streamId = streams.find(r.segment.channelId, r.segment.startTs);
  }

  function push(record: IngestRecord): void {
    if (stopped) {
      drop('ingest stopped');
      return;
    }
    const invalid = findInvalidReason(record);
    if (invalid) {
      drop(invalid);
      return;
    }
    const key = naturalKey(record);
    if (key !== undefined) {
      if (seen.has(key)) {
        stats.duplicates++;
        return;
      }
      seen.add(key);
    }
    attachStream(record);
    stats.accepted[record.kind] = (stats.accepted[record.kind] ?? 0) + 1;
    buffer.push(record);
    stats.pending = buffer.length;
    if (buffer.length >= options.batchSize) {
      // One queued size flush takes everything pushed until it runs; more would only chain empty flushes.
      if (!sizeFlushQueued) {
        sizeFlushQueued = true;
        void flush();
      }
    } else if (!timer) scheduleFlush();
  }

  function toBatch(records: IngestRecord[]): WriteBatch {
    const b: Required<WriteBatch> = {
      channels: [],
      streams: [],
      snapshots: [],
      chatMessages: [],
      chatEvents: [],
      channelEvents: [],
      transcriptSegments: [],
      transcriptGaps: [],
      categorySnapshots: [],
    };
    for (const r of records) {
      if (r.kind === 'message') b.chatMessages.push(r.message);
      else if (r.kind === 'event') b.chatEvents.push(r.event);
      else if (r.kind === 'channelEvent') b.channelEvents.push(r.event);
      else if (r.kind === 'snapshot') b.snapshots.push(r.snapshot);
      else if (r.kind === 'transcript') b.transcriptSegments.push(r.segment);
      else if (r.kind === 'transcriptGap') b.transcriptGaps.push(r.gap);
      else b.categorySnapshots.push(r.snapshot);
    }
    return b;
  }

  function countStored(records: IngestRecord[], result: WriteResult): void {
    const written: Record<string, number> = {
      message: result.chatMessages,
      event: result.chatEvents,
      channelEvent: result.channelEvents,
      snapshot: result.snapshots,
      transcript: result.transcriptSegments,
    };
    const offered: Record<string, number> = {};
    for (const r of records) offered[r.kind] = (offered[r.kind] ?? 0) + 1;
    for (const [kind, n] of Object.entries(offered)) {
      const stored = written[kind] ?? n;
      stats.stored[kind] = (stats.stored[kind] ?? 0) + stored;
      stats.duplicates += n - stored;
    }
  }

  async function writeWithRetry(records: IngestRecord[]): Promise<void> {
    const batch = toBatch(records);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await store.write(batch, { bulkLoad: options.bulkLoad ?? false });
        countStored(records, result);
        for (const listener of listeners) listener(records);
        return;
      } catch (error) {
        if (attempt >= options.maxRetries) {
          log.error(`dropping a batch of ${records.length} records after ${attempt + 1} failed writes`, {
            error: (error as Error).message,
          });
          for (const r of records) drop(`${r.kind}: write failed`);
          return;
        }
        stats.retries++;
        log.warn(`write failed, retrying (${attempt + 1}/${options.maxRetries})`, { error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
      }
    }
  }

  /** Sends what is buffered; resolves once it and every earlier write are done. */
  function flush(): Promise<void> {
    const sent = writing.then(async () => {
      sizeFlushQueued = false;
      if (buffer.length > 0) {
        while (inFlight.size >= maxWritesInFlight) await Promise.race(inFlight);
        const records = buffer;
        buffer = [];
        seen = new Set();
        stats.pending = 0;
        // Never rejects: a batch that keeps failing is dropped with a counted reason.
        const write: Promise<void> = writeWithRetry(records).finally(() => inFlight.delete(write));
        inFlight.add(write);
      }
      return [...inFlight];
    });
    writing = sent.then(() => undefined);
    return sent.then((writes) => Promise.all(writes)).then(() => undefined);
  }

  /**
   * Runs a write of its own after everything buffered; its failure reaches the caller, and later flushes still
   * run (the chain carries on past it).
   */
  async function writeNow(write: () => Promise<unknown>): Promise<void> {
    await flush();
    const done = writing.then(write);
    writing = done.then(
      () => undefined,
      () => undefined,
    );
    await done;
  }

  return {
    push,
    async upsertChannel(channel: Channel) {
      await writeNow(() => store.write({ channels: [channel] }));
    },
    async upsertStream(stream: Stream) {
      streams.add(stream);
      await writeNow(() => store.write({ streams: [stream] }));
    },
    async endStream(streamId: string, endedAt: EpochMs) {
      streams.end(streamId, endedAt);
      await writeNow(() => store.endStream(streamId, endedAt));
      options.onStreamEnded?.(streamId);
    },
    flush,
    onStored(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => structuredClone(stats),
    async stop() {
      clearInterval(timer);
      await flush();
      stopped = true;
    },
  };
}
