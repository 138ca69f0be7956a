// "Did the raid help?", "how many of the raiders stayed?", "who raided me last stream and did they stick
// around?": each incoming raid with its size, viewers before, the peak after and who was still there 10 and 30
// minutes later. Without a named stream, the most recent stream that had a raid.

import { formatZonedDateTime, loadStreamEvents, type StreamListItem } from '../../../analytics/index.ts';
import { type AnswerContext, CannotAnswer } from '../answer-context.ts';
import { moment, num, plural, signed, streamLink } from '../format.ts';
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
    if (raidBack.test(ctx.q)) return raidBackAnswer(ctx);
    const { stream, raids } = await findRaidedStream(ctx);
    const lines = raids.map((r) => describeRaid(stream.id, r, stream.live === true));
    const verdicts = raids.map(verdict).filter(Boolean);
    return `${raids.length === 1 ? 'one raid' : `${raids.length} raids`} in ${streamLink(stream, ctx.tools.timeZone)}:\n\n${lines.join('\n\n')}${verdicts.length ? `\n\n${verdicts.join(' ')}` : ''}`;
  },
};

/** "Who should I raid?": asks whom to raid, not about raids received. */
const raidBack =
  /\b(who|whom|which (channels?|streamers?|people)) (should|could|can|do|to) i raid\b|\bwho to raid\b|\braid (back|someone|somebody|next)\b|\breturn (the|a) raid\b|\bwho (did|have) i raid(ed)?\b/;

/** Channels that raided this one (in the last 100 streams), most recent first, and whether it raided them back. */
async function raidBackAnswer(ctx: AnswerContext): Promise<string> {
  const streams = (await ctx.streamsInPeriod()).slice(0, 100);
  const events = await loadStreamEvents(
    ctx.store,
    streams.map((s) => ({
      id: s.id,
      channelId: s.channelId,
      startedAt: s.startedAt,
      endTs: s.startedAt + s.durationMs,
    })),
  );
  const raiders = new Map<string, { times: number; viewers: number; lastTs: number; stream: StreamListItem }>();
  const raidedBack = new Map<string, number>();
  for (const stream of streams)
    for (const e of events.get(stream.id) ?? []) {
      const login = e.userLogin?.toLowerCase();
      if (!login) continue;
      if (e.kind === 'raid-out') raidedBack.set(login, Math.max(raidedBack.get(login) ?? 0, e.ts));
      if (e.kind !== 'raid-in') continue;
      const known = raiders.get(login);
      if (known) {
        known.times++;
        known.viewers += e.amount ?? 0;
      } else raiders.set(login, { times: 1, viewers: e.amount ?? 0, lastTs: e.ts, stream });
    }
  const zone = ctx.tools.timeZone;
  if (raiders.size === 0)
    throw new CannotAnswer(
      `no channel raided ${ctx.channel.login} in the last ${plural(streams.length, 'stream')}, so there is nobody to raid back (streamlens records your channel only: it cannot see who else is live)`,
      ['supporters', 'summary'],
    );
  const lines = [...raiders]
    .sort((a, b) => b[1].lastTs - a[1].lastTs)
    .slice(0, 10)
    .map(([login, r]) => {
      const back = raidedBack.get(login);
      const answered =
        back !== undefined && back > r.lastTs
          ? `you raided them back on ${formatZonedDateTime(back, zone)}`
          : 'not raided back since';
      return `- **${login}** — raided you ${r.times === 1 ? 'once' : `${r.times} times`} (${num(r.viewers / r.times)} viewers on average), last in ${streamLink(r.stream, zone)}; ${answered}`;
    });
  return `channels that raided you in the last ${plural(streams.length, 'stream')}, most recent first. Raiding back returns the favour to a community that already knows you; streamlens records your channel only, so check that they are live (and in a category that suits your viewers) before you raid:\n\n${lines.join('\n')}`;
}

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
