// The Trends page's line over the newest week of growth: "This week so far" while that week is still under way
// (its figures are partial: a stream 6 minutes in is its only one), else the week it was.

import type { WeekTrend } from '../../../src/analytics/index.ts';

const WEEK = 7 * 86_400_000;

/** "This week so far" or "Week of 30 Nov", for the newest week the trends hold, as of `now`. */
export function latestWeekLabel(week: Pick<WeekTrend, 'weekStart'>, now: number, timeZone?: string): string {
  if (now < week.weekStart + WEEK) return 'This week so far';
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: timeZone ?? 'UTC' });
  return `Week of ${day.format(week.weekStart)}`;
}
