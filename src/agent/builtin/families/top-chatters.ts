// "Who are my top chatters?", "who chats the most?", "my most loyal viewers", "top chatters last stream": over
// all recorded streams, or in one stream when the question names one. The streamer is never among them.

import { getStreamCommunity, type NoData, type TopChatters } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

const longStanding =
  /\bbeen (here|around|watching) (since|from) (the )?(start|beginning|day one)\b|\b(oldest|og|longest[- ]standing|earliest) (viewers?|chatters?|fans?|followers|community members)\b/;

export const topChattersFamily: Family = {
  kind: 'top-chatters',
  title: 'Top chatters',
  examples: ['Who are my top chatters?', 'Who are my most loyal chatters?'],
  score: (q) =>
    (/\b(chatters?|regulars|loyal|fans?|supporters|community members)\b|\bwho (chats|chatted|talks|talked|types|typed|said|says|wrote|writes|sent|spoke|spammed)\b/.test(
      q,
    )
      ? 2
      : 0) +
    (/\b(top|most|active|biggest|best|loyal|regular|who)\b/.test(q) ? 1 : 0) +
    // "who's been here since the start?", "my oldest viewers": the chatters of the most streams.
    (longStanding.test(q) ? 3 : 0),
  async compose(ctx) {
    const me = ctx.channel.login.toLowerCase();
    if (ctx.namesStream) {
      const stream = await ctx.pickStream();
      const r = await getStreamCommunity(ctx.store, stream.id, { topLimit: 11 });
      if (r === null || 'status' in r)
        throw new CannotAnswer(`no chat was recorded for ${streamLink(stream, ctx.tools.timeZone)}`, ['summary']);
      const top = r.topChatters.filter((c) => c.userLogin.toLowerCase() !== me).slice(0, 5);
      return `top chatters of ${streamLink(stream, ctx.tools.timeZone)}:\n\n${top.map((c, i) => `${i + 1}. **${c.userLogin}** — ${c.messages} messages`).join('\n')}`;
    }
    const order =
      /\b(loyal|regular|most streams|show up|attend)/.test(ctx.q) || longStanding.test(ctx.q) ? 'streams' : 'messages';
    const period = ctx.entities.period;
    const r = await ctx.tools.call<TopChatters | NoData>('top_chatters', {
      channel: ctx.channel.login,
      order,
      limit: 11,
      ...(period ? { from: period.from, to: period.to } : {}),
    });
    const top = 'status' in r ? [] : r.chatters.filter((c) => c.userLogin.toLowerCase() !== me).slice(0, 5);
    if (top.length === 0)
      throw new CannotAnswer(
        `no chat has been recorded for ${ctx.channel.login}${period ? ` in ${period.label}` : ''}`,
        ['summary'],
      );
    const lines = top.map(
      (c, i) => `${i + 1}. **${c.userLogin}** — ${plural(c.messages, 'message')} in ${plural(c.streams, 'stream')}`,
    );
    return `${order === 'streams' ? 'most loyal' : 'top'} chatters over ${period ? `the streams of ${period.label}` : 'all recorded streams'} (${order === 'streams' ? 'most streams attended' : 'most messages'}):\n\n${lines.join('\n')}`;
  },
};
