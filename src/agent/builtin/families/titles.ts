// "What are my best performing titles?", "which title got the most viewers?", "what should I put in my title?":
// finished streams' titles ranked by average viewers (chat, for imported history without viewer counts), and the
// title words that go with better streams (average viewers of streams whose title has the word vs not).

import {
  getTitleKeywords,
  type StreamListItem,
  type SummaryFigureKey,
  type TitleKeyword,
} from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** Titles listed at the top (and, with enough streams, at the bottom). */
const listed = 3;

export const titlesFamily: Family = {
  kind: 'titles',
  title: 'Titles that work',
  examples: [
    'What are my best performing titles?',
    'Which title got the most viewers?',
    'What words in my titles work?',
  ],
  score: (q) =>
    /\btitles?\b/.test(q) &&
    /\b(best|worst|top|good|better|bad|perform\w*|work(s|ed|ing)?|most|fewest|least|highest|lowest|successful|effective|which|what words|should i (put|use|call|name)|ideas?|get (me )?(more )?viewers)\b/.test(
      q,
    ) &&
    // "did my title change help?" is what one change did (stream-changes), not which titles do well.
    !/\b(chang(e|ed|es|ing)|switch(ed|ing)?)\b/.test(q)
      ? 5
      : 0,
  async compose(ctx) {
    const period = ctx.entities.period;
    const streams = (await ctx.streamsInPeriod()).filter((s) => !s.live && s.title.trim() !== '');
    const figures = await ctx.streamFiguresInPeriod();
    const value = (s: StreamListItem, key: SummaryFigureKey) => figures.get(s.id)?.[key].value ?? null;
    const withViewers = streams.filter((s) => value(s, 'avgViewers') !== null);
    const key: SummaryFigureKey = withViewers.length > 0 ? 'avgViewers' : 'chatMessages';
    const label = key === 'avgViewers' ? 'average viewers' : 'chat messages';
    // One line per title: a title used for several streams is one entry with their mean.
    const byTitle = new Map<string, StreamListItem[]>();
    for (const s of streams) {
      if (value(s, key) === null) continue;
      const title = s.title.trim().replace(/\s+/g, ' ');
      byTitle.set(title, [...(byTitle.get(title) ?? []), s]);
    }
    const ranked = [...byTitle]
      .map(([title, list]) => ({
        title,
        list,
        value: list.reduce((sum, s) => sum + value(s, key)!, 0) / list.length,
      }))
      .sort((a, b) => b.value - a.value);
    if (ranked.length === 0)
      throw new CannotAnswer(
        `${ctx.channel.login} has no finished stream with a title and ${key === 'avgViewers' ? 'viewer counts' : 'chat'}${period ? ` in ${period.label}` : ''}`,
        ['best-stream', 'summary'],
      );
    const line = (t: (typeof ranked)[number]) => {
      const s = t.list[0]!;
      const category = [...new Set(t.list.map((x) => x.gameName ?? 'no category'))].join(', ');
      return t.list.length === 1
        ? `- "${t.title}" — ${num(t.value)} ${label} (${streamLink(s, ctx.tools.timeZone)}, ${category})`
        : `- "${t.title}" — ${num(t.value)} ${label} on average over ${plural(t.list.length, 'stream')} (${category}; latest ${streamLink(s, ctx.tools.timeZone)})`;
    };
    const scope = `of ${plural(ranked.length, 'title')} of finished streams${period ? ` in ${period.label}` : ''}, ranked by ${label}${key === 'chatMessages' ? ' (no viewer counts are recorded: imported chat has none)' : ''}`;
    const out = [
      `${ranked.length > 1 ? 'these did best' : 'there is one title'} ${scope}:`,
      '',
      ...ranked.slice(0, listed).map(line),
    ];
    if (ranked.length > listed * 2) out.push('', 'Weakest:', ...ranked.slice(-1).map(line));
    // Words, over the whole history with viewer counts (too few streams in a period to tell).
    const keywords = await getTitleKeywords(ctx.store, ctx.channel.id);
    if ('keywords' in keywords) {
      const phrases = joinCooccurring(keywords.keywords);
      const strong = phrases.filter((k) => k.lift >= 1.1).slice(0, listed);
      const weak = phrases.filter((k) => k.lift <= 0.9).slice(-1);
      if (strong.length > 0 || weak.length > 0) {
        out.push(
          '',
          `Title words across ${plural(keywords.evidence.counts?.streams ?? 0, 'stream')} with viewer counts:`,
        );
        for (const k of [...strong, ...weak])
          out.push(
            `- "${k.keyword}": ${num(k.avgViewersWith)} average viewers in the ${plural(k.streams, 'stream')} with it vs ${num(k.avgViewersWithout)} without (×${num(k.lift)})`,
          );
        out.push(
          '',
          'A title word goes with the category and the day it was used: compare titles within one category before reading much into a word.',
        );
      }
    }
    return out.join('\n');
  },
};

/**
 * Words that were in exactly the same streams ("stardew" and "valley") are one phrase: the same figures twice would
 * read as two findings.
 */
function joinCooccurring(keywords: readonly TitleKeyword[]): TitleKeyword[] {
  const byStreams = new Map<string, TitleKeyword>();
  for (const k of keywords) {
    const key = `${k.streams}|${k.avgViewersWith}|${k.avgViewersWithout}`;
    const seen = byStreams.get(key);
    byStreams.set(key, seen ? { ...seen, keyword: `${seen.keyword} ${k.keyword}` } : k);
  }
  return [...byStreams.values()];
}
