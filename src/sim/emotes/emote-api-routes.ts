// The three third-party emote APIs on the simulator's HTTP server, in their real response shapes (what the
// streamlens clients parse, and more): 7TV v3 under /7tv/v3, BetterTTV v3 under /bttv/3, FrankerFaceZ v1 under
// /ffz/v1. A channel without a set of a provider gets that provider's 404 body, as the real services answer.

import { Hono } from 'hono';
import type { SimEmote, SimEmoteProvider, SimEmoteSets } from './sim-emote-sets.ts';

/** When the simulated providers say their emotes were added (a fixed moment, as a real set's history is). */
const addedAt = Date.parse('2024-01-15T12:00:00Z');

/** Routes for 7TV (`/emote-sets/global`, `/users/twitch/:id`). */
export function createSevenTvRoutes(sets: SimEmoteSets): Hono {
  const app = new Hono();
  app.get('/emote-sets/global', (c) =>
    c.json(toSevenTvSet('62cdd34e72a832540de95857', 'Global Emotes', sets.global['7tv'], sevenTvSystemUser)),
  );
  app.get('/users/twitch/:id', (c) => {
    const channel = sets.channels.get(c.req.param('id'));
    const emotes = channel?.sets['7tv'];
    if (!channel || !emotes)
      return c.json({ status_code: 404, status: 'Not Found', error: 'unknown user', error_code: 70442 }, 404);
    const userId = `6${c.req.param('id').padStart(23, '0')}`.slice(0, 24);
    const owner = {
      id: userId,
      username: channel.login,
      display_name: channel.displayName,
      avatar_url: '',
      style: {},
      roles: [],
    };
    const setId = `64${c.req.param('id').padStart(22, '0')}`.slice(0, 24);
    const set = toSevenTvSet(setId, `${channel.displayName}'s Emotes`, emotes, owner);
    return c.json({
      id: c.req.param('id'),
      platform: 'TWITCH',
      username: channel.login,
      display_name: channel.displayName,
      linked_at: addedAt,
      emote_capacity: 1000,
      emote_set_id: null,
      emote_set: set,
      user: {
        ...owner,
        created_at: addedAt,
        emote_sets: [{ id: setId, name: set.name, flags: 0, tags: [], capacity: 1000 }],
      },
    });
  });
  return app;
}

const sevenTvSystemUser = {
  id: '6042058896832ffa785800fe',
  username: 'system',
  display_name: 'System',
  avatar_url: '',
  style: {},
  roles: [],
};

function toSevenTvSet(id: string, name: string, emotes: readonly SimEmote[], owner: Record<string, unknown>) {
  return {
    id,
    name,
    flags: 0,
    tags: [],
    immutable: false,
    privileged: false,
    emotes: emotes.map((e) => ({
      id: e.id,
      name: e.name,
      flags: 0,
      timestamp: addedAt,
      actor_id: null,
      data: {
        id: e.id,
        name: e.name,
        flags: 0,
        lifecycle: 3,
        state: ['LISTED'],
        listed: true,
        animated: false,
        owner,
        host: {
          url: `//cdn.7tv.app/emote/${e.id}`,
          files: [1, 2, 3, 4].map((x) => ({
            name: `${x}x.webp`,
            static_name: `${x}x_static.webp`,
            width: 32 * x,
            height: 32 * x,
            frame_count: 1,
            size: 1200 * x,
            format: 'WEBP',
          })),
        },
      },
      origin_id: null,
    })),
    emote_count: emotes.length,
    capacity: 1000,
    owner,
  };
}

