// "How many new chatters did I have last stream?", "who were the first-time chatters?", "how many came back?":
// new and returning chatters of a stream, the first-timers by name and whether they returned.

import { getStreamCommunity } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const newChattersFamily: Family = {
  kind: 'new-chatters',
  title: 'New and returning chatters',
  examples: ['How many new chatters did I have last stream?', 'Who chatted for the first time?'],
  score: (q) =>
    (/\b(new|first[- ]time|returning|fresh)\s+(chatters?|people|faces|users|viewers|names)\b|\bfirst[- ]timers?\b|\bnewcomers?\b|\bfor the first time\b|\b(came|come|coming) back\b|\bnew (in|to) (the )?(chat|channel|stream)\b|\bwho('s| is| are| was| were) new\b|\b(viewer |chatter |audience )?retention\b|\bcame back\b|\bpercentage of chatters\b/.test(
      q,
    )
      ? 3
      : 0) - (/\b(follow(s|ers?)?|subs?|subscri\w*|bits)\b/.test(q) ? 2 : 0),
  async compose(ctx) {
    const stream = await ctx.pickStream();
    const r = await getStreamCommunity(ctx.store, stream.id);
    if (r === null || 'status' in r)
      throw new CannotAnswer(`no chat was recorded for ${streamLink(stream, ctx.tools.timeZone)}`, [
        'summary',
        'top-chatters',
      ]);
    const firsts = r.firstTimers
      .slice(0, 10)
      .map(
        (f) =>
          `- **${f.userLogin}** at ${moment(stream.id, f.offsetMs)}, ${plural(f.messages, 'message')}${f.gotReply ? ', got a reply' : ''}`,
      );
    const returned =
      r.firstTimersReturned > 0 ? ` ${r.firstTimersReturned} of them chatted again in a later stream.` : '';
    const unreplied = r.unrepliedFirstTimers.length
      ? `\n\nNo reply within ${Math.round(r.replyWindowMs / 60_000)} minutes for: ${r.unrepliedFirstTimers.slice(0, 10).join(', ')}.`
      : '';
    return `${streamLink(stream, ctx.tools.timeZone)} had ${r.newChatters} new chatters and ${r.returningChatters} returning ones (${plural(r.chatters, 'chatter')} in all).${returned}\n\n${firsts.length ? `First-time chatters:\n${firsts.join('\n')}` : 'Nobody chatted for the first time.'}${unreplied}\n\n(${r.evidence.note ?? 'new = first message in this channel was in this stream'})`;
  },
};
