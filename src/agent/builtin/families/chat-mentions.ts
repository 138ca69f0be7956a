// "Did anyone mention my music?", "what did chat say about the boss?": chat's messages with those words (full-text
// search, every word must match) in the stream the question names or in all recorded chat, newest first.

import { type ChatMatch, getChatMatches } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** What the question asks chat about: the words after "mention(ed)", "say/said/talk about"… up to the period. */
const subject =
  /\b(?:mention(?:ed|s)?|say(?:ing)?|said|talk(?:ed|ing)?|comment(?:ed)?) (?:about |anything about |something about )?(?!(?:in|during|at|on|when|while|last|this|yesterday|today|tonight)\b)(.+?)(?:\?|$| (?:in|during|on|last|this|yesterday|today)\b)/;
const fillers = new Set([
  'my',
  'the',
  'a',
  'an',
  'me',
  'our',
  'your',
  'anything',
  'something',
  'it',
  'of',
  'about',
  // "what did chat talk about the most?" asks for topics, not for the word "most".
  'most',
  'more',
]);

/** The search words of a question, or null when it names none. */
export function mentionedWords(q: string): string | null {
  const m = subject.exec(q);
  if (!m) return null;
  const words = m[1]!
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}_']/gu, ''))
    .filter((w) => w.length > 1 && !fillers.has(w));
  return words.length > 0 ? words.join(' ') : null;
}

export const chatMentionsFamily: Family = {
  kind: 'chat-mentions',
  title: 'What chat said about something',
  examples: ['Did anyone mention my music?', 'What did chat say about the boss?'],
  score: (q) =>
    (/\b(did|has|have) (anyone|anybody|someone|somebody|people|chat|viewers) (mention|say|said|talk|comment)\w*\b/.test(
      q,
    ) ||
      /\bwhat did (chat|people|viewers|anyone|they) (say|said|think) about\b/.test(q)) &&
    mentionedWords(q) !== null
      ? 6
      : 0,
  async compose(ctx) {
    const words = mentionedWords(ctx.q)!;
    const stream = ctx.namesStream ? await ctx.pickStream() : undefined;
    const matches = await getChatMatches(ctx.store, words, {
      ...(stream ? { streamId: stream.id } : { channelId: ctx.channel.id }),
      limit: 8,
    });
    const where = stream ? `in ${streamLink(stream, ctx.tools.timeZone)}` : 'in all recorded chat';
    if (matches.length === 0) throw new CannotAnswer(`nobody wrote "${words}" ${where}`, ['chat-topics', 'highlights']);
    const line = (m: ChatMatch) =>
      `- ${m.userLogin}${m.streamId && m.offsetMs !== null ? ` at ${moment(m.streamId, m.offsetMs)}` : ''}: "${m.text.slice(0, 160)}"`;
    return `chat messages with "${words}" ${where}, newest first${matches.length === 8 ? ' (the 8 newest)' : ` (${plural(matches.length, 'message')})`}:\n\n${matches.map(line).join('\n')}`;
  },
};
