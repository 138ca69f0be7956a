// Pure translations from Helix's snake_case answers to streamlens' domain records.

import type { Channel, EpochMs, Stream, StreamSnapshot } from '../../domain.ts';
import type { HelixStream, HelixUser } from './helix-schemas.ts';

/** A Helix user as a tracked channel. */
export function toChannel(user: HelixUser): Channel {
  return { id: user.id, login: user.login.toLowerCase(), displayName: user.display_name || user.login };
}

/** A live Helix stream as an open domain Stream. */
export function toStream(stream: HelixStream, vodId: string | null = null): Stream {
  return {
    id: stream.id,
    channelId: stream.user_id,
    startedAt: Date.parse(stream.started_at),
    endedAt: null,
    title: stream.title,
    gameId: stream.game_id || null,
    gameName: stream.game_name || null,
    language: stream.language || null,
    tags: stream.tags ?? [],
    vodId,
  };
}

/** One poll of a live stream. */
export function toStreamSnapshot(stream: HelixStream, ts: EpochMs): StreamSnapshot {
  return {
    channelId: stream.user_id,
    streamId: stream.id,
    ts,
    viewerCount: stream.viewer_count,
    title: stream.title,
    gameId: stream.game_id || null,
    gameName: stream.game_name || null,
  };
}
