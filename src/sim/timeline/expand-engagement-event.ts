// Channel points redemptions, polls, predictions and shoutouts as EventSub sends them (payload shapes of
// dev.twitch.tv/docs/eventsub/eventsub-reference, version 1): a poll begins, makes progress and ends with its votes;
// a prediction begins, makes progress, locks and resolves; a shoutout goes out or comes in.

import type { EpochMs } from '../../domain.ts';
import { toRfc3339Nano } from '../eventsub/eventsub-time.ts';
import { hashSeed } from '../random.ts';
import type { EventContext } from './expand-event.ts';
import type { SimEvent } from './sim-event.ts';

type Emit = (type: string, fields: Record<string, unknown>, at?: EpochMs) => SimEvent;

const rewards = [
  { title: 'Hydrate!', cost: 100, prompt: 'Make the streamer drink water' },
  { title: 'Pick the next song', cost: 500, prompt: 'Name a song' },
  { title: 'Posture check', cost: 250, prompt: '' },
];
const polls = [
  { title: 'What next?', choices: ['Boss fight', 'Farming', 'Chat games'] },
  { title: 'Best snack?', choices: ['Chips', 'Fruit'] },
];
const predictions = [
  { title: 'Will we beat the boss?', outcomes: ['Yes', 'No'] },
  { title: 'Deaths this run?', outcomes: ['Under 3', '3 or more'] },
];

/** The EventSub emissions of one engagement event; `durationMs` is how long a poll or prediction runs. */
export function expandEngagementEvent(
  ctx: EventContext,
  type: 'redemption' | 'poll' | 'prediction' | 'shoutout-out' | 'shoutout-in',
  es: Emit,
  user: Record<string, string>,
  bc: Record<string, string>,
  durationMs: number,
  other: { id: string; login: string; name: string },
): SimEvent[] {
  const { random, ts } = ctx;
  const id = () => random.uuid();
  switch (type) {
    case 'redemption': {
      const reward = random.pick(rewards);
      return [
        es('channel.channel_points_custom_reward_redemption.add', {
          id: id(),
          ...bc,
          ...user,
          user_input: reward.prompt ? random.pick(['yes please', 'lofi beats', 'now!']) : '',
          status: 'unfulfilled',
          reward: {
            id: `reward-${hashSeed(reward.title) % 100_000}`,
            title: reward.title,
            cost: reward.cost,
            prompt: reward.prompt,
          },
          redeemed_at: toRfc3339Nano(ts),
        }),
      ];
    }
    case 'poll': {
      const poll = random.pick(polls);
      const pollId = id();
      const started = { id: pollId, ...bc, title: poll.title, started_at: toRfc3339Nano(ts) };
      const voting = {
        bits_voting: { is_enabled: false, amount_per_vote: 0 },
        channel_points_voting: { is_enabled: true, amount_per_vote: 10 },
      };
      const choices = poll.choices.map((title, i) => ({ id: `${pollId}-${i}`, title }));
      const tally = (share: number) =>
        choices.map((c, i) => {
          const votes = Math.round(share * random.int(2, 30) * (i === 0 ? 2 : 1));
          return { ...c, bits_votes: 0, channel_points_votes: Math.floor(votes / 3), votes };
        });
      const endsAt = toRfc3339Nano(ts + durationMs);
      return [
        es('channel.poll.begin', { ...started, choices, ...voting, ends_at: endsAt }, ts),
        es(
          'channel.poll.progress',
          { ...started, choices: tally(0.5), ...voting, ends_at: endsAt },
          ts + durationMs / 2,
        ),
        es(
          'channel.poll.end',
          { ...started, choices: tally(1), ...voting, status: 'completed', ended_at: endsAt },
          ts + durationMs,
        ),
      ];
    }
    case 'prediction': {
      const prediction = random.pick(predictions);
      const predictionId = id();
      const colors = ['blue', 'pink'];
      const started = { id: predictionId, ...bc, title: prediction.title, started_at: toRfc3339Nano(ts) };
      const outcomes = prediction.outcomes.map((title, i) => ({
        id: `${predictionId}-${i}`,
        title,
        color: colors[i] ?? 'blue',
      }));
      const predictor = { user_name: user.user_name, user_login: user.user_login, user_id: user.user_id };
      const counted = (scale: number, won: number | null) =>
        outcomes.map((o, i) => ({
          ...o,
          users: Math.round(scale * (i === 0 ? 12 : 7)),
          channel_points: Math.round(scale * (i === 0 ? 12_000 : 9_000)),
          top_predictors: i === 0 ? [{ ...predictor, channel_points_won: won, channel_points_used: 1000 }] : [],
        }));
      const locksAt = ts + Math.round(durationMs / 2);
      const winner = outcomes[random.int(0, outcomes.length - 1)]!;
      return [
        es('channel.prediction.begin', { ...started, outcomes, locks_at: toRfc3339Nano(locksAt) }, ts),
        es(
          'channel.prediction.progress',
          { ...started, outcomes: counted(0.5, null), locks_at: toRfc3339Nano(locksAt) },
          ts + durationMs / 4,
        ),
        es(
          'channel.prediction.lock',
          { ...started, outcomes: counted(1, null), locked_at: toRfc3339Nano(locksAt) },
          locksAt,
        ),
        es(
          'channel.prediction.end',
          {
            ...started,
            winning_outcome_id: winner.id,
            outcomes: counted(1, winner === outcomes[0] ? 1800 : 0),
            status: 'resolved',
            ended_at: toRfc3339Nano(ts + durationMs),
          },
          ts + durationMs,
        ),
      ];
    }
    case 'shoutout-out':
      return [
        es('channel.shoutout.create', {
          ...bc,
          to_broadcaster_user_id: other.id,
          to_broadcaster_user_login: other.login,
          to_broadcaster_user_name: other.name,
          moderator_user_id: bc.broadcaster_user_id,
          moderator_user_login: bc.broadcaster_user_login,
          moderator_user_name: bc.broadcaster_user_name,
          viewer_count: random.int(20, 400),
          started_at: toRfc3339Nano(ts),
          cooldown_ends_at: toRfc3339Nano(ts + 120_000),
          target_cooldown_ends_at: toRfc3339Nano(ts + 3_600_000),
        }),
      ];
    case 'shoutout-in':
      return [
        es('channel.shoutout.receive', {
          ...bc,
          from_broadcaster_user_id: other.id,
          from_broadcaster_user_login: other.login,
          from_broadcaster_user_name: other.name,
          viewer_count: random.int(20, 400),
          started_at: toRfc3339Nano(ts),
        }),
      ];
  }
}
