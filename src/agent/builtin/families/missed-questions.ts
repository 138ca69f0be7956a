// "Which questions did I miss?", "did I miss any questions in chat last stream?", "unanswered questions?":
// questions chat asked the streamer that got no reply, mention or spoken answer in time.

import { getChatQuestions } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const missedQuestionsFamily: Family = {
  kind: 'missed-questions',
  title: 'Missed questions',
  examples: ['Which questions did I miss?', 'Did I miss any questions in chat last stream?'],
  score: (q) =>
    (/\bquestions?\b|\basked\b|\basking\b|\bask(ed)? me\b/.test(q) ? 2 : 0) +
    (/\b(miss(ed)?|unanswered|didn'?t (answer|reply|respond)|not answered|ignored|overlooked|forgot|skipped|skip|answer(ed)?)\b/.test(
      q,
    )
      ? 2
      : 0),
  async compose(ctx) {
    const stream = await ctx.pickStream();
    const r = await getChatQuestions(ctx.store, stream.id);
    if (r === null || 'status' in r)
      throw new CannotAnswer(
        `no chat was recorded for ${streamLink(stream)}, so I cannot tell which questions were asked`,
        ['summary'],
      );
    const missed = r.questions.filter((x) => !x.answered);
    if (r.questions.length === 0) return `chat asked you no questions in ${streamLink(stream)}.`;
    if (missed.length === 0)
      return `you answered all ${plural(r.questions.length, 'question')} chat asked in ${streamLink(stream)}.`;
    const lines = missed
      .slice(0, 10)
      .map((x) => `- ${moment(stream.id, x.offsetMs)} **${x.userLogin}**: "${x.text.slice(0, 160)}"`);
    const more = missed.length > 10 ? `\n\n…and ${missed.length - 10} more.` : '';
    return `in ${streamLink(stream)} chat asked you ${plural(r.questions.length, 'question')}; you answered ${r.answered} and missed ${missed.length}:\n\n${lines.join('\n')}${more}\n\n(Answered = a reply, a mention of the asker, or a spoken answer in the transcript within ${Math.round(r.answerWindowMs / 60_000)} minutes.)`;
  },
};
