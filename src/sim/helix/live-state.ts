// What Helix can see at any simulated moment: which streams are live with their current title, category and
// viewers, each channel's followers and recent chatters, and the archived streams (VODs). The scenario driver
// writes it; the Helix routes only read it.

import type { EpochMs } from '../../domain.ts';
import type { Chatter, SimChannel, SimStream, SimWorld } from '../scenario/build-world.ts';
import type { Category } from '../scenario/scenario-schema.ts';

export interface ChannelLive {
  channel: SimChannel;
  stream: SimStream | null;
  title: string;
  category: Category | null;
  language: string;
  tags: string[];
  viewers: number;
  followers: { userId: string; login: string; name: string; followedAt: EpochMs }[];
  /** Chatters by id with the time of their last line (Get Chatters lists those seen in the last 10 minutes). */
  lastSeen: Map<string, { chatter: Chatter; ts: EpochMs }>;
  /** Streams with an archive video (VOD): listed from the moment each went live, as Twitch does. */
  archived: SimStream[];
  /** Clips of the channel's streams, made by viewers (the scenario) or through Create Clip, oldest first. */
  clips: SimClip[];
}

/** A clip as Get Clips lists it once `createdAt` has passed. */
export interface SimClip {
  id: string;
  stream: SimStream;
  creatorId: string;
  creatorName: string;
  title: string;
  gameId: string;
  createdAt: EpochMs;
  durationSec: number;
  viewCount: number;
}

export interface LiveState {
  channels: ChannelLive[];
  byLogin: Map<string, ChannelLive>;
  byId: Map<string, ChannelLive>;
  liveStreams(): ChannelLive[];
}

/** The state before anything started: every channel offline, showing its first stream's title and category. */
export function createLiveState(world: SimWorld): LiveState {
  const channels = world.channels.map((channel): ChannelLive => {
    const first = channel.streams[0];
    return {
      channel,
      stream: null,
      title: first?.title ?? '',
      category: first?.category ?? null,
      language: first?.language ?? 'en',
      tags: first?.tags ?? [],
      viewers: 0,
      // Regulars follow already: a channel with history has followers before the simulation starts.
      followers: channel.regulars.map((c, i) => ({
        userId: c.id,
        login: c.login,
        name: c.displayName,
        followedAt: world.startAt - (i + 1) * 86_400_000,
      })),
      lastSeen: new Map(),
      archived: [],
      clips: [],
    };
  });
  return {
    channels,
    byLogin: new Map(channels.map((c) => [c.channel.login, c])),
    byId: new Map(channels.map((c) => [c.channel.id, c])),
    liveStreams: () => channels.filter((c) => c.stream !== null),
  };
}
