// What whole-history questions (trends, best times, categories, recommendations, period totals, title words)
// need of each stream: its summary figures, follows, long ad breaks, category segments with their chat, and its
// viewer polls by quarter-hour. A finished stream's are built once from its records and kept in `history_rollups`
// with a fingerprint: the stream row's span and its count in `stream_changes`, which the database's triggers raise
// whenever a record the rollup read changes after the stream ended (late chat, snapshots, events, the row). So a
// question over 500 streams reads 500 small rows instead of their chat, snapshots and events, in every process
// (the CLI and each analytics worker start cold), and a late import is seen by the next read.

import type { Store } from '../../store/store.ts';
import type { Metric } from '../results.ts';
import { type StreamRow, streamEnd } from '../stream/load-stream.ts';
import { figureUnits, getStreamFigures, type SummaryFigureKey } from '../summary/stream-figures.ts';

/** Bumped when what a rollup holds or how it is built changes: older rollups are then built again. */
export const historyRollupFormat = 1;
/** A poll holds its count until the next one, never longer than this (an outage is not filled). */
const maxHoldMs = 10 * 60_000;
/** Ad breaks longer than this are the ones recommendations look at. */
const longAdSeconds = 90;
/** Quarter-hours: every real time zone's offset is a multiple of one, so a quarter lies in one hour of any zone. */
export const quarterMs = 15 * 60_000;

/** A stretch of a stream in one category (from its polls' game_name over time). */
export interface CategorySegment {
  gameName: string;
  fromTs: number;
  toTs: number;
  /** Σ viewers × minutes over the polls of the segment; null without polls. */
  viewerMinutes: number | null;
  /** Minutes the polls' counts cover (≤ the segment's length). */
  polledMinutes: number;
  /** Chat messages of the stream in [fromTs, toTs). */
  messages: number;
  /** Follows in [fromTs, toTs). */
  follows: number;
}

/** An ad break longer than 90 s, with the viewers polled just before it and after it ended. */
export interface LongAdBreak {
  ts: number;
  seconds: number;
  /** The last poll in the 3 minutes before it; null without one. */
  viewersBefore: number | null;
  /** The first poll from its end to 6 minutes after it started; null without one. */
  viewersAfter: number | null;
}

/** What whole-history questions need of one stream. */
export interface HistoryStream {
  row: StreamRow;
  endTs: number;
  hours: number;
  figures: Record<SummaryFigureKey, Metric>;
  /** Times of its follows. */
  follows: number[];
  longAdBreaks: LongAdBreak[];
  segments: CategorySegment[];
  /** Its polls (all of them, whatever their time) by quarter-hour since the epoch: [quarter, Σ viewers, polls]. */
  viewerQuarters: [number, number, number][];
  /** How many polls it has. */
  snapshots: number;
}

type Rollup = Omit<HistoryStream, 'row' | 'endTs' | 'hours' | 'figures'> & {
  /** The figures' values; the reason for each missing one. */
  values: Record<SummaryFigureKey, number | null>;
  missing: Partial<Record<SummaryFigureKey, string>>;
};

/**
 * Rollups once read, in this process (bounded), by store: a finished stream's whose fingerprint is unchanged is
 * neither read nor parsed again (every report reads the channel's history for its categories and advice). Shared
 * between answers, so read-only.
 */
const readRollups = new WeakMap<Store, Map<string, { fingerprint: string; rollup: Rollup }>>();
const maxReadRollups = 2000;

/** What a stream shows whole-history questions beside its row, made once per rollup read (read-only). */
type StreamView = Omit<HistoryStream, 'row' | 'endTs' | 'hours'>;
const views = new WeakMap<Rollup, StreamView>();

