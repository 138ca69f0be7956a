// "What was my best stream?", "my worst stream last month", "which stream had the most viewers?": finished
// streams ranked by average viewers (or peak, when asked), within the period the question names.

import type { StreamListItem } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const bestStreamFamily: Family = {
  kind: 'best-stream',
  title: 'Best and worst stream',
  examples: ['What was my best stream?', 'What was my worst stream last month?'],
  score: (q) =>
    (/\b(best|worst|top|biggest|greatest|strongest|weakest|highest|lowest|smallest|most successful|least successful)\s+(?:(?!time|day|hour|slot|category|game)[a-z']+\s+){0,2}(stream|streams|broadcast|broadcasts|session)\b/.test(
      q,
    )
      ? 4
      : 0) + (/\bwhich (stream|broadcast)\b.*\b(most|highest|fewest|lowest|least|best|worst)\b/.test(q) ? 4 : 0),
  async compose(ctx) {
    const period = ctx.entities.period;
    const streams = (await ctx.listStreams()).filter(
      (s) => !s.live && (!period || (s.startedAt >= period.from && s.startedAt < period.to)),
    );
    const peak = /\bpeak\b/.test(ctx.q);
    const worst = /\b(worst|weakest|lowest|smallest|least|fewest)\b/.test(ctx.q);
    const value = (s: StreamListItem) => (peak ? s.peakViewers : s.avgViewers);
    const ranked = streams.filter((s) => value(s) !== null).sort((a, b) => value(b)! - value(a)!);
    if (ranked.length === 0)
      throw new CannotAnswer(
        `${ctx.channel.login} has no finished stream with viewer counts${period ? ` in ${period.label}` : ''}`,
        ['summary'],
      );
    const pick = worst ? ranked[ranked.length - 1]! : ranked[0]!;
    const runnerUp = worst ? ranked[ranked.length - 2] : ranked[1];
    const line = (s: StreamListItem) =>
      `${streamLink(s)} — ${s.gameName ?? 'no category'}, ${num(s.avgViewers)} average viewers, peak ${num(s.peakViewers)}, ${Math.round(s.durationMs / 60_000)} minutes`;
    const scope = `of ${ranked.length} finished streams${period ? ` in ${period.label}` : ''}, ranked by ${peak ? 'peak' : 'average'} viewers`;
    return `the ${worst ? 'worst' : 'best'} stream ${scope}, was ${line(pick)}.${runnerUp ? `\n\n${worst ? 'Next worst' : 'Runner-up'}: ${line(runnerUp)}.` : ''}`;
  },
};
