// A channel's past broadcasts as streams, from the archive VODs Helix lists (Get Videos, type=archive): each
// video's `stream_id` is the broadcast's id, `created_at` its start, `duration` its length. Used by the importer
// to put imported chat in the broadcasts Twitch knows, with the ids a live recording would have given them.

import type { Config } from '../config.ts';
import type { Stream } from '../domain.ts';
import type { Logger } from '../log.ts';
import { createAppTokenSource } from './helix/app-token.ts';
import { createHelixApi } from './helix/helix-api.ts';
import { createHelixClient } from './helix/helix-client.ts';
import type { HelixVideo } from './helix/helix-schemas.ts';

/** Helix's video duration (`3h2m1s`, `45m0s`, `12s`) in ms; null when it is not one. */
export function parseVideoDuration(value: string | undefined): number | null {
  const m = value === undefined ? null : /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || value === '') return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** An archive VOD as the stream it recorded; undefined when its start or length is unusable. */
export function toArchivedStream(video: HelixVideo, channelId: string): Stream | undefined {
  const startedAt = Date.parse(video.created_at);
  const length = parseVideoDuration(video.duration);
  if (!Number.isFinite(startedAt) || length === null) return undefined;
  return {
    id: video.stream_id || `vod:${video.id}`,
    channelId,
    startedAt,
    endedAt: startedAt + length,
    title: video.title,
    gameId: null,
    gameName: null,
    language: null,
    tags: [],
    vodId: video.id,
  };
}

/** Lists a channel's archived broadcasts through Helix; undefined when no app credentials are configured. */
export function createArchivedStreamLister(
  config: Config,
  log: Logger,
): ((channelId: string) => Promise<Stream[]>) | undefined {
  const twitch = config.twitch;
  if (!twitch.clientId || !twitch.clientSecret) return undefined;
  const api = createHelixApi(
    createHelixClient({
      helixUrl: twitch.helixUrl,
      clientId: twitch.clientId,
      token: createAppTokenSource({
        authUrl: twitch.authUrl,
        clientId: twitch.clientId,
        clientSecret: twitch.clientSecret,
      }),
      log: log.child('helix'),
    }),
  );
  return async (channelId) => (await api.listArchives(channelId)).flatMap((v) => toArchivedStream(v, channelId) ?? []);
}
