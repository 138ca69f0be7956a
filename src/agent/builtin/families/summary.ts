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
    (/\bhow('d| (did|was|'d|is|are))\b.*\b(stream|broadcast|it go|things|going)|\bhow('s| is) (the|my) stream|\btell me about\b.*\bstream/.test(
      q,
    )
      ? 2
      : 0) +
    (/\bwhat happened (in|during|on)\b.*\bstream/.test(q) ? 2 : 0) +
    // "how many messages per minute?": the last stream's chat rate.
    (/\bmessages (per|a|an|each) (minute|hour)\b|\bchat (speed|rate|pace)\b/.test(q) ? 3 : 0) +
    // "what time did my last stream end?": its start and length.
    (/\b(when|what time) did\b.*\b(end|finish|stop|start|begin)\b/.test(q) && !/\bchat\b/.test(q) ? 3 : 0) +
    // "when did I go live last?", "when was my last stream?": the last stream, which its answer dates.
    (/\bwhen (did|was|were) (i|my)\b.*\b(go live|went live|live|stream(ed)?|last stream|broadcast)\b/.test(q) &&
    !/\bshould\b/.test(q)
      ? 3
      : 0) +
    // "was the stream good?": the last one's figures against the streams before it.
    (/\b(was|is) (the|my|that) stream (any )?(good|bad|great|ok|okay|fine|decent|a success)\b/.test(q) ? 3 : 0) +
    // "why did my stream do badly?": its figures against the streams before it.
    (/\bwhy (was|did|is)\b.*\b(stream|it)\b.*\b(good|bad|badly|well|poorly|great|worse|better|flop\w*)\b/.test(q)
      ? 3
      : 0) +
    // "tell me about nightowl_tv": that channel's last stream.
    (e.channelLogin && /\b(tell me about|how is|how's|what about|how did|how was)\b/.test(q) ? 3 : 0) +
    // "how many people followed during the stream?": a figure of the last stream.
    (/\b(during|in|on|over) (the|that|this) stream\b/.test(q) &&
    /\b(how many|how much|what was|what were)\b/.test(q) &&
    !e.period
      ? 4
      : 0) +
    // "was chat more active than usual?": the last stream against the median of the streams before it.
    (/\bthan (usual|normal|normally|average|before)\b|\b(above|below) (average|usual|normal)\b/.test(q) && !e.period
      ? 3
      : 0) +
    // "how many people were in chat?": the last stream's chatters.
    (/\bhow many (people|users|viewers|chatters) (were |are )?(in|chatting in|active in) (the |my )?chat\b/.test(q)
      ? 3
      : 0) +
    // "what % of viewers chat?": the last stream's chatters per 100 viewers.
    (/(%|\bpercent\w*|\bshare|\bproportion|\bhow many) of (my )?(viewers|people|audience) (chat|talk|type)\w*\b/.test(q)
      ? 3
      : 0) +
    // "what's my engagement rate?": the last stream's chat per minute and per viewer.
    (/\bengag(ement|ed)\b|\bchat activity\b|\b(messages|chat(ters)?) (per|to|a|for each) viewer\b|\bchat.to.viewers?\b|\bhow active (is|was) (my )?chat\b/.test(
      q,
    )
      ? 3
      : 0) +
    // "how many viewers did I have last stream?", "how long was my last stream?": a figure of a named stream.
    (e.streams.length > 0 &&
    /\b(viewers?|peak|messages|chat(ters?|ted)?|people|ppl|watch(ed|ing)?|good|bad|great|go|went|average|hours|long|duration|length|follows?|followers|subs?|bits|numbers)\b/.test(
      q,
    )
      ? 2
      : 0) +
    // "what game did I play last stream?", "what was the title of my last stream?": the stream's own details.
    (e.streams.length > 0 && /\b(what|which) (game|category|title)\b|\b(game|category|title) (of|was|did)\b/.test(q)
      ? 3
      : 0) +
    // "how many viewers did nightowl_tv have?": the last stream's, when no period is named.
    (e.streams.length === 0 && !e.period && /\bhow many (viewers|people)\b.*\b(have|had|get|got)\b/.test(q) ? 2 : 0) +
    // "what was the peak viewer count?": a viewer figure of the last stream, when no period is named.
    (e.streams.length === 0 &&
    !e.period &&
    /\b(peak|average|avg|max(imum)?|highest|concurrent)\b.*\bviewers?\b|\bviewer ?count\b|\bccv\b|\b(my|the) peak\b/.test(
      q,
    )
      ? 2
      : 0) +
    // "how many people watched on average?", "how many tuned in?": the last stream's viewers.
    (e.streams.length === 0 &&
    !e.period &&
    /\bhow many\b.*\b(watch(ed|ing)?|tun(ed|ing) in)\b|\bwatch\w*\b.*\b(on )?average\b|\baverage (audience|viewership)\b/.test(
      q,
    )
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
    // A question about one figure gets it first ("what was the peak?" → "Peak viewers: 186."), then the rest.
    const asked = askedFigure(ctx.q);
    const detail = /\btitle\b/.test(ctx.q)
      ? `\n\nIts title: "${s.stream.title}".`
      : /\b(game|category)\b/.test(ctx.q)
        ? `\n\nCategory: ${s.stream.gameName ?? 'none set'}.`
        : '';
    const lead = asked
      ? `\n\n${
          asked === 'durationMinutes'
            ? `It lasted ${num(s.figures.durationMinutes.value)} minutes`
            : asked === 'messagesPerMinute'
              ? `Chat: ${num(s.figures.messagesPerMinute.value)} messages a minute, ${s.figures.chattersPer100Viewers.value === null ? 'chatters per viewer unknown (no viewer counts)' : `${num(s.figures.chattersPer100Viewers.value)} chatters per 100 average viewers, ${num((s.figures.chatMessages.value ?? 0) / Math.max(s.figures.avgViewers.value ?? 1, 1))} messages per average viewer`}`
              : asked === 'subsNew'
                ? `Subs: ${num(s.figures.subsNew.value)} new, ${num(s.figures.subsResub.value)} resubs, ${num(s.figures.subsGifted.value)} gifted`
                : `${summaryRows.find(([k]) => k === asked)![1]}: ${s.figures[asked].value === null ? 'unknown' : num(s.figures[asked].value)}`
        }.`
      : '';
    return `summary of ${streamLink(s.stream, ctx.tools.timeZone)} — ${s.stream.gameName ?? 'no category'}, ${num(s.figures.durationMinutes.value)} minutes.${live}${detail}${lead}\n\n${lines.join('\n')}\n\n${comparison}`;
  },
};

/** The one figure a question asks about, if it names one. */
function askedFigure(q: string): SummaryFigureKey | null {
  const figures: [RegExp, SummaryFigureKey][] = [
    [/\bpeak\b|\b(max(imum)?|highest) viewers?\b/, 'peakViewers'],
    [
      /\b(average|avg)\b.*\bviewers?\b|\bviewers?\b.*\b(on average|average)\b|\bviewer ?count\b|\bccv\b|\bwatch\w*\b.*\b(on )?average\b|\baverage (audience|viewership)\b/,
      'avgViewers',
    ],
    [/\bhow long\b|\b(length|duration)\b/, 'durationMinutes'],
    [
      /\bhow many (people|chatters|users|viewers) (were |are )?(in|chatting in|active in) (the |my )?chat\b|\bhow many (people|chatters|users)\b|\b(unique|distinct) chatters\b|\bpeople chatted\b/,
      'uniqueChatters',
    ],
    [/\bmessages (per|a|an|each) minute\b|\bchat (speed|rate|pace)\b/, 'messagesPerMinute'],
    [
      /(%|\bpercent\w*|\bshare|\bproportion) of (my )?(viewers|people|audience) (chat|talk|type)\w*\b/,
      'messagesPerMinute',
    ],
    [/\b(messages|chat(ters)?) (per|to|a|for each) viewer\b|\bchat.to.viewers?\b/, 'messagesPerMinute'],
    [/\bmessages\b/, 'chatMessages'],
    [/\bhours watched\b|\bwatch ?time\b/, 'hoursWatched'],
    [/\bfollow(s|ers?)\b/, 'follows'],
    [/\bbits\b/, 'bits'],
    [
      /\bengag(ement|ed)\b|\bchat activity\b|\bhow active\b|\bchat\b.*\b(active|busy|lively|quiet)\b/,
      'messagesPerMinute',
    ],
    [/\bsubs?\b|\bsubscri/, 'subsNew'],
  ];
  return figures.find(([pattern]) => pattern.test(q))?.[1] ?? null;
}
