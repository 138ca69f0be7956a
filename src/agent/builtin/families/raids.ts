// "Did the raid help?", "how many of the raiders stayed?", "who raided me last stream and did they stick
// around?": each incoming raid with its size, viewers before, the peak after and who was still there 10 and 30
// minutes later. Without a named stream, the most recent stream that had a raid.

import type { StreamListItem } from '../../../analytics/index.ts';
import { type AnswerContext, CannotAnswer } from '../answer-context.ts';
import { moment, num, signed, streamLink } from '../format.ts';
import { loadRaidEffects, type RaidFacts } from '../load-raid-effects.ts';
import type { Family } from './family.ts';

export const raidsFamily: Family = {
  kind: 'raids',
  title: 'Raids and their effect',
  examples: [
    'Did the raid help?',
    'How many of the raiders stayed?',
    'Who raided me last stream and did they stick around?',
  ],
  score: (q) => (/\braid(s|ed|er|ers|ing)?\b/.test(q) ? 4 : 0),
  async compose(ctx) {
    const { stream, raids } = await findRaidedStream(ctx);
    const lines = raids.map((r) => describeRaid(stream.id, r, stream.live === true));
    const verdicts = raids.map(verdict).filter(Boolean);
    return `${raids.length === 1 ? 'one raid' : `${raids.length} raids`} in ${streamLink(stream, ctx.tools.timeZone)}:\n\n${lines.join('\n\n')}${verdicts.length ? `\n\n${verdicts.join(' ')}` : ''}`;
  },
};

async function findRaidedStream(ctx: AnswerContext): Promise<{ stream: StreamListItem; raids: RaidFacts[] }> {
  if (ctx.namesStream) {
    const stream = await ctx.pickStream();
    const raids = await loadRaidEffects(ctx.store, stream.id);
    if (raids.length === 0)
      throw new CannotAnswer(`nobody raided ${ctx.channel.login} during ${streamLink(stream, ctx.tools.timeZone)}`, [
        'summary',
        'viewer-change',
      ]);
    return { stream, raids };
  }
  const streams = (await ctx.streamsInPeriod()).slice(0, 30);
  for (const stream of streams) {
    const raids = await loadRaidEffects(ctx.store, stream.id);
    if (raids.length > 0) return { stream, raids };
  }
  const period = ctx.entities.period;
  throw new CannotAnswer(
    `no incoming raid is recorded in ${period ? `the streams of ${period.label}` : `the last ${streams.length} streams`} of ${ctx.channel.login}`,
    ['viewer-change', 'summary'],
  );
}

function describeRaid(streamId: string, r: RaidFacts, live: boolean): string {
  // No reading yet while the stream is live (that moment has not come); after the end, none will come.
  const after = (label: string, a: RaidFacts['after10']) =>
    a
      ? `${a.viewers} viewers ${label} (${signed(a.retained)} above the pre-raid trend's ${num(a.expected)})`
      : live
        ? `no reading ${label} yet (the stream is still live)`
        : `no reading ${label} (the stream had ended)`;
  const chatted =
    r.raidersChatted === null
      ? ''
      : `; ${r.raidersChatted} raiders chatted${r.raiderRule ? ` (a raider here: ${r.raiderRule})` : ''}`;
  return `- **${r.raider ?? 'someone'}** raided with ${num(r.size)} viewers at ${moment(streamId, r.offsetMs)}: ${num(r.viewersBefore)} viewers before, peak ${num(r.peakAfter)} after; ${after('10 minutes later', r.after10)}, ${after('30 minutes later', r.after30)}${chatted}.`;
}

function verdict(r: RaidFacts): string {
  const later = r.after30 ?? r.after10;
  if (!later || r.viewersBefore === null) return '';
  const when = r.after30 ? '30' : '10';
  const stayed = Math.max(0, later.retained);
  if (stayed === 0)
    return `The raid from ${r.raider ?? 'them'} did not last: ${when} minutes later viewers were back to ${later.viewers} (${num(later.expected)} expected without it), so none of the raiders stayed.`;
  const share = r.size ? ` — ${Math.round((stayed / r.size) * 100)}% of the ${r.size} raiders` : '';
  return `The raid from ${r.raider ?? 'them'} helped: about ${stayed} of the raiders stayed${share}, ${later.viewers} viewers ${when} minutes later against ${num(later.expected)} expected without it (${num(r.viewersBefore)} before the raid).`;
}
