// "List my streams", "show me my streams from last week", "what streams did I do this month?", "my stream
// history": the streams of the period the question names (all recorded ones without one), newest first, each with
// its category, length, viewers and chat.

import { CannotAnswer } from '../answer-context.ts';
import { num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** Streams listed in one answer; the rest are counted. */
const listed = 15;

export const streamListFamily: Family = {
  kind: 'stream-list',
  title: 'Your streams',
  examples: ['List my streams', 'Show me my streams from last week', 'How many streams did I do this month?'],
  score: (q) =>
    (/\b(list|show( me)?|see|give me|display|what are)\b.*\b(all )?(my|the|recent|past|previous|recorded) (recent |past |previous |recorded |last \d+ )?(streams|broadcasts|vods)\b/.test(
      q,
    )
      ? 4
      : 0) +
    (/\b(stream|streaming|broadcast) (history|log|list|calendar|schedule so far)\b/.test(q) ? 4 : 0) +
    (/\bwhat (streams|broadcasts) (did|have) i (do|done|have|had|stream|streamed)\b|\bhow many (streams|times) (did|have) i (do|done|stream(ed)?|go(ne)? live|went live)\b|\bhow often (do|did) i stream\b/.test(
      q,
    )
      ? 4
      : 0),
  async compose(ctx) {
    const period = ctx.entities.period;
    const streams = await ctx.streamsInPeriod();
    if (streams.length === 0)
      throw new CannotAnswer(`${ctx.channel.login} has no stream recorded${period ? ` in ${period.label}` : ''}`, [
        'best-time',
      ]);
    const figures = await ctx.streamFiguresInPeriod();
    const hours = streams.reduce((n, s) => n + s.durationMs, 0) / 3_600_000;
    const first = streams[streams.length - 1]!;
    const spanDays = Math.max(1, (ctx.now - first.startedAt) / 86_400_000);
    const perWeek = period ? null : (streams.length / spanDays) * 7;
    const lines = streams.slice(0, listed).map((s) => {
      const f = figures.get(s.id);
      // The figures every other answer gives (time-weighted), where the stream has them.
      const avg = f?.avgViewers.value ?? s.avgViewers;
      const peak = f?.peakViewers.value ?? s.peakViewers;
      const viewers = avg === null ? 'viewers unknown' : `${num(avg)} average viewers, peak ${num(peak)}`;
      const chat = f?.chatMessages.value == null ? '' : `, ${plural(f.chatMessages.value, 'chat message')}`;
      return `- ${streamLink(s, ctx.tools.timeZone)} — ${s.gameName ?? 'no category'}, ${Math.round(s.durationMs / 60_000)} minutes${s.live ? ' so far' : ''}, ${viewers}${chat}`;
    });
    if (streams.length > listed) lines.push(`- … and ${plural(streams.length - listed, 'older stream')}`);
    return [
      `${plural(streams.length, 'stream')} recorded${period ? ` in ${period.label}` : ''}, ${num(hours)} hours live${perWeek === null ? '' : ` (about ${num(perWeek)} a week since the first on record)`}, newest first:`,
      '',
      ...lines,
    ].join('\n');
  },
};
