// "How many lurkers do I have?", "who watches without chatting?", "who watched the longest?": a stream's chat
// presence samples (Helix Get Chatters while it was live) — present and lurking, estimated watch time, and the
// channel's regulars who lurked. Without a named stream, the last one that was sampled.

import { getStreamPresence, type StreamPresence } from '../../../analytics/index.ts';
import { type AnswerContext, CannotAnswer } from '../answer-context.ts';
import { num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

export const lurkersFamily: Family = {
  kind: 'lurkers',
  title: 'Lurkers and watch time',
  examples: ['How many lurkers do I have?', 'Who watched without chatting?'],
  score: (q) =>
    /\blurk(ers?|ing|ed|s)?\b|\bwho (watched|stayed|was there|hung around) (the )?(longest|most)\b|\b(watched|stayed) the longest\b|\bwatch(ed|es|ing)? without (chatting|talking|typing)\b|\bsilent (viewers|watchers)\b|\bhow long do (people|viewers) (watch|stay)\b/.test(
      q,
    )
      ? 5
      : 0,
  async compose(ctx) {
    const r = await findSampledStream(ctx);
    const minutes = (ms: number) => Math.round(ms / 60_000);
    const latest = r.latest;
    // The presence answer lists the longest watchers first; the lurkers among them, here.
    const lurkers = r.watchTime.filter((w) => w.lurker);
    const lines = [
      latest
        ? `- In chat at the last sample: ${plural(latest.present, 'user')}, ${num(latest.lurkers)} of them without a message so far${latest.viewers === null ? '' : ` (${plural(latest.viewers, 'viewer')} then)`}`
        : null,
      `- Lurking on average: ${Math.round(r.lurkerShare * 100)}% of those in chat`,
      // "Who watched the longest?": everyone sampled, chatters too, longest first.
      /\blongest\b|\bwatched the most\b|\bstayed the most\b/.test(ctx.q) && r.watchTime.length
        ? `- Watched longest (estimated from the samples): ${r.watchTime
            .slice(0, 8)
            .map((w) => `**${w.userLogin}** ${minutes(w.watchMs)} min${w.lurker ? ' (lurking)' : ''}`)
            .join(', ')}`
        : null,
      r.presentPerViewer === null
        ? null
        : `- In chat per viewer: ${num(r.presentPerViewer)} (Twitch lists logged-in users only)`,
      lurkers.length
        ? `- Lurkers who watched longest (estimated from the samples): ${lurkers
            .slice(0, 8)
            .map((w) => `**${w.userLogin}** ${minutes(w.watchMs)} min`)
            .join(', ')}`
        : '- Everyone sampled in chat also wrote in it.',
      r.regularLurkers.length
        ? `- Regulars who lurked this time: ${r.regularLurkers
            .slice(0, 8)
            .map((l) => `${l.userLogin} (${minutes(l.watchMs)} min)`)
            .join(', ')}`
        : null,
    ].filter((l): l is string => l !== null);
    return `lurkers in ${streamLink(r.stream, ctx.tools.timeZone)}, from ${plural(r.samples.length, 'chat presence sample')}:\n\n${lines.join('\n')}`;
  },
};

async function findSampledStream(ctx: AnswerContext): Promise<StreamPresence> {
  const candidates = ctx.namesStream ? [await ctx.pickStream()] : (await ctx.streamsInPeriod()).slice(0, 30);
  for (const stream of candidates) {
    const r = await getStreamPresence(ctx.store, stream.id);
    if (r && !('status' in r) && r.samples.length > 0) return r;
  }
  throw new CannotAnswer(
    ctx.namesStream
      ? `chat presence was not sampled in ${streamLink(candidates[0]!, ctx.tools.timeZone)}`
      : `chat presence is not sampled in ${ctx.channel.login}'s recent streams (it needs a login with the moderator:read:chatters scope while live)`,
    ['new-chatters', 'top-chatters'],
  );
}
