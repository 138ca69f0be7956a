// "Is my channel growing?", "how are my viewers trending over the weeks?", "week by week progress".

import type { WeeklyTrends } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num } from '../format.ts';
import type { Family } from './family.ts';

export const trendsFamily: Family = {
  kind: 'trends',
  title: 'Trends over weeks',
  examples: ['Is my channel growing?', 'How have my viewers trended over the last 8 weeks?'],
  score: (q) =>
    /\b(grow|growing|growth|grown|trend\w*|over (the )?(weeks|months|time)|week (by|over|to) week|weekly|progress\w*|improv\w*|getting (better|worse|bigger)|shrinking|declining)\b/.test(
      q,
    )
      ? 3
      : 0,
  async compose(ctx) {
    const weeksAsked = ctx.q.match(/\b(\d{1,2}) weeks\b/);
    const r = await ctx.tools.call<WeeklyTrends>('weekly_trends', {
      channel: ctx.channel.login,
      weeks: weeksAsked ? Math.max(2, Number(weeksAsked[1])) : 12,
    });
    const weeks = r.weeks.filter((w) => w.streams > 0);
    const first = weeks[0];
    const last = weeks[weeks.length - 1];
    if (!first || !last) throw new CannotAnswer('no weeks with streams are recorded yet', ['summary']);
    if (weeks.length === 1)
      throw new CannotAnswer('only one week has streams so far, so there is no trend to read yet', [
        'summary',
        'totals',
      ]);
    const week = (w: typeof first) => new Date(w.weekStart).toISOString().slice(0, 10);
    const lines = weeks.map(
      (w) =>
        `- Week of ${week(w)}: ${w.streams} streams, ${num(w.avgViewers)} average viewers, ${w.follows} follows, ${w.uniqueChatters} chatters`,
    );
    const a = first.avgViewers ?? 0;
    const b = last.avgViewers ?? 0;
    const trend = b > a * 1.05 ? 'up' : b < a * 0.95 ? 'down' : 'flat';
    const follows = weeks.reduce((sum, w) => sum + w.follows, 0);
    return `average viewers went ${trend} from ${num(first.avgViewers)} (week of ${week(first)}) to ${num(last.avgViewers)} (week of ${week(last)}); ${follows} follows over these ${weeks.length} weeks with streams.\n\n${lines.join('\n')}`;
  },
};
