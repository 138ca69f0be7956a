// A finished stream's rollup, read when its fingerprint still matches the stream's records and built again (all
// parts at once, then kept) when it does not: a stream with none yet (a database from before rollups), or late
// records (an import into an old stream). Live streams have none: their answers are computed each time.

import type { Store, StreamRollupRecord } from '../../store/store.ts';
import { findStreamRow, type StreamRow, streamColumns, streamFrom } from '../stream/load-stream.ts';
import { getStreamFigures } from '../summary/stream-figures.ts';
import { defaultMinConfidence } from '../timeline/load-transcript.ts';
import {
  computeStreamRollup,
  type StreamRollup,
  type StreamRollupPart,
  streamRollupParts,
} from './compute-stream-rollup.ts';
import { loadSectionsFingerprint, loadStreamFingerprints } from './stream-fingerprint.ts';

export interface StreamRollupOptions {
  /** Transcript lines below it are not quoted (default the product's); kept apart per value. */
  minConfidence?: number;
}

/** Builds running in this process, by store and stream + fingerprint: concurrent readers share one. */
const building = new WeakMap<Store, Map<string, Promise<StreamRollup | null>>>();

/** One part of a finished stream's rollup; null for a live or unknown stream. */
export async function getStreamRollupPart<P extends StreamRollupPart>(
  store: Store,
  streamId: string,
  part: P,
  options: StreamRollupOptions = {},
): Promise<StreamRollup[P] | null> {
  const row = await findStreamRow(store, streamId);
  if (!row || row.ended_at === null) return null;
  const minConfidence = options.minConfidence ?? defaultMinConfidence;
  const fingerprint = await loadSectionsFingerprint(store, row);
  if (fingerprint === undefined) return null;
  const [kept] = await readRollupParts(store, row.id, fingerprint, [part], minConfidence);
  if (kept) return kept[1] as StreamRollup[P];
  return (await buildStreamRollup(store, row, fingerprint, minConfidence))?.[part] ?? null;
}

/**
 * One part of a finished stream's rollup when it is kept and current, never building it: for answers on the
 * serving thread, which compute theirs alone when it is not (building reads the stream's whole chat). Null for
 * a live or unknown stream, or one whose part is missing or stale.
 */
export async function findKeptRollupPart<P extends StreamRollupPart>(
  store: Store,
  streamId: string,
  part: P,
): Promise<StreamRollup[P] | null> {
  const row = await findStreamRow(store, streamId);
  if (!row || row.ended_at === null) return null;
  const fingerprint = await loadSectionsFingerprint(store, row);
  if (fingerprint === undefined) return null;
  const [kept] = await readRollupParts(store, row.id, fingerprint, [part], defaultMinConfidence);
  return kept ? (kept[1] as StreamRollup[P]) : null;
}

/** Every part of a finished stream's rollup; null for a live or unknown stream. */
export async function getStreamRollup(
  store: Store,
  streamId: string,
  options: StreamRollupOptions = {},
): Promise<StreamRollup | null> {
  const row = await findStreamRow(store, streamId);
  if (!row || row.ended_at === null) return null;
  const minConfidence = options.minConfidence ?? defaultMinConfidence;
  const fingerprint = await loadSectionsFingerprint(store, row);
  if (fingerprint === undefined) return null;
  const kept = await readRollupParts(store, row.id, fingerprint, streamRollupParts, minConfidence);
  if (kept.length === streamRollupParts.length) return Object.fromEntries(kept) as unknown as StreamRollup;
  return buildStreamRollup(store, row, fingerprint, minConfidence);
}

/**
 * Builds and keeps the rollup (and the figures) of each finished stream among `streamIds` whose kept one is
 * missing or stale — at a stream's end, after an import, at start-up for a database from before; returns how
 * many it built. Checking streams that are up to date reads counts in bulk (`findStaleStreamRollups`), never
 * their chat.
 */
export async function refreshStreamRollups(
  store: Store,
  streamIds: readonly string[],
  options: StreamRollupOptions & { onProgress?: (done: number, built: number) => void } = {},
): Promise<number> {
  const minConfidence = options.minConfidence ?? defaultMinConfidence;
  const stale = new Set(await findStaleStreamRollups(store, streamIds, { minConfidence }));
  let built = 0;
  let done = 0;
  for (const id of streamIds) {
    const row = stale.has(id) ? await findStreamRow(store, id) : undefined;
    const fingerprint = row ? await loadSectionsFingerprint(store, row) : undefined;
    if (row && fingerprint !== undefined) {
      await getStreamFigures(store, [row]);
      const kept = await countKeptParts(store, row.id, fingerprint, minConfidence);
      if (kept < streamRollupParts.length && (await buildStreamRollup(store, row, fingerprint, minConfidence))) built++;
    }
    options.onProgress?.(++done, built);
  }
  return built;
}

/** Streams checked per statement (bound parameters stay far below either backend's limit). */
const maxStreamsPerCheck = 500;

/**
 * The finished streams among `streamIds` whose figures or rollup parts are missing or stale, in their order: a
 * few statements per channel whatever the number of streams (a check of 500 streams one at a time was ~10
 * statements each, 1.7 s of a worker at every start of the web server on PostgreSQL).
 */
