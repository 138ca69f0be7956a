// The read-only Helix endpoints streamlens uses, answering from the live state with the JSON shapes of the
// fixtures: users, streams, channels, games, top games, searches, followers, chatters and videos.

import type { Context, Hono } from 'hono';
import { toRfc3339Seconds } from '../eventsub/eventsub-time.ts';
import { hashSeed } from '../random.ts';
import type { Chatter } from '../scenario/build-world.ts';
import type { Category } from '../scenario/scenario-schema.ts';
import { registerClipRoutes } from './helix-clip-routes.ts';
import { type HelixEnv, type HelixRoutesOptions, helixError } from './helix-routes.ts';
import type { ChannelLive } from './live-state.ts';
import { paginate } from './paginate.ts';

/** Adds the data routes to the Helix app. */
export function registerHelixDataRoutes(app: Hono<HelixEnv>, options: HelixRoutesOptions): void {
  const { live, now } = options;
  const list = (c: Context, name: string) => c.req.queries(name) ?? [];
  const page = <T>(c: Context<HelixEnv>, items: T[], extra: Record<string, unknown> = {}, max = 100) => {
    const result = paginate(items, c.req.query('first'), c.req.query('after'), max);
    if (!result.ok) return helixError(c, 400, result.message);
    return c.json({ data: result.page, pagination: result.cursor ? { cursor: result.cursor } : {}, ...extra });
  };
  const channelsFor = (ids: string[], logins: string[]) =>
    live.channels.filter((l) => ids.includes(l.channel.id) || logins.includes(l.channel.login));

  app.get('/users', (c) => {
    const ids = list(c, 'id');
    const logins = list(c, 'login').map((s) => s.toLowerCase());
    if (ids.length + logins.length > 100) return helixError(c, 400, 'Too many ids or logins (at most 100)');
    const token = c.get('token');
    const found =
      ids.length + logins.length === 0 && token.userId ? channelsFor([token.userId], []) : channelsFor(ids, logins);
    return c.json({ data: found.map(toUser) });
  });

  app.get('/streams', (c) => {
    const ids = list(c, 'user_id');
    const logins = list(c, 'user_login').map((s) => s.toLowerCase());
    const games = list(c, 'game_id');
    const languages = list(c, 'language');
    const streams = live
      .liveStreams()
      .filter((l) => ids.length + logins.length === 0 || ids.includes(l.channel.id) || logins.includes(l.channel.login))
      .filter((l) => games.length === 0 || games.includes(l.category?.id ?? ''))
      .filter((l) => languages.length === 0 || languages.includes(l.language))
      .sort((a, b) => b.viewers - a.viewers || a.channel.index - b.channel.index);
    const ts = now();
    for (const l of streams) options.onViewersServed?.(l.channel.login, ts, l.viewers);
    return page(c, streams.map(toStream));
  });

  app.get('/channels', (c) => {
    const ids = list(c, 'broadcaster_id');
    if (ids.length === 0) return helixError(c, 400, 'Missing required parameter "broadcaster_id"');
    return c.json({ data: channelsFor(ids, []).map(toChannelInfo) });
  });

  app.get('/games', (c) => {
    const ids = list(c, 'id');
    const names = list(c, 'name').map((s) => s.toLowerCase());
    const found = options.categories().filter((g) => ids.includes(g.id) || names.includes(g.name.toLowerCase()));
    return c.json({ data: found.map(toGame) });
  });

  app.get('/games/top', (c) => {
    const viewers = new Map<string, number>();
    for (const l of live.liveStreams())
      if (l.category) viewers.set(l.category.id, (viewers.get(l.category.id) ?? 0) + l.viewers);
    const ranked = [...options.categories()].sort((a, b) => (viewers.get(b.id) ?? 0) - (viewers.get(a.id) ?? 0));
    return page(c, ranked.map(toGame));
  });

  app.get('/search/channels', (c) => {
    const query = (c.req.query('query') ?? '').toLowerCase();
    if (!query) return helixError(c, 400, 'Missing required parameter "query"');
    const liveOnly = c.req.query('live_only') === 'true';
    const found = live.channels.filter(
      (l) =>
        (l.channel.login.includes(query) || l.channel.displayName.toLowerCase().includes(query)) &&
        (!liveOnly || l.stream),
    );
    return page(c, found.map(toSearchChannel));
  });

  app.get('/search/categories', (c) => {
    const query = (c.req.query('query') ?? '').toLowerCase();
    if (!query) return helixError(c, 400, 'Missing required parameter "query"');
    const found = options.categories().filter((g) => g.name.toLowerCase().includes(query));
    return page(
      c,
      found.map((g) => ({ id: g.id, name: g.name, box_art_url: boxArt(g) })),
    );
  });

  app.get('/channels/followers', (c) => {
    const channel = live.byId.get(c.req.query('broadcaster_id') ?? '');
    if (!channel) return helixError(c, 400, 'Missing required parameter "broadcaster_id"');
    const token = c.get('token');
    const userId = c.req.query('user_id');
    const followers = [...channel.followers].reverse().filter((f) => !userId || f.userId === userId);
    // Without the scope (or as someone else) Twitch answers with the total only.
    const allowed = token.scopes.includes('moderator:read:followers') || token.userId === channel.channel.id;
    const data = followers.map((f) => ({
      user_id: f.userId,
      user_name: f.name,
      user_login: f.login,
      followed_at: toRfc3339Seconds(f.followedAt),
    }));
    return page(c, allowed ? data : [], { total: followers.length });
  });

  app.get('/chat/chatters', (c) => {
    const token = c.get('token');
    if (!token.scopes.includes('moderator:read:chatters'))
      return helixError(c, 401, 'Missing moderator:read:chatters scope');
    const channel = live.byId.get(c.req.query('broadcaster_id') ?? '');
    if (!channel || !c.req.query('moderator_id'))
      return helixError(c, 400, 'Missing required parameter "broadcaster_id"');
    const since = now() - 10 * 60_000;
    const present = new Map<string, Chatter>();
    for (const s of channel.lastSeen.values()) if (s.ts >= since) present.set(s.chatter.id, s.chatter);
    // While live, about a third of the channel's audience sits in chat without writing (lurkers), the same
    // people all stream long; regulars among them are the "regulars who lurk".
    const stream = channel.stream;
    if (stream)
      for (const c of [...channel.channel.regulars, ...channel.channel.casuals])
        if (hashSeed(c.id, stream.id) % 3 === 0) present.set(c.id, c);
    const chatters = [...present.values()].map((c) => ({
      user_id: c.id,
      user_login: c.login,
      user_name: c.displayName,
    }));
    // Get Chatters pages up to 1,000 at a time.
    return page(c, chatters, { total: chatters.length }, 1000);
  });

  registerClipRoutes(app, options);

  app.get('/videos', (c) => {
    const userId = c.req.query('user_id');
    const ids = list(c, 'id');
    if (!userId && ids.length === 0) return helixError(c, 400, 'Missing required parameter "user_id"');
    const videos = live.channels
      .filter((l) => !userId || l.channel.id === userId)
      .flatMap((l) => l.archived.map((s) => ({ l, s })))
      .filter(({ s }) => ids.length === 0 || ids.includes(s.vodId))
      .sort((a, b) => b.s.startAt - a.s.startAt)
      .map(({ l, s }) => ({
        id: s.vodId,
        stream_id: s.id,
        user_id: l.channel.id,
        user_login: l.channel.login,
        user_name: l.channel.displayName,
        title: s.title,
        description: '',
        created_at: toRfc3339Seconds(s.startAt),
        published_at: toRfc3339Seconds(s.startAt),
        url: `https://www.twitch.tv/videos/${s.vodId}`,
        thumbnail_url: '',
        viewable: 'public',
        view_count: s.viewers.base * 3,
        language: s.language,
        type: 'archive',
        // A live broadcast's archive grows as it records.
        duration: toVideoDuration(Math.min(s.endAt, Math.max(s.startAt, now())) - s.startAt),
        muted_segments: null,
      }));
    return page(c, videos);
  });
}

