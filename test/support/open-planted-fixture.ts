// Planted cases of issue 16, each with a known answer, as records on either backend: a raid with partial
// retention and a gradual decline after it, a raid from a channel whose chat is not recorded (announced in chat
// only), and more as the questions grow. Deterministic (no random ids: ids are derived from the plan).

import type { ChannelEvent, ChatEvent, ChatMessage, StreamSnapshot } from '../../src/domain.ts';
import type { WriteBatch } from '../../src/store/store.ts';
import {
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
} from './make-records.ts';
import { type Backend, openTestStore, type TestStore } from './open-test-store.ts';

export const MIN = 60_000;
/** Mon 2 Nov 2026 19:00 UTC. */
export const plantedStart = Date.UTC(2026, 10, 2, 19, 0, 0);

/** The raided channel and its streams. */
export const raided = {
  channelId: '5001',
  login: 'cozyfox',
  /** Raided at 29:30 by bigbear (60 viewers, EventSub); 80 viewers before, 140 after, 107 → 84 over 14 min. */
  raidStream: 'r-partial',
  raidAt: plantedStart + 29 * MIN + 30_000,
  /** Raided at 20:00 by smallowl (12 viewers), announced in chat only; smallowl's chat is not recorded. */
  chatRaidStream: 'r-chat',
} as const;

export const raider = { channelId: '5002', login: 'bigbear', displayName: 'BigBear' } as const;

/** Viewers of r-partial at minute m (polls every minute on the minute). */
export function partialRaidViewers(m: number): number {
  if (m < 30) return 80 + ((m % 3) - 1);
  if (m < 36) return Math.round(140 - ((140 - 107) * (m - 30)) / 6);
  if (m < 50) return Math.round(107 - ((107 - 84) * (m - 36)) / 14);
  return 84 + ((m % 2) - 0);
}

export async function openPlantedFixture(backend: Backend): Promise<TestStore> {
  const fx = await openTestStore(backend);
  for (const batch of planPlantedHistory()) await fx.store.write(batch);
  return fx;
}

export function planPlantedHistory(): WriteBatch[] {
  return [...planRaids(), ...planCategoryCauses(), ...planCategorySegments()];
}

/**
 * A channel whose categories are known by segment: Chess in two streams at ~150 viewers; a stream that starts in
 * Minecraft at ~212 and falls to ~107 after switching to Art (and ends in Art); another Art stream at ~110.
 */
export const segmented = {
  channelId: '5201',
  login: 'switcher',
  startedAt: plantedStart + 21 * 86_400_000,
  switchStream: 'seg-switch',
  switchAtMinute: 60,
} as const;

function planCategorySegments(): WriteBatch[] {
  const g = segmented;
  const DAY = 86_400_000;
  const plan = [
    { id: 'seg-chess-1', at: g.startedAt, minutes: 120, parts: [{ game: 'Chess', until: 120, viewers: 150 }] },
    {
      id: 'seg-chess-2',
      at: g.startedAt + 2 * DAY,
      minutes: 120,
      parts: [{ game: 'Chess', until: 120, viewers: 150 }],
    },
    {
      id: g.switchStream,
      at: g.startedAt + 4 * DAY,
      minutes: 120,
      parts: [
        { game: 'Minecraft', until: g.switchAtMinute, viewers: 212 },
        { game: 'Art', until: 120, viewers: 107 },
      ],
    },
    { id: 'seg-art-2', at: g.startedAt + 6 * DAY, minutes: 120, parts: [{ game: 'Art', until: 120, viewers: 110 }] },
  ];
  const snaps: StreamSnapshot[] = [];
  const events: ChannelEvent[] = [];
  for (const p of plan) {
    for (let m = 0; m < p.minutes; m++) {
      const part = p.parts.find((x) => m < x.until)!;
      snaps.push(
        makeSnapshot({
          channelId: g.channelId,
          streamId: p.id,
          ts: p.at + m * MIN,
          viewerCount: part.viewers + ((m % 3) - 1),
          gameName: part.game,
        }),
      );
      // Follows: 4 in Minecraft's hour, 1 in Art's.
      if (p.id === g.switchStream && (m < g.switchAtMinute ? m % 15 === 5 : m === 90))
        events.push(
          makeChannelEvent({
            id: nextId('fol'),
            channelId: g.channelId,
            streamId: p.id,
            ts: p.at + m * MIN + 1000,
            type: 'channel.follow',
            userLogin: `follower-${m}`,
          }),
        );
    }
  }
  return [
    {
      channels: [makeChannel({ id: g.channelId, login: g.login, displayName: 'Switcher' })],
      streams: plan.map((p) =>
        makeStream({
          id: p.id,
          channelId: g.channelId,
          startedAt: p.at,
          endedAt: p.at + p.minutes * MIN,
          // The stream row keeps the category it ended in.
          gameName: p.parts.at(-1)!.game,
        }),
      ),
    },
    { snapshots: snaps, channelEvents: events },
  ];
}

