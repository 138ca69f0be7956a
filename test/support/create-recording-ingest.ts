// An Ingest that records what collectors pushed, so tests assert on the records themselves.

import type { Channel, EpochMs, Stream } from '../../src/domain.ts';
import { type Ingest, type IngestRecord, type IngestStats, idleWrites } from '../../src/ingest/ingest.ts';
import { type WaitForOptions, waitFor } from './wait-for.ts';

export interface RecordingIngest extends Ingest {
  records: IngestRecord[];
  channels: Channel[];
  streams: Stream[];
  ended: { streamId: string; endedAt: EpochMs }[];
  /** Resolves once `predicate` holds for what was recorded; fails at the deadline saying `options.what`. */
  waitFor(predicate: (ingest: RecordingIngest) => boolean, options: WaitForOptions): Promise<void>;
}

/** Creates an Ingest double that keeps every call in arrays. */
export function createRecordingIngest(): RecordingIngest {
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
    },
    async upsertChannel(channel) {
      ingest.channels.push(channel);
    },
    async upsertStream(stream) {
      ingest.streams.push(stream);
    },
    async endStream(streamId, endedAt) {
      ingest.ended.push({ streamId, endedAt });
    },
    async flush() {},
    onStored: () => () => {},
    onBackpressure: () => () => {},
    stats: () => stats,
    async stop() {},
    async waitFor(predicate, options) {
      await waitFor(() => predicate(ingest), { ...options, detail: options.detail ?? (() => summarize(ingest)) });
    },
  };
  return ingest;
}

/** Counts of what was recorded, for a timeout message. */
function summarize(ingest: RecordingIngest): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const record of ingest.records) byKind[record.kind] = (byKind[record.kind] ?? 0) + 1;
  return { ...byKind, channels: ingest.channels.length, streams: ingest.streams.length, ended: ingest.ended.length };
}
