// Past streams for the demo database, as domain records (no servers): the scenario's first channel streaming
// on a weekly schedule, with patterns planted so analytics has something true to find — see historyFacts.

import type { EpochMs, Stream, StreamSnapshot } from '../../domain.ts';
import type { WriteBatch } from '../../store/store.ts';
import { hashSeed } from '../random.ts';
import { buildWorld } from '../scenario/build-world.ts';
import type { Scenario, ScenarioStream } from '../scenario/scenario-schema.ts';
import { planChannelTimeline } from '../timeline/plan-timeline.ts';
import { adBreakViewerLoss } from '../timeline/viewer-count.ts';
import { toChannelEvent, toChatEvent, toChatMessage } from './to-domain-record.ts';

/** The patterns generateHistory plants, for tests to check analytics recovers them. */
export interface HistoryFacts {
  channelId: string;
  channelLogin: string;
  /** The category with clearly more viewers and follows per hour. */
  bestCategory: { id: string; name: string };
  otherCategories: { id: string; name: string }[];
  /** The weekday (0 = Sunday, UTC) and hour (UTC) whose streams do better. */
  bestSlot: { weekday: number; hourUtc: number };
  /** Every stream has an ad break at this minute, after which viewers drop by `viewerDropAfterAd`. */
  adBreakMinute: number;
  viewerDropAfterAd: number;
  /** Every stream has a chat burst of `hypeEmote` at this minute. */
  hypeMinute: number;
  hypeEmote: string;
  /** Regular chatters (they chat in most streams); casual first-timers may come back later. */
  regularChatters: number;
  /** Share of chat questions the streamer answers with a reply. */
  answerRate: number;
  streamDurationMin: number;
}

const best = { id: '490744', name: 'Stardew Valley' };
const others = [
  { id: '27471', name: 'Minecraft' },
  { id: '509658', name: 'Just Chatting' },
];
const slots: Record<number, number> = { 2: 20, 4: 16, 6: 18, 0: 14 }; // weekday → hour (UTC)
const bestSlot = { weekday: 6, hourUtc: 18 };

/** The facts planted for `scenario` (they do not depend on the seed). */
export function historyFacts(scenario: Scenario): HistoryFacts {
  const channel = scenario.channels[0];
  if (!channel) throw new Error('history needs a scenario with at least one named channel');
  return {
    channelId: channel.id,
    channelLogin: channel.login,
    bestCategory: best,
    otherCategories: others,
    bestSlot,
    adBreakMinute: 40,
    viewerDropAfterAd: adBreakViewerLoss,
    hypeMinute: 52,
    hypeEmote: 'PogChamp',
    regularChatters: channel.chat.regulars,
    answerRate: channel.chat.answerRate,
    streamDurationMin: 120,
  };
}

/** Yields one WriteBatch per past stream, oldest first, all ending before `endBefore`. */
export function* generateHistory(
  scenario: Scenario,
  options: { streams: number; endBefore: EpochMs; seed?: number },
): Iterable<WriteBatch> {
  const facts = historyFacts(scenario);
  const channel = scenario.channels[0]!;
  const starts = scheduleStarts(options.streams, options.endBefore);
  if (starts.length === 0) return;
  const origin = starts[0]!;
  const streams: ScenarioStream[] = starts.map((startAt, k) => {
    const category = k % 3 === 0 ? best : others[(k % 3) - 1]!;
    const isBestSlot = new Date(startAt).getUTCDay() === bestSlot.weekday;
    const base = Math.round(80 * (category === best ? 1.6 : 1) * (isBestSlot ? 1.4 : 1));
    return {
      at: startAt - origin,
      duration: facts.streamDurationMin * 60_000,
      title: `${category.name} stream #${k + 1}`,
      category,
      language: 'en',
      tags: ['English'],
      changes: [],
      viewers: {
        base,
        shape: [
          [0, 0.5],
          [0.15, 1],
          [0.85, 1],
          [1, 0.7],
        ],
        noise: 0.03,
      },
      moments: [
        {
          at: facts.hypeMinute * 60_000,
          duration: 90_000,
          label: 'hype',
          messagesPerMinute: 120,
          emotes: [facts.hypeEmote],
          lines: ['LETS GO'],
        },
      ],
      events: [{ at: facts.adBreakMinute * 60_000, type: 'ad-break', duration: 90_000 }],
      eventRates: { follow: category === best ? 12 : 5, sub: 1, resub: 1, cheer: 0.5 },
      speech: [],
    };
  });
  const world = buildWorld(
    {
      ...scenario,
      // A seed of its own: with the scenario's, the first past stream would get the live stream's id (and chat ids).
      seed: options.seed ?? hashSeed(scenario.seed, 'history'),
      channels: [{ ...channel, streams }],
      generatedChannels: undefined,
      faults: [],
    },
    origin,
  );
  const simChannel = world.channels[0]!;
  const domainChannel = { id: simChannel.id, login: simChannel.login, displayName: simChannel.displayName };
  let batch: Required<
    Pick<WriteBatch, 'streams' | 'snapshots' | 'chatMessages' | 'chatEvents' | 'channelEvents'>
  > | null = null;
  let current: Stream | null = null;
  for (const event of planChannelTimeline(world, simChannel)) {
    if (event.kind === 'stream-online') {
      const s = event.stream;
      current = {
        id: s.id,
        channelId: simChannel.id,
        startedAt: s.startAt,
        endedAt: s.endAt,
        title: s.title,
        gameId: s.category.id,
        gameName: s.category.name,
        language: s.language,
        tags: s.tags,
        vodId: s.vodId,
      };
      batch = { streams: [current], snapshots: [], chatMessages: [], chatEvents: [], channelEvents: [] };
      continue;
    }
    if (!batch || !current) continue;
    if (event.kind === 'stream-update')
      Object.assign(current, { title: event.title, gameId: event.category.id, gameName: event.category.name });
    else if (event.kind === 'viewers') batch.snapshots.push(toSnapshot(current, event.ts, event.count));
    else if (event.kind === 'chat') batch.chatMessages.push(toChatMessage(event.line));
    else if (event.kind === 'stream-offline') {
      yield { channels: [domainChannel], ...batch };
      batch = null;
      current = null;
    } else {
      const chatEvent = toChatEvent(event);
      if (chatEvent) batch.chatEvents.push(chatEvent);
      const channelEvent = toChannelEvent(event);
      if (channelEvent) batch.channelEvents.push(channelEvent);
    }
  }
}

function toSnapshot(stream: Stream, ts: EpochMs, viewerCount: number): StreamSnapshot {
  return {
    channelId: stream.channelId,
    streamId: stream.id,
    ts,
    viewerCount,
    title: stream.title,
    gameId: stream.gameId,
    gameName: stream.gameName,
  };
}

/** Start times of the last `count` scheduled streams before `endBefore`, oldest first. */
function scheduleStarts(count: number, endBefore: EpochMs): EpochMs[] {
  const starts: EpochMs[] = [];
  const day = new Date(endBefore);
  day.setUTCHours(0, 0, 0, 0);
  for (let d = day.getTime(); starts.length < count; d -= 86_400_000) {
    const hour = slots[new Date(d).getUTCDay()];
    if (hour === undefined) continue;
    const start = d + hour * 3_600_000;
    if (start + 120 * 60_000 <= endBefore) starts.push(start);
  }
  return starts.reverse();
}
