// "Who got banned last stream?", "how many timeouts were there?", "who are my mods?": bans, timeouts by chatter,
// deleted messages and chat clears (chat's own notices), and the moderators who chatted. A stream or period the
// question names; otherwise the last stream, or all recorded time for who the moderators are.

import { getModeration, type ModerationAction } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

const modsAsked = /\b(mods|moderators?|who moderates)\b/;
/** Who the moderators are is read from this many recent streams' chat when no period is named. */
const recentStreams = 10;

export const moderationFamily: Family = {
  kind: 'moderation',
  title: 'Bans, timeouts and moderators',
  examples: ['Who got banned last stream?', 'Who are my mods?'],
  score: (q) =>
    /\b(bann?ed|bans?|banning|timeouts?|timed (out|them out)|time ?outs?|deleted messages?|purged?|moderation|moderat(e|ed|ing))\b/.test(
      q,
    ) ||
    /\bwho (are|were) (my|the) (mods|moderators)\b|\b(my|the) (mods|moderators)\b/.test(q) ||
    // "any drama in chat?", "any trolls?": what the moderators had to do.
    /\b(drama|trolls?|trolling|spammers?|spam ?bots?|harass\w*|rude|hateful|raid ?bots?|hate raids?)\b/.test(q)
      ? 5
      : 0,
  async compose(ctx) {
    const aboutMods = modsAsked.test(ctx.q) && !/\b(bann?ed|bans?|timeouts?|timed out)\b/.test(ctx.q);
    let scope: { from: number; to: number; label: string; counted?: boolean };
    if (ctx.namesStream || (!ctx.entities.period && !aboutMods)) {
      const stream = await ctx.pickStream();
      scope = { from: stream.startedAt, to: stream.startedAt + 1, label: streamLink(stream, ctx.tools.timeZone) };
    } else if (ctx.entities.period) scope = ctx.entities.period;
    else {
      // Who the moderators are: their badges in the recent streams' chat (not a whole year of it).
      const recent = (await ctx.listStreams()).slice(0, recentStreams);
      const oldest = recent.at(-1);
      if (!oldest) throw new CannotAnswer(`${ctx.channel.login} has no stream recorded yet`, ['totals']);
      scope = {
        from: oldest.startedAt,
        to: ctx.now + 1,
        label: `the last ${plural(recent.length, 'stream')}`,
        counted: true,
      };
    }
    const r = await getModeration(ctx.store, ctx.channel.id, scope.from, scope.to);
    if (r.streams === 0) throw await ctx.noStreamIn(scope, ['totals']);
    const where =
      r.streams === 1 && !scope.counted
        ? `in ${scope.label}`
        : `over ${scope.label}${scope.counted ? '' : ` (${plural(r.streams, 'stream')})`}`;
    const at = (a: ModerationAction) => moment(a.streamId, a.offsetMs);
    const mods =
      r.moderators.length === 0
        ? 'No chatter with the moderator badge chatted.'
        : `Moderators who chatted: ${r.moderators.map((m) => `${m.login} (${plural(m.messages, 'message')})`).join(', ')}.`;
    if (aboutMods) return `${where}: ${mods}`;
    const counts = [
      plural(r.bans.length, 'ban'),
      `${plural(r.totalTimeouts, 'timeout')}${r.timeouts.length > 0 ? ` of ${plural(r.timeouts.length, 'chatter')}` : ''}`,
      plural(r.deletedMessages, 'deleted message'),
      ...(r.chatClears > 0 ? [plural(r.chatClears, 'chat clear')] : []),
    ];
    const lines = [`moderation ${where}: ${counts.join(', ')}.`];
    if (r.bans.length > 0) lines.push('', 'Banned:', ...r.bans.slice(0, 10).map((b) => `- ${b.login} at ${at(b)}`));
    if (r.timeouts.length > 0)
      lines.push(
        '',
        'Timed out most:',
        ...r.timeouts
          .slice(0, 10)
          .map(
            (t) =>
              `- ${t.login} — ${t.timeouts === 1 ? `once, for ${describeSeconds(t.longestSeconds)}, at` : `${t.timeouts} times (longest ${describeSeconds(t.longestSeconds)}), first at`} ${at(t.first)}`,
          ),
      );
    lines.push('', mods);
    return lines.join('\n');
  },
};

function describeSeconds(s: number): string {
  if (s >= 86_400) return plural(Math.round(s / 86_400), 'day');
  if (s >= 3600) return plural(Math.round(s / 3600), 'hour');
  if (s >= 60) return plural(Math.round(s / 60), 'minute');
  return plural(s, 'second');
}
