// "Who stopped coming to my streams?", "which regulars are missing?": chatters who were regulars of the earlier
// streams (3 or more of the 10 before the last 3) and chatted in none of the last 3, with when they were last
// seen, and how many of those regulars are still here.

import { formatZonedDateTime, getLapsedRegulars } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { plural } from '../format.ts';
import type { Family } from './family.ts';

export const lapsedRegularsFamily: Family = {
  kind: 'lapsed-regulars',
  title: 'Regulars who stopped coming',
  examples: ['Who stopped coming to my streams?', 'Which regulars are missing?'],
  score: (q) =>
    /\bwho (stopped|quit|has stopped|have stopped|no longer)\b.*\b(coming|watching|chatting|showing up|comes|watches|chats)\b|\b(lapsed|inactive|missing|churned|lost|former) (regulars|chatters|viewers|community members)\b|\bregulars\b.*\b(stopped|gone|missing|left|disappeared|don't come|no longer)\b|\bwho (hasn't|haven't) (been|come|shown up)\b/.test(
      q,
    )
      ? 5
      : 0,
  async compose(ctx) {
    const r = await getLapsedRegulars(ctx.store, ctx.channel.id);
    if (r === null)
      throw new CannotAnswer(
        'too few finished streams to tell: regulars who stopped coming need the last 3 streams and 3 or more before them',
        ['top-chatters', 'new-chatters'],
      );
    const since = formatZonedDateTime(r.recentStreams.at(-1)!.startedAt, ctx.tools.timeZone);
    const head = `of the ${plural(r.regulars, 'regular')} of your ${r.earlierStreams} streams before the last 3 (chatted in ${r.minStreams} or more), ${r.stillHere} chatted in the last 3 (since ${since})`;
    if (r.lapsed.length === 0) return `${head}: none of them stopped coming.`;
    const lines = r.lapsed.map(
      (l) =>
        `- ${l.login} — ${l.streams} of ${r.earlierStreams} streams, ${plural(l.messages, 'message')}; last chatted ${formatZonedDateTime(l.lastSeen, ctx.tools.timeZone)}`,
    );
    return `${head}; ${r.regulars - r.stillHere} did not:\n\n${lines.join('\n')}\n\nA message or a ping on Discord to regulars who drifted away often brings them back.`;
  },
};
