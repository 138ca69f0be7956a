// Twitch's own playback path: a GQL PlaybackAccessToken (persisted query) then the usher master playlist.
// Unofficial and known to rot (notes G11), so every Twitch-side constant is an option.

import { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import type { PlaylistResolver } from './playlist-resolver.ts';

export interface TwitchResolverOptions {
  gqlUrl?: string;
  /** Usher base; the master is `<usherUrl>/api/v2/channel/hls/<login>.m3u8`. */
  usherUrl?: string;
  clientId?: string;
  persistedQueryHash?: string;
  playerType?: string;
  /** A user OAuth token (`Authorization: OAuth …`), optional. */
  oauthToken?: string;
}

/** The web player's public values as of the notes; override them when Twitch rotates them. */
export const twitchPlaybackDefaults = {
  gqlUrl: 'https://gql.twitch.tv/gql',
  usherUrl: 'https://usher.ttvnw.net',
  clientId: 'kimne78kx3ncx6brgo4mv6wki5h1ko',
  persistedQueryHash: 'ed230aa1e33e07eebb8928504583da78a5173989fadfb1ac94be06a04f3cdbe9',
  playerType: 'embed',
} as const;

const tokenResponse = z.object({
  data: z
    .object({
      streamPlaybackAccessToken: z.object({ value: z.string(), signature: z.string() }).nullable(),
    })
    .optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
  message: z.string().optional(),
});

/** Creates the GQL + usher resolver. */
export function createTwitchResolver(options: TwitchResolverOptions = {}): PlaylistResolver {
  const o = { ...twitchPlaybackDefaults, ...stripUndefined(options) };
  return {
    name: 'twitch',
    async resolve(login, signal) {
      const headers: Record<string, string> = { 'client-id': o.clientId, 'content-type': 'application/json' };
      if (options.oauthToken) headers.authorization = `OAuth ${options.oauthToken}`;
      const body = JSON.stringify({
        operationName: 'PlaybackAccessToken',
        extensions: { persistedQuery: { version: 1, sha256Hash: o.persistedQueryHash } },
        variables: { isLive: true, login, isVod: false, vodID: '', playerType: o.playerType, platform: 'site' },
      });
      const response = await fetch(o.gqlUrl, { method: 'POST', headers, body, signal: signal ?? null });
      const parsed = tokenResponse.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success || parsed.data.errors || parsed.data.message || !parsed.data.data) {
        const why = parsed.success ? (parsed.data.errors?.[0]?.message ?? parsed.data.message) : 'unexpected body';
        throw new StreamlensError(
          'UPSTREAM',
          `Twitch refused the playback token for ${login} (HTTP ${response.status}: ${why})`,
          'the persisted-query hash or client id may have rotated; try the streamlink resolver',
        );
      }
      const token = parsed.data.data.streamPlaybackAccessToken;
      if (!token) throw new StreamlensError('NOT_FOUND', `${login} is offline or does not exist`);
      const query = new URLSearchParams({
        sig: token.signature,
        token: token.value,
        platform: 'web',
        p: String(Math.floor(Math.random() * 999_999)),
        allow_source: 'true',
        allow_audio_only: 'true',
        playlist_include_framerate: 'true',
        supported_codecs: 'h264',
        fast_bread: 'true',
      });
      return `${o.usherUrl.replace(/\/$/, '')}/api/v2/channel/hls/${login.toLowerCase()}.m3u8?${query}`;
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
