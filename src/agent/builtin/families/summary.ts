// "Summarize my last stream", "how did yesterday's stream go?", "recap of stream <id>".

import type { Metric, StreamInfo, SummaryFigureKey } from '../../../analytics/index.ts';
import { num, pct, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const summaryRows: [SummaryFigureKey, string][] = [
  ['avgViewers', 'Average viewers'],
  ['peakViewers', 'Peak viewers'],
  ['hoursWatched', 'Hours watched'],
  ['follows', 'New follows'],
  ['subsNew', 'New subs'],
  ['subsResub', 'Resubs'],
  ['subsGifted', 'Gifted subs'],
  ['bits', 'Bits'],
  ['raidsReceived', 'Raids received'],
  ['chatMessages', 'Chat messages'],
  ['uniqueChatters', 'Unique chatters'],
];

export const summaryFamily: Family = {
  kind: 'summary',
  title: 'Stream summary',
  examples: ['Summarize my last stream', "How was yesterday's stream?", 'How did my stream go so far?'],
  score: (q, e) =>
    (/\b(summar|recap|overview|rundown|breakdown|report\b|stats\b|statistics)/.test(q) ? 3 : 0) +
    (/\bhow (did|was|'d|is|are)\b.*\b(stream|broadcast|it go|things|going)|\bhow('s| is) (the|my) stream|\btell me about\b.*\bstream/.test(
      q,
    )
      ? 2
      : 0) +
    (/\bwhat happened (in|during|on)\b.*\bstream/.test(q) ? 2 : 0) +
    // "how many viewers did I have last stream?": a figure of a named stream.
    (e.streams.length > 0 &&
    /\b(viewers?|peak|messages|good|bad|great|go|went|average|hours|follows?|followers|subs?|bits|numbers)\b/.test(q)
      ? 2
      : 0),
  async compose(ctx) {
    const picked = await ctx.pickStream();
    const s = await ctx.tools.call<{
      stream: StreamInfo;
      figures: Record<SummaryFigureKey, Metric>;
      comparedWithPrevious: { key: SummaryFigureKey; previousMedian: number | null; deltaPct: number | null }[];
      previousStreams: number;
    }>('stream_summary', { stream: picked.id });
    // A live stream's totals grow until it ends: only its rates are set against whole past streams.
    const comparable = (key: SummaryFigureKey) => !s.stream.live || key === 'avgViewers';
    const lines = summaryRows.map(([key, label]) => {
      const cmp = comparable(key) ? s.comparedWithPrevious.find((c) => c.key === key) : undefined;
      const vs = cmp?.previousMedian != null ? ` — previous median ${num(cmp.previousMedian)}${pct(cmp.deltaPct)}` : '';
      return `- ${label}: ${num(s.figures[key].value)}${vs}`;
    });
    const comparison =
      s.previousStreams === 0
        ? "There's no earlier stream to compare with."
        : `Compared with the median of the ${s.previousStreams === 1 ? 'one previous stream' : `${s.previousStreams} previous streams`}${s.stream.live ? ' (average viewers only: the totals of a stream still live are compared once it ends)' : ''}.`;
    const live = s.stream.live ? ' It is still live: these figures are so far.' : '';
    return `summary of ${streamLink(s.stream)} — ${s.stream.gameName ?? 'no category'}, ${num(s.figures.durationMinutes.value)} minutes.${live}\n\n${lines.join('\n')}\n\n${comparison}`;
  },
};