/** A channel whose viewers rise 1.5 min before a category change and drop after another, each seen twice. */
export const dualCategory = {
  channelId: '5101',
  login: 'twoways',
  streamId: 'c-dual',
  startedAt: plantedStart + 14 * 86_400_000,
  /** Viewers 100 → 150 at minute 20; the category changes to Chess at 21:30 (poll and EventSub). */
  riseAt: 20,
  chessAt: 21 * MIN + 30_000,
  /** The category changes to Art at 38:30 (poll and EventSub); viewers 150 → 75 at minute 40. */
  artAt: 38 * MIN + 30_000,
  dropAt: 40,
} as const;

function planCategoryCauses(): WriteBatch[] {
  const d = dualCategory;
  const snaps: StreamSnapshot[] = [];
  for (let m = 0; m < 60; m++)
    snaps.push(
      makeSnapshot({
        channelId: d.channelId,
        streamId: d.streamId,
        ts: d.startedAt + m * MIN,
        viewerCount: (m < d.riseAt ? 100 : m < d.dropAt ? 150 : 75) + (m % 2),
        gameName: m * MIN < d.chessAt ? 'Just Chatting' : m * MIN < d.artAt ? 'Chess' : 'Art',
      }),
    );
  const change = (at: number, from: string, to: string): ChannelEvent[] => [
    makeChannelEvent({
      id: `stream.change:${d.streamId}:${d.startedAt + at}`,
      channelId: d.channelId,
      streamId: d.streamId,
      ts: d.startedAt + at,
      type: 'stream.change',
      userLogin: null,
      data: { previousGameName: from, gameName: to, previousTitle: 'same title', title: 'same title' },
    }),
    makeChannelEvent({
      id: nextId('upd'),
      channelId: d.channelId,
      streamId: d.streamId,
      ts: d.startedAt + at - 20_000,
      type: 'channel.update',
      userLogin: d.login,
      data: { categoryName: to, title: 'same title' },
    }),
  ];
  return [
    {
      channels: [makeChannel({ id: d.channelId, login: d.login, displayName: 'TwoWays' })],
      streams: [
        makeStream({
          id: d.streamId,
          channelId: d.channelId,
          startedAt: d.startedAt,
          endedAt: d.startedAt + 60 * MIN,
          title: 'same title',
        }),
      ],
    },
    {
      snapshots: snaps,
      channelEvents: [...change(d.chessAt, 'Just Chatting', 'Chess'), ...change(d.artAt, 'Chess', 'Art')],
    },
  ];
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

function chat(channelId: string, streamId: string | null, ts: number, login: string, text: string): ChatMessage {
  return makeChatMessage({
    id: nextId('m'),
    channelId,
    streamId,
    ts,
    userId: `u-${login}`,
    userLogin: login,
    displayName: login,
    text,
  });
}

function planRaids(): WriteBatch[] {
  seq = 0;
  const c = raided.channelId;
  const start = plantedStart;
  const chatStart = start + 7 * 86_400_000;
  const snaps: StreamSnapshot[] = [];
  const msgs: ChatMessage[] = [];
  const channelEvents: ChannelEvent[] = [];
  const chatEvents: ChatEvent[] = [];
  for (let m = 0; m < 70; m++)
    snaps.push(
      makeSnapshot({
        channelId: c,
        streamId: raided.raidStream,
        ts: start + m * MIN,
        viewerCount: partialRaidViewers(m),
      }),
    );
  // Regulars chat all along; they chatted in an earlier stream too, so they are never raiders.
  const regulars = ['oak', 'pine', 'birch'];
  for (let m = 0; m < 70; m += 2)
    for (const [i, login] of regulars.entries())
      msgs.push(chat(c, raided.raidStream, start + m * MIN + i * 5000, login, 'hi'));
  // The raider's own stream, before the raid: its chat is recorded (five of its chatters).
  const bearStart = start - 90 * MIN;
  const bearFans = ['fan1', 'fan2', 'fan3', 'fan4', 'fan5'];
  for (const [i, login] of bearFans.entries())
    msgs.push(chat(raider.channelId, 'bear-1', bearStart + (10 + i) * MIN, login, 'go bear'));
  // Three of bigbear's chatters chat after the raid; a newcomer not from bigbear chats too.
  for (const [i, login] of bearFans.slice(0, 3).entries())
    msgs.push(chat(c, raided.raidStream, raided.raidAt + (1 + i) * MIN, login, 'bear raid!'));
  msgs.push(chat(c, raided.raidStream, raided.raidAt + 2 * MIN, 'passerby', 'hello'));
  // The broadcaster thanks the raiders (never a raider).
  msgs.push({
    ...chat(c, raided.raidStream, raided.raidAt + 40_000, raided.login, 'thanks for the raid bigbear'),
    userId: c,
  });
  channelEvents.push(
    makeChannelEvent({
      id: nextId('ev'),
      channelId: c,
      streamId: raided.raidStream,
      ts: raided.raidAt,
      type: 'channel.raid',
      userId: raider.channelId,
      userLogin: raider.login,
      data: {
        fromBroadcasterUserId: raider.channelId,
        fromBroadcasterUserLogin: raider.login,
        fromBroadcasterUserName: raider.displayName,
        toBroadcasterUserId: c,
        toBroadcasterUserLogin: raided.login,
        viewers: 60,
      },
    }),
  );
  // The same raid in chat: EventSub's report wins (one raid, not two).
  chatEvents.push(
    makeChatEvent({
      id: nextId('ce'),
      channelId: c,
      streamId: raided.raidStream,
      ts: raided.raidAt + 800,
      type: 'raid',
      userId: raider.channelId,
      userLogin: raider.login,
      data: { displayName: raider.displayName, login: raider.login, viewerCount: 60 },
    }),
  );
  // r-chat: 20 viewers, a 12-viewer raid at 20:00 known from chat only, 2 newcomers chat within 10 minutes.
  for (let m = 0; m < 45; m++)
    snaps.push(
      makeSnapshot({
        channelId: c,
        streamId: raided.chatRaidStream,
        ts: chatStart + m * MIN,
        viewerCount: m < 20 ? 20 : m < 25 ? 31 : 26,
      }),
    );
  for (let m = 0; m < 45; m += 3) msgs.push(chat(c, raided.chatRaidStream, chatStart + m * MIN, 'oak', 'hey'));
  chatEvents.push(
    makeChatEvent({
      id: nextId('ce'),
      channelId: c,
      streamId: raided.chatRaidStream,
      ts: chatStart + 20 * MIN,
      type: 'raid',
      userId: '5003',
      userLogin: 'smallowl',
      data: { displayName: 'SmallOwl', login: 'smallowl', viewerCount: 12 },
    }),
  );
  msgs.push(chat(c, raided.chatRaidStream, chatStart + 21 * MIN, 'owlet1', 'owl raid'));
  msgs.push(chat(c, raided.chatRaidStream, chatStart + 24 * MIN, 'owlet2', 'hoot'));
  // Too late to count as a raider (first seen 15 minutes after the raid).
  msgs.push(chat(c, raided.chatRaidStream, chatStart + 35 * MIN, 'latecomer', 'hi'));
  return [
    {
      channels: [
        makeChannel({ id: c, login: raided.login, displayName: 'CozyFox' }),
        makeChannel({ id: raider.channelId, login: raider.login, displayName: raider.displayName }),
      ],
      streams: [
        makeStream({
          id: raided.raidStream,
          channelId: c,
          startedAt: start,
          endedAt: start + 70 * MIN,
          vodId: '2100100100',
        }),
        makeStream({ id: 'bear-1', channelId: raider.channelId, startedAt: bearStart, endedAt: raided.raidAt }),
        makeStream({ id: raided.chatRaidStream, channelId: c, startedAt: chatStart, endedAt: chatStart + 45 * MIN }),
      ],
    },
    { snapshots: snaps, chatMessages: msgs, channelEvents, chatEvents },
  ];
}
