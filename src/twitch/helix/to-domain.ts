// Pure translations from Helix's snake_case answers to streamlens' domain records.

import type { Channel, Clip, EpochMs, Stream, StreamSnapshot } from '../../domain.ts';
import type { HelixClip, HelixStream, HelixUser } from './helix-schemas.ts';

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

/** A Helix clip as a domain Clip (an unparseable `created_at` makes it undefined: it is skipped). */
export function toClip(clip: HelixClip): Clip | undefined {
  const createdAt = Date.parse(clip.created_at);
  if (!Number.isFinite(createdAt)) return undefined;
  return {
    id: clip.id,
    channelId: clip.broadcaster_id,
    url: clip.url,
    embedUrl: clip.embed_url,
    creatorId: clip.creator_id,
    creatorName: clip.creator_name,
    videoId: clip.video_id,
    gameId: clip.game_id,
    title: clip.title,
    viewCount: clip.view_count,
    createdAt,
    thumbnailUrl: clip.thumbnail_url,
    durationSec: clip.duration,
    vodOffsetSec: clip.vod_offset ?? null,
    isFeatured: clip.is_featured ?? false,
  };
}
