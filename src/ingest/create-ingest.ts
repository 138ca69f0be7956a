// The ingest pipeline: validate → attach stream → de-duplicate within the buffer → batched writes. One write
// runs at a time (or `maxWritesInFlight`); records pushed meanwhile wait for the next batch. A write the
// database refuses is kept (write-spool.ts: in the on-disk journal, else in memory) and retried until it is
// stored; a record the database rejects as bad is dropped with a counted reason, the rest of its batch kept.
// When records pile up in memory anyway, sources are asked to stop reading (backpressure).

import type { Channel, EpochMs, Stream } from '../domain.ts';
import { isStreamlensError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store, WriteBatch, WriteResult } from '../store/store.ts';
import type { Ingest, IngestRecord, IngestStats } from './ingest.ts';
import { StreamIndex, startGraceMs } from './stream-index.ts';
import { findInvalidReason, isTwitchId } from './validate-record.ts';
import { claimWriteJournal, toJournalKey } from './write-journal.ts';
import { createWriteSpool, type SpoolEntry } from './write-spool.ts';

export interface IngestOptions {
  store: Store;
  log: Logger;
  batchSize: number;
  /**
   * 0: write whatever arrived as soon as the event loop is free — group commit, so latency stays at the cost of
   * one write at low rates and batches grow by themselves under load. More: flush on a timer of this period.
   */
  flushIntervalMs: number;
  /** Quick retries (retryDelayMs · 2^n) of a refused write before it is spooled. */
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
  /** Longest wait between attempts while the database refuses writes (default 2 s: one cheap attempt, and it is written soon after the database is back). */
  maxRetryDelayMs?: number;
  /**
   * The directory of the on-disk journal that keeps writes the database refuses (live collection:
   * `<dataDir>/journal`), at most `maxBytes` long (see `claimWriteJournal`). Without one they wait in memory,
   * and a flush resolves only once they are stored.
   */
  journal?: { dir: string; maxBytes: number };
  /**
   * Records waiting in memory above which sources are asked to pause reading (default 50,000); below half of
   * it they may read again. Four times as many, and further records are dropped with a counted reason.
   */
  highWaterRecords?: number;
  /**
   * The same in bytes (estimated from each record's text and fields; default 16 MiB): sources pause when either
   * mark is passed, so a flood of long messages is bounded too, and read again below half of both. Under a flood
   * at the maximum rate the budget is what the main thread's old generation holds: at 32 MiB (with writes of
   * four batches) the flood bench's peak RSS was 30–40 MB higher, its rate ~10 % higher (realistic corpus,
   * alternating runs: 59–63k against 50–56k msg/s).
   */
  highWaterBytes?: number;
  /**
   * Whether records are expected (default true): then the store's writer is started at once. A process that
   * writes nothing through the ingest (`serve`) leaves it to start on demand (SQLite's writer and checkpointer
   * threads are two more V8 heaps).
   */
  expectsRecords?: boolean;
}

/**
 * What a record roughly holds in memory: its object and fields, its strings at two bytes a character, and its
 * share of the raw line. A parsed message's strings are slices of the frame the socket delivered, so the frame
 * (≈400–450 characters a line with Twitch's tags, two bytes each when it holds any non-Latin-1 text) lives as
 * long as one of its messages waits. Measured on the bench corpora (bench/corpus.ts), a waiting message retains
 * 1,490 B (easy) and 1,730 B (realistic) after a full GC; the older estimate (400 B + strings) said 540 and 650,
 * so the byte budget let ~2.7× its size wait.
 */
function estimateBytes(r: IngestRecord): number {
  if (r.kind === 'message') {
    const m = r.message;
    return 1200 + 2 * (m.text.length + m.userLogin.length + m.displayName.length + m.id.length) + 40 * m.emotes.length;
  }
  return 1200;
}

