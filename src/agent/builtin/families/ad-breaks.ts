// "Did my ad break hurt viewers?", "do ads make people leave?": each ad break of a stream with the viewers just
// before it and just after it ended. Without a named stream, the most recent stream that ran ads.

import { type AdBreakEffect, getAdBreakEffects, type StreamListItem } from '../../../analytics/index.ts';
import { type AnswerContext, CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** A fall of this share of the viewers or more after a break counts as one that cost viewers. */
const costlyDrop = 0.1;

export const adBreaksFamily: Family = {
  kind: 'ad-breaks',
  title: 'Ad breaks and viewers',
  examples: ['Did my ad break hurt viewers?', 'Do ads make people leave?'],
  // "How much did I make from ads?" is a money question (totals).
  score: (q) =>
    /\b(ads|ad breaks?|ad-breaks?|adverts?|advertisements?|commercials?|midrolls?|mid-rolls?)\b|\b(an|the) ad\b/.test(
      q,
    ) && !/\bhow much\b|\b(money|revenue|earn\w*|income|paid|payouts?)\b/.test(q)
      ? 5
      : 0,
  async compose(ctx) {
    const { stream, ads } = await findStreamWithAds(ctx);
    const drop = (a: AdBreakEffect) =>
      a.viewersBefore && a.viewersAfter !== null ? (a.viewersBefore - a.viewersAfter) / a.viewersBefore : null;
    const lines = ads.map((a) => {
      const d = drop(a);
      const what =
        a.viewersBefore === null || a.viewersAfter === null
          ? 'no viewer counts around it'
          : `${a.viewersBefore} viewers before, ${a.viewersAfter} after it ended (${d! > 0 ? '−' : '+'}${Math.abs(Math.round(d! * 100))}%)`;
      return `- ${moment(stream.id, a.offsetMs)} — ad break of ${a.seconds ?? '?'} s: ${what}`;
    });
    const measured = ads.filter((a) => drop(a) !== null);
    const costly = measured.filter((a) => drop(a)! >= costlyDrop);
    const verdict =
      measured.length === 0
        ? 'Without viewer counts around them, what they did cannot be told.'
        : costly.length === 0
          ? `None of ${measured.length === 1 ? 'it' : 'them'} cost viewers: the count after each was within ${costlyDrop * 100}% of the one before (or higher).`
          : `${measured.length === 1 ? 'It' : `${costly.length} of ${plural(measured.length, 'ad break')}`} cost ${costlyDrop * 100}% of the viewers or more; shorter, more frequent breaks, announced before they start, lose fewer.`;
    return `${plural(ads.length, 'ad break')} in ${streamLink(stream, ctx.tools.timeZone)}:\n\n${lines.join('\n')}\n\n${verdict}`;
  },
};

async function findStreamWithAds(ctx: AnswerContext): Promise<{ stream: StreamListItem; ads: AdBreakEffect[] }> {
  if (ctx.namesStream) {
    const stream = await ctx.pickStream();
    const ads = (await getAdBreakEffects(ctx.store, stream.id)) ?? [];
    if (ads.length === 0)
      throw new CannotAnswer(`no ad break was recorded in ${streamLink(stream, ctx.tools.timeZone)}`, [
        'viewer-change',
        'summary',
      ]);
    return { stream, ads };
  }
  for (const stream of (await ctx.streamsInPeriod()).slice(0, 30)) {
    const ads = (await getAdBreakEffects(ctx.store, stream.id)) ?? [];
    if (ads.length > 0) return { stream, ads };
  }
  throw new CannotAnswer(
    `no ad break is recorded in ${ctx.channel.login}'s recent streams (ad breaks come from EventSub, which needs a login with the channel:read:ads scope)`,
    ['viewer-change', 'summary'],
  );
}
