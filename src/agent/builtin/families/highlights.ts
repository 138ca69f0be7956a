// "Show me the highlights of my last stream", "what were the funniest moments?", "any clip-worthy moments?".

import type { StreamHighlights } from '../../../analytics/index.ts';
import { moment, num, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const highlightsFamily: Family = {
  kind: 'highlights',
  title: 'Highlights',
  examples: ['Show me the highlights of my last stream', 'What were the funniest moments?'],
  score: (q) =>
    /\b(highlights?|clips?|clip-worthy|clippable|funn(y|iest)|hilarious|best moments?|best parts?|top moments?|favou?rite (moments?|parts?|bits?)|hype moments?|memorable|pog moments?|biggest moments?)\b|\b(most|biggest|peak) (hype|hyped|excite\w*|pog)\b|\bchat (got|went|was) (hyped|crazy|wild|nuts)\b|\bwhen (was|did) chat\b.*\b(most|busiest|active|lively|explode|blow up)\b|\b(busiest|liveliest) (moments?|minutes?|parts?)\b/.test(
      q,
    )
      ? 3
      : 0,
  async compose(ctx) {
    const picked = await ctx.pickStream();
    const r = await ctx.tools.call<StreamHighlights>('highlights', { stream: picked.id, limit: 3 });
    if (r.highlights.length === 0)
      return `chat had no stand-out moments in ${streamLink(r.stream, ctx.tools.timeZone)}.`;
    const lines = r.highlights.map((h) => {
      const emote = h.topEmotes[0] ? `, top emote ${h.topEmotes[0].token} ×${h.topEmotes[0].count}` : '';
      const vod = h.vodUrl ? ` ([VOD](${h.vodUrl}))` : '';
      return `${h.rank}. ${moment(r.stream.id, h.offsetMs)} — ${h.kinds.join(', ')}: ${h.messages} messages (${num(h.ratio)}× the usual ${num(h.baseline)})${emote}${vod}`;
    });
    return `highlights of ${streamLink(r.stream, ctx.tools.timeZone)}:\n\n${lines.join('\n')}`;
  },
};
