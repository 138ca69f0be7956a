// Turns a validated scenario into the simulator's world: channels with chatter pools and streams placed on
// absolute (simulated) time, with generated channels expanded along a Zipf curve. Pure and deterministic.

import type { EpochMs } from '../../domain.ts';
import { createRandom, hashSeed } from '../random.ts';
import { withDefaultVocabulary } from './chat-vocabulary.ts';
import type { Category, ChatSettings, Scenario, ScenarioChannel, ScenarioStream } from './scenario-schema.ts';

export interface Chatter {
  id: string;
  login: string;
  displayName: string;
  color: string;
  /** Known from earlier streams (`returning-chatter=1`); casuals are not. */
  regular: boolean;
  /** Subscriber months (0 = not subscribed). */
  subMonths: number;
  mod: boolean;
}

export interface SimStream extends Omit<ScenarioStream, 'at' | 'id' | 'vodId'> {
  index: number;
  id: string;
  vodId: string;
  startAt: EpochMs;
  endAt: EpochMs;
}

export interface SimChannel {
  index: number;
  id: string;
  login: string;
  displayName: string;
  chat: ChatSettings;
  streams: SimStream[];
  regulars: Chatter[];
  casuals: Chatter[];
  broadcaster: Chatter;
}

export interface SimWorld {
  seed: number;
  startAt: EpochMs;
  /** When the last stream ends. */
  endAt: EpochMs;
  channels: SimChannel[];
  byLogin: Map<string, SimChannel>;
  byId: Map<string, SimChannel>;
  categories: Category[];
}

const syllables = ['ka', 'zu', 'mi', 'ro', 'ten', 'vex', 'lo', 'shi', 'par', 'dra', 'no', 'qui', 'bel', 'xo', 'fyn'];
const colors = ['#FF0000', '#0000FF', '#008000', '#B22222', '#FF7F50', '#9ACD32', '#FF4500', '#2E8B57', '#DAA520'];

/** Builds the world for a scenario starting at `startAt`. */
export function buildWorld(scenario: Scenario, startAt: EpochMs): SimWorld {
  const channels = [...scenario.channels, ...expandGenerated(scenario)].map((c, i) =>
    toSimChannel(scenario.seed, c, i, startAt),
  );
  const categories = new Map<string, Category>();
  for (const c of channels)
    for (const s of c.streams) {
      categories.set(s.category.id, s.category);
      for (const change of s.changes) if (change.category) categories.set(change.category.id, change.category);
    }
  for (const c of scenario.generatedChannels?.categories ?? []) categories.set(c.id, c);
  const endAt = Math.max(startAt, ...channels.flatMap((c) => c.streams.map((s) => s.endAt)));
  return {
    seed: scenario.seed,
    startAt,
    endAt,
    channels,
    byLogin: new Map(channels.map((c) => [c.login, c])),
    byId: new Map(channels.map((c) => [c.id, c])),
    categories: [...categories.values()],
  };
}

/** How long the scenario runs, from its start to the end of its last stream (simulated ms). */
export function getScenarioLengthMs(scenario: Scenario): number {
  return buildWorld(scenario, 0).endAt;
}

/** Makes a chatter of a channel; the same (seed, channel, slot) always gives the same person. */
export function makeChatter(seed: number, channelIndex: number, slot: number, regular: boolean): Chatter {
  const random = createRandom(hashSeed(seed, 'chatter', channelIndex, slot));
  const name = Array.from({ length: random.int(2, 3) }, () => random.pick(syllables)).join('');
  const login = `${name}${random.chance(0.5) ? random.int(1, 999) : ''}_${slot}`.slice(0, 25);
  return {
    id: String(100_000_000 + (hashSeed(seed, 'chatter-id', channelIndex, slot) % 800_000_000)),
    login,
    displayName: random.chance(0.6) ? login[0]!.toUpperCase() + login.slice(1) : login,
    color: random.chance(0.85) ? random.pick(colors) : '',
    regular,
    subMonths: regular ? (random.chance(0.6) ? random.int(1, 40) : 0) : random.chance(0.1) ? 1 : 0,
    mod: regular && slot % 12 === 0,
  };
}

function toSimChannel(seed: number, channel: ScenarioChannel, index: number, startAt: EpochMs): SimChannel {
  const streams = [...channel.streams]
    .sort((a, b) => a.at - b.at)
    .map((s, k): SimStream => {
      const { at, id, vodId, ...rest } = s;
      return {
        ...rest,
        index: k,
        // Like Twitch, every broadcast has ids of its own: a second run of a scenario starts new streams (the
        // store would otherwise see the earlier run's stream, already ended, go live again).
        id: id ?? String(40_000_000_000 + (hashSeed(seed, 'stream', index, k, startAt + at) % 9_000_000_000)),
        vodId: vodId ?? String(2_000_000_000 + (hashSeed(seed, 'vod', index, k, startAt + at) % 900_000_000)),
        startAt: startAt + at,
        endAt: startAt + at + s.duration,
      };
    });
  const chat = withDefaultVocabulary(channel.chat);
  return {
    index,
    id: channel.id,
    login: channel.login,
    displayName: channel.displayName,
    chat,
    streams,
    regulars: Array.from({ length: chat.regulars }, (_, i) => makeChatter(seed, index, i, true)),
    casuals: Array.from({ length: chat.casuals }, (_, i) => makeChatter(seed, index, chat.regulars + i, false)),
    broadcaster: {
      id: channel.id,
      login: channel.login,
      displayName: channel.displayName,
      color: '#9146FF',
      regular: true,
      subMonths: 0,
      mod: false,
    },
  };
}

function expandGenerated(scenario: Scenario): ScenarioChannel[] {
  const g = scenario.generatedChannels;
  if (!g) return [];
  return Array.from({ length: g.count }, (_, i): ScenarioChannel => {
    const rank = i + 1;
    const base = Math.max(1, Math.round(g.topViewers / rank ** g.zipfExponent));
    const random = createRandom(hashSeed(scenario.seed, 'generated', i));
    const login = `${g.loginPrefix}${rank}`;
    return {
      login,
      id: String(900_000_000 + rank),
      displayName: login,
      chat: {
        messagesPerViewerPerMinute: g.messagesPerViewerPerMinute,
        regulars: Math.min(200, 5 + Math.round(base / 20)),
        casuals: Math.min(2000, 10 + Math.round(base / 2)),
        regularShare: 0.6,
        emotes: [],
        greetings: [],
        questions: [],
        laughter: [],
        lines: [],
        answerRate: 0.3,
        actionRate: 0.01,
        replyRate: 0.02,
      },
      streams: [
        {
          at: g.at + random.int(0, 60) * 1000,
          duration: g.duration,
          title: `${login} live`,
          category: random.pick(g.categories),
          language: 'en',
          tags: [],
          changes: [],
          viewers: { base, shape: [[0, 1]], noise: 0.05 },
          moments: [],
          events: [],
          eventRates: { follow: Math.min(60, base / 20) },
          speech: [],
        },
      ],
    };
  });
}
