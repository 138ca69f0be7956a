// "How much money did I make last month?", "how many subs did I get this week?", "total bits in November":
// follows, subs, bits and the rest over a period. Twitch does not expose revenue to any third-party tool, so a
// money question gets the counts that drive it and says so.

import { getPeriodTotals, type PeriodTotalKey } from '../../../analytics/index.ts';
import { num, plural } from '../format.ts';
import type { Family } from './family.ts';

const followerCount =
  /\b(follower|sub(scriber)?) count\b|\bhow many (followers|subs|subscribers) do i have\b|\b(total|all) (my )?(followers|subscribers)\b/;

const moneyWords = /\b(money|revenue|earn(ed|ings?)?|income|paid|payout|made|make|dollars?|\$|profit|cash)\b/;

export const totalsFamily: Family = {
  kind: 'totals',
  title: 'Totals over a period',
  examples: ['How many follows and subs did I get last month?', 'How much money did I make last month?'],
  score: (q, e) =>
    (/\bhow much money|\b(revenue|earnings|income|payout)\b|\bhow much (did|have) i (make|made|earn)/.test(q) ? 4 : 0) +
    (/\b(total|totals|in total|altogether|how many|how much|count|number of|sum)\b/.test(q) ? 1 : 0) +
    (/\b(follow(s|ers?|ed)?|subs?|subscri\w*|bits|cheer(s|ed)?|gift(ed|s)?|donations?|tips?|resubs?)\b/.test(q)
      ? 2
      : 0) +
    (e.period ? 1 : 0) +
    // "what are my stats for this month?": a period's figures, not one stream's.
    (e.period &&
    e.streams.length === 0 &&
    /\b(stats|statistics|numbers|overview|recap|summary|report|figures)\b/.test(q)
      ? 3
      : 0) +
    // "what's my watch time?": hours watched over the period.
    (/\bwatch ?time\b|\b(hours|time) watched\b/.test(q) ? 3 : 0) +
    // "how many viewers do I average?": the channel's average over the period (all recorded time by default).
    (/\bhow many (viewers|people) do i (average|usually get|normally get|get on average)\b|\bdo i average\b/.test(q)
      ? 4
      : 0) +
    // "how many unique chatters have I had?": distinct chatters over a period (one stream's are its summary's).
    (e.streams.length === 0 &&
    /\bhow many (unique |distinct |different |individual )?(chatters|people (have )?(chatted|talked))\b/.test(q)
      ? 3
      : 0) +
    // "how many messages did chat send in total?": chat over the period (all recorded time by default).
    (/\b(chat )?messages\b/.test(q) && /\b(in total|total|altogether|all[- ]time|ever|overall)\b/.test(q) ? 3 : 0) +
    // "what's my follower count?": Twitch's total is not recorded; the follows that were are the answer there is.
    (followerCount.test(q) ? 3 : 0) +
    // "how many hours have I streamed?", "what's my average stream length?": time live over a period.
    (/\bhow (many|much) (hours|time)\b.*\b(stream(ed)?|live)\b|\b(hours|time) (streamed|live)\b|\b(average|avg|typical) (stream )?(length|duration)\b|\bhow long (are|do) (my|i)\b/.test(
      q,
    )
      ? 3
      : 0) -
    // "how many follows last stream?" is one stream's summary, not a period's totals.
    (e.streams.length > 0 && !e.period ? 2 : 0),
  async compose(ctx) {
    const period = ctx.entities.period ?? { from: 0, to: ctx.now + 1, label: 'all recorded time' };
    const r = await getPeriodTotals(ctx.store, ctx.channel.id, period.from, period.to);
    const money = moneyWords.test(ctx.q) && /\b(how much|money|revenue|earn|income|payout|profit|cash)\b/.test(ctx.q);
    const preface = money
      ? "Twitch doesn't give streamlens (or any tool outside your Creator Dashboard) your revenue: payouts, sub prices after Twitch's share and ad income are not exposed. Here is what drives it, as recorded.\n\n"
      : followerCount.test(ctx.q)
        ? 'streamlens records the follows and subs that happen while it watches your channel; your all-time follower and subscriber totals are on your Twitch dashboard and are not stored here. Recorded so far:\n\n'
        : '';
    if (r.streams === 0) throw await ctx.noStreamIn(period, ['trends', 'best-stream']);
    const t = r.totals;
    // A figure no stream recorded is unknown (imported chat has no follows or viewer counts), not zero.
    const some = (...keys: PeriodTotalKey[]) => Math.max(...keys.map((k) => r.known[k]));
    const known = (keys: PeriodTotalKey[], text: string) => {
      const n = some(...keys);
      return n === 0
        ? 'not recorded'
        : n < r.streams
          ? `${text} (in the ${n} of ${r.streams} streams that recorded it)`
          : text;
    };
    const subs = t.subsNew + t.subsResub + t.subsGifted;
    const lines = [
      `- Streams: ${r.streams} (${plural(t.durationMinutes / 60, 'hour')} live, ${num(t.durationMinutes / r.streams)} minutes a stream on average, ${r.withViewerCounts === 0 ? 'hours watched unknown' : `${num(t.hoursWatched)} hours watched`})`,
      `- Viewers: ${
        r.avgViewers === null
          ? 'unknown (no viewer counts recorded: imported chat has none)'
          : `${num(r.avgViewers)} on average over the time live, peak ${num(r.peakViewers)}${r.withViewerCounts < r.streams ? ` (${plural(r.withViewerCounts, 'stream')} of ${r.streams} with viewer counts)` : ''}`
      }`,
      `- Follows: ${known(['follows'], String(t.follows))}`,
      `- Subs: ${known(['subsNew', 'subsResub', 'subsGifted'], `${subs} (${t.subsNew} new, ${t.subsResub} resubs, ${t.subsGifted} gifted)`)}`,
      `- Bits: ${known(['bits'], String(t.bits))}`,
      `- Raids received: ${known(['raidsReceived'], String(t.raidsReceived))}`,
      `- Chat: ${known(['chatMessages'], `${t.chatMessages} messages from ${r.uniqueChatters} distinct chatters`)}`,
      '- Hype Chats, ad revenue and payouts: not recorded (Twitch does not report them to streamlens)',
    ];
    return `${preface}${preface ? 'Totals' : 'totals'} for ${period.label}, over ${plural(r.streams, 'stream')}:\n\n${lines.join('\n')}`;
  },
};