/** Routes for BetterTTV (`/cached/emotes/global`, `/cached/users/twitch/:id`). */
export function createBttvRoutes(sets: SimEmoteSets): Hono {
  const app = new Hono();
  app.get('/cached/emotes/global', (c) =>
    c.json(
      sets.global.bttv.map((e) => ({
        id: e.id,
        code: e.name,
        imageType: 'png',
        animated: false,
        userId: '5561169bd6b9d206222a8c19',
        modifier: false,
      })),
    ),
  );
  app.get('/cached/users/twitch/:id', (c) => {
    const channel = sets.channels.get(c.req.param('id'));
    const emotes = channel?.sets.bttv;
    if (!channel || !emotes) return c.json({ message: 'user not found' }, 404);
    const userId = `5b${c.req.param('id').padStart(22, '0')}`.slice(0, 24);
    // The channel's first emotes are its own uploads; the rest were shared to it by another user.
    const own = Math.ceil(emotes.length / 2);
    return c.json({
      id: userId,
      bots: [],
      avatar: '',
      channelEmotes: emotes.slice(0, own).map((e) => ({ ...toBttvEmote(e), userId })),
      sharedEmotes: emotes.slice(own).map((e) => ({
        ...toBttvEmote(e),
        user: { id: '5561169bd6b9d206222a8c19', name: 'someartist', displayName: 'SomeArtist', providerId: '91234567' },
      })),
    });
  });
  return app;
}

function toBttvEmote(e: SimEmote) {
  return { id: e.id, code: e.name, imageType: 'png', animated: false };
}

/** Routes for FrankerFaceZ (`/set/global`, `/room/id/:id`). */
export function createFfzRoutes(sets: SimEmoteSets): Hono {
  const app = new Hono();
  app.get('/set/global', (c) =>
    c.json({
      default_sets: [3],
      sets: {
        '3': toFfzSet(3, 0, 'Global Emotes', sets.global.ffz),
        // A set only some users see (FrankerFaceZ supporters): not global, so clients leave it out.
        '4330': toFfzSet(4330, 0, 'Supporter Emotes', [{ id: '541207', name: 'SupporterOnlyEmote' }]),
      },
      users: { '4330': ['someSupporter'] },
    }),
  );
  app.get('/room/id/:id', (c) => {
    const channel = sets.channels.get(c.req.param('id'));
    const emotes = channel?.sets.ffz;
    if (!channel || !emotes) return c.json({ status: 404, error: 'Not Found', message: 'No such room' }, 404);
    const setId = 300_000 + (Number(c.req.param('id')) % 600_000);
    return c.json({
      room: {
        _id: setId - 100_000,
        twitch_id: Number(c.req.param('id')),
        youtube_id: null,
        id: channel.login,
        is_group: false,
        display_name: channel.displayName,
        set: setId,
        moderator_badge: null,
        vip_badge: null,
        mod_urls: null,
        user_badges: {},
        user_badge_ids: {},
        css: null,
      },
      sets: { [String(setId)]: toFfzSet(setId, 1, `Channel: ${channel.displayName}`, emotes) },
    });
  });
  return app;
}

function toFfzSet(id: number, type: number, title: string, emotes: readonly SimEmote[]) {
  return {
    id,
    _type: type,
    icon: null,
    title,
    css: null,
    emoticons: emotes.map((e) => ({
      id: Number(e.id),
      name: e.name,
      height: 32,
      width: 32,
      public: true,
      hidden: false,
      modifier: false,
      modifier_flags: 0,
      offset: null,
      margins: null,
      css: null,
      owner: { _id: 1, name: 'someartist', display_name: 'SomeArtist' },
      artist: null,
      urls: {
        '1': `https://cdn.frankerfacez.com/emote/${e.id}/1`,
        '2': `https://cdn.frankerfacez.com/emote/${e.id}/2`,
        '4': `https://cdn.frankerfacez.com/emote/${e.id}/4`,
      },
      status: 1,
      usage_count: 1,
      created_at: new Date(addedAt).toISOString(),
      last_updated: new Date(addedAt).toISOString(),
    })),
  };
}

/** Mounts the three providers' routes; returns their base URLs relative to the server's origin. */
export function mountEmoteApis(app: Hono, sets: SimEmoteSets): Record<'sevenTv' | 'bttv' | 'ffz', string> {
  app.route('/7tv/v3', createSevenTvRoutes(sets));
  app.route('/bttv/3', createBttvRoutes(sets));
  app.route('/ffz/v1', createFfzRoutes(sets));
  return { sevenTv: '/7tv/v3', bttv: '/bttv/3', ffz: '/ffz/v1' };
}

export type { SimEmoteProvider };
