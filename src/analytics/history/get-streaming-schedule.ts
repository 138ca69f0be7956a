// When a channel actually goes live: its streams by weekday and start hour in a named time zone, how many a week,
// how regular (weeks with a stream), and how long they run. What the streamer does, not what works best (that is
// get-best-times.ts).

import { median, round } from '../lib/stats.ts';
import { zoneOffsetMinutes } from '../lib/time-zone.ts';

export const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface ScheduleSlot {
  /** 0 = Monday … 6 = Sunday, in the zone. */
  weekday: number;
  /** Start hour in the zone (0–23). */
  hour: number;
  streams: number;
}

export interface StreamingSchedule {
  streams: number;
  /** Calendar weeks from the first stream's to the last's, both counted. */
  weeks: number;
  /** Of those weeks, how many had a stream. */
  weeksWithStreams: number;
  perWeek: number;
  /** Streams per weekday, Monday first. */
  byWeekday: number[];
  /** Weekday and start-hour pairs, most streams first (ties: earlier in the week). */
  slots: ScheduleSlot[];
  medianDurationMinutes: number | null;
}

/** The schedule `streams` (any order) kept, read in `zone`. */
export function getStreamingSchedule(
  streams: readonly { startedAt: number; durationMs: number }[],
  zone: string,
): StreamingSchedule {
  const byWeekday = weekdayNames.map(() => 0);
  const slots = new Map<string, ScheduleSlot>();
  const weeks = new Set<number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of streams) {
    const local = s.startedAt + zoneOffsetMinutes(s.startedAt, zone) * 60_000;
    const d = new Date(local);
    const weekday = (d.getUTCDay() + 6) % 7;
    const hour = d.getUTCHours();
    byWeekday[weekday]!++;
    const key = `${weekday}:${hour}`;
    const slot = slots.get(key) ?? { weekday, hour, streams: 0 };
    slot.streams++;
    slots.set(key, slot);
    const week = toWeekIndex(local);
    weeks.add(week);
    first = Math.min(first, week);
    last = Math.max(last, week);
  }
  const spanWeeks = streams.length === 0 ? 0 : last - first + 1;
  return {
    streams: streams.length,
    weeks: spanWeeks,
    weeksWithStreams: weeks.size,
    perWeek: spanWeeks === 0 ? 0 : round(streams.length / spanWeeks, 1),
    byWeekday,
    slots: [...slots.values()].sort((a, b) => b.streams - a.streams || a.weekday - b.weekday || a.hour - b.hour),
    medianDurationMinutes: streams.length === 0 ? null : round(median(streams.map((s) => s.durationMs / 60_000))!, 0),
  };
}

/** Monday-based week number of a local time (ms as if UTC). */
function toWeekIndex(local: number): number {
  const day = Math.floor(local / 86_400_000);
  // 1970-01-01 was a Thursday: shift so weeks start on Monday.
  return Math.floor((day + 3) / 7);
}