/** Each stream's history figures (in the order of `rows`, which may span channels): kept ones when current. */
export async function loadHistoryStreams(
  store: Store,
  rows: readonly StreamRow[],
  options: { useKept?: boolean } = {},
): Promise<HistoryStream[]> {
  if (rows.length === 0) return [];
  const finished = rows.filter((r) => r.ended_at !== null);
  const kept = new Map<string, Rollup>();
  const fingerprints = new Map<string, string>();
  const cache = readRollups.get(store) ?? new Map<string, { fingerprint: string; rollup: Rollup }>();
  readRollups.set(store, cache);
  const keep = (id: string, fingerprint: string, rollup: Rollup) => {
    if (cache.size >= maxReadRollups) cache.delete(cache.keys().next().value!);
    cache.set(id, { fingerprint, rollup });
  };
  if (finished.length > 0) {
    const ids = finished.map((r) => r.id);
    const marks = ids.map(() => '?').join(', ');
    // Changes first: a write landing between the two reads leaves a rollup with an older count (built again
    // next time), never a current count on older records.
    const changes = await store.all<{ stream_id: string; c: number; n: number }>(
      `SELECT stream_id, COUNT(*) AS c, MAX(n) AS n FROM stream_changes WHERE stream_id IN (${marks}) GROUP BY stream_id`,
      ids,
    );
    const changeOf = new Map(changes.map((c) => [c.stream_id, `${Number(c.c)}:${Number(c.n)}`]));
    for (const r of finished)
      fingerprints.set(
        r.id,
        [
          historyRollupFormat,
          changeOf.get(r.id) ?? '0:0',
          r.started_at,
          r.ended_at,
          r.last_ts ?? '',
          r.game_name ?? '',
        ].join('|'),
      );
    if (options.useKept !== false) {
      for (const id of ids) {
        const read = cache.get(id);
        if (read && read.fingerprint === fingerprints.get(id)) kept.set(id, read.rollup);
      }
      const unread = ids.filter((id) => !kept.has(id));
      const stored =
        unread.length === 0
          ? []
          : await store.all<{ stream_id: string; fingerprint: string; body: string }>(
              `SELECT stream_id, fingerprint, body FROM history_rollups WHERE stream_id IN (${unread.map(() => '?').join(', ')})`,
              unread,
            );
      for (const s of stored)
        if (s.fingerprint === fingerprints.get(s.stream_id)) {
          const rollup = JSON.parse(s.body) as Rollup;
          kept.set(s.stream_id, rollup);
          keep(s.stream_id, s.fingerprint, rollup);
        }
    }
  }
  const missing = rows.filter((r) => !kept.has(r.id));
  if (missing.length > 0) {
    const built = await buildRollups(store, missing);
    for (const [id, rollup] of built) kept.set(id, rollup);
    const toKeep = missing.filter((r) => fingerprints.has(r.id));
    if (toKeep.length > 0)
      await store.writeHistoryRollups(
        toKeep.map((r) => ({
          streamId: r.id,
          channelId: r.channel_id,
          fingerprint: fingerprints.get(r.id)!,
          builtAt: Date.now(),
          json: JSON.stringify(built.get(r.id)),
        })),
      );
  }
  return rows.map((row) => {
    const rollup = kept.get(row.id)!;
    let view = views.get(rollup);
    if (!view) {
      const { values, missing: reasons, ...rest } = rollup;
      const figures = Object.fromEntries(
        (Object.keys(figureUnits) as SummaryFigureKey[]).map((key): [SummaryFigureKey, Metric] => {
          const value = values[key];
          return [
            key,
            value === null
              ? { value: null, unit: figureUnits[key], missing: reasons[key] ?? 'not recorded' }
              : { value, unit: figureUnits[key] },
          ];
        }),
      ) as Record<SummaryFigureKey, Metric>;
      view = { figures, ...rest };
      views.set(rollup, view);
    }
    const endTs = streamEnd(row);
    return { row, endTs, hours: (endTs - Number(row.started_at)) / 3_600_000, ...view };
  });
}

