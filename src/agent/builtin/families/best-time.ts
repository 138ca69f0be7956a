// "When should I stream?", "what day and time gets me the most viewers?", "best slot for my schedule?".

import { type BestTimes, zoneName, zoneOffsetMinutes } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num } from '../format.ts';
import type { Family } from './family.ts';

export const bestTimeFamily: Family = {
  kind: 'best-time',
  title: 'Best time to stream',
  examples: ['When should I stream?', 'What day and time gets me the most viewers?'],
  score: (q) =>
    (/\b(time|times|day|days|hour|hours|slot|slots|schedule|weekday|weekdays|timeslot|weekends?|mornings?|evenings?|nights|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b/.test(
      q,
    )
      ? 2
      : 0) +
    (/\bwhen (should|to|do|does|is)\b|\bbest\b|\bmost viewers\b|\boptimal\b|\bideal\b|\bgets? me\b|\bbetter\b|\bwhich\b/.test(
      q,
    )
      ? 1
      : 0) +
    (/\bwhen should i (go live|stream)\b/.test(q) ? 2 : 0) -
    // "what's my average watch time?" is hours watched, not a time to stream.
    (/\bwatch ?time\b|\btime watched\b/.test(q) ? 4 : 0) +
    // "what hour do I get the most chatters?": asking for a time of day or week.
    (/\b(what|which) (hour|time of day|time|day of the week|day|weekday|slot)\b.*\b(most|best|more|highest)\b/.test(q)
      ? 2
      : 0) -
    (/\b(last|latest|previous|this) (stream|time)\b/.test(q) ? 2 : 0) -
    (/\bwhat time is it\b|\bwhat day is (it|today)\b|\btime ?zones?\b/.test(q) ? 3 : 0),
  async compose(ctx) {
    // Slots are hours of the asker's week, in their zone (its offset today), and say which zone.
    const zone = zoneName(ctx.now, ctx.tools.timeZone);
    const r = await ctx.tools.call<Pick<BestTimes, 'best' | 'tzOffsetMinutes'>>('best_time', {
      channel: ctx.channel.login,
      tzOffsetMinutes: zoneOffsetMinutes(ctx.now, ctx.tools.timeZone),
    });
    const [top, ...rest] = r.best;
    if (!top)
      throw new CannotAnswer(
        'there are not enough streams yet to rank time slots (each slot needs at least 2 streams)',
        ['best-category', 'best-stream'],
      );
    const cell = (c: (typeof r.best)[number]) =>
      `**${c.label} ${zone}**: ${num(c.avgViewers)} average viewers over ${c.streams} streams, ${num(c.followsPerHour)} follows per hour`;
    const others = rest.slice(0, 2).map((c) => `- ${cell(c)}`);
    return `the best time to stream is ${cell(top)}.${others.length ? `\n\nNext best:\n${others.join('\n')}` : ''}`;
  },
};
