// Test support: an Ingest that records what collectors pushed, so tests assert on the records themselves.

import type { Channel, EpochMs, Stream } from '../../domain.ts';
import { type Ingest, type IngestRecord, type IngestStats, idleWrites } from '../../ingest/ingest.ts';

export interface RecordingIngest extends Ingest {
  records: IngestRecord[];
  channels: Channel[];
  streams: Stream[];
  ended: { streamId: string; endedAt: EpochMs }[];
  /** Resolves once `predicate` holds for the records (checked on every push). */
  waitFor(predicate: (ingest: RecordingIngest) => boolean): Promise<void>;
}

/** Creates an Ingest double that keeps every call in arrays. */
export function createRecordingIngest(): RecordingIngest {
  const waiters: { predicate: (i: RecordingIngest) => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.predicate(ingest)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const stats: IngestStats = {
    accepted: {},
    stored: {},
    duplicates: 0,
    dropped: {},
    pending: 0,
    retries: 0,
    writes: idleWrites,
  };
  const ingest: RecordingIngest = {
    records: [],
    channels: [],
    streams: [],
    ended: [],
    push(record) {
      ingest.records.push(record);
      if (waiters.length > 0) check();
    },
    async upsertChannel(channel) {
      ingest.channels.push(channel);
      check();
    },
    async upsertStream(stream) {
      ingest.streams.push(stream);
      check();
    },
    async endStream(streamId, endedAt) {
      ingest.ended.push({ streamId, endedAt });
      check();
    },
    async flush() {},
    onStored: () => () => {},
    onBackpressure: () => () => {},
    stats: () => stats,
    async stop() {},
    waitFor(predicate) {
      if (predicate(ingest)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
  return ingest;
}
