// "What was chat talking about?", "what were people saying last stream?": the stream's most used words (by how many
// chatters used them), each with a message that did.

import { getChatTopics } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const chatTopicsFamily: Family = {
  kind: 'chat-topics',
  title: 'What chat talked about',
  examples: ['What was chat talking about?', 'What were people saying last stream?'],
  score: (q) =>
    /\bwhat (was|is|were|did) (chat|people|viewers|everyone|my chat)\b.*\b(talk\w*|say\w*|discuss\w*|about|chatting)\b|\b(chat|conversation) topics?\b|\btopics?\b.*\bchat\b|\bwhat did chat (talk|say)\b|\b(trending|popular) in (my |the )?chat\b|\b(top|most (used|common|popular)|popular) (words|phrases|topics)\b/.test(
      q,
    )
      ? 4
      : 0,
  async compose(ctx) {
    const stream = await ctx.pickStream();
    const r = await getChatTopics(ctx.store, stream.id);
    if (r === null || 'status' in r || r.topics.length === 0)
      throw new CannotAnswer(
        `too little chat was recorded in ${streamLink(stream, ctx.tools.timeZone)} to read topics from`,
        ['highlights', 'emotes'],
      );
    const lines = r.topics.map(
      (t) =>
        `- **${t.word}** — ${plural(t.chatters, 'chatter')}, ${plural(t.uses, 'time')}; e.g. ${t.example.userLogin} at ${moment(stream.id, t.example.offsetMs)}: "${t.example.text.slice(0, 120)}"`,
    );
    return `what chat talked about in ${streamLink(stream, ctx.tools.timeZone)} (${plural(r.messages, 'message')}; words by how many chatters used them, emotes left out):\n\n${lines.join('\n')}`;
  },
};
