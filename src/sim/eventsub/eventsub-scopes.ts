// The subscription types the simulator supports over WebSocket, with their versions, the condition fields
// they need and the scope each requires (from the fixtures' EventSub README table).

export interface SubscriptionRule {
  versions: string[];
  /** Condition fields that must be present (raid: one of its two). */
  condition: string[];
  scopes: string[];
}

export const subscriptionRules: Record<string, SubscriptionRule> = {
  'stream.online': { versions: ['1'], condition: ['broadcaster_user_id'], scopes: [] },
  'stream.offline': { versions: ['1'], condition: ['broadcaster_user_id'], scopes: [] },
  'channel.update': { versions: ['1', '2'], condition: ['broadcaster_user_id'], scopes: [] },
  'channel.follow': {
    versions: ['2'],
    condition: ['broadcaster_user_id', 'moderator_user_id'],
    scopes: ['moderator:read:followers'],
  },
  'channel.subscribe': { versions: ['1'], condition: ['broadcaster_user_id'], scopes: ['channel:read:subscriptions'] },
  'channel.subscription.gift': {
    versions: ['1'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:subscriptions'],
  },
  'channel.subscription.message': {
    versions: ['1'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:subscriptions'],
  },
  'channel.cheer': { versions: ['1'], condition: ['broadcaster_user_id'], scopes: ['bits:read'] },
  'channel.raid': { versions: ['1'], condition: [], scopes: [] },
  'channel.hype_train.begin': {
    versions: ['1', '2'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:hype_train'],
  },
  'channel.hype_train.progress': {
    versions: ['1', '2'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:hype_train'],
  },
  'channel.hype_train.end': {
    versions: ['1', '2'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:hype_train'],
  },
  'channel.ad_break.begin': {
    versions: ['1'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:ads', 'channel:manage:ads'],
  },
  'channel.channel_points_custom_reward_redemption.add': {
    versions: ['1'],
    condition: ['broadcaster_user_id'],
    scopes: ['channel:read:redemptions', 'channel:manage:redemptions'],
  },
  ...Object.fromEntries(
    ['begin', 'progress', 'end'].map((phase) => [
      `channel.poll.${phase}`,
      { versions: ['1'], condition: ['broadcaster_user_id'], scopes: ['channel:read:polls', 'channel:manage:polls'] },
    ]),
  ),
  ...Object.fromEntries(
    ['begin', 'progress', 'lock', 'end'].map((phase) => [
      `channel.prediction.${phase}`,
      {
        versions: ['1'],
        condition: ['broadcaster_user_id'],
        scopes: ['channel:read:predictions', 'channel:manage:predictions'],
      },
    ]),
  ),
  ...Object.fromEntries(
    ['create', 'receive'].map((side) => [
      `channel.shoutout.${side}`,
      {
        versions: ['1'],
        condition: ['broadcaster_user_id', 'moderator_user_id'],
        scopes: ['moderator:read:shoutouts', 'moderator:manage:shoutouts'],
      },
    ]),
  ),
};

/** Why a condition is not acceptable for the type, or null when it is. */
export function checkCondition(type: string, condition: Record<string, string>): string | null {
  const rule = subscriptionRules[type];
  if (!rule) return `unsupported subscription type "${type}"`;
  if (type === 'channel.raid' && !condition.to_broadcaster_user_id === !condition.from_broadcaster_user_id)
    return 'channel.raid needs exactly one of to_broadcaster_user_id and from_broadcaster_user_id';
  const missing = rule.condition.filter((f) => !condition[f]);
  return missing.length > 0 ? `condition is missing ${missing.join(', ')}` : null;
}

/** Whether the token's scopes allow the type (any one of the listed scopes is enough). */
export function hasScopeFor(type: string, scopes: readonly string[]): boolean {
  const needed = subscriptionRules[type]?.scopes ?? [];
  return needed.length === 0 || needed.some((s) => scopes.includes(s));
}
