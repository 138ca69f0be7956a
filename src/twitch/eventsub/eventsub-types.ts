// The EventSub subscription types streamlens records, with the version, condition and scope each needs
// (table in the fixtures' EventSub README, from twitch-rs/twitch_api), and which of them a token's scopes allow.

export interface EventSubType {
  type: string;
  version: string;
  /** The scope the user token needs, or null when any user token will do. Any one of the list suffices. */
  scopes: readonly string[] | null;
  condition(broadcasterId: string, userId: string): Record<string, string>;
}

const broadcaster = (broadcasterId: string) => ({ broadcaster_user_id: broadcasterId });

/** Every type we subscribe to for each tracked broadcaster. */
export const eventSubTypes: readonly EventSubType[] = [
  { type: 'stream.online', version: '1', scopes: null, condition: broadcaster },
  { type: 'stream.offline', version: '1', scopes: null, condition: broadcaster },
  { type: 'channel.update', version: '2', scopes: null, condition: broadcaster },
  {
    type: 'channel.follow',
    version: '2',
    scopes: ['moderator:read:followers'],
    condition: (b, u) => ({ broadcaster_user_id: b, moderator_user_id: u }),
  },
  { type: 'channel.subscribe', version: '1', scopes: ['channel:read:subscriptions'], condition: broadcaster },
  { type: 'channel.subscription.gift', version: '1', scopes: ['channel:read:subscriptions'], condition: broadcaster },
  {
    type: 'channel.subscription.message',
    version: '1',
    scopes: ['channel:read:subscriptions'],
    condition: broadcaster,
  },
  { type: 'channel.cheer', version: '1', scopes: ['bits:read'], condition: broadcaster },
  // Raids both ways: condition takes either the raided or the raiding channel, so two subscriptions.
  { type: 'channel.raid', version: '1', scopes: null, condition: (b) => ({ to_broadcaster_user_id: b }) },
  { type: 'channel.raid', version: '1', scopes: null, condition: (b) => ({ from_broadcaster_user_id: b }) },
  { type: 'channel.hype_train.begin', version: '2', scopes: ['channel:read:hype_train'], condition: broadcaster },
  { type: 'channel.hype_train.progress', version: '2', scopes: ['channel:read:hype_train'], condition: broadcaster },
  { type: 'channel.hype_train.end', version: '2', scopes: ['channel:read:hype_train'], condition: broadcaster },
  {
    type: 'channel.ad_break.begin',
    version: '1',
    scopes: ['channel:read:ads', 'channel:manage:ads'],
    condition: broadcaster,
  }, // Channel points, polls, predictions (dev.twitch.tv/docs/eventsub/eventsub-subscription-types): all version 1.
  {
    type: 'channel.channel_points_custom_reward_redemption.add',
    version: '1',
    scopes: ['channel:read:redemptions', 'channel:manage:redemptions'],
    condition: broadcaster,
  },
  ...['begin', 'progress', 'end'].map((phase) => ({
    type: `channel.poll.${phase}`,
    version: '1',
    scopes: ['channel:read:polls', 'channel:manage:polls'],
    condition: broadcaster,
  })),
  ...['begin', 'progress', 'lock', 'end'].map((phase) => ({
    type: `channel.prediction.${phase}`,
    version: '1',
    scopes: ['channel:read:predictions', 'channel:manage:predictions'],
    condition: broadcaster,
  })),
  // Shoutouts name a moderator (the logged-in user, as for follows).
  ...['create', 'receive'].map((side) => ({
    type: `channel.shoutout.${side}`,
    version: '1',
    scopes: ['moderator:read:shoutouts', 'moderator:manage:shoutouts'],
    condition: (b: string, u: string) => ({ broadcaster_user_id: b, moderator_user_id: u }),
  })),
];

/** Splits the types into those the scopes allow and, for the rest, the scope that would enable each. */
export function toAllowedTypes(scopes: readonly string[]): { allowed: EventSubType[]; skipped: Map<string, string> } {
  const have = new Set(scopes);
  const allowed: EventSubType[] = [];
  const skipped = new Map<string, string>();
  for (const spec of eventSubTypes) {
    if (spec.scopes === null || spec.scopes.some((s) => have.has(s))) allowed.push(spec);
    else skipped.set(spec.type, spec.scopes[0]!);
  }
  return { allowed, skipped };
}
