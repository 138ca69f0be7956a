// "How did the poll do?", "what did people redeem?", "how did the prediction go?", "who did I shout out?", "how did
// the hype train go?": a stream's engagement beyond chat (EventSub's polls, predictions, channel points redemptions,
// hype trains, shoutouts) and its
// clips. The stream the question names, else the last one.

import { describeHypeTrain, type StreamEngagement } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

const asks = {
  polls: /\bpolls?\b|\bvot(e|es|ed|ing)\b/,
  predictions: /\bpredictions?\b|\bbets?\b|\bbetting\b/,
  redemptions: /\b(redeem\w*|redemptions?|channel points?|rewards?)\b/,
  shoutouts: /\bshout ?outs?\b|\bshouted out\b/,
  hypeTrains: /\bhype ?trains?\b/,
  clips:
    /\b(how many|most (viewed|watched|popular)|which|what) clips?\b|\bclips? (were |got |did )?(made|created|taken|people made)\b|\bwho clipped\b|\bmy (best |top )?clips?\b/,
};

export const engagementFamily: Family = {
  kind: 'engagement',
  title: 'Polls, predictions, channel points, hype trains and shoutouts',
  examples: ['How did the poll do?', 'What did people redeem last stream?'],
  score: (q) => (Object.values(asks).some((p) => p.test(q)) ? 5 : 0),
  async compose(ctx) {
    const stream = await ctx.pickStream();
    const e = await ctx.tools.call<StreamEngagement>('engagement', { stream: stream.id });
    const asked = Object.entries(asks)
      .filter(([, p]) => p.test(ctx.q))
      .map(([k]) => k);
    const show = (k: string) => asked.length === 0 || asked.includes(k);
    const sections: string[] = [];
    if (show('polls'))
      sections.push(
        e.polls.length === 0
          ? 'No poll was recorded.'
          : `Polls:\n${e.polls.map((p) => `- "${p.title}": ${plural(p.votes, 'vote')}, ${p.winner ? `won by "${p.winner}"` : 'no winner'} (${p.status})`).join('\n')}`,
      );
    if (show('predictions'))
      sections.push(
        e.predictions.length === 0
          ? 'No prediction was recorded.'
          : `Predictions:\n${e.predictions.map((p) => `- "${p.title}": ${plural(p.predictors, 'predictor')}, ${num(p.points)} points, ${p.winner ? `"${p.winner}" won` : 'no winner'} (${p.status})`).join('\n')}`,
      );
    if (show('redemptions'))
      sections.push(
        e.redemptions.total === 0
          ? 'No channel points redemption was recorded.'
          : `Channel points: ${plural(e.redemptions.total, 'redemption')} (${num(e.redemptions.points)} points spent):\n${e.redemptions.rewards
              .slice(0, 8)
              .map((r) => `- ${r.title} — ${r.count}×${r.cost === null ? '' : ` at ${num(r.cost)} points`}`)
              .join('\n')}`,
      );
    if (show('hypeTrains'))
      sections.push(
        e.hypeTrains.length === 0
          ? 'No hype train was recorded.'
          : `Hype trains:\n${e.hypeTrains.map((h) => `- ${describeHypeTrain(h, moment(stream.id, h.offsetMs))}`).join('\n')}`,
      );
    if (show('shoutouts')) {
      const list = (xs: { login: string; viewers: number | null }[]) =>
        xs.map((x) => `${x.login}${x.viewers === null ? '' : ` (${plural(x.viewers, 'viewer')})`}`).join(', ');
      sections.push(
        e.shoutouts.given.length + e.shoutouts.received.length === 0
          ? 'No shoutout was recorded.'
          : [
              e.shoutouts.given.length > 0 ? `You shouted out: ${list(e.shoutouts.given)}.` : '',
              e.shoutouts.received.length > 0 ? `You were shouted out by: ${list(e.shoutouts.received)}.` : '',
            ]
              .filter(Boolean)
              .join(' '),
      );
    }
    const clipViews = num(e.clips.reduce((n, c) => n + c.viewCount, 0));
    if (asked.includes('clips'))
      sections.push(
        e.clips.length === 0
          ? 'No clip was recorded.'
          : `Clips: ${plural(e.clips.length, 'clip')}, ${clipViews} views; most viewed first:\n${[...e.clips]
              .sort((a, b) => b.viewCount - a.viewCount)
              .slice(0, 5)
              .map(
                (c) =>
                  `- "${c.title}" by ${c.creatorName || 'streamlens'} at ${moment(stream.id, c.momentTs - stream.startedAt)}: ${plural(c.viewCount, 'view')}`,
              )
              .join('\n')}`,
      );
    else if (asked.length === 0 && e.clips.length > 0)
      sections.push(`Clips: ${plural(e.clips.length, 'clip')}, ${clipViews} views.`);
    if (sections.every((s) => s.startsWith('No ')) && asked.length > 0)
      throw new CannotAnswer(
        `no ${asked.map((k) => k.replace('hypeTrains', 'hype trains')).join(' or ')} were recorded in ${streamLink(stream, ctx.tools.timeZone)} (${asked.every((k) => k === 'clips') ? "clips are listed from Twitch's Helix API while streamlens records the channel" : "they come from EventSub, which needs the channel's own login with the right scopes"})`,
        ['summary', 'highlights'],
      );
    return `in ${streamLink(stream, ctx.tools.timeZone)}:\n\n${sections.join('\n\n')}`;
  },
};
