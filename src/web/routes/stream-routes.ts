// Routes about one stream or the list of streams: each validates, asks one analytics question, responds.

import { z } from 'zod';
import {
  compareStreams,
  getRaidEffects,
  getStreamSummary,
  getStreamTimeline,
  getTimelineWindow,
  getViewerChanges,
  isTimeZone,
  listStreams,
  renderReportHtml,
  renderReportMarkdown,
  resolveChannelId,
  zoneName,
  zoneOffsetMinutes,
} from '../../analytics/index.ts';
import {
  idParams,
  resultOrNoData,
  streamInfoSchema,
  streamListItemSchema,
  streamSummarySchema,
  timelineSchema,
} from '../http/api-schemas.ts';
import { defineRoute } from '../http/define-route.ts';
import { notFound } from '../http/http-error.ts';
import { askHeavyQuestion } from '../offload/ask-heavy-question.ts';

const orNotFound = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw notFound(what);
  return value;
};
const day = z.iso.date().transform((d) => Date.parse(`${d}T00:00:00Z`));

export const listStreamsRoute = defineRoute('get', '/api/streams', {
  summary: 'Recorded streams, filtered by channel, category and start date (YYYY-MM-DD, UTC), sorted.',
  query: z.object({
    channel: z.string().max(50).optional(),
    category: z.string().max(200).optional(),
    from: day.optional(),
    to: day.optional(),
    sort: z.enum(['newest', 'oldest', 'avg-viewers', 'peak-viewers', 'duration']).default('newest'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  }),
  response: z.object({ streams: z.array(streamListItemSchema) }),
  async handle({ query, deps }) {
    const channelId = query.channel
      ? await resolveChannelId(deps.store, query.channel, deps.config.channels)
      : undefined;
    const to = query.to === undefined ? undefined : query.to + 86_400_000;
    const streams = await listStreams(deps.store, { ...query, channelId, to });
    return { streams };
  },
});

export const streamSummaryRoute = defineRoute('get', '/api/streams/:id', {
  summary: "A stream's summary figures and their comparison with the channel's previous streams.",
  params: idParams,
  response: streamSummarySchema,
  handle: async ({ params, deps }) => orNotFound(await getStreamSummary(deps.store, params.id), `stream ${params.id}`),
});

export const timelineRoute = defineRoute('get', '/api/streams/:id/timeline', {
  summary: 'Per-minute viewers and chat, events and quotable transcript lines of a stream.',
  params: idParams,
  response: timelineSchema,
  handle: async ({ params, deps }) =>
    orNotFound(
      await getStreamTimeline(deps.store, params.id, { minConfidence: deps.config.transcription.minConfidence }),
      `stream ${params.id}`,
    ),
});

export const highlightsRoute = defineRoute('get', '/api/streams/:id/highlights', {
  summary: 'Moments where chat spiked above its baseline, with VOD links.',
  params: idParams,
  query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
  response: resultOrNoData({
    highlights: z.array(z.object({ offsetMs: z.number(), offsetLabel: z.string() }).loose()),
  }),
  handle: async ({ params, query, c, deps }) =>
    orNotFound(
      await askHeavyQuestion(
        deps,
        'getStreamHighlights',
        [params.id, { limit: query.limit, minConfidence: deps.config.transcription.minConfidence }],
        c.req.raw.signal,
      ),
      `stream ${params.id}`,
    ),
});

export const viewerChangesRoute = defineRoute('get', '/api/streams/:id/viewer-changes', {
  summary: 'Viewer rises and drops with what happened just before them.',
  params: idParams,
  response: resultOrNoData({ changes: z.array(z.object({ direction: z.string(), change: z.number() }).loose()) }),
  handle: async ({ params, deps }) => orNotFound(await getViewerChanges(deps.store, params.id), `stream ${params.id}`),
});

export const raidEffectsRoute = defineRoute('get', '/api/streams/:id/raids', {
  summary:
    'Incoming raids and their effect: size, viewers before, peak after, viewers retained 10 and 30 min later above the pre-raid trend, raiders who chatted.',
  params: idParams,
  response: resultOrNoData({ raids: z.array(z.object({ ts: z.number(), raidSize: z.number().nullable() }).loose()) }),
  handle: async ({ params, deps }) => orNotFound(await getRaidEffects(deps.store, params.id), `stream ${params.id}`),
});

export const communityRoute = defineRoute('get', '/api/streams/:id/community', {
  summary: 'New vs returning chatters, first-timers (and whether they got a reply), top chatters.',
  params: idParams,
  response: resultOrNoData({
    chatters: z.number(),
    newChatters: z.number(),
    unrepliedFirstTimers: z.array(z.string()),
  }),
  handle: async ({ params, c, deps }) =>
    orNotFound(
      await askHeavyQuestion(deps, 'getStreamCommunity', [params.id], c.req.raw.signal),
      `stream ${params.id}`,
    ),
});

export const questionsRoute = defineRoute('get', '/api/streams/:id/questions', {
  summary: 'Chat questions of a stream and whether they were answered (unanswered first).',
  params: idParams,
  response: resultOrNoData({ questions: z.array(z.object({ text: z.string(), answered: z.boolean() }).loose()) }),
  handle: async ({ params, c, deps }) =>
    orNotFound(
      await askHeavyQuestion(
        deps,
        'getChatQuestions',
        [params.id, { minConfidence: deps.config.transcription.minConfidence }],
        c.req.raw.signal,
      ),
      `stream ${params.id}`,
    ),
});

export const windowRoute = defineRoute('get', '/api/streams/:id/window', {
  summary: 'Raw chat, events, transcript and viewers between two offsets (ms from the stream start).',
  params: idParams,
  query: z
    .object({
      from: z.coerce.number().int().min(0),
      to: z.coerce.number().int().min(0),
      limit: z.coerce.number().int().min(1).max(2000).default(500),
    })
    .refine((q) => q.to > q.from && q.to - q.from <= 6 * 3_600_000, 'to must be after from, at most 6 hours later'),
  response: z
    .object({
      stream: streamInfoSchema,
      chat: z.array(z.object({ offsetMs: z.number(), userLogin: z.string(), text: z.string() }).loose()),
    })
    .loose(),
  handle: async ({ params, query, deps }) =>
    orNotFound(
      await getTimelineWindow(deps.store, params.id, query.from, query.to, {
        chatLimit: query.limit,
        minConfidence: deps.config.transcription.minConfidence,
      }),
      `stream ${params.id}`,
    ),
});

export const compareRoute = defineRoute('get', '/api/streams/:id/compare/:other', {
  summary: 'Two streams side by side (other − this).',
  params: z.object({ id: z.string().min(1).max(200), other: z.string().min(1).max(200) }),
  response: z
    .object({ a: streamInfoSchema, b: streamInfoSchema, figures: z.array(z.object({ key: z.string() }).loose()) })
    .loose(),
  handle: async ({ params, deps }) =>
    orNotFound(await compareStreams(deps.store, params.id, params.other), 'one of the streams'),
});

export const reportRoute = defineRoute('get', '/api/streams/:id/report', {
  summary: 'The stream report: structured JSON (default), or a standalone HTML or Markdown document.',
  params: idParams,
  query: z.object({
    format: z.enum(['json', 'html', 'md']).default('json'),
    /** The IANA zone times of day are shown in (the browser's choice); default UTC. */
    tz: z.string().max(64).refine(isTimeZone, 'tz must be an IANA time zone such as Europe/Berlin').optional(),
  }),
  response: z.object({ version: z.literal(1), stream: streamInfoSchema }).loose(),
  async handle({ params, query, c, deps }) {
    const timeZone = query.tz ?? 'UTC';
    // A finished stream's report is assembled from its rollup (kept at its end, rebuilt after late records).
    const report = await askHeavyQuestion(
      deps,
      'generateStreamReport',
      [
        params.id,
        {
          minConfidence: deps.config.transcription.minConfidence,
          tzOffsetMinutes: zoneOffsetMinutes(Date.now(), timeZone),
          zoneLabel: zoneName(Date.now(), timeZone),
        },
      ],
      c.req.raw.signal,
    );
    if (query.format === 'json') return report;
    const name = `streamlens-report-${params.id.replace(/[^\w-]/g, '')}`;
    if (query.format === 'md') {
      c.header('Content-Disposition', `attachment; filename="${name}.md"`);
      return c.body(renderReportMarkdown(report, { timeZone }), 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
      });
    }
    // The report document carries its own styles and no script: allow inline style, nothing else.
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    return c.html(renderReportHtml(report, { timeZone }));
  },
});
