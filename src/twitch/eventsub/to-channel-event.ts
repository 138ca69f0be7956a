// Pure translation of an EventSub notification into a ChannelEvent: the message id as the record id, the
// broadcaster the subscription was made for as the channel, the user the event is about, camelCase data.

import type { ChannelEvent } from '../../domain.ts';
import type { EventSubMessage, EventSubSubscriptionRef } from './eventsub-messages.ts';

// The event's own time where Twitch gives one that means "when it happened"; otherwise the message timestamp.
const eventTimeField: Record<string, string> = {
  'channel.follow': 'followed_at',
  'stream.online': 'started_at',
  'channel.ad_break.begin': 'started_at',
  'channel.hype_train.begin': 'started_at',
  'channel.hype_train.end': 'ended_at',
  'channel.channel_points_custom_reward_redemption.add': 'redeemed_at',
  'channel.poll.begin': 'started_at',
  'channel.poll.end': 'ended_at',
  'channel.prediction.begin': 'started_at',
  'channel.prediction.lock': 'locked_at',
  'channel.prediction.end': 'ended_at',
  'channel.shoutout.create': 'started_at',
  'channel.shoutout.receive': 'started_at',
};

/** The ChannelEvent for a notification, or undefined when it names no channel or carries no event. */
export function toChannelEvent(
  metadata: EventSubMessage['metadata'],
  subscription: EventSubSubscriptionRef,
  event: Record<string, unknown>,
): ChannelEvent | undefined {
  const c = subscription.condition;
  const channelId =
    c.broadcaster_user_id ?? c.to_broadcaster_user_id ?? c.from_broadcaster_user_id ?? text(event.broadcaster_user_id);
  if (!channelId) return undefined;
  let userId = text(event.user_id);
  let userLogin = text(event.user_login);
  if (subscription.type === 'channel.raid') {
    // The "user" of a raid is the other channel: who raided us, or whom we raided.
    const side = c.to_broadcaster_user_id ? 'from' : 'to';
    userId = text(event[`${side}_broadcaster_user_id`]);
    userLogin = text(event[`${side}_broadcaster_user_login`]);
  } else if (subscription.type === 'channel.shoutout.create' || subscription.type === 'channel.shoutout.receive') {
    // The "user" of a shoutout is the other channel: whom we shouted out, or who shouted us out.
    const side = subscription.type === 'channel.shoutout.create' ? 'to' : 'from';
    userId = text(event[`${side}_broadcaster_user_id`]);
    userLogin = text(event[`${side}_broadcaster_user_login`]);
  } else if (subscription.type === 'channel.ad_break.begin') {
    userId = text(event.requester_user_id);
    userLogin = text(event.requester_user_login);
  }
  const field = eventTimeField[subscription.type];
  const eventTs = field ? Date.parse(text(event[field]) ?? '') : Number.NaN;
  const ts = Number.isFinite(eventTs) ? eventTs : Date.parse(metadata.message_timestamp);
  if (!Number.isFinite(ts)) return undefined;
  return {
    id: metadata.message_id,
    channelId,
    streamId: null,
    ts,
    type: subscription.type,
    userId,
    userLogin,
    data: toCamelKeys(event) as Record<string, unknown>,
  };
}

/** A deep copy with snake_case keys turned camelCase (`user_login` → `userLogin`). */
export function toCamelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamelKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = toCamelKeys(v);
  return out;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
