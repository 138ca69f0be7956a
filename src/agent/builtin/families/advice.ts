// "What should I change to grow?", "any tips to get more viewers?", "how can I improve my streams?": the channel's
// recommendations (the report's advice: category, schedule, ad breaks, community, questions, titles, engagement),
// best supported first, each with how strongly the recorded numbers back it.

import { getRecommendations } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { plural } from '../format.ts';
import type { Family } from './family.ts';

/** How strongly the numbers back a recommendation, in words. */
const support = (confidence: number) => (confidence >= 0.66 ? 'strong' : confidence >= 0.33 ? 'moderate' : 'weak');

export const adviceFamily: Family = {
  kind: 'advice',
  title: 'What to change',
  examples: ['What should I change to grow?', 'Any tips to get more viewers?'],
  score: (q) =>
    /\b(advice|advise|tips?|suggest(ion)?s?|recommend(ation)?s?)\b|\bwhat should i (change|do|improve|fix|try|work on|focus on)\b|\bhow (can|could|do|should|would) i (grow|improve|get (more|better)|do better|increase|boost)\b|\bwhat (can|could) i (do|change|improve)\b|\bwhy (is|isn't|am|are|aren't|do|don't)\b.*\bnot (grow|growing|getting (more )?viewers)\b|\bwhy (isn't|aren't|don't|am i not)\b.*\b(grow|growing)\b/.test(
      q,
    )
      ? 5
      : 0,
  async compose(ctx) {
    const r = await getRecommendations(ctx.store, ctx.channel.id);
    if (r.recommendations.length === 0)
      throw new CannotAnswer(
        'the recorded streams do not back any change yet (recommendations need a few finished streams to compare)',
        ['trends', 'best-time', 'best-category'],
      );
    const lines = r.recommendations.map(
      (rec) =>
        `${rec.rank}. ${rec.text} (${support(rec.confidence)} support${rec.evidence.streamIds?.length ? `, from ${plural(rec.evidence.streamIds.length, 'stream')}` : ''})`,
    );
    return `what the recorded streams suggest changing, best supported first:\n\n${lines.join('\n')}`;
  },
};
