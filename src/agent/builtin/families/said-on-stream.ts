// "Did I mention the giveaway?", "when did I talk about the schedule?", "what did I talk about last stream?": what
// the streamer said, from the stream's audio transcript — the lines with those words (full-text search, newest
// first), or without words the stream's spoken topics.

import { getTranscriptTopics, hasTranscript, type TranscriptMatch } from '../../../analytics/index.ts';
import { type AnswerContext, CannotAnswer } from '../answer-context.ts';
import { moment, plural, streamLink } from '../format.ts';
import { mentionedWords } from './chat-mentions.ts';
import type { Family } from './family.ts';

const aboutWords =
  /\b(did|have|do) i (ever )?(mention|say|said|talk(ed)? about|bring up|brought up|speak about|announce)\b|\bwhen did i (mention|say|talk about|bring up|announce)\b|\bwhat did i say about\b/;
const topicsAsk =
  /\bwhat (did|do|have) i (talk|speak|ramble|chat) (about|on about)\b|\bwhat (did|was) i (talking|saying)\b|\bmy (talking points|topics)\b|\bwhat did i say\b(?!.*\b(at|around|when|while|after|before|during)\b)/;

/** No transcript where asked: transcription is off, or (when the channel has some elsewhere) was not running then. */
async function noTranscript(ctx: AnswerContext, where: string): Promise<CannotAnswer> {
  const elsewhere = await hasTranscript(ctx.store, ctx.channel.id);
  return new CannotAnswer(
    elsewhere
      ? `no transcript was recorded ${where}: transcription was not running then`
      : `no transcript was recorded ${where}: transcription of the stream's audio is off unless "transcription": { "enabled": true } is set (see the README)`,
    ['chat-topics', 'highlights'],
  );
}

export const saidOnStreamFamily: Family = {
  kind: 'said-on-stream',
  title: 'What you said on stream',
  examples: ['Did I mention the giveaway?', 'What did I talk about last stream?'],
  score: (q, e) =>
    e.offsetMs !== null
      ? 0
      : aboutWords.test(q) && mentionedWords(q) !== null
        ? 6
        : topicsAsk.test(q) && mentionedWords(q) === null
          ? 5
          : 0,
  async compose(ctx) {
    const words = aboutWords.test(ctx.q) ? mentionedWords(ctx.q) : null;
    return words === null ? spokenTopics(ctx) : saidLines(ctx, words);
  },
};

async function saidLines(ctx: AnswerContext, words: string): Promise<string> {
  const stream = ctx.namesStream ? await ctx.pickStream() : undefined;
  const r = await ctx.tools.call<{ segments: Omit<TranscriptMatch, 'id' | 'channelId' | 'startTs'>[] }>(
    'search_transcript',
    { query: words, ...(stream ? { stream: stream.id } : {}), limit: 8 },
  );
  const where = stream ? `in ${streamLink(stream, ctx.tools.timeZone)}` : 'in any recorded stream';
  if (r.segments.length === 0) {
    if (!(await hasTranscript(ctx.store, ctx.channel.id, stream?.id))) throw await noTranscript(ctx, where);
    throw new CannotAnswer(`"${words}" is not in what you said ${where} (as transcribed)`, ['chat-mentions']);
  }
  const line = (s: (typeof r.segments)[number]) =>
    `- ${s.streamId && s.offsetMs !== null ? moment(s.streamId, s.offsetMs) : 'outside a stream'}: "${s.text.slice(0, 160)}"${s.confidence < 0.6 ? ' (low confidence)' : ''}`;
  return `you said "${words}" ${where}, newest first${r.segments.length === 8 ? ' (the 8 newest)' : ` (${plural(r.segments.length, 'time')})`}:\n\n${r.segments.map(line).join('\n')}`;
}

async function spokenTopics(ctx: AnswerContext): Promise<string> {
  const stream = await ctx.pickStream();
  const r = await getTranscriptTopics(ctx.store, stream.id);
  const where = `in ${streamLink(stream, ctx.tools.timeZone)}`;
  if (r === null || 'status' in r) {
    if (await hasTranscript(ctx.store, ctx.channel.id, stream.id))
      throw new CannotAnswer(
        `what was transcribed ${where} is all below the confidence the analyst quotes (speech recognition was unsure of it)`,
        ['chat-topics'],
      );
    throw await noTranscript(ctx, where);
  }
  if (r.topics.length === 0)
    throw new CannotAnswer(`too little of what you said ${where} was transcribed to read topics from`, ['chat-topics']);
  const lines = r.topics.map(
    (t) =>
      `- **${t.word}** — in ${plural(t.minutes, 'minute')} of the stream; e.g. at ${moment(stream.id, t.example.offsetMs)}: "${t.example.text.slice(0, 140)}"`,
  );
  return `what you talked about ${where} (from ${plural(r.lines, 'transcript line')}; words by how many minutes you said them in):\n\n${lines.join('\n')}`;
}
