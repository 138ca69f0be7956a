// Twitch reports a sub or a raid twice when a channel has both EventSub and chat: a `channel.subscribe`
// notification and the chat USERNOTICE `sub`, say. Per stream one source is shown and counted, as the analytics
// do: EventSub's once the stream has an EventSub event of that family, else chat's. Pure, so the Live page's
// reducer applies the same rule to events as they arrive.

export type ReportedTwiceFamily = 'subs' | 'raid';

/** Event types of each family, by source. */
export const reportedTwice: Record<ReportedTwiceFamily, { eventSub: readonly string[]; chat: readonly string[] }> = {
  subs: {
    eventSub: ['channel.subscribe', 'channel.subscription.message', 'channel.subscription.gift'],
    chat: ['sub', 'resub', 'subgift', 'submysterygift'],
  },
  raid: { eventSub: ['channel.raid'], chat: ['raid'] },
};

const families = Object.entries(reportedTwice) as [ReportedTwiceFamily, (typeof reportedTwice)['subs']][];

/** The family of an EventSub (channel_events) type, if chat reports it too. */
export function eventSubFamily(type: string): ReportedTwiceFamily | undefined {
  return families.find(([, t]) => t.eventSub.includes(type))?.[0];
}

/** The family of a chat event (chat_events) type, if EventSub reports it too. */
export function chatFamily(type: string): ReportedTwiceFamily | undefined {
  return families.find(([, t]) => t.chat.includes(type))?.[0];
}
