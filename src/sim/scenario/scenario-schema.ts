// The scenario file format: one zod schema, every field documented in docs/scenarios.md. Offsets inside a
// stream count from that stream's start; stream starts and fault times count from the scenario's start.

import { z } from 'zod';
import { durationSchema } from './duration.ts';

const login = z.string().regex(/^[a-z0-9_]{1,25}$/, 'a Twitch login is 1–25 lowercase letters, digits or _');
const numericId = z.string().regex(/^\d+$/, 'Twitch ids in the simulator are numeric strings');
const category = z.object({ id: numericId, name: z.string().min(1) });

/** A shape point: at `at` (0 = stream start, 1 = stream end) the curve is `factor` × base. */
const shapePoint = z.tuple([z.number().min(0).max(1), z.number().min(0)]);

const viewers = z.object({
  base: z.number().int().nonnegative(),
  shape: z
    .array(shapePoint)
    .min(1)
    .default([[0, 1]]),
  /** Relative noise per minute (0.05 = ±5 % standard deviation). */
  noise: z.number().min(0).max(1).default(0.05),
});

const emote = z.object({
  name: z.string().regex(/^\S+$/, 'an emote name has no spaces'),
  /** A Twitch emote id makes it a native emote (listed in the `emotes` tag); without one it is third-party text. */
  id: z.string().optional(),
  /** A third-party emote of the channel's own set at this provider: the simulated 7TV/BetterTTV/FrankerFaceZ list it. */
  provider: z.enum(['7tv', 'bttv', 'ffz']).optional(),
});

const chat = z.object({
  messagesPerViewerPerMinute: z.number().nonnegative().default(0.05),
  /** Regulars: chatters known from earlier streams (`returning-chatter=1`). */
  regulars: z.number().int().nonnegative().default(25),
  /** Casual viewers who may chat; on their first line ever they send `first-msg=1`. */
  casuals: z.number().int().nonnegative().default(200),
  /** Share of lines written by regulars. */
  regularShare: z.number().min(0).max(1).default(0.6),
  emotes: z.array(emote).default([]),
  greetings: z.array(z.string().min(1)).default([]),
  questions: z.array(z.string().min(1)).default([]),
  laughter: z.array(z.string().min(1)).default([]),
  lines: z.array(z.string().min(1)).default([]),
  /** Share of questions the broadcaster answers with a reply. */
  answerRate: z.number().min(0).max(1).default(0.5),
  actionRate: z.number().min(0).max(1).default(0.01),
  replyRate: z.number().min(0).max(1).default(0.03),
});

const change = z.object({
  at: durationSchema,
  title: z.string().min(1).optional(),
  category: category.optional(),
});

const moment = z.object({
  at: durationSchema,
  duration: durationSchema.default(60_000),
  label: z.string().default('hype'),
  messagesPerMinute: z.number().positive().default(120),
  emotes: z.array(z.string()).min(1),
  lines: z.array(z.string()).default([]),
});

export const eventTypes = [
  'follow',
  'sub',
  'resub',
  'subgift',
  'submysterygift',
  'cheer',
  'raid-in',
  'raid-out',
  'hype-train',
  'ad-break',
  'announcement',
  'timeout',
  'ban',
  'delete',
  'redemption',
  'poll',
  'prediction',
  'shoutout-out',
  'shoutout-in',
] as const;
export type SimEventType = (typeof eventTypes)[number];

const event = z.object({
  at: durationSchema,
  type: z.enum(eventTypes),
  /** Count for gifts, bits for cheers, viewers for raids, seconds for ads/timeouts, level for hype trains (duration: polls and predictions too). */
  amount: z.number().int().positive().optional(),
  /** The other channel of a raid (login). */
  channel: login.optional(),
  duration: durationSchema.optional(),
  /**
   * Incoming raids: the share of the raid's viewers still watching once `duration` has passed (default 1: all
   * stay). They leave steadily over that time (default 15 minutes), a partial retention analytics should measure.
   */
  stay: z.number().min(0).max(1).optional(),
});

const eventRates = z.partialRecord(z.enum(eventTypes), z.number().nonnegative()).default({});

const speech = z.object({ at: durationSchema, duration: durationSchema.default(5000), text: z.string().min(1) });

const stream = z.object({
  at: durationSchema,
  duration: durationSchema,
  id: numericId.optional(),
  vodId: numericId.optional(),
  title: z.string().min(1),
  category,
  language: z.string().min(2).default('en'),
  tags: z.array(z.string()).default([]),
  changes: z.array(change).default([]),
  viewers,
  moments: z.array(moment).default([]),
  events: z.array(event).default([]),
  /** Events per hour drawn at random during the stream. */
  eventRates,
  speech: z.array(speech).default([]),
});

const channel = z.object({
  login,
  id: numericId,
  displayName: z.string().min(1),
  chat: chat.prefault({}),
  streams: z.array(stream).default([]),
});

const generatedChannels = z.object({
  count: z.number().int().min(1).max(100_000),
  loginPrefix: z
    .string()
    .regex(/^[a-z0-9_]{1,16}$/)
    .default('simchannel'),
  /** Viewers of the biggest channel; rank r gets topViewers / r^zipfExponent. */
  topViewers: z.number().int().positive().default(5000),
  zipfExponent: z.number().positive().default(1.1),
  messagesPerViewerPerMinute: z.number().nonnegative().default(0.05),
  at: durationSchema.default(0),
  duration: durationSchema.default(3_600_000),
  categories: z
    .array(category)
    .min(1)
    .default([{ id: '509658', name: 'Just Chatting' }]),
});

export const faultTypes = [
  'irc-drop',
  'irc-reconnect',
  'eventsub-reconnect',
  'eventsub-drop',
  'helix-429',
  'helix-500',
  'helix-503',
] as const;

const fault = z.object({
  at: durationSchema,
  type: z.enum(faultTypes),
  /** For Helix windows: how long they last. */
  duration: durationSchema.default(30_000),
});

export const scenarioSchema = z
  .object({
    seed: z.number().int().default(1),
    /** ISO time of the scenario's start, or "now". */
    start: z.union([z.literal('now'), z.iso.datetime({ offset: true })]).default('now'),
    channels: z.array(channel).default([]),
    generatedChannels: generatedChannels.optional(),
    faults: z.array(fault).default([]),
  })
  .refine((s) => s.channels.length > 0 || s.generatedChannels !== undefined, {
    message: 'a scenario needs at least one channel or generatedChannels',
    path: ['channels'],
  });

/** A validated scenario (durations in ms). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioChannel = z.infer<typeof channel>;
export type ScenarioStream = z.infer<typeof stream>;
export type ScenarioEvent = z.infer<typeof event>;
export type ScenarioFault = z.infer<typeof fault>;
export type ScenarioMoment = z.infer<typeof moment>;
export type ChatSettings = z.infer<typeof chat>;
export type Category = z.infer<typeof category>;
