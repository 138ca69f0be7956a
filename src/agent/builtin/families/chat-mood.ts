// "What was the vibe in chat?", "was chat positive?": the mood of a stream's chat (a lexicon of words and emotes:
// laughter, positive, negative), overall and per stretch, with its most negative and most positive minutes.

import { getStreamSentiment, type SentimentMinute } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** A minute counts for the best/worst only with this many messages (one message is no mood). */
const minMessages = 5;

export const chatMoodFamily: Family = {
  kind: 'chat-mood',
  title: 'The mood of chat',
  examples: ['What was the vibe in chat?', 'Was chat positive last stream?'],
  score: (q) =>
    // "what was chat like?", "how was chat?": its mood.
    /\bwhat (was|is) (the |my )?chat like\b|\bhow (was|is) (the |my )?chat\b(?! (rate|speed|activity))/.test(q) ||
    (/\b(vibes?|mood|sentiment|atmosphere|toxic(ity)?|negativ(e|ity)|positiv(e|ity)|happy|angry|upset|salty|tilted)\b/.test(
      q,
    ) &&
      /\b(chat|viewers|community|people|audience|stream|anyone|anybody|someone)\b/.test(q))
      ? 5
      : 0,
  async compose(ctx) {
    const stream = await ctx.pickStream();
    const r = await getStreamSentiment(ctx.store, stream.id);
    const link = streamLink(stream, ctx.tools.timeZone);
    if (r === null || 'status' in r) throw new CannotAnswer(`no chat was recorded in ${link}`, ['summary']);
    const sum = (k: 'messages' | 'positive' | 'negative' | 'laughter') => r.minutes.reduce((n, m) => n + m[k], 0);
    const messages = sum('messages');
    const share = (n: number) => `${num((n / messages) * 100)}%`;
    const overall = r.overall ?? 0;
    const verdict =
      overall >= 0.15
        ? 'upbeat'
        : overall >= 0.05
          ? 'mostly positive'
          : overall > -0.05
            ? 'neutral'
            : 'on the negative side';
    const busy = r.minutes.filter((m) => m.messages >= minMessages && m.score !== null);
    const by = (a: SentimentMinute, b: SentimentMinute) => a.score! - b.score! || b.messages - a.messages;
    const worst = [...busy].sort(by)[0];
    const best = [...busy].sort((a, b) => by(b, a))[0];
    const lines = [
      `chat in ${link} was ${verdict}: of ${plural(messages, 'message')}, ${share(sum('laughter'))} laughed, ${share(sum('positive'))} were positive and ${share(sum('negative'))} negative (mood ${num(overall)} on a scale of −1 to 1, from a lexicon of words and emotes).`,
    ];
    if (best && best.score! > 0)
      lines.push(
        `- Happiest minute: ${moment(stream.id, best.offsetMs)} (${plural(best.messages, 'message')}, mood ${num(best.score)}).`,
      );
    if (worst && worst.score! < 0)
      lines.push(
        `- Most negative minute: ${moment(stream.id, worst.offsetMs)} (${plural(worst.messages, 'message')}, mood ${num(worst.score)}).`,
      );
    return lines.join('\n');
  },
};
