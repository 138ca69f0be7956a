// Factories for domain records: sensible defaults plus the one override a test cares about.

import { randomUUID } from 'node:crypto';
import type {
  Channel,
  ChannelEvent,
  ChatEvent,
  ChatMessage,
  Clip,
  Stream,
  StreamSnapshot,
  TranscriptSegment,
} from '../../src/domain.ts';

export const baseTs = Date.UTC(2026, 9, 1, 18, 0, 0);

export function makeChannel(overrides: Partial<Channel> = {}): Channel {
  return { id: '1001', login: 'teststreamer', displayName: 'TestStreamer', ...overrides };
}

export function makeStream(overrides: Partial<Stream> = {}): Stream {
  return {
    id: 's1',
    channelId: '1001',
    startedAt: baseTs,
    endedAt: null,
    title: 'Ranked grind',
    gameId: '509658',
    gameName: 'Just Chatting',
    language: 'en',
    tags: ['English'],
    vodId: null,
    ...overrides,
  };
}

export function makeSnapshot(overrides: Partial<StreamSnapshot> = {}): StreamSnapshot {
  return {
    channelId: '1001',
    streamId: 's1',
    ts: baseTs,
    viewerCount: 10,
    title: 'Ranked grind',
    gameId: '509658',
    gameName: 'Just Chatting',
    ...overrides,
  };
}

export function makeChatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: randomUUID(),
    channelId: '1001',
    streamId: 's1',
    ts: baseTs,
    userId: '2001',
    userLogin: 'viewer1',
    displayName: 'Viewer1',
    text: 'hello chat',
    isAction: false,
    bits: 0,
    emotes: [],
    badges: [],
    firstMsg: false,
    returningChatter: false,
    replyParentId: null,
    replyParentUserLogin: null,
    sourceChannelId: null,
    color: null,
    deletedAt: null,
    ...overrides,
  };
}

export function makeChatEvent(overrides: Partial<ChatEvent> = {}): ChatEvent {
  return {
    id: randomUUID(),
    channelId: '1001',
    streamId: 's1',
    ts: baseTs,
    type: 'sub',
    userId: '2001',
    userLogin: 'viewer1',
    data: {},
    ...overrides,
  };
}

export function makeChannelEvent(overrides: Partial<ChannelEvent> = {}): ChannelEvent {
  return {
    id: randomUUID(),
    channelId: '1001',
    streamId: 's1',
    ts: baseTs,
    type: 'channel.follow',
    userId: '2001',
    userLogin: 'viewer1',
    data: {},
    ...overrides,
  };
}

export function makeTranscriptSegment(overrides: Partial<TranscriptSegment> = {}): TranscriptSegment {
  return {
    id: randomUUID(),
    channelId: '1001',
    streamId: 's1',
    startTs: baseTs,
    endTs: baseTs + 4000,
    text: 'welcome back everyone',
    confidence: 0.9,
    engine: 'pocketsphinx',
    ...overrides,
  };
}

export function makeClip(overrides: Partial<Clip> = {}): Clip {
  const id = overrides.id ?? `Clip${randomUUID().slice(0, 8)}`;
  return {
    id,
    channelId: '1001',
    url: `https://clips.twitch.tv/${id}`,
    embedUrl: `https://clips.twitch.tv/embed?clip=${id}`,
    creatorId: '2001',
    creatorName: 'Viewer1',
    videoId: '',
    gameId: '509658',
    title: 'what a moment',
    viewCount: 3,
    createdAt: baseTs + 60_000,
    thumbnailUrl: '',
    durationSec: 30,
    vodOffsetSec: 30,
    isFeatured: false,
    ...overrides,
  };
}
