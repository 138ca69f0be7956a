// Followers, average viewers and chatters week by week.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { loadChannelHistory } from './load-channel-history.ts';

export interface WeeklyTrendsOptions {
  weeks?: number;
  tzOffsetMinutes?: number;
}

const WEEK = 7 * 86_400_000;
// 1970-01-05 was a Monday: weeks are counted from there.
const MONDAY = 4 * 86_400_000;

/** Weekly trend of a channel, oldest first (follows include those while offline). */
export async function getWeeklyTrends(
  store: Store,
  channelId: string,
  options: WeeklyTrendsOptions = {},
): Promise<WeeklyTrends | NoData> {
  const tz = (options.tzOffsetMinutes ?? 0) * 60_000;
  const weeks = options.weeks ?? 12;
  const latest = await store.get<{ t: number | null; first: number | null }>(
    'SELECT MAX(started_at) AS t, MIN(started_at) AS first FROM streams WHERE channel_id = ?',
    [channelId],
  );
  if (latest?.t === null || latest?.t === undefined)
    return { status: 'no-data', reason: 'no streams recorded for this channel' };
  const weekOf = (ts: number) => Math.floor((ts + tz - MONDAY) / WEEK) * WEEK + MONDAY - tz;
  // Weeks before the channel's first recorded stream would only be zeros, not a trend.
  const from = Math.max(weekOf(Number(latest.t)) - (weeks - 1) * WEEK, weekOf(Number(latest.first)));
  const [history, follows, chatters] = await Promise.all([
    loadChannelHistory(store, channelId, { from }),
    store.all<{ ts: number }>(
      "SELECT ts FROM channel_events WHERE channel_id = ? AND type = 'channel.follow' AND ts >= ?",
      [channelId, from],
    ),
    // Distinct chatters per week counted by the database (one row a week, not one per chatter and stream);
    // `from` is a week start, so the division cut to an integer is weekOf's floor (SQLite binds numbers as REAL).
    store.all<{ w: number; n: number }>(
      `SELECT CAST((first_ts - ?) / ? AS INTEGER) AS w, COUNT(DISTINCT user_id) AS n FROM chatter_streams
       WHERE channel_id = ? AND first_ts >= ? GROUP BY w`,
      [from, WEEK, channelId, from],
    ),
  ]);
  const out = new Map<number, WeekTrend & { v: number; vh: number; users: number }>();
  const week = (ts: number) => {
    const w = weekOf(ts);
    let t = out.get(w);
    if (!t) {
      t = {
        weekStart: w,
        streams: 0,
        hours: 0,
        follows: 0,
        cumulativeFollows: 0,
        avgViewers: null,
        uniqueChatters: 0,
        v: 0,
        vh: 0,
        users: 0,
      };
      out.set(w, t);
    }
    return t;
  };
  for (let w = from; w <= weekOf(Number(latest.t)); w += WEEK) week(w);
  for (const h of history) {
    const t = week(Number(h.row.started_at));
    t.streams++;
    t.hours += h.hours;
    const avg = h.figures.avgViewers.value;
    if (avg !== null) {
      t.v += avg * h.hours;
      t.vh += h.hours;
    }
  }
  for (const f of follows) week(Number(f.ts)).follows++;
  for (const c of chatters) week(from + Number(c.w) * WEEK).users += Number(c.n);
  let cumulative = 0;
  const list = [...out.values()]
    .sort((a, b) => a.weekStart - b.weekStart)
    .map(({ v, vh, users, ...t }) => {
      cumulative += t.follows;
      return {
        ...t,
        hours: round(t.hours, 1),
        cumulativeFollows: cumulative,
        avgViewers: vh > 0 ? round(v / vh, 1) : null,
        uniqueChatters: users,
      };
    });
  return {
    channelId,
    weeks: list,
    evidence: {
      source: 'streams+stream_snapshots+channel_events+chatter_streams',
      streamIds: history.map((h) => h.row.id),
      counts: { streams: history.length, follows: follows.length },
    },
  };
}

export interface WeekTrend {
  /** Monday 00:00 UTC (plus the time-zone offset) of the week. */
  weekStart: EpochMs;
  streams: number;
  hours: number;
  follows: number;
  /** Followers gained since the first recorded week, cumulative. */
  cumulativeFollows: number;
  avgViewers: number | null;
  uniqueChatters: number;
}

export interface WeeklyTrends {
  channelId: string;
  weeks: WeekTrend[];
  evidence: Evidence;
}
