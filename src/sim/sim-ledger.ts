// The simulator's own record of what it emitted, per channel, so tests and `demo --until-end --json` can
// compare it with what streamlens stored: chat message ids, chat events by type, EventSub notifications by
// type (and any duplicate delivery), stream start/end times and the viewer counts Helix reported.

import type { EpochMs } from '../domain.ts';

export interface ChannelLedger {
  /** Ids of chat messages sent to the channel (whether or not anyone was connected). */
  chatMessageIds: Set<string>;
  /**
   * Of those, the ones no connection could receive: sent while the server had cut the channel's connections
   * (a drop fault, a RECONNECT's end) or before anyone joined. Twitch does not replay chat.
   */
  chatUndeliverableIds: Set<string>;
  /** Of those, the ones sent after a connection had joined the channel (a cut, not the time before joining). */
  chatCutIds: Set<string>;
  /** Chat events (USERNOTICE msg-id, `ban`, `timeout`, `delete`) by type, and their ids. */
  chatEvents: Record<string, number>;
  chatEventIds: Set<string>;
  /** Chat events no connection could receive (as `chatUndeliverableIds`), by type. */
  chatEventsUndeliverable: Record<string, number>;
  /** EventSub events that happened, by subscription type (delivered or not). */
  eventsubEmitted: Record<string, number>;
  /** EventSub notifications delivered to a subscription, by type. */
  eventsubDelivered: Record<string, number>;
  /** Notifications an enabled subscription should have had but its session had no open socket, by type. */
  eventsubMissed: Record<string, number>;
  streams: { id: string; startedAt: EpochMs; endedAt: EpochMs | null }[];
  /** Viewer count per simulated minute while live. */
  viewers: { ts: EpochMs; count: number }[];
  /** Viewer counts Get Streams answered with, and when (what a poller can have stored). */
  viewersServed: { ts: EpochMs; count: number }[];
  /** Clips made of the channel's streams (by viewers or Create Clip), by id with their creation time. */
  clips: Map<string, EpochMs>;
}

export interface LedgerSummary {
  chatMessages: number;
  chatEvents: number;
  eventsubEmitted: number;
  eventsubDelivered: number;
  /** Notifications sent twice to the same subscription: must stay 0. */
  eventsubDuplicates: number;
  /** Notifications lost because a subscribed session had no open socket (after a drop, not a reconnect). */
  eventsubMissed: number;
  /** Lines written to IRC connections (a message to two connections counts twice). */
  ircLinesDelivered: number;
  streamsStarted: number;
  streamsEnded: number;
  byChannel: Record<
    string,
    {
      chatMessages: number;
      chatEvents: Record<string, number>;
      eventsubDelivered: Record<string, number>;
      streams: number;
    }
  >;
}

export interface SimLedger {
  readonly channels: ReadonlyMap<string, ChannelLedger>;
  channel(login: string): ChannelLedger;
  /**
   * `undeliverable`: nobody received it because the server had no connection for the channel; `afterJoin`: one
   * had joined it before (the server cut it), rather than none yet.
   */
  recordChatMessage(login: string, id: string, deliveredTo: number, undeliverable?: boolean, afterJoin?: boolean): void;
  recordChatEvent(login: string, type: string, id: string, deliveredTo: number, undeliverable?: boolean): void;
  recordEventsubEmitted(login: string, type: string): void;
  /** Records one notification to one subscription; returns false (and counts it) if it was already delivered. */
  recordEventsubDelivered(login: string, type: string, subscriptionId: string, messageId: string): boolean;
  recordEventsubMissed(login: string, type: string): void;
  recordStreamStart(login: string, id: string, startedAt: EpochMs): void;
  recordStreamEnd(login: string, id: string, endedAt: EpochMs): void;
  recordViewers(login: string, ts: EpochMs, count: number): void;
  recordViewersServed(login: string, ts: EpochMs, count: number): void;
  recordClip(login: string, id: string, createdAt: EpochMs): void;
  summary(): LedgerSummary;
}

