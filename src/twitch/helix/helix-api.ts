// The Helix endpoints streamlens uses, each one function over the transport: lists are chunked 100 ids per
// request (Helix's limit) and paginated where Twitch pages them.

import { z } from 'zod';
import type { EpochMs } from '../../domain.ts';
import type { HelixClient } from './helix-client.ts';
import {
  type EventSubSubscription,
  type EventSubSubscriptionRequest,
  eventSubListSchema,
  type HelixChannel,
  type HelixChatter,
  type HelixClip,
  type HelixCreatedClip,
  type HelixGame,
  type HelixStream,
  type HelixUser,
  type HelixVideo,
  helixChannelSchema,
  helixChatterSchema,
  helixClipSchema,
  helixCreatedClipSchema,
  helixGameSchema,
  helixStreamSchema,
  helixUserSchema,
  helixVideoSchema,
  pageOf,
} from './helix-schemas.ts';
import { collectHelix } from './paginate-helix.ts';

export interface HelixApi {
  getUsers(query: { logins?: readonly string[]; ids?: readonly string[] }): Promise<HelixUser[]>;
  getStreams(query: { userIds?: readonly string[]; userLogins?: readonly string[] }): Promise<HelixStream[]>;
  getStreamsByGame(gameId: string, maxPages: number): Promise<HelixStream[]>;
  getChannels(broadcasterIds: readonly string[]): Promise<HelixChannel[]>;
  getGames(ids: readonly string[]): Promise<HelixGame[]>;
  /** The newest archive (past broadcast) of a channel, whose id is the VOD id. */
  getLatestArchive(userId: string): Promise<HelixVideo | undefined>;
  /** A channel's archives (past broadcasts), newest first, up to `maxPages` pages of 100. */
  listArchives(userId: string, maxPages?: number): Promise<HelixVideo[]>;
  getFollowerTotal(broadcasterId: string): Promise<number>;
  getChatters(broadcasterId: string, moderatorId: string, maxPages?: number): Promise<HelixChatter[]>;
  /** A channel's clips created in [startedAt, endedAt] (Twitch pages them by views; about 1,000 at most). */
  getClips(
    query: { broadcasterId: string; startedAt: EpochMs; endedAt: EpochMs },
    maxPages?: number,
  ): Promise<HelixClip[]>;
  /** Clips by id (up to 100; Twitch sends no cursor then). */
  getClipsById(ids: readonly string[]): Promise<HelixClip[]>;
  /** Asks Twitch to clip the live stream now (user token with `clips:edit`); the clip shows in Get Clips later. */
  createClip(broadcasterId: string): Promise<HelixCreatedClip>;
  createEventSubSubscription(request: EventSubSubscriptionRequest): Promise<EventSubSubscription>;
  listEventSubSubscriptions(): Promise<EventSubSubscription[]>;
  deleteEventSubSubscription(id: string): Promise<void>;
}

/** Splits a list into chunks of `size` (Helix accepts at most 100 ids per request). */
export function toChunks<T>(items: readonly T[], size = 100): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const emptyBody = z.unknown();

/** Creates the endpoint functions over a Helix client. */
export function createHelixApi(client: HelixClient): HelixApi {
  const list = <T>(path: string, query: Record<string, readonly string[]>, item: z.ZodType<T>) =>
    client.request({ path, query }, pageOf(item)).then((page) => page.data as T[]);

  return {
    async getUsers({ logins = [], ids = [] }) {
      const out: HelixUser[] = [];
      for (const chunk of toChunks(logins)) out.push(...(await list('users', { login: chunk }, helixUserSchema)));
      for (const chunk of toChunks(ids)) out.push(...(await list('users', { id: chunk }, helixUserSchema)));
      return out;
    },
    async getStreams({ userIds = [], userLogins = [] }) {
      const out: HelixStream[] = [];
      const query = (key: string, chunk: string[]) => ({ path: 'streams', query: { [key]: chunk, first: '100' } });
      for (const chunk of toChunks(userIds))
        out.push(...(await collectHelix(client, query('user_id', chunk), helixStreamSchema)));
      for (const chunk of toChunks(userLogins))
        out.push(...(await collectHelix(client, query('user_login', chunk), helixStreamSchema)));
      return out;
    },
    getStreamsByGame: (gameId, maxPages) =>
      collectHelix(client, { path: 'streams', query: { game_id: gameId, first: '100' } }, helixStreamSchema, {
        maxPages,
      }),
    async getChannels(broadcasterIds) {
      const out: HelixChannel[] = [];
      for (const chunk of toChunks(broadcasterIds))
        out.push(...(await list('channels', { broadcaster_id: chunk }, helixChannelSchema)));
      return out;
    },
    async getGames(ids) {
      const out: HelixGame[] = [];
      for (const chunk of toChunks(ids)) out.push(...(await list('games', { id: chunk }, helixGameSchema)));
      return out;
    },
    async getLatestArchive(userId) {
      const page = await client.request(
        { path: 'videos', query: { user_id: userId, type: 'archive', first: '1' } },
        pageOf(helixVideoSchema),
      );
      return page.data[0];
    },
    listArchives(userId, maxPages = 10) {
      return collectHelix(
        client,
        { path: 'videos', query: { user_id: userId, type: 'archive', first: '100' } },
        helixVideoSchema,
        { maxPages },
      );
    },
    async getFollowerTotal(broadcasterId) {
      const page = await client.request(
        { path: 'channels/followers', query: { broadcaster_id: broadcasterId, first: '1' } },
        pageOf(z.unknown()),
      );
      return page.total ?? 0;
    },
    getChatters: (broadcasterId, moderatorId, maxPages = 10) =>
      collectHelix(
        client,
        { path: 'chat/chatters', query: { broadcaster_id: broadcasterId, moderator_id: moderatorId, first: '1000' } },
        helixChatterSchema,
        { maxPages },
      ),
    getClips: ({ broadcasterId, startedAt, endedAt }, maxPages = 10) =>
      collectHelix(
        client,
        {
          path: 'clips',
          query: {
            broadcaster_id: broadcasterId,
            started_at: new Date(startedAt).toISOString(),
            ended_at: new Date(endedAt).toISOString(),
            first: '100',
          },
        },
        helixClipSchema,
        { maxPages },
      ),
    getClipsById: (ids) => list('clips', { id: ids.slice(0, 100) }, helixClipSchema),
    async createClip(broadcasterId) {
      const page = await client.request(
        { method: 'POST', path: 'clips', query: { broadcaster_id: broadcasterId } },
        pageOf(helixCreatedClipSchema),
      );
      const created = page.data[0];
      if (!created) throw new Error('Twitch accepted the clip but returned no id');
      return created;
    },
    async createEventSubSubscription(request) {
      const page = await client.request(
        { method: 'POST', path: 'eventsub/subscriptions', body: request },
        eventSubListSchema,
      );
      const created = page.data[0];
      if (!created) throw new Error('Twitch accepted the subscription but returned none');
      return created;
    },
    // Get EventSub Subscriptions does not accept `first`; pages come from `after` only.
    listEventSubSubscriptions: () =>
      collectHelix(client, { path: 'eventsub/subscriptions' }, eventSubListSchema.shape.data.element),
    async deleteEventSubSubscription(id) {
      await client.request({ method: 'DELETE', path: 'eventsub/subscriptions', query: { id } }, emptyBody);
    },
  };
}
