// Channel-wide routes: the channel list, trends, categories, best times, recommendations, chatters, search.

import { z } from 'zod';
import { getChatterProfile, listChannels, resolveChannelId } from '../../analytics/index.ts';
import type { AppDeps } from '../app-deps.ts';
import {
  channelListItemSchema,
  channelQuery,
  chatHitSchema,
  loginParams,
  resultOrNoData,
  transcriptHitSchema,
  tzQuery,
} from '../http/api-schemas.ts';
import { defineRoute } from '../http/define-route.ts';
import { notFound } from '../http/http-error.ts';
import { askHeavyQuestion } from '../offload/ask-heavy-question.ts';

/** The channel a query names, else the main channel (see analytics' findMainChannelId). */
const channelIdOf = (deps: AppDeps, channel: string | undefined) =>
  resolveChannelId(deps.store, channel, deps.config.channels);

const writeStateSchema = z.object({
  failing: z.boolean(),
  failingSince: z.number().nullable(),
  lastError: z.string().nullable(),
  waiting: z.number(),
  journalBytes: z.number(),
  paused: z.boolean(),
});

/** How long /api/health waits for the database before calling it unreachable. */
const databaseCheckMs = 2000;

export const healthRoute = defineRoute('get', '/api/health', {
  summary:
    'Liveness, the storage backend and whether it answers, whether ingest and the agent run, and whether writes are failing (with how many records wait to be written).',
  response: z.object({
    ok: z.literal(true),
    store: z.string(),
    database: z.enum(['reachable', 'unreachable']),
    ingest: z.boolean(),
    /** True under `streamlens demo`: what is recorded comes from the built-in Twitch simulator, not Twitch. */
    demo: z.boolean(),
    agent: z.enum(['none', 'builtin', 'model']),
    /** Null without ingest (`serve`); lastError only for a logged-in (or password-less) client. */
    writes: writeStateSchema.nullable(),
    /** Null when this process does not collect: whether Twitch answers (retrying since when). */
    twitch: z
      .object({ state: z.enum(['connecting', 'connected', 'retrying']), since: z.number().nullable() })
      .nullable(),
    /** Null when this process does not collect: whether transcription runs, and why not. */
    transcription: z
      .object({ enabled: z.boolean(), ready: z.boolean(), problem: z.string().nullable(), hint: z.string().nullable() })
      .nullable(),
  }),
  async handle({ c, deps }) {
    let timer: NodeJS.Timeout | undefined;
    const reachable = await Promise.race([
      // The cheapest question that needs the database to answer.
      deps.store.schemaVersion().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), databaseCheckMs);
      }),
    ]);
    clearTimeout(timer);
    const writes = deps.ingest?.stats().writes ?? null;
    const collection = deps.collection?.();
    const authenticated = deps.auth.isAuthenticated(c);
    return {
      ok: true as const,
      store: deps.store.dialect,
      database: reachable ? ('reachable' as const) : ('unreachable' as const),
      ingest: !!deps.ingest,
      demo: deps.demo === true,
      agent: deps.agent?.mode ?? 'none',
      writes: writes && { ...writes, lastError: authenticated ? writes.lastError : null },
      twitch: collection?.twitch ?? null,
      transcription: collection?.transcription ?? null,
    };
  },
});

export const channelsRoute = defineRoute('get', '/api/channels', {
  summary: 'Recorded channels with their stream count and whether they are live.',
  response: z.object({ channels: z.array(channelListItemSchema) }),
  handle: async ({ deps }) => ({ channels: await listChannels(deps.store) }),
});

export const trendsRoute = defineRoute('get', '/api/trends', {
  summary: 'Weekly growth of a channel: streams, hours, follows, average viewers, chatters.',
  query: channelQuery.extend({ weeks: z.coerce.number().int().min(1).max(260).default(26), tz: tzQuery }),
  response: resultOrNoData({ channelId: z.string(), weeks: z.array(z.object({ weekStart: z.number() }).loose()) }),
  async handle({ query, c, deps }) {
    const channelId = await channelIdOf(deps, query.channel);
    const options = { weeks: query.weeks, tzOffsetMinutes: query.tz };
    return askHeavyQuestion(deps, 'getWeeklyTrends', [channelId, options], c.req.raw.signal);
  },
});

export const categoriesRoute = defineRoute('get', '/api/categories', {
  summary: 'How each category streamed performs: viewers, chat per viewer, follows per hour.',
  query: channelQuery,
  response: resultOrNoData({ categories: z.array(z.object({ gameName: z.string() }).loose()) }),
  handle: async ({ query, deps, c }) =>
    askHeavyQuestion(deps, 'getCategoryComparison', [await channelIdOf(deps, query.channel)], c.req.raw.signal),
});