function toUser(l: ChannelLive) {
  return {
    id: l.channel.id,
    login: l.channel.login,
    display_name: l.channel.displayName,
    type: '',
    broadcaster_type: 'affiliate',
    description: `${l.channel.displayName} streams on the streamlens simulator.`,
    profile_image_url: '',
    offline_image_url: '',
    view_count: 0,
    created_at: '2019-04-01T12:00:00Z',
  };
}

function toStream(l: ChannelLive) {
  return {
    id: l.stream!.id,
    user_id: l.channel.id,
    user_login: l.channel.login,
    user_name: l.channel.displayName,
    game_id: l.category?.id ?? '',
    game_name: l.category?.name ?? '',
    type: 'live',
    title: l.title,
    tags: l.tags,
    viewer_count: l.viewers,
    started_at: toRfc3339Seconds(l.stream!.startAt),
    language: l.language,
    thumbnail_url: `https://static-cdn.jtvnw.net/previews-ttv/live_user_${l.channel.login}-{width}x{height}.jpg`,
    tag_ids: [],
    is_mature: false,
  };
}

function toChannelInfo(l: ChannelLive) {
  return {
    broadcaster_id: l.channel.id,
    broadcaster_login: l.channel.login,
    broadcaster_name: l.channel.displayName,
    broadcaster_language: l.language,
    game_id: l.category?.id ?? '',
    game_name: l.category?.name ?? '',
    title: l.title,
    delay: 0,
    tags: l.tags,
    content_classification_labels: [],
    is_branded_content: false,
  };
}

function toSearchChannel(l: ChannelLive) {
  return {
    broadcaster_language: l.language,
    broadcaster_login: l.channel.login,
    display_name: l.channel.displayName,
    game_id: l.category?.id ?? '',
    game_name: l.category?.name ?? '',
    id: l.channel.id,
    is_live: l.stream !== null,
    tag_ids: [],
    tags: l.tags,
    thumbnail_url: '',
    title: l.title,
    started_at: l.stream ? toRfc3339Seconds(l.stream.startAt) : '',
  };
}

function boxArt(g: Category): string {
  return `https://static-cdn.jtvnw.net/ttv-boxart/${g.id}-{width}x{height}.jpg`;
}

function toGame(g: Category) {
  return { id: g.id, name: g.name, box_art_url: boxArt(g), igdb_id: '' };
}

function toVideoDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s % 60}s`;
}
