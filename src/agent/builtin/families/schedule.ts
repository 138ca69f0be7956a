// "What time do I usually go live?", "what days do I stream?", "how consistent is my schedule?": when the channel
// actually went live (weekday and start hour in the asker's time zone), how often and how regularly — what it does,
// not what works best (best-time answers that).

import { getStreamingSchedule, weekdayNames, zoneName } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, plural } from '../format.ts';
import type { Family } from './family.ts';

/** Start slots listed; a slot is a habit with two streams or more. */
const listed = 5;

export const scheduleFamily: Family = {
  kind: 'schedule',
  title: 'Your streaming schedule',
  examples: ['What time do I usually go live?', 'What days do I stream?', 'How consistent is my schedule?'],
  score: (q) =>
    (/\b(what|which) (time|times|days?|hours?)\b.*\b(do|did) i (usually |normally |typically |tend to |mostly )?(go live|stream|start|broadcast)\b/.test(
      q,
    )
      ? 5
      : 0) +
    (/\bwhen do i (usually |normally |typically |tend to |mostly )(go live|stream|start)\b/.test(q) ? 5 : 0) +
    (/\b(my|streaming|stream) schedule\b|\bhow (consistent|regular(ly)?)\b.*\b(stream|schedule|go live)\b|\bdo i stream (on a schedule|consistently|regularly)\b/.test(
      q,
    )
      ? 5
      : 0),
  async compose(ctx) {
    const streams = await ctx.streamsInPeriod();
    if (streams.length === 0)
      throw new CannotAnswer(
        `${ctx.channel.login} has no stream recorded${ctx.entities.period ? ` in ${ctx.entities.period.label}` : ''}`,
        ['best-time'],
      );
    const zone = ctx.tools.timeZone;
    const r = getStreamingSchedule(streams, zone);
    const tz = zoneName(streams[0]!.startedAt, zone);
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const habits = r.slots.filter((s) => s.streams >= 2).slice(0, listed);
    const days = r.byWeekday
      .map((n, d) => ({ n, d }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || a.d - b.d)
      .map((x) => `${weekdayNames[x.d]} ${x.n}`);
    const regular = r.weeks === 0 ? 0 : r.weeksWithStreams / r.weeks;
    const lines = [
      `${plural(r.streams, 'stream')}${ctx.entities.period ? ` in ${ctx.entities.period.label}` : ''} over ${plural(r.weeks, 'week')}: ${num(r.perWeek)} a week, typically ${r.medianDurationMinutes === null ? 'of unknown length' : `${plural(r.medianDurationMinutes, 'minute')} long`}; ${r.weeksWithStreams} of the ${plural(r.weeks, 'week')} had a stream.`,
      '',
      habits.length > 0
        ? `You usually go live (start times in ${tz}):\n${habits.map((s) => `- ${weekdayNames[s.weekday]} ${hh(s.hour)} — ${plural(s.streams, 'stream')}`).join('\n')}`
        : `No start time repeats yet: each stream began at a different weekday and hour (${tz}).`,
      '',
      `By weekday: ${days.join(', ')}.`,
    ];
    if (r.weeks >= 4)
      lines.push(
        '',
        regular >= 0.8 && habits.length > 0
          ? 'That is a regular schedule: viewers can learn it. Keep it in your Twitch schedule so they are notified.'
          : 'The schedule is irregular: a fixed weekday and time that viewers can learn tends to bring them back. Ask "when should I stream?" for the slots that worked best.',
      );
    return lines.join('\n');
  },
};