export const bestTimesRoute = defineRoute('get', '/api/best-times', {
  summary: 'Hour-of-week grid of past streams (tz = minutes east of UTC) and the best slots.',
  query: channelQuery.extend({ tz: tzQuery }),
  response: resultOrNoData({ cells: z.array(z.object({ day: z.number(), hour: z.number() }).loose()) }),
  handle: async ({ query, c, deps }) =>
    askHeavyQuestion(
      deps,
      'getBestTimes',
      [await channelIdOf(deps, query.channel), { tzOffsetMinutes: query.tz }],
      c.req.raw.signal,
    ),
});

export const retentionRoute = defineRoute('get', '/api/retention', {
  summary: 'New and returning chatters per stream, oldest first.',
  query: channelQuery,
  response: resultOrNoData({ streams: z.array(z.object({ streamId: z.string() }).loose()) }),
  handle: async ({ query, c, deps }) =>
    askHeavyQuestion(deps, 'getChannelRetention', [await channelIdOf(deps, query.channel)], c.req.raw.signal),
});

export const recommendationsRoute = defineRoute('get', '/api/recommendations', {
  summary: "Ranked advice from the channel's own history, each with its evidence.",
  query: channelQuery.extend({ stream: z.string().max(200).optional(), tz: tzQuery }),
  response: z.object({
    channelId: z.string(),
    recommendations: z.array(z.object({ rank: z.number(), text: z.string() }).loose()),
  }),
  handle: async ({ query, c, deps }) =>
    askHeavyQuestion(
      deps,
      'getRecommendations',
      [await channelIdOf(deps, query.channel), { streamId: query.stream, tzOffsetMinutes: query.tz }],
      c.req.raw.signal,
    ),
});

export const chatterRoute = defineRoute('get', '/api/chatters/:login', {
  summary: "A chatter's profile: first seen, streams attended, recent messages.",
  params: loginParams,
  query: channelQuery,
  response: z.object({ userLogin: z.string(), firstSeen: z.number(), streamsAttended: z.number() }).loose(),
  async handle({ params, query, deps }) {
    const profile = await getChatterProfile(
      deps.store,
      await channelIdOf(deps, query.channel),
      params.login.toLowerCase(),
    );
    if (!profile) throw notFound(`chatter ${params.login}`, 'search chat to find chatters by name');
    return profile;
  },
});

/** How many matches past the page's limit a search counts, to say "showing 100 of 157". */
const searchCountFactor = 5;

export const searchRoute = defineRoute('get', '/api/search', {
  summary:
    'Full-text search over chat and transcripts, newest first; filter by channel, chatter and stream. `chatTotal` counts the chat matches up to five times the limit (`chatTotalIsLowerBound` past that).',
  query: z.object({
    q: z.string().trim().min(1).max(200),
    channel: z.string().max(50).optional(),
    user: z.string().trim().toLowerCase().max(25).optional(),
    stream: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({
    chat: z.array(chatHitSchema.extend({ offsetMs: z.number().nullable() })),
    chatTotal: z.number(),
    chatTotalIsLowerBound: z.boolean(),
    transcript: z.array(transcriptHitSchema),
  }),
  async handle({ query, deps, c }) {
    const channelId = query.channel ? await channelIdOf(deps, query.channel) : undefined;
    const filters = { channelId, streamId: query.stream || undefined, limit: query.limit };
    const counted = query.limit * searchCountFactor;
    const [found, transcript] = await Promise.all([
      askHeavyQuestion(
        deps,
        'getChatMatches',
        [query.q, { ...filters, limit: counted + 1, userLogin: query.user || undefined }],
        c.req.raw.signal,
      ),
      query.user
        ? Promise.resolve([])
        : askHeavyQuestion(deps, 'getTranscriptMatches', [query.q, filters], c.req.raw.signal),
    ]);
    const chat = found.slice(0, query.limit);
    return {
      chat: chat.map((m) => ({
        id: m.id,
        channelId: m.channelId,
        streamId: m.streamId,
        ts: m.ts,
        userLogin: m.userLogin,
        displayName: m.displayName,
        text: m.text,
        offsetMs: m.offsetMs,
      })),
      chatTotal: Math.min(found.length, counted),
      chatTotalIsLowerBound: found.length > counted,
      transcript: transcript.map((t) => ({
        id: t.id,
        streamId: t.streamId,
        startTs: t.startTs,
        text: t.text,
        offsetMs: t.offsetMs,
      })),
    };
  },
});
