// "Who gifted the most subs?", "who gave the most bits?", "who are my biggest supporters?": the top gifters and
// cheerers in the stream or over the period the question names (all recorded time by default). "Who subbed last
// stream?", "who followed me today?": the subscribers or followers themselves, in order, with when.

import { getTopSupporters, type SupportEvent, type Supporter } from '../../../analytics/index.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

const whoSubbed =
  /\bwho (subbed|subscribed|resubbed|re-?subscribed|became a sub(scriber)?)\b|\bwho (are|were) (my|the) new (subs|subscribers)\b|\b(list|names) of (my |the )?(new )?(subs|subscribers)\b/;
const whoFollowed =
  /\bwho (followed|started following|hit follow)\b|\bwho (are|were) (my|the) new followers\b|\b(list|names) of (my |the )?(new )?followers\b/;
/** Subscribers or followers listed in one answer; the rest are counted. */
const listedEvents = 25;

export const supportersFamily: Family = {
  kind: 'supporters',
  title: 'Top supporters',
  examples: ['Who gifted the most subs?', 'Who are my biggest supporters?', 'Who subbed last stream?'],
  score: (q) =>
    whoSubbed.test(q) ||
    whoFollowed.test(q) ||
    /\bwho (gifted|gave|gifts|gives|donated|cheered|sent|dropped|spent)\b|\b(top|biggest|best|main|most generous) (supporters?|gifters?|sub gifters?|donors?|donators?|cheerers?|patrons?)\b|\bwho\b.*\bmost (bits|gift(ed)? subs|gifts|subs gifted)\b|\bwho (supports|supported) (me|the channel|my channel)\b|\bwho should i (thank|shout ?out|give a shout ?out to)\b|\b(who|which (viewers|people|chatters|users)) (gift|gifts|gifted|give|gives|cheer|cheers)\b.*\bmost\b/.test(
      q,
    )
      ? 5
      : 0,
  async compose(ctx) {
    // A named stream ("who gifted subs last stream?") is the period of its start; else the named period or all.
    const stream = ctx.namesStream ? await ctx.pickStream() : undefined;
    const period = stream
      ? { from: stream.startedAt, to: stream.startedAt + 1, label: streamLink(stream, ctx.tools.timeZone) }
      : (ctx.entities.period ?? { from: 0, to: ctx.now + 1, label: 'all recorded time' });
    const r = await getTopSupporters(ctx.store, ctx.channel.id, period.from, period.to);
    if (r.streams === 0) throw await ctx.noStreamIn(period, ['totals']);
    const where = stream ? `in ${period.label}` : `over ${period.label} (${plural(r.streams, 'stream')})`;
    const asked = whoSubbed.test(ctx.q) ? r.subscribed : whoFollowed.test(ctx.q) ? r.followed : undefined;
    if (asked) {
      const what = asked === r.subscribed ? 'subscribed' : 'followed';
      if (asked.total === 0) return `nobody ${what} ${where}, as recorded.`;
      const line = (e: SupportEvent) =>
        `- ${e.login ?? 'someone anonymous'} at ${moment(e.streamId, e.offsetMs)}${e.kind === 'resub' ? ` (resub${months(e.label)})` : ''}`;
      const shown = asked.list.slice(0, listedEvents);
      return [
        `${plural(asked.total, 'viewer')} ${what} ${where}${asked.total > shown.length ? `; the first ${shown.length}` : ''}:`,
        '',
        ...shown.map(line),
      ].join('\n');
    }
    const bitsAsked = /\b(bits|cheer\w*)\b/.test(ctx.q) && !/\b(gift\w*|subs?)\b/.test(ctx.q);
    const giftsAsked = /\b(gift\w*|subs?)\b/.test(ctx.q) && !/\b(bits|cheer\w*)\b/.test(ctx.q);
    const who = (s: Supporter) => s.login ?? 'anonymous gifters';
    const list = (rows: Supporter[], unit: string) =>
      rows.map((s, i) => `${i + 1}. ${who(s)} — ${plural(s.amount, unit)}`).join('\n');
    const sections: string[] = [];
    if (!bitsAsked)
      sections.push(
        r.gifters.length === 0 ? 'Nobody gifted subs.' : `Most gifted subs:\n\n${list(r.gifters, 'gifted sub')}`,
      );
    if (!giftsAsked)
      sections.push(r.cheerers.length === 0 ? 'Nobody cheered bits.' : `Most bits:\n\n${list(r.cheerers, 'bit')}`);
    return `top supporters ${where}:\n\n${sections.join('\n\n')}`;
  },
};

/** ", 9 months" from a resub's label ("foo resubscribed (9 months)"), else "". */
function months(label: string): string {
  const m = /\((\d+) months?\)/.exec(label);
  return m ? `, ${m[1]} months` : '';
}
