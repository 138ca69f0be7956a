// "Which emotes did chat use most?", "top emotes last stream", "most popular emote this month": one stream when
// the question names one, else every stream in the period (or the last 10).

import { type EmoteUsage, getEmoteUsage } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const emotesFamily: Family = {
  kind: 'emotes',
  title: 'Emotes',
  examples: ['Which emotes does chat use most?', 'Top emotes in my last stream'],
  // Naming emotes decides it ("top emotes last stream" is not a best-stream question).
  score: (q) =>
    /\bemotes?\b|\bemojis?\b|\bemoticons?\b/.test(q) ? 5 : /\bwhat (did|does|do|was|were|is)\b.*\bspam/.test(q) ? 4 : 0,
  async compose(ctx) {
    const period = ctx.entities.period;
    const streams = ctx.namesStream
      ? [await ctx.pickStream()]
      : period
        ? await ctx.streamsInPeriod()
        : (await ctx.listStreams()).slice(0, 10);
    if (streams.length === 0)
      throw period
        ? await ctx.noStreamIn(period, ['totals'])
        : new CannotAnswer(`${ctx.channel.login} has no stream recorded yet`, ['totals']);
    const totals = new Map<string, number>();
    let messages = 0;
    for (const s of streams) {
      const r = await getEmoteUsage(ctx.store, s.id, { limit: 50 });
      if (!r || 'status' in r) continue;
      messages += (r as EmoteUsage).messages;
      for (const e of r.emotes) totals.set(e.name, (totals.get(e.name) ?? 0) + e.count);
    }
    const top = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    if (top.length === 0) throw new CannotAnswer('no emotes were recorded in that chat', ['highlights']);
    const scope =
      streams.length === 1
        ? streamLink(streams[0]!, ctx.tools.timeZone)
        : `${plural(streams.length, 'stream')}${period ? ` in ${period.label}` : ' (the last ones recorded)'}`;
    return `most used emotes in ${scope}, over ${plural(messages, 'chat message')}:\n\n${top.map(([name, n], i) => `${i + 1}. **${name}** ×${n}`).join('\n')}`;
  },
};
