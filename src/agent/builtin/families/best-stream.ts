// "What was my best stream?", "my worst stream last month", "which stream had the most viewers?", "which stream had
// the most chat?": finished streams ranked by average viewers, or by the figure the question names (peak, chat,
// chatters, follows, subs, bits, hours watched, length), within the period the question names.

import type { StreamListItem, SummaryFigureKey } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** What a question ranks streams by: the first of these it names, else average viewers. */
const rankings: [RegExp, SummaryFigureKey, string][] = [
  [/\bpeak\b/, 'peakViewers', 'peak viewers'],
  [/\bchatters\b|\bpeople (chatting|who chatted)\b/, 'uniqueChatters', 'unique chatters'],
  [/\b(chat|chatty|chattiest|messages)\b/, 'chatMessages', 'chat messages'],
  [/\bfollow(s|ers?)?\b/, 'follows', 'new follows'],
  [/\bsubs?\b|\bsubscri/, 'subsNew', 'new subs'],
  [/\bbits\b|\bcheers?\b/, 'bits', 'bits'],
  [/\bhours watched\b|\bwatch ?time\b|\bmost (watched|viewed)\b/, 'hoursWatched', 'hours watched'],
  [/\b(longest|shortest|length|duration)\b/, 'durationMinutes', 'length'],
];

export const bestStreamFamily: Family = {
  kind: 'best-stream',
  title: 'Best and worst stream',
  examples: ['What was my best stream?', 'What was my worst stream last month?', 'Which stream had the most chat?'],
  score: (q) =>
    (/\b(best|worst|top|biggest|greatest|strongest|weakest|highest|lowest|smallest|longest|shortest|chattiest|most successful|least successful)\s+(?:(?!time|day|hour|slot|category|game|clips?|moments?|parts?|emotes?|chatters?)[a-z']+\s+){0,2}(stream|streams|broadcast|broadcasts|session)\b/.test(
      q,
    )
      ? 4
      : 0) +
    (/\bwhich (stream|broadcast)\b.*\b(most|highest|fewest|lowest|least|best|worst)\b/.test(q) ? 4 : 0) +
    (/\b(most|least) (watched|viewed|popular)\s+(stream|streams|broadcast|session)\b/.test(q) ? 4 : 0),
  async compose(ctx) {
    const period = ctx.entities.period;
    const streams = (await ctx.streamsInPeriod()).filter((s) => !s.live);
    const asked = rankings.find(([pattern]) => pattern.test(ctx.q));
    const worst = /\b(worst|weakest|lowest|smallest|least|fewest|shortest)\b/.test(ctx.q);
    const figures = await ctx.streamFiguresInPeriod();
    const rank = (by: SummaryFigureKey) =>
      streams
        .filter((s) => figures.get(s.id)?.[by].value != null)
        .sort((a, b) => figures.get(b.id)![by].value! - figures.get(a.id)![by].value!);
    // "Best" means most viewers; streams without viewer counts (imported chat) are ranked by their chat instead.
    const byChat = !asked && rank('avgViewers').length === 0 && rank('chatMessages').length > 0;
    const [, key, label] =
      asked ?? (byChat ? [null, 'chatMessages', 'chat messages'] : [null, 'avgViewers', 'average viewers']);
    const value = (s: StreamListItem) => figures.get(s.id)?.[key].value ?? null;
    const ranked = rank(key);
    if (ranked.length === 0)
      throw new CannotAnswer(
        `${ctx.channel.login} has no finished stream with ${key === 'avgViewers' || key === 'peakViewers' ? 'viewer counts' : label}${period ? ` in ${period.label}` : ''}`,
        ['summary'],
      );
    const pick = worst ? ranked[ranked.length - 1]! : ranked[0]!;
    const runnerUp = worst ? ranked[ranked.length - 2] : ranked[1];
    // Viewers and length are in every line already.
    const named = key !== 'avgViewers' && key !== 'peakViewers' && key !== 'durationMinutes';
    const line = (s: StreamListItem) =>
      `${streamLink(s, ctx.tools.timeZone)} — ${s.gameName ?? 'no category'}${named ? `, ${num(value(s))} ${label}` : ''}, ${num(s.avgViewers)} average viewers, peak ${num(s.peakViewers)}, ${Math.round(s.durationMs / 60_000)} minutes`;
    const scope = `of ${ranked.length} finished streams${period ? ` in ${period.label}` : ''}, ranked by ${label}`;
    const which = key === 'durationMinutes' ? (worst ? 'shortest' : 'longest') : worst ? 'worst' : 'best';
    const note = byChat ? ' (no viewer counts are recorded for these streams: imported chat has none)' : '';
    return `the ${which} stream ${scope}${note}, was ${line(pick)}.${runnerUp ? `\n\n${worst ? 'Next worst' : 'Runner-up'}: ${line(runnerUp)}.` : ''}`;
  },
};
