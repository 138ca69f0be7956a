// "Which category performs best?", "what game should I stream?", "best category for viewers?", "what do my viewers
// like?". A category streamed only once is listed but not ranked first while another has at least 2 streams. A
// question naming one of the channel's categories ("do my viewers like it when I play Minecraft?") leads with it,
// ranked among the others.

import { type CategoryComparison, type CategoryPerformance, formatZonedDateTime } from '../../../analytics/index.ts';
import { toStreamHref } from '../../extract-citations.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, pct } from '../format.ts';
import type { Family } from './family.ts';

const opinion =
  /\b(did|do|does) (my )?(viewers|chat|people|audience|community|they|folks) (like|enjoy|love|hate|dislike|prefer)\b|\bwhat (did|do|does) (my )?(viewers|chat|people|audience|community) think (of|about)\b.*\b(game|category|playing)\b|\bhow (did|was) (the )?(new game|new category)\b/;
const newCategory = /\b(new|newest|latest) (game|category)\b/;

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
    (/\b(categor(y|ies)|games?)\b.*\b(avoid|drop|stop (streaming|playing))\b|\b(avoid|drop|stop (streaming|playing))\b.*\b(categor(y|ies)|games?)\b/.test(
      q,
    )
      ? 2
      : 0) +
    (/\bwhat (do|does) (my )?(viewers|chat|people|audience|community) (like|enjoy|want|prefer)\b/.test(q) ? 3 : 0) +
    (/\b(when|if) i (play|stream)\b/.test(q) ? 2 : 0) +
    // "did my viewers like Stardew Valley?", "what did chat think of the new game?": how a category was received.
    (opinion.test(q) ? 3 : 0),
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
    // The longest category name the question contains, so "Minecraft Dungeons" wins over "Minecraft"; "the new
    // game" is the one first streamed last.
    const named =
      [...ranked]
        .sort((a, b) => b.gameName.length - a.gameName.length)
        .find((c) => c.gameName.length > 2 && ctx.q.includes(c.gameName.toLowerCase())) ??
      (newCategory.test(ctx.q) && ranked.length > 1
        ? [...ranked].sort((a, b) => b.firstStreamedAt - a.firstStreamedAt)[0]
        : undefined);
    if (!named && opinion.test(ctx.q) && !/\b(categor(y|ies)|games?)\b/.test(ctx.q))
      throw new CannotAnswer(
        `that is not one of ${ctx.channel.login}'s categories (${ranked.map((c) => c.gameName).join(', ')}); how viewers received something else is not recorded`,
        ['chat-mentions', 'chat-mood'],
      );
    if (named && (named !== top || opinion.test(ctx.q))) {
      const place = ranked.indexOf(named) + 1;
      const few = named.streams < 2 ? ' (only one stream: too few to be sure)' : '';
      const others = ranked.filter((c) => c !== named);
      const isNew = !ctx.q.includes(named.gameName.toLowerCase());
      const since = isNew ? `, first streamed ${formatZonedDateTime(named.firstStreamedAt, ctx.tools.timeZone)}` : '';
      return `${line(named)}${few}${since} — number ${place} of your ${ranked.length} categories by average viewers.${reception(named, others)}${named === top ? '' : ` Your best is ${line(top)}.`}\n\n${others
        .filter((c) => c !== top)
        .map((c) => `- ${line(c)}`)
        .join('\n')}`;
    }
    const examples = top.streamIds.slice(0, 2).map((id, i) => `[example ${i + 1}](${toStreamHref(id, null)})`);
    const caution = top.streams < 2 ? ' (only one stream: too few to be sure)' : '';
    // "Which category should I avoid?": the weakest of those streamed at least twice (else of all) leads.
    if (/\b(worst|worse|weakest|least|avoid|drop)\b|\bstop (streaming|playing)\b/.test(ctx.q) && rest.length > 0) {
      const solid = ranked.filter((c) => c.streams >= 2);
      const weakest = solid.length > 1 ? solid[solid.length - 1]! : ranked[ranked.length - 1]!;
      const few = weakest.streams < 2 ? ' (only one stream: too few to be sure)' : '';
      return `the weakest category is ${line(weakest)}${few}.${reception(
        weakest,
        ranked.filter((c) => c !== weakest),
      )} Your best is ${line(top)}${caution}.\n\n${ranked
        .filter((c) => c !== weakest && c !== top)
        .map((c) => `- ${line(c)}`)
        .join('\n')}`;
    }
    return `the best category is ${line(top)}${caution} — e.g. ${examples.join(', ')}.\n\n${rest.map((c) => `- ${line(c)}`).join('\n')}`;
  },
};

/** How a category did against the channel's others, weighted by hours: viewers, follows and chat per viewer. */
function reception(c: CategoryPerformance, others: readonly CategoryPerformance[]): string {
  const weighted = (value: (o: CategoryPerformance) => number | null) => {
    const known = others.filter((o) => value(o) !== null && o.hours > 0);
    const hours = known.reduce((n, o) => n + o.hours, 0);
    return hours > 0 ? known.reduce((n, o) => n + value(o)! * o.hours, 0) / hours : null;
  };
  const change = (mine: number | null, theirs: number | null) =>
    mine === null || theirs === null || theirs === 0 ? '' : pct(((mine - theirs) / theirs) * 100);
  const parts: string[] = [];
  const viewers = weighted((o) => o.avgViewers);
  if (c.avgViewers !== null && viewers !== null)
    parts.push(
      `${num(c.avgViewers)} average viewers against ${num(viewers)} in your other categories${change(c.avgViewers, viewers)}`,
    );
  const follows = weighted((o) => o.followsPerHour);
  if (follows !== null)
    parts.push(`${num(c.followsPerHour)} follows an hour against ${num(follows)}${change(c.followsPerHour, follows)}`);
  const chat = weighted((o) => o.chatPerViewerHour);
  if (c.chatPerViewerHour !== null && chat !== null)
    parts.push(
      `chat: ${num(c.chatPerViewerHour)} messages per viewer an hour against ${num(chat)}${change(c.chatPerViewerHour, chat)}`,
    );
  return parts.length ? ` Against your other categories (weighted by hours streamed): ${parts.join('; ')}.` : '';
}
