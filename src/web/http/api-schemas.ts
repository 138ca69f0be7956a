// Shared zod schemas of the API's inputs and outputs. Analytics results are described by their main fields
// (`.loose()` lets the full result through); their complete shapes are the result types of src/analytics (exported by its index.ts).

import { z } from 'zod';

export const idParams = z.object({ id: z.string().min(1).max(200) });
export const loginParams = z.object({ login: z.string().regex(/^[a-zA-Z0-9_]{1,25}$/) });
export const channelQuery = z.object({
  /** A channel login or id; default: the channel streamed most recently. */
  channel: z.string().min(1).max(50).optional(),
});
export const tzQuery = z.coerce.number().int().min(-840).max(840).optional();
const epochMs = z.number().int();

export const noDataSchema = z.object({ status: z.literal('no-data'), reason: z.string() });
export const evidenceSchema = z.object({ source: z.string(), note: z.string().optional() }).loose();

export const streamInfoSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  channelLogin: z.string().nullable(),
  title: z.string(),
  gameName: z.string().nullable(),
  startedAt: epochMs,
  endedAt: epochMs.nullable(),
  durationMs: z.number(),
  live: z.boolean(),
  vodId: z.string().nullable(),
});

export const streamListItemSchema = streamInfoSchema.extend({
  peakViewers: z.number().nullable(),
  avgViewers: z.number().nullable(),
});

export const channelListItemSchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  streams: z.number(),
  lastStreamAt: epochMs.nullable(),
  live: z.boolean(),
});

/** An analytics result: its main fields, or NoData with the reason. */
export const resultOrNoData = <T extends z.ZodRawShape>(shape: T) => z.union([z.object(shape).loose(), noDataSchema]);

export const metricSchema = z.object({
  value: z.number().nullable(),
  unit: z.string(),
  missing: z.string().optional(),
});

export const streamSummarySchema = z
  .object({
    stream: streamInfoSchema,
    figures: z.record(z.string(), metricSchema),
    comparison: z.object({
      previousStreamIds: z.array(z.string()),
      figures: z.array(z.object({ key: z.string() }).loose()),
    }),
    evidence: z.array(evidenceSchema),
  })
  .loose();

export const timelineSchema = z
  .object({
    stream: streamInfoSchema,
    minutes: z.array(z.object({ offsetMs: z.number(), viewers: z.number().nullable(), messages: z.number() }).loose()),
    events: z.array(z.object({ kind: z.string(), offsetMs: z.number(), label: z.string() }).loose()),
    transcript: z.array(z.object({ offsetMs: z.number(), text: z.string() }).loose()),
  })
  .loose();

export const chatHitSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  streamId: z.string().nullable(),
  ts: epochMs,
  userLogin: z.string(),
  displayName: z.string(),
  text: z.string(),
});
export const transcriptHitSchema = z.object({
  id: z.string(),
  streamId: z.string().nullable(),
  startTs: epochMs,
  text: z.string(),
  /** ms from the stream's start, when the stream is known. */
  offsetMs: z.number().nullable(),
});
