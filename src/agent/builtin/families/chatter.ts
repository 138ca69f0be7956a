// "Tell me about zuxoten85_0", "when did mossy first chat?", "what does quillby usually say?", "how active is
// fernling?": one chatter's history in the channel — first and last time they chatted, their messages and streams,
// the streams they were in lately and their latest messages.

import type { ChatterProfile } from '../../../analytics/index.ts';
import { formatZonedDateTime } from '../../../analytics/index.ts';
import type { AnswerContext } from '../answer-context.ts';
import { plural } from '../format.ts';
import type { Family } from './family.ts';

const login = '@?(?<who>[a-z0-9_]{3,25})';
const asks = [
  new RegExp(`\\btell me (about|more about) ${login}\\b`),
  new RegExp(`\\bwho is ${login}\\b`),
  new RegExp(`\\bwhen did ${login} (first )?(chat|start chatting|show up|join|start watching|come)\\b`),
  new RegExp(`\\bwhat does ${login} (usually |normally |always )?(say|talk about|write|type)\\b`),
  new RegExp(`\\bhow (active|often|much) (is|does|has) ${login}\\b`),
  new RegExp(`\\bhow many (messages|streams) (has|did|does) ${login}\\b`),
  new RegExp(`\\b${login}'s (profile|history|stats|messages|activity)\\b`),
  new RegExp(`\\b(profile|history|stats) (of|for) ${login}\\b`),
];
/** Words that follow those phrasings without being a chatter. */
const notLogins = new Set(
  'me my you your i the this that it its stream streams chat chatters viewers people everyone someone anyone they them we us our my_chat best top most new last first'.split(
    ' ',
  ),
);

/** The chatter a question asks about, or null. */
export function askedChatter(q: string): string | null {
  for (const pattern of asks) {
    const found = pattern.exec(q)?.groups?.who;
    if (found && !notLogins.has(found)) return found;
  }
  return null;
}

export const chatterFamily: Family = {
  kind: 'chatter',
  title: 'One chatter',
  examples: ['Tell me about mossy', 'When did mossy first chat?'],
  // A channel the question names is that channel, not a chatter.
  score: (q, e) => {
    const who = askedChatter(q);
    return who && who !== e.channelLogin ? 5 : 0;
  },
  async compose(ctx) {
    const who = askedChatter(ctx.q)!;
    const p = await ctx.tools.call<ChatterProfile>('chatter_profile', { login: who, channel: ctx.channel.login });
    return describeChatter(ctx, p);
  },
};

async function describeChatter(ctx: AnswerContext, p: ChatterProfile): Promise<string> {
  const zone = ctx.tools.timeZone;
  const streams = await ctx.listStreams();
  const since = streams.filter((s) => s.startedAt + s.durationMs >= p.firstSeen).length;
  const byId = new Map(streams.map((s) => [s.id, s]));
  const name = p.displayName && p.displayName.toLowerCase() !== p.userLogin ? ` (${p.displayName})` : '';
  const lines = [
    `- First chatted ${formatZonedDateTime(p.firstSeen, zone)}; last ${formatZonedDateTime(p.lastSeen, zone)}`,
    `- ${plural(p.messages, 'message')} in ${plural(p.streamsAttended, 'stream')}${since > 0 ? ` — ${Math.round((Math.min(p.streamsAttended, since) / since) * 100)}% of the ${plural(since, 'stream')} since their first` : ''}`,
  ];
  const recent = p.streams.slice(0, 5).flatMap((s) => {
    const stream = byId.get(s.streamId);
    return stream
      ? [
          `[${stream.title.replace(/[[\]]/g, '') || 'untitled stream'}](/streams/${encodeURIComponent(s.streamId)}) ${plural(s.messages, 'message')}`,
        ]
      : [];
  });
  if (recent.length) lines.push(`- Latest streams: ${recent.join('; ')}`);
  if (p.recentMessages.length)
    lines.push(
      `- Latest messages:\n${p.recentMessages
        .slice(0, 5)
        .map((m) => `  - "${m.text.slice(0, 140)}"`)
        .join('\n')}`,
    );
  return `**${p.userLogin}**${name} in ${ctx.channel.login}'s chat:\n\n${lines.join('\n')}`;
}
