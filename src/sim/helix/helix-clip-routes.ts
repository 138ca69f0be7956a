// Clips as Helix serves them (dev.twitch.tv/docs/api/reference/clips): Get Clips by broadcaster, game or ids,
// filtered by creation time, most viewed first, paginated; Create Clip (a user token with `clips:edit`, the
// broadcaster live) answers 202 with the id and edit URL, and the clip shows in Get Clips moments later.

import type { Context, Hono } from 'hono';
import type { EpochMs } from '../../domain.ts';
import { toRfc3339Seconds } from '../eventsub/eventsub-time.ts';
import { hashSeed } from '../random.ts';
import { type HelixEnv, type HelixRoutesOptions, helixError } from './helix-routes.ts';
import type { ChannelLive, SimClip } from './live-state.ts';
import { paginate } from './paginate.ts';

/** How long Twitch takes to make a clip it accepted (Get Clips does not list it before). */
const clipProcessingMs = 2000;

/** Adds GET and POST /clips to the Helix app. */
export function registerClipRoutes(app: Hono<HelixEnv>, options: HelixRoutesOptions): void {
  const { live, now } = options;

  app.get('/clips', (c) => {
    const broadcasterId = c.req.query('broadcaster_id');
    const gameId = c.req.query('game_id');
    const ids = c.req.queries('id') ?? [];
    const given = [broadcasterId, gameId, ids.length > 0 ? ids : undefined].filter((v) => v !== undefined);
    if (given.length !== 1) return helixError(c, 400, 'Exactly one of broadcaster_id, game_id or id must be specified');
    if (ids.length > 100) return helixError(c, 400, 'The parameter "id" may be specified at most 100 times');
    const range = toRange(c);
    if (!range.ok) return helixError(c, 400, range.message);
    const t = now();
    const found = live.channels
      .filter((l) => broadcasterId === undefined || l.channel.id === broadcasterId)
      .flatMap((l) => l.clips.map((clip) => ({ l, clip })))
      .filter(({ clip }) => clip.createdAt <= t)
      .filter(({ clip }) => gameId === undefined || clip.gameId === gameId)
      .filter(({ clip }) => ids.length === 0 || ids.includes(clip.id));
    const data = found
      .filter(({ clip }) => ids.length > 0 || (clip.createdAt >= range.from && clip.createdAt <= range.to))
      .map(({ l, clip }) => toClip(l, clip, t))
      .sort((a, b) => b.view_count - a.view_count || a.id.localeCompare(b.id));
    // With ids, Twitch ignores first/after and sends no cursor.
    if (ids.length > 0) return c.json({ data, pagination: {} });
    const result = paginate(data, c.req.query('first'), c.req.query('after'));
    if (!result.ok) return helixError(c, 400, result.message);
    return c.json({ data: result.page, pagination: result.cursor ? { cursor: result.cursor } : {} });
  });

  app.post('/clips', (c) => {
    const token = c.get('token');
    if (token.kind !== 'user' || !token.scopes.includes('clips:edit'))
      return helixError(c, 401, 'Missing scope: clips:edit');
    const channel = live.byId.get(c.req.query('broadcaster_id') ?? '');
    if (!channel) return helixError(c, 400, 'Missing required parameter "broadcaster_id"');
    if (!channel.stream) return helixError(c, 404, 'The broadcaster must be live to create a clip');
    const t = now();
    const id = `StreamlensSim${channel.clips.length + 1}-${hashSeed(channel.channel.id, t).toString(36)}`;
    channel.clips.push({
      id,
      stream: channel.stream,
      creatorId: token.userId ?? '',
      creatorName: token.login ?? '',
      title: channel.title,
      gameId: channel.category?.id ?? '',
      createdAt: t + clipProcessingMs,
      // Create Clip captures about 85 s before the call and 5 s after it.
      durationSec: 30,
      viewCount: 0,
    });
    return c.json({ data: [{ id, edit_url: `https://clips.twitch.tv/${id}/edit` }] }, 202);
  });
}

function toRange(c: Context<HelixEnv>): { ok: true; from: EpochMs; to: EpochMs } | { ok: false; message: string } {
  const started = c.req.query('started_at');
  const ended = c.req.query('ended_at');
  const from = started === undefined ? Number.NEGATIVE_INFINITY : Date.parse(started);
  if (Number.isNaN(from)) return { ok: false, message: 'The parameter "started_at" was malformed' };
  // Twitch: without ended_at the range is a week from started_at.
  const to =
    ended === undefined
      ? started === undefined
        ? Number.POSITIVE_INFINITY
        : from + 7 * 86_400_000
      : Date.parse(ended);
  if (Number.isNaN(to)) return { ok: false, message: 'The parameter "ended_at" was malformed' };
  return { ok: true, from, to };
}

function toClip(l: ChannelLive, clip: SimClip, now: EpochMs) {
  // Views grow as the clip is shared: one more per simulated minute since it was made.
  const views = clip.viewCount + Math.floor((now - clip.createdAt) / 60_000);
  const offset = Math.max(0, Math.round((clip.createdAt - clip.stream.startAt) / 1000) - clip.durationSec);
  return {
    id: clip.id,
    url: `https://clips.twitch.tv/${clip.id}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${clip.id}`,
    broadcaster_id: l.channel.id,
    broadcaster_name: l.channel.displayName,
    creator_id: clip.creatorId,
    creator_name: clip.creatorName,
    video_id: clip.stream.vodId,
    game_id: clip.gameId,
    language: clip.stream.language,
    title: clip.title,
    view_count: views,
    created_at: toRfc3339Seconds(clip.createdAt),
    thumbnail_url: `https://clips-media-assets2.twitch.tv/${clip.id}-preview-480x272.jpg`,
    duration: clip.durationSec,
    vod_offset: offset,
    is_featured: false,
  };
}
