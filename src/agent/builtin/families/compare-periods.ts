// "How did this month compare to last month?", "this week vs last week", "November versus October", "month over
// month": the channel's totals over two periods side by side, older first, with per-stream averages so a period
// still under way (this month) is compared fairly, and each change worded by the report's one rule (a percentage
// only over a base worth one).

import {
  describeChange,
  getPeriodTotals,
  type PeriodTotalKey,
  type PeriodTotals,
  type SummaryFigureKey,
} from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, plural } from '../format.ts';
import { type Period, toPeriod } from '../intent/extract-entities.ts';
import type { Family } from './family.ts';

const compareWords =
  /\bcompar(e|ed|ing|ison)\b|\bvs\.?\b|\bversus\b|\bdifferen(ce|t)|\bdiffer\b|\b(better|worse|more|less|fewer) than\b|\b(more|less|fewer|better|worse)\b.*\bthan\b|\b(month|week|year)[ -](over|on|to)[ -](month|week|year)\b/;

/** The rows, in the order a streamer reads them: what was streamed, who came, what they gave. */
const rows: readonly [PeriodTotalKey, string][] = [
  ['durationMinutes', 'Hours live'],
  ['hoursWatched', 'Hours watched'],
  ['follows', 'Follows'],
  ['subsNew', 'New subs'],
  ['subsResub', 'Resubs'],
  ['subsGifted', 'Gifted subs'],
  ['bits', 'Bits'],
  ['raidsReceived', 'Raids received'],
  ['chatMessages', 'Chat messages'],
];

export const comparePeriodsFamily: Family = {
  kind: 'compare-periods',
  title: 'Comparing two periods',
  examples: ['How did this month compare to last month?', 'This week vs last week'],
  // Two named periods decide it ("did I get more viewers this week than last week?" is no single viewer change).
  // One named period set against now ("how do I compare to last month?") is that period against the current one.
  score: (q, e) =>
    (e.periods.length >= 2 ? 4 : 0) +
    // "was chat more active than usual?" names no period: the last stream against its predecessors (summary).
    (e.periods.length >= 1 && (compareWords.test(q) || /\bcompare\b/.test(q)) ? 2 : 0) +
    (e.periods.length === 1 && e.streams.length === 0 && /\b(compar\w*|vs\.?|versus|than)\b/.test(q) ? 3 : 0),
  async compose(ctx) {
    const [named] = ctx.entities.periods;
    if (!named) throw new CannotAnswer('the question names no period to compare', ['compare', 'trends']);
    const [x, y = currentPeriodLike(named, ctx.now)] = ctx.entities.periods as [Period, Period?];
    const [a, b] = x.from <= y.from ? [x, y] : [y, x];
    const [ta, tb] = await Promise.all([
      getPeriodTotals(ctx.store, ctx.channel.id, a.from, a.to),
      getPeriodTotals(ctx.store, ctx.channel.id, b.from, b.to),
    ]);
    if (ta.streams === 0 && tb.streams === 0)
      throw new CannotAnswer(`${ctx.channel.login} has no stream recorded in ${a.label} or ${b.label}`, [
        'trends',
        'totals',
      ]);
    const value = (t: PeriodTotals, key: PeriodTotalKey) =>
      key === 'durationMinutes' ? t.totals[key] / 60 : t.totals[key];
    const change = (key: PeriodTotalKey, before: number, after: number) =>
      describeChange({
        key: key as SummaryFigureKey,
        value: after,
        previousStreams: 1,
        previousMedian: before,
        delta: after - before,
        deltaPct: before === 0 ? null : ((after - before) / Math.abs(before)) * 100,
        percentile: null,
      });
    const perStream = (t: PeriodTotals, key: PeriodTotalKey) => (t.streams === 0 ? null : value(t, key) / t.streams);
    const lines = rows.map(([key, label]) => {
      const va = value(ta, key);
      const vb = value(tb, key);
      const avgA = perStream(ta, key);
      const avgB = perStream(tb, key);
      const avg = avgA !== null && avgB !== null ? `; per stream ${num(avgA)} → ${num(avgB)}` : '';
      const changed = change(key, ta.totals[key], tb.totals[key]).replace('same as usual', 'same');
      return `- ${label}: ${num(va)} → ${num(vb)} (${changed}${avg})`;
    });
    const viewers = (t: PeriodTotals) => (t.avgViewers === null ? 'unknown' : num(t.avgViewers));
    lines.unshift(
      `- Average viewers (over the time live): ${viewers(ta)} → ${viewers(tb)}${
        ta.avgViewers !== null && tb.avgViewers !== null
          ? ` (${change('hoursWatched', ta.avgViewers, tb.avgViewers)
              .replace(/ hours? watched/g, '')
              .replace('same as usual', 'same')})`
          : ''
      }; peak ${num(ta.peakViewers)} → ${num(tb.peakViewers)}`,
    );
    const sentence = `${b.label.charAt(0).toUpperCase()}${b.label.slice(1)}`;
    const unfinished =
      b.to > ctx.now - 60_000 ? ` ${sentence} is still under way, so compare the per-stream figures.` : '';
    return [
      `${a.label} → ${b.label}: ${plural(ta.streams, 'stream')} → ${plural(tb.streams, 'stream')}.${unfinished}`,
      '',
      ...lines,
      '',
      'Hype Chats, ad revenue and payouts are not recorded (Twitch does not report them to streamlens).',
    ].join('\n');
  },
};

/** The period now of the same kind as `p`: this week, this month or this year, else as long as `p`, ending now. */
function currentPeriodLike(p: Period, now: number): Period {
  const days = (p.to - p.from) / 86_400_000;
  const unit = days <= 7 ? 'week' : days <= 31 ? 'month' : days <= 366 ? 'year' : null;
  const current = unit ? toPeriod(`this ${unit}`, now) : null;
  if (current && current.from >= p.to) return current;
  return { from: now - (p.to - p.from), to: now, label: `the last ${Math.round(days)} days` };
}
