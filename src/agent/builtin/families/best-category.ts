// "Which category performs best?", "what game should I stream?", "best category for viewers?", "what do my viewers
// like?". A category streamed only once is listed but not ranked first while another has at least 2 streams. A
// question naming one of the channel's categories ("do my viewers like it when I play Minecraft?") leads with it,
// ranked among the others.

import type { CategoryComparison } from '../../../analytics/index.ts';
import { toStreamHref } from '../../extract-citations.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num } from '../format.ts';
import type { Family } from './family.ts';

export const bestCategoryFamily: Family = {
  kind: 'best-category',
  title: 'Best category',
  examples: ['Which category performs best?', 'What game should I stream more?'],
  score: (q) =>
    (/\b(categor(y|ies)|games?|genres?)\b/.test(q) ? 1 : 0) +
    (/\b(best|which|most|perform\w*|better|worse|worst|should|top|more)\b/.test(q) ? 1 : 0) +
    (/\b(best|top|worst|which|what) (categor(y|ies)|games?|genres?)\b/.test(q) ? 1 : 0) +
    // "what should I stream next?": the categories that work.
    (/\bwhat (should|could) i (stream|play)\b/.test(q) ? 3 : 0) +
    (/\bwhat (do|does) (my )?(viewers|chat|people|audience|community) (like|enjoy|want|prefer)\b/.test(q) ? 3 : 0) +
    (/\b(when|if) i (play|stream)\b/.test(q) ? 2 : 0),
  async compose(ctx) {
    const r = await ctx.tools.call<CategoryComparison>('category_comparison', { channel: ctx.channel.login });
    const byViewers = (x: { avgViewers: number | null }, y: { avgViewers: number | null }) =>
      (y.avgViewers ?? -1) - (x.avgViewers ?? -1);
    const ranked = [
      ...r.categories.filter((c) => c.streams >= 2).sort(byViewers),
      ...r.categories.filter((c) => c.streams < 2).sort(byViewers),
    ];
    const [top, ...rest] = ranked;
    if (!top) throw new CannotAnswer('no categories are recorded yet', ['summary']);
    const line = (c: (typeof ranked)[number]) =>
      `**${c.gameName}**: ${num(c.avgViewers)} average viewers, ${num(c.followsPerHour)} follows per hour over ${c.streams} stream${c.streams === 1 ? '' : 's'} (${num(c.hours)} h)`;
    // The longest category name the question contains, so "Minecraft Dungeons" wins over "Minecraft".
    const named = [...ranked]
      .sort((a, b) => b.gameName.length - a.gameName.length)
      .find((c) => c.gameName.length > 2 && ctx.q.includes(c.gameName.toLowerCase()));
    if (named && named !== top) {
      const place = ranked.indexOf(named) + 1;
      const few = named.streams < 2 ? ' (only one stream: too few to be sure)' : '';
      return `${line(named)}${few} — number ${place} of your ${ranked.length} categories by average viewers. Your best is ${line(top)}.\n\n${ranked
        .filter((c) => c !== named && c !== top)
        .map((c) => `- ${line(c)}`)
        .join('\n')}`;
    }
    const examples = top.streamIds.slice(0, 2).map((id, i) => `[example ${i + 1}](${toStreamHref(id, null)})`);
    const caution = top.streams < 2 ? ' (only one stream: too few to be sure)' : '';
    const worst =
      /\bworst|worse|least\b/.test(ctx.q) && rest.length
        ? `\n\nThe weakest is ${line(ranked[ranked.length - 1]!)}.`
        : '';
    return `the best category is ${line(top)}${caution} — e.g. ${examples.join(', ')}.${worst}\n\n${rest.map((c) => `- ${line(c)}`).join('\n')}`;
  },
};
