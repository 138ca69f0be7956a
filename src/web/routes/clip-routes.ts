// Clips and what viewers did beyond chat, per stream: create a clip of a moment (Helix Create Clip while the
// stream is live and the moment is recent enough to be in it; otherwise the VOD at that moment, with the reason),
// the stream's engagement (clips, channel points, polls, predictions, shoutouts) and who was in chat (lurkers).

import { z } from 'zod';
import { findStream, getStreamEngagement, getStreamPresence, toVodUrl } from '../../analytics/index.ts';
import { findMissingScopes } from '../../twitch/auth/login-scopes.ts';
import { readTokenFile, toTokenFilePath } from '../../twitch/auth/token-file.ts';
import { createClipForMoment } from '../../twitch/create-clip.ts';
import { idParams, resultOrNoData } from '../http/api-schemas.ts';
import { defineRoute } from '../http/define-route.ts';
import { notFound } from '../http/http-error.ts';

/**
 * Create Clip captures about 85 s before the call and 5 s after it: a moment further back than this is not in
 * a clip made now.
 */
export const liveClipReachMs = 60_000;

const clipAnswer = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('clip'),
    id: z.string(),
    url: z.string(),
    editUrl: z.string(),
    momentTs: z.number(),
    note: z.string(),
  }),
  z.object({ kind: z.literal('vod'), url: z.string().nullable(), offsetMs: z.number(), reason: z.string() }),
]);

export const createClipRoute = defineRoute('post', '/api/streams/:id/clips', {
  summary:
    'Clips a moment of a stream: while it is live and the moment is within the last minute, Twitch Create Clip (login with clips:edit); otherwise the VOD at that moment, and why.',
  params: idParams,
  body: z.object({ ts: z.number().int().positive().optional() }),
  response: clipAnswer,
  async handle({ params, body, deps }) {
    const stream = await findStream(deps.store, params.id);
    if (!stream) throw notFound(`stream ${params.id}`);
    // "Now" on the collectors' clock: the stream's last record (the demo's clock runs faster than the wall's).
    const now = stream.startedAt + stream.durationMs;
    const momentTs = body.ts ?? now;
    const offsetMs = Math.max(0, momentTs - stream.startedAt);
    if (!stream.live || now - momentTs > liveClipReachMs) {
      const vodUrl = toVodUrl(stream.vodId, Math.max(0, offsetMs - 10_000));
      const why = stream.live
        ? 'Twitch only clips the last ~90 seconds of a live stream, and this moment is older'
        : 'Twitch only creates clips of a stream while it is live';
      return {
        kind: 'vod' as const,
        url: vodUrl,
        offsetMs,
        reason: vodUrl
          ? `${why}: here is the VOD at that moment, where Twitch's own Clip button makes one`
          : `${why}, and no VOD was recorded for this stream`,
      };
    }
    const clip = await createClipForMoment(
      { config: deps.config, sink: deps.store.clips, log: deps.log.child('clips') },
      { channelId: stream.channelId, streamId: stream.id, momentTs, now },
    );
    // Twitch lists the clip moments later; it is stored (with views and title) when it does.
    clip.confirmed.catch(() => {});
    return {
      kind: 'clip' as const,
      id: clip.id,
      url: clip.url,
      editUrl: clip.editUrl,
      momentTs,
      note: 'Twitch is making the clip; it appears with its title and views in a few seconds',
    };
  },
});

export const engagementRoute = defineRoute('get', '/api/streams/:id/engagement', {
  summary: 'Clips, channel points redemptions, polls, predictions, shoutouts and lurkers of a stream.',
  params: idParams,
  response: z.object({ clips: z.array(z.object({ id: z.string(), url: z.string() }).loose()) }).loose(),
  async handle({ params, deps }) {
    const stream = await findStream(deps.store, params.id);
    const engagement = stream && (await getStreamEngagement(deps.store, stream.id));
    if (!engagement) throw notFound(`stream ${params.id}`);
    return engagement;
  },
});

export const presenceRoute = defineRoute('get', '/api/streams/:id/presence', {
  summary:
    'Who was in chat (Get Chatters samples): present and lurking over time beside viewers, estimated watch time, regulars who lurked.',
  params: idParams,
  response: resultOrNoData({ samples: z.array(z.object({ ts: z.number() }).loose()) }),
  async handle({ params, deps }) {
    const stream = await findStream(deps.store, params.id);
    const presence = stream && (await getStreamPresence(deps.store, stream.id));
    if (!presence) throw notFound(`stream ${params.id}`);
    return presence;
  },
});

export const twitchScopesRoute = defineRoute('get', '/api/twitch/scopes', {
  summary:
    'Which scopes the Twitch login lacks and what each enables (clips, lurkers, EventSub types), and how to log in again.',
  response: z.object({
    loggedIn: z.boolean(),
    login: z.string().nullable(),
    missing: z.array(z.object({ scope: z.string(), feature: z.string() })),
    fix: z.string().nullable(),
  }),
  async handle({ deps }) {
    const token = await readTokenFile(toTokenFilePath(deps.config.dataDir)).catch(() => undefined);
    const missing = findMissingScopes(token?.scopes ?? []);
    const fix =
      missing.length === 0
        ? null
        : 'log in again with `streamlens login` (or "Log in with Twitch" on the Settings page): it asks for every scope streamlens uses';
    return { loggedIn: token !== undefined, login: token?.login ?? null, missing, fix };
  },
});