/** Starts a pipeline over the store; streams already in the store are loaded to attach records by time. */
export async function createIngest(options: IngestOptions): Promise<Ingest> {
  const { store, log } = options;
  const streams = new StreamIndex();
  for (const span of await store.listStreamSpans()) streams.add(span);

  // An empty write first: a backend that starts its writer on demand (SQLite's writer thread) is ready before
  // the first records arrive, so they do not queue behind its start-up. Best effort: real writes retry.
  if (options.expectsRecords ?? true)
    await store.write({}).catch((error: Error) => log.warn('the store is not writable yet', { error: error.message }));

  const stats: Omit<IngestStats, 'writes'> = {
    accepted: {},
    stored: {},
    duplicates: 0,
    dropped: {},
    pending: 0,
    retries: 0,
  };
  const listeners = new Set<(records: readonly IngestRecord[]) => void>();
  const pressureListeners = new Set<(paused: boolean) => void>();
  const highWater = options.highWaterRecords ?? 50_000;
  const highWaterBytes = options.highWaterBytes ?? 16 * 2 ** 20;
  let paused = false;
  let buffer: IngestRecord[] = [];
  /** Estimated bytes of `buffer`, and of the records taken from it whose write is not settled. */
  let bufferBytes = 0;
  let unsettledBytes = 0;
  let seen = new Set<string>();
  // Flushes take the buffer in turn (`writing`); their writes run in `inFlight`, at most `maxWritesInFlight`.
  let writing: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  const maxWritesInFlight = options.maxWritesInFlight ?? 1;
  // Under a flood the buffer grows while a write runs; one write takes at most this many of its records, so the
  // copies a write makes (its encoded rows, the message to the writer thread, the writer's) stay small.
  const maxWriteRecords = options.batchSize * maxWriteBatches;
  let stopped = false;
  const retryDelayMs = options.retryDelayMs ?? 200;

  const drop = (reason: string, n = 1) => {
    stats.dropped[reason] = (stats.dropped[reason] ?? 0) + n;
  };

  const spool = await createWriteSpool({
    journal:
      options.journal &&
      (await claimWriteJournal<SpoolEntry>(
        options.journal.dir,
        toJournalKey(store.location),
        options.journal.maxBytes,
        (lines) => drop('write journal: damaged entry', lines),
      )),
    store: storeEntry,
    log,
    retryDelayMs,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 2000,
    onDamaged: (lines) => drop('write journal: damaged entry', lines),
  });

  /** Records taken from the buffer whose write is neither stored nor journaled yet. */
  let unsettled = 0;
  /** Asks sources to pause while too much waits in memory, and lets them read again below half of it. */
  const checkPressure = () => {
    const held = buffer.length + unsettled;
    const heldBytes = bufferBytes + unsettledBytes;
    const next = paused
      ? held > highWater / 2 || heldBytes > highWaterBytes / 2
      : held > highWater || heldBytes > highWaterBytes;
    if (next === paused) return;
    paused = next;
    if (paused)
      log.warn(
        `${held} records (~${Math.round(heldBytes / 2 ** 20)} MiB) wait in memory; pausing the sources until the database catches up`,
      );
    else log.info('sources may read again');
    for (const listener of pressureListeners) listener(paused);
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
    if (buffer.length + unsettled >= highWater * 4) {
      drop(`${record.kind}: ingest overloaded (the database refuses writes)`);
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
    bufferBytes += estimateBytes(record);
    stats.pending = buffer.length;
    if (buffer.length + unsettled > highWater || bufferBytes + unsettledBytes > highWaterBytes) checkPressure();
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

  /** Writes one entry and does what follows from it (counts, live bus, stream-end callback); throws on failure. */
  async function apply(entry: SpoolEntry): Promise<void> {
    if ('records' in entry) {
      const result = await store.write(toBatch(entry.records), { bulkLoad: options.bulkLoad ?? false });
      countStored(entry.records, result);
      for (const listener of listeners) listener(entry.records);
    } else if ('channels' in entry) await store.write({ channels: entry.channels });
    else if ('streams' in entry) await store.write({ streams: entry.streams });
    else {
      await store.endStream(entry.endStream.streamId, entry.endStream.endedAt);
      options.onStreamEnded?.(entry.endStream.streamId);
    }
  }

  /**
   * Writes an entry; a batch the database rejects for its content is retried record by record and only the
   * records it still rejects are dropped. Returns what is left when the database refuses writes altogether.
   */
  async function storeEntry(entry: SpoolEntry): Promise<{ rest: SpoolEntry; error: Error } | undefined> {
    try {
      await apply(entry);
      return undefined;
    } catch (error) {
      if (isUnavailable(error)) return { rest: entry, error: error as Error };
      if (!('records' in entry) || entry.records.length === 1) {
        const kind = 'records' in entry ? entry.records[0]!.kind : Object.keys(entry)[0]!;
        log.warn(`the database rejected a ${kind}; dropping it`, { error: (error as Error).message });
        drop(`${kind}: rejected by the database`);
        return undefined;
      }
      for (const [i, record] of entry.records.entries()) {
        const failed = await storeEntry({ records: [record] });
        if (failed) return { rest: { records: entry.records.slice(i) }, error: failed.error };
      }
      return undefined;
    }
  }

  /** Writes an entry, or hands it to the spool (behind anything waiting there) once the database refuses it. */
  async function writeEntry(entry: SpoolEntry): Promise<void> {
    if (spool.size() > 0) return spool.add(entry);
    for (let attempt = 0; ; attempt++) {
      const failed = await storeEntry(entry);
      if (!failed) return;
      if (attempt >= options.maxRetries || stopped) return spool.add(failed.rest, failed.error);
      stats.retries++;
      log.warn(`write failed, retrying (${attempt + 1}/${options.maxRetries})`, { error: failed.error.message });
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
      entry = failed.rest;
    }
  }

  /**
   * Sends what is buffered, in writes of at most `maxWriteRecords` (each waits for room among the writes in
   * flight and takes what piled up meanwhile too); resolves once they and every earlier write are done.
   */
  function flush(): Promise<void> {
    const sent = writing.then(async () => {
      sizeFlushQueued = false;
      for (let toSend = buffer.length; toSend > 0 && buffer.length > 0; ) {
        while (inFlight.size >= maxWritesInFlight) await Promise.race(inFlight);
        let records = buffer;
        let bytes = bufferBytes;
        if (buffer.length <= maxWriteRecords) {
          buffer = [];
          seen = new Set();
        } else {
          records = buffer.slice(0, maxWriteRecords);
          buffer = buffer.slice(maxWriteRecords);
          bytes = 0;
          for (const r of records) bytes += estimateBytes(r);
          seen = new Set();
          for (const r of buffer) {
            const key = naturalKey(r);
            if (key !== undefined) seen.add(key);
          }
        }
        toSend -= records.length;
        bufferBytes -= bytes;
        stats.pending = buffer.length;
        unsettled += records.length;
        unsettledBytes += bytes;
        // Never rejects: what the database refuses is spooled, what it rejects is dropped with a counted reason.
        const write: Promise<void> = writeEntry({ records }).finally(() => {
          inFlight.delete(write);
          unsettled -= records.length;
          unsettledBytes -= bytes;
          checkPressure();
        });
        inFlight.add(write);
      }
      return [...inFlight];
    });
    writing = sent.then(() => undefined);
    return sent.then((writes) => Promise.all(writes)).then(() => undefined);
  }

  /** Writes an entry of its own after everything buffered, in the same order as batches. */
  async function writeNow(entry: SpoolEntry): Promise<void> {
    await flush();
    const done = writing.then(() => writeEntry(entry));
    writing = done;
    await done;
  }

  return {
    push,
    async upsertChannel(channel: Channel) {
      if (!isTwitchId(channel.id)) {
        drop('channel: bad id');
        return;
      }
      await writeNow({ channels: [channel] });
    },
    async upsertStream(stream: Stream) {
      const isNew = streams.add(stream);
      if (!isNew) {
        await writeNow({ streams: [stream] });
        return;
      }
      // Chat (and events) of the first minute or so arrive before the poller learns of the stream: those still
      // buffered are given it here, those already stored once the stream row is.
      for (const record of buffer) attachStream(record);
      await writeNow({ streams: [stream] });
      const fromTs = stream.startedAt - startGraceMs;
      const toTs = stream.endedAt ?? Number.MAX_SAFE_INTEGER;
      try {
        const attached = await store.attachEarlyRecords(stream, fromTs, toTs);
        if (attached > 0)
          log.info('chat from before the stream was known attached to it', { streamId: stream.id, attached });
      } catch (error) {
        log.warn('could not attach early chat to its stream', { streamId: stream.id, error: (error as Error).message });
      }
    },
    async endStream(streamId: string, endedAt: EpochMs) {
      streams.end(streamId, endedAt);
      await writeNow({ endStream: { streamId, endedAt } });
    },
    flush,
    onStored(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onBackpressure(listener) {
      pressureListeners.add(listener);
      if (paused) listener(true);
      return () => pressureListeners.delete(listener);
    },
    stats: () => ({ ...structuredClone(stats), writes: { ...spool.state(), paused } }),
    async stop() {
      clearInterval(timer);
      stopped = true;
      // What the journal takes is safe at once; a write held in memory (no journal, or a full one) gets a few
      // seconds to reach the database before it is given up, counted.
      const flushed = flush();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([flushed, new Promise((resolve) => (grace = setTimeout(resolve, stopGraceMs)))]);
      clearTimeout(grace);
      const lost = await spool.stop();
      await flushed;
      if (lost > 0) {
        log.error(`${lost} records could not be written or kept before stopping`);
        drop('write failed: the database and the journal refused it until shutdown', lost);
      }
    },
  };
}

/**
 * One write takes at most this many `batchSize`s of the buffered records: with the default sizes about half the
 * byte budget, so the next write's records gather (and sources keep reading) while one is written.
 */
const maxWriteBatches = 2;

/** How long stop() waits for writes held in memory to reach the database. */
const stopGraceMs = 5000;

/** Whether a write failed because the database cannot take writes now (worth keeping and retrying). */
function isUnavailable(error: unknown): boolean {
  return isStreamlensError(error) && error.code === 'UNAVAILABLE';
}
