// Twitch reports a sub or a raid twice when a channel has both EventSub and chat: a `channel.subscribe`
// notification and the chat USERNOTICE `sub`, say. The one rule for every count and list of them (the
// analytics, /api/live and the Live page's reducer): per stream and per family, EventSub's reports once the
// stream has an EventSub report of that family, else chat's; never both. And how many subs one report stands
// for, so every count agrees. Pure (no store, no Node), so the browser applies it too.

import { boolField, numberField } from '../lib/fields.ts';

export type ReportedTwiceFamily = 'subs' | 'raid';

/** Event types of each family, by source (EventSub's in channel_events, chat's in chat_events). */
export const reportedTwice: Record<ReportedTwiceFamily, { eventSub: readonly string[]; chat: readonly string[] }> = {
  subs: {
    eventSub: ['channel.subscribe', 'channel.subscription.message', 'channel.subscription.gift'],
    chat: ['sub', 'resub', 'subgift', 'submysterygift'],
  },
  raid: { eventSub: ['channel.raid'], chat: ['raid'] },
};

export const reportedTwiceFamilies = Object.keys(reportedTwice) as ReportedTwiceFamily[];

/** The family of an EventSub (channel_events) type, if chat reports it too. */
export function eventSubFamily(type: string): ReportedTwiceFamily | undefined {
  return reportedTwiceFamilies.find((f) => reportedTwice[f].eventSub.includes(type));
}

/** The family of a chat event (chat_events) type, if EventSub reports it too. */
export function chatFamily(type: string): ReportedTwiceFamily | undefined {
  return reportedTwiceFamilies.find((f) => reportedTwice[f].chat.includes(type));
}

/**
 * How many subs one report counts for. A gift counts once per recipient: in chat each recipient has its own
 * `subgift` (the `submysterygift` announcing them counts none), in EventSub the `channel.subscription.gift`
 * carries the total (the per-recipient `channel.subscribe` marked is_gift counts none).
 */
export function countSubs(type: string, data: Record<string, unknown>): number {
  switch (type) {
    case 'sub':
    case 'resub':
    case 'subgift':
    case 'channel.subscription.message':
      return 1;
    case 'channel.subscribe':
      return boolField(data, 'isGift') ? 0 : 1;
    case 'channel.subscription.gift':
      return numberField(data, 'total') ?? 1;
    default:
      return 0;
  }
}
