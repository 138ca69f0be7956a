// "Why did chat die down?", "when did chat go quiet last stream?", "why was chat dead around 1:20?": the stretches
// where chat ran at under half its usual pace, the deepest first (or the one nearest a named moment), with the
// viewers then — did they leave, or stay and stop talking? — what was recorded just before it and what the
// streamer was saying as it began.

import { type ChatLull, getChatLulls } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** Viewers falling by this share or more during a lull means they left, not only went quiet. */
const viewersLeftShare = 0.1;
/** A named moment finds a lull that began up to this long after it or covered it. */
const nearMs = 10 * 60_000;

const quietWords =
  /\b(d(ie|ied|ying) (down|off|out)|died|die|dying|dead|quiet(er|est|ed)?|went quiet|go quiet|slow(ed|s)? down|slowed|slowest|silent|silence|dr(y|ied) up|calm(ed)? down|drop(ped)? off|fell off|lull|stopped (talking|chatting)|no one (talked|was talking|chatted)|nobody (talked|was talking|chatted))\b/;

export const chatLullsFamily: Family = {
  kind: 'chat-lulls',
  title: 'When and why chat went quiet',
  examples: ['Why did chat die down?', 'When did chat go quiet last stream?'],
  score: (q) =>
    /\b(chat|chatters|chatting|talking|messages)\b/.test(q) && quietWords.test(q) && !/\bmost active|busiest\b/.test(q)
      ? 5
      : 0,
  async compose(ctx) {
    const stream = await ctx.pickStream();
    const r = await getChatLulls(ctx.store, stream.id);
    if (r === null || r.usualPerMinute === 0)
      throw new CannotAnswer(`no chat was recorded in ${streamLink(stream, ctx.tools.timeZone)}`, ['summary']);
    const link = streamLink(stream, ctx.tools.timeZone);
    const usual = `${num(r.usualPerMinute)} messages a minute`;
    const at = ctx.entities.offsetMs;
    const near =
      at === null ? r.lulls : r.lulls.filter((l) => l.offsetMs <= at + nearMs && l.offsetMs + l.minutes * 60_000 >= at);
    if (r.lulls.length === 0)
      return `chat in ${link} never went quiet for long: at its usual pace of ${usual}, no stretch of ${plural(3, 'minute')} or more ran at under half of it${r.usualPerMinute < 2 ? ' (chat was too slow for lulls to stand out)' : ''}.`;
    if (near.length === 0)
      return `chat in ${link} did not go quiet around ${moment(stream.id, at!)}: no stretch near it ran at under half the usual ${usual}. The quietest was ${describeSpan(stream.id, r.lulls[0]!)}.`;
    const [main, ...others] = [...near].sort((a, b) =>
      at === null ? b.messagesShort - a.messagesShort : Math.abs(a.offsetMs - at) - Math.abs(b.offsetMs - at),
    );
    const lines = [
      `in ${link}, chat usually ran at ${usual}; it went quiet for ${describeSpan(stream.id, main!)} — ${num(main!.messagesShort)} messages short of its usual pace.`,
      '',
      ...explain(stream.id, main!),
    ];
    if (others.length > 0)
      lines.push('', 'Other quiet stretches:', ...others.slice(0, 3).map((l) => `- ${describeSpan(stream.id, l)}`));
    return lines.join('\n');
  },
};

const describeSpan = (streamId: string, l: ChatLull) =>
  `${plural(l.minutes, 'minute')} from ${moment(streamId, l.offsetMs)} (${num(l.messagesPerMinute)} messages a minute from ${num(l.chattersPerMinute)} chatters)`;

/** What went with the lull: the viewers, what happened before it, what the streamer said. */
function explain(streamId: string, l: ChatLull): string[] {
  const out: string[] = [];
  const { viewersBefore: before, viewersDuring: during } = l;
  if (before === null || during === null) out.push('- No viewer counts were recorded then.');
  else if (during <= before * (1 - viewersLeftShare))
    out.push(`- Viewers left too: ${before} in the minute before, ${during} at the fewest during it.`);
  else
    out.push(
      `- Viewers stayed (${before} in the minute before, ${during} at the fewest during it): they kept watching but stopped chatting.`,
    );
  const ads = l.events.filter((e) => e.kind === 'ad-break');
  if (ads.length > 0) out.push('- An ad break ran then: chat usually goes quiet while ads play.');
  for (const e of l.events.slice(0, 5)) out.push(`- ${e.label} at ${moment(streamId, e.offsetMs)}`);
  if (l.events.length === 0)
    out.push('- No ad break, raid, title or category change, poll or prediction in the five minutes before it.');
  for (const s of l.said) out.push(`- You said at ${moment(streamId, s.offsetMs)}: "${s.text.slice(0, 160)}"`);
  return out;
}
