// A channel's recent streams with what whole-history questions need of each (kept rollups, see
// load-history-streams.ts).

import type { Store } from '../../store/store.ts';
import { type StreamRow, streamColumns, streamFrom } from '../stream/load-stream.ts';
import { type HistoryStream, historyRollupFormat, loadHistoryStreams } from './load-history-streams.ts';

export type { HistoryStream } from './load-history-streams.ts';

export interface ChannelHistoryOptions {
  from?: number;
  to?: number;
  limit?: number;
}

/**
 * Answers computed from a channel's history alone (categories, best times, the advice's ad breaks), in this process
 * (bounded), by store: by the question (its name and options) and the channel's history version, so a late record
 * in any stream or a stream more asks again. Every report read its channel's 200 latest streams and built these
 * from them again. Shared between answers, so read-only.
 */
const historyAnswers = new WeakMap<Store, Map<string, unknown>>();
const maxHistoryAnswers = 64;
/**
 * Answers being computed, so questions answered side by side wait for one (the first reports of a cold worker each
 * read and parsed the same 200 rollups); a waiter whose computing question stopped or failed computes its own.
 */
const historyComputing = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * `compute`'s answer over the channel's history (`loadChannelHistory` with `options`), kept while the channel's
 * history version is unchanged; computed each time while one of its streams is live (its records change with
 * every poll and nothing counts them).
 */
export async function answerFromChannelHistory<T>(
  store: Store,
  channelId: string,
  question: string,
  options: ChannelHistoryOptions,
  compute: (history: HistoryStream[]) => T | Promise<T>,
): Promise<T> {
  // The version first: a write landing before the history is read leaves an answer under the older version (asked
  // again next time), never a current version on older records.
  const version = await loadChannelHistoryVersion(store, channelId);
  if (version === undefined) return compute(await loadChannelHistory(store, channelId, options));
  const answers = historyAnswers.get(store) ?? new Map<string, unknown>();
  historyAnswers.set(store, answers);
  const key = JSON.stringify([question, channelId, options.from, options.to, options.limit, version]);
  if (answers.has(key)) return answers.get(key) as T;
  const computing = historyComputing.get(store) ?? new Map<string, Promise<unknown>>();
  historyComputing.set(store, computing);
  const running = computing.get(key) as Promise<T> | undefined;
  if (running) {
    try {
      return await running;
    } catch {
      // The question that computed it stopped or failed: computed for this one below.
    }
  }
  const job = (async () => compute(await loadChannelHistory(store, channelId, options)))();
  computing.set(key, job);
  try {
    const answer = await job;
    if (answers.size >= maxHistoryAnswers) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
    return answer;
  } finally {
    if (computing.get(key) === job) computing.delete(key);
  }
}

/**
 * What every stream's history rollup of a channel depends on, in one row: its streams (how many, their starts and
 * ends) and their changes after they ended (\`stream_changes\`, which only grows: on PostgreSQL a row per change, on
 * SQLite a counter per stream). Undefined while a stream of the channel is live.
 */
async function loadChannelHistoryVersion(store: Store, channelId: string): Promise<string | undefined> {
  const found = await store.get<{
    streams: number;
    live: number | null;
    starts: number | null;
    ends: number | null;
    changes: number;
    bumps: number | null;
  }>(
    `SELECT COUNT(*) AS streams, SUM(CASE WHEN s.ended_at IS NULL THEN 1 ELSE 0 END) AS live,
       SUM(s.started_at) AS starts, SUM(s.ended_at) AS ends, c.changes, c.bumps
     FROM streams s CROSS JOIN (
       SELECT COUNT(*) AS changes, SUM(n) AS bumps FROM stream_changes
       WHERE stream_id IN (SELECT id FROM streams WHERE channel_id = ?)
     ) c
     WHERE s.channel_id = ? GROUP BY c.changes, c.bumps`,
    [channelId, channelId],
  );
  if (!found) return `${historyRollupFormat}|0`;
  if (Number(found.live ?? 0) > 0) return undefined;
  return [historyRollupFormat, found.streams, found.starts, found.ends, found.changes, found.bumps ?? 0].join('|');
}

/** Up to `limit` most recent streams of a channel (oldest first) in [from, to). */
export async function loadChannelHistory(
  store: Store,
  channelId: string,
  options: ChannelHistoryOptions & { useKept?: boolean } = {},
): Promise<HistoryStream[]> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?
     ORDER BY s.started_at DESC LIMIT ?`,
    [channelId, options.from ?? 0, options.to ?? Number.MAX_SAFE_INTEGER, options.limit ?? 200],
  );
  return loadHistoryStreams(store, rows.reverse(), { useKept: options.useKept });
}

/**
 * Builds and keeps the history rollups of a channel's finished streams that have none or a stale one (at a
 * stream's end, after an import), so the next whole-history question reads them instead of building them.
 * Returns how many streams it looked at.
 */
export async function keepHistoryRollups(store: Store, channelId: string): Promise<number> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.ended_at IS NOT NULL ORDER BY s.started_at`,
    [channelId],
  );
  // In slices, so a channel with years of streams never holds them all at once.
  for (let i = 0; i < rows.length; i += 200) await loadHistoryStreams(store, rows.slice(i, i + 200));
  return rows.length;
}