/** Creates an empty ledger. */
export function createSimLedger(): SimLedger {
  const channels = new Map<string, ChannelLedger>();
  const delivered = new Set<string>();
  let duplicates = 0;
  let ircLines = 0;
  const channel = (login: string): ChannelLedger => {
    let entry = channels.get(login);
    if (!entry) {
      entry = {
        chatMessageIds: new Set(),
        chatUndeliverableIds: new Set(),
        chatCutIds: new Set(),
        chatEvents: {},
        chatEventIds: new Set(),
        chatEventsUndeliverable: {},
        eventsubEmitted: {},
        eventsubMissed: {},
        eventsubDelivered: {},
        streams: [],
        viewers: [],
        viewersServed: [],
        clips: new Map(),
      };
      channels.set(login, entry);
    }
    return entry;
  };
  const bump = (record: Record<string, number>, key: string) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return {
    channels,
    channel,
    recordChatMessage(login, id, deliveredTo, undeliverable = false, afterJoin = false) {
      const entry = channel(login);
      entry.chatMessageIds.add(id);
      if (deliveredTo === 0 && undeliverable) {
        entry.chatUndeliverableIds.add(id);
        if (afterJoin) entry.chatCutIds.add(id);
      }
      ircLines += deliveredTo;
    },
    recordChatEvent(login, type, id, deliveredTo, undeliverable = false) {
      const entry = channel(login);
      if (!entry.chatEventIds.has(id)) {
        bump(entry.chatEvents, type);
        if (deliveredTo === 0 && undeliverable) bump(entry.chatEventsUndeliverable, type);
      }
      entry.chatEventIds.add(id);
      ircLines += deliveredTo;
    },
    recordEventsubEmitted: (login, type) => bump(channel(login).eventsubEmitted, type),
    recordEventsubDelivered(login, type, subscriptionId, messageId) {
      const key = `${subscriptionId}/${messageId}`;
      if (delivered.has(key)) {
        duplicates++;
        return false;
      }
      delivered.add(key);
      bump(channel(login).eventsubDelivered, type);
      return true;
    },
    recordEventsubMissed: (login, type) => bump(channel(login).eventsubMissed, type),
    recordStreamStart: (login, id, startedAt) => channel(login).streams.push({ id, startedAt, endedAt: null }),
    recordStreamEnd(login, id, endedAt) {
      const stream = channel(login).streams.find((s) => s.id === id);
      if (stream) stream.endedAt = endedAt;
    },
    recordViewers: (login, ts, count) => channel(login).viewers.push({ ts, count }),
    recordViewersServed: (login, ts, count) => channel(login).viewersServed.push({ ts, count }),
    recordClip: (login, id, createdAt) => channel(login).clips.set(id, createdAt),
    summary() {
      const all = [...channels.values()];
      const byChannel: LedgerSummary['byChannel'] = {};
      for (const [login, c] of channels)
        byChannel[login] = {
          chatMessages: c.chatMessageIds.size,
          chatEvents: { ...c.chatEvents },
          eventsubDelivered: { ...c.eventsubDelivered },
          streams: c.streams.length,
        };
      return {
        chatMessages: all.reduce((n, c) => n + c.chatMessageIds.size, 0),
        chatEvents: all.reduce((n, c) => n + sum(c.chatEvents), 0),
        eventsubEmitted: all.reduce((n, c) => n + sum(c.eventsubEmitted), 0),
        eventsubDelivered: all.reduce((n, c) => n + sum(c.eventsubDelivered), 0),
        eventsubDuplicates: duplicates,
        eventsubMissed: all.reduce((n, c) => n + sum(c.eventsubMissed), 0),
        ircLinesDelivered: ircLines,
        streamsStarted: all.reduce((n, c) => n + c.streams.length, 0),
        streamsEnded: all.reduce((n, c) => n + c.streams.filter((s) => s.endedAt !== null).length, 0),
        byChannel,
      };
    },
  };
}