export async function findStaleStreamRollups(
  store: Store,
  streamIds: readonly string[],
  options: StreamRollupOptions = {},
): Promise<string[]> {
  if (streamIds.length > maxStreamsPerCheck) {
    const stale: string[] = [];
    for (let i = 0; i < streamIds.length; i += maxStreamsPerCheck)
      stale.push(...(await findStaleStreamRollups(store, streamIds.slice(i, i + maxStreamsPerCheck), options)));
    return stale;
  }
  if (streamIds.length === 0) return [];
  const minConfidence = options.minConfidence ?? defaultMinConfidence;
  const marks = streamIds.map(() => '?').join(', ');
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.id IN (${marks}) AND s.ended_at IS NOT NULL`,
    streamIds,
  );
  const kept = await store.all<{ stream_id: string; part: string; fingerprint: string }>(
    `SELECT stream_id, part, fingerprint FROM stream_rollups WHERE stream_id IN (${marks})`,
    streamIds,
  );
  const keptParts = new Map<string, Map<string, string>>();
  for (const k of kept) {
    const parts = keptParts.get(k.stream_id) ?? new Map<string, string>();
    parts.set(k.part, k.fingerprint);
    keptParts.set(k.stream_id, parts);
  }
  const stale = new Set<string>();
  const byChannel = new Map<string, StreamRow[]>();
  for (const row of rows) {
    const list = byChannel.get(row.channel_id);
    if (list) list.push(row);
    else byChannel.set(row.channel_id, [row]);
  }
  for (const channelRows of byChannel.values()) {
    const { records: fingerprints, sections } = await loadStreamFingerprints(store, channelRows);
    for (const row of channelRows) {
      const parts = keptParts.get(row.id);
      const fingerprint = sections.get(row.id);
      const current =
        parts !== undefined &&
        fingerprint !== undefined &&
        parts.get('figures') === fingerprints.get(row.id) &&
        streamRollupParts.every((p) => parts.get(toPartName(p, minConfidence)) === fingerprint);
      if (!current) stale.add(row.id);
    }
  }
  return streamIds.filter((id) => stale.has(id));
}

/** Every finished stream, newest first: the order to refresh them in. */
export async function listFinishedStreamIds(store: Store): Promise<string[]> {
  const rows = await store.all<{ id: string }>(
    'SELECT id FROM streams WHERE ended_at IS NOT NULL ORDER BY started_at DESC',
  );
  return rows.map((r) => r.id);
}

/**
 * The name a part is kept under: a transcript confidence other than the product's default is kept beside it (a
 * process configured otherwise and one using the default, such as the analyst's advice, never rebuild each
 * other's).
 */
const toPartName = (part: StreamRollupPart, minConfidence: number) =>
  minConfidence === defaultMinConfidence ? part : `${part}@${minConfidence}`;

/**
 * How many parts are kept with this fingerprint, without reading their bodies (a check of every finished stream
 * at start-up would otherwise parse each stream's whole rollup).
 */
async function countKeptParts(
  store: Store,
  streamId: string,
  fingerprint: string,
  minConfidence: number,
): Promise<number> {
  const names = streamRollupParts.map((p) => toPartName(p, minConfidence));
  const found = await store.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM stream_rollups WHERE stream_id = ? AND fingerprint = ? AND part IN (${names.map(() => '?').join(', ')})`,
    [streamId, fingerprint, ...names],
  );
  return Number(found?.n ?? 0);
}

/** The parts kept with this fingerprint (an unreadable one counts as missing). */
async function readRollupParts(
  store: Store,
  streamId: string,
  fingerprint: string,
  parts: readonly StreamRollupPart[],
  minConfidence: number,
): Promise<[StreamRollupPart, unknown][]> {
  const names = new Map(parts.map((p) => [toPartName(p, minConfidence), p]));
  const rows = await store.all<{ part: string; body: string }>(
    `SELECT part, body FROM stream_rollups WHERE stream_id = ? AND fingerprint = ? AND part IN (${parts.map(() => '?').join(', ')})`,
    [streamId, fingerprint, ...names.keys()],
  );
  const out: [StreamRollupPart, unknown][] = [];
  for (const r of rows) {
    try {
      out.push([names.get(r.part)!, JSON.parse(r.body)]);
    } catch {
      // Rebuilt below.
    }
  }
  return out;
}

function buildStreamRollup(
  store: Store,
  row: StreamRow,
  fingerprint: string,
  minConfidence: number,
): Promise<StreamRollup | null> {
  const perStore = building.get(store) ?? new Map<string, Promise<StreamRollup | null>>();
  building.set(store, perStore);
  const key = `${row.id}\u0000${fingerprint}`;
  let job = perStore.get(key);
  if (!job) {
    job = (async () => {
      // The fingerprint was read before the records: a record arriving meanwhile leaves a stale fingerprint beside
      // a rollup that may include it, so the next read builds again (never the reverse).
      const rollup = await computeStreamRollup(store, row.id, { minConfidence });
      if (!rollup) return null;
      const builtAt = Date.now();
      const records = streamRollupParts.map(
        (part): StreamRollupRecord => ({
          streamId: row.id,
          channelId: row.channel_id,
          part: toPartName(part, minConfidence),
          fingerprint,
          builtAt,
          json: JSON.stringify(rollup[part]),
        }),
      );
      await store.writeStreamRollups(records);
      // As a later read will see it (JSON drops undefined fields): the first answer and the kept ones are equal.
      return Object.fromEntries(
        streamRollupParts.map((part, i) => [part, JSON.parse(records[i]!.json)]),
      ) as unknown as StreamRollup;
    })().finally(() => perStore.delete(key));
    perStore.set(key, job);
  }
  return job;
}