/** Builds the rollups of `rows` from their records. */
async function buildRollups(store: Store, rows: readonly StreamRow[]): Promise<Map<string, Rollup>> {
  const out = new Map<string, Rollup>();
  for (const channelRows of groupByChannel(rows)) {
    const ids = channelRows.map((r) => r.id);
    const [figures, snaps] = await Promise.all([
      getStreamFigures(store, channelRows),
      store.all<{ stream_id: string; ts: number; viewer_count: number; game_name: string | null }>(
        `SELECT stream_id, ts, viewer_count, game_name FROM stream_snapshots WHERE stream_id IN (${ids.map(() => '?').join(', ')})
         ORDER BY stream_id, ts`,
        ids,
      ),
    ]);
    const polls = new Map<string, typeof snaps>();
    for (const s of snaps) {
      const list = polls.get(s.stream_id);
      if (list) list.push(s);
      else polls.set(s.stream_id, [s]);
    }
    for (const row of channelRows) {
      const f = figures.get(row.id)!;
      const mine = polls.get(row.id) ?? [];
      const follows = f.events.filter((e) => e.kind === 'follow').map((e) => e.ts);
      const values = {} as Record<SummaryFigureKey, number | null>;
      const missing: Partial<Record<SummaryFigureKey, string>> = {};
      for (const key of Object.keys(figureUnits) as SummaryFigureKey[]) {
        const m = f.figures[key];
        values[key] = m.value;
        if (m.value === null && m.missing !== undefined) missing[key] = m.missing;
      }
      const points = mine.map((p) => ({ ts: Number(p.ts), viewers: Number(p.viewer_count) }));
      const longAdBreaks = f.events
        .filter((e) => e.kind === 'ad-break' && (e.amount ?? 0) > longAdSeconds)
        .map((ad): LongAdBreak => {
          const seconds = ad.amount ?? 0;
          const before = points.filter((p) => p.ts <= ad.ts && p.ts > ad.ts - 3 * 60_000).at(-1);
          const after = points.find((p) => p.ts >= ad.ts + seconds * 1000 && p.ts <= ad.ts + 6 * 60_000);
          return {
            ts: ad.ts,
            seconds,
            viewersBefore: before?.viewers ?? null,
            viewersAfter: after?.viewers ?? null,
          };
        });
      const quarters = new Map<number, [number, number, number]>();
      for (const p of points) {
        const q = Math.floor(p.ts / quarterMs);
        const cell = quarters.get(q) ?? [q, 0, 0];
        cell[1] += p.viewers;
        cell[2]++;
        quarters.set(q, cell);
      }
      out.set(row.id, {
        values,
        missing,
        follows,
        longAdBreaks,
        segments: await buildSegments(store, row, mine, follows),
        viewerQuarters: [...quarters.values()],
        snapshots: mine.length,
      });
    }
  }
  return out;
}

/**
 * A stream's stretches by category: each poll's game_name (a blank one continues the current category), from the
 * stream's start to the poll where it changed, and so on to its end; without polls, the stream's own category.
 */
async function buildSegments(
  store: Store,
  row: StreamRow,
  polls: readonly { ts: number; viewer_count: number; game_name: string | null }[],
  follows: readonly number[],
): Promise<CategorySegment[]> {
  const start = Number(row.started_at);
  const endTs = streamEnd(row);
  const fallback = row.game_name ?? 'Unknown';
  const segments: Omit<CategorySegment, 'messages' | 'follows'>[] = [];
  if (polls.length === 0)
    segments.push({ gameName: fallback, fromTs: start, toTs: endTs, viewerMinutes: null, polledMinutes: 0 });
  let current: (typeof segments)[number] | undefined;
  polls.forEach((p, i) => {
    const ts = Number(p.ts);
    const game = p.game_name || current?.gameName || fallback;
    if (!current || current.gameName !== game) {
      if (current) current.toTs = ts;
      current = { gameName: game, fromTs: current ? ts : start, toTs: endTs, viewerMinutes: 0, polledMinutes: 0 };
      segments.push(current);
    }
    const next = i + 1 < polls.length ? Number(polls[i + 1]!.ts) : Math.max(endTs, ts);
    const minutes = Math.min(next - ts, maxHoldMs) / 60_000;
    current.viewerMinutes! += Number(p.viewer_count) * minutes;
    current.polledMinutes += minutes;
  });
  const counts = await Promise.all(
    segments.map((s) =>
      store.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts < ? AND stream_id = ?',
        [row.channel_id, s.fromTs, s.toTs, row.id],
      ),
    ),
  );
  return segments.map((s, i) => ({
    ...s,
    messages: Number(counts[i]?.n ?? 0),
    follows: follows.filter((ts) => ts >= s.fromTs && ts < s.toTs).length,
  }));
}

function groupByChannel(rows: readonly StreamRow[]): StreamRow[][] {
  const groups = new Map<string, StreamRow[]>();
  for (const r of rows) {
    const list = groups.get(r.channel_id);
    if (list) list.push(r);
    else groups.set(r.channel_id, [r]);
  }
  return [...groups.values()];
}
