// Zod schemas for the Helix answers streamlens reads. Only the fields we use are required; Twitch adds fields
// over time and they pass through untouched. The snake_case types never leave src/twitch/.

import { z } from 'zod';

/** `pagination` is `{}` on the last page, `{cursor}` otherwise (sometimes missing entirely). */
export const paginationSchema = z.object({ cursor: z.string().optional() }).optional();

/** A page of `item`s as Helix returns lists. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), pagination: paginationSchema, total: z.number().optional() });
}

export const helixUserSchema = z.object({
  id: z.string(),
  login: z.string(),
  display_name: z.string(),
  broadcaster_type: z.string().optional(),
  created_at: z.string().optional(),
});
export type HelixUser = z.infer<typeof helixUserSchema>;

export const helixStreamSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  user_login: z.string(),
  user_name: z.string(),
  game_id: z.string().nullish(),
  game_name: z.string().nullish(),
  type: z.string().optional(),
  title: z.string(),
  // Twitch has sent `tags: null` for channels without tags.
  tags: z.array(z.string()).nullish(),
  viewer_count: z.number(),
  started_at: z.string(),
  language: z.string().nullish(),
});
export type HelixStream = z.infer<typeof helixStreamSchema>;

export const helixChannelSchema = z.object({
  broadcaster_id: z.string(),
  broadcaster_login: z.string(),
  broadcaster_name: z.string(),
  broadcaster_language: z.string().optional(),
  game_id: z.string().optional(),
  game_name: z.string().optional(),
  title: z.string(),
  tags: z.array(z.string()).nullish(),
});
export type HelixChannel = z.infer<typeof helixChannelSchema>;

export const helixGameSchema = z.object({ id: z.string(), name: z.string(), box_art_url: z.string().optional() });
export type HelixGame = z.infer<typeof helixGameSchema>;

export const helixVideoSchema = z.object({
  id: z.string(),
  stream_id: z.string().nullish(),
  user_id: z.string(),
  title: z.string(),
  created_at: z.string(),
  type: z.string(),
  duration: z.string().optional(),
});
export type HelixVideo = z.infer<typeof helixVideoSchema>;

// Get Clips (dev.twitch.tv/docs/api/reference/clips): vod_offset is null until the VOD exists (or when there is none).
export const helixClipSchema = z.object({
  id: z.string(),
  url: z.string(),
  embed_url: z.string(),
  broadcaster_id: z.string(),
  creator_id: z.string(),
  creator_name: z.string(),
  video_id: z.string(),
  game_id: z.string(),
  title: z.string(),
  view_count: z.number(),
  created_at: z.string(),
  thumbnail_url: z.string(),
  duration: z.number(),
  vod_offset: z.number().nullable().optional(),
  is_featured: z.boolean().optional(),
});
export type HelixClip = z.infer<typeof helixClipSchema>;

// Create Clip answers 202 Accepted with the new clip's id and where its creator can edit it.
export const helixCreatedClipSchema = z.object({ id: z.string(), edit_url: z.string() });
export type HelixCreatedClip = z.infer<typeof helixCreatedClipSchema>;

export const helixChatterSchema = z.object({ user_id: z.string(), user_login: z.string(), user_name: z.string() });
export type HelixChatter = z.infer<typeof helixChatterSchema>;

export const eventSubSubscriptionSchema = z.object({
  id: z.string(),
  status: z.string(),
  type: z.string(),
  version: z.string(),
  condition: z.record(z.string(), z.string()),
  transport: z.object({ method: z.string(), session_id: z.string().optional() }).passthrough(),
  created_at: z.string().optional(),
  cost: z.number().optional(),
});
export type EventSubSubscription = z.infer<typeof eventSubSubscriptionSchema>;

export const eventSubListSchema = z.object({
  data: z.array(eventSubSubscriptionSchema),
  total: z.number().optional(),
  total_cost: z.number().optional(),
  max_total_cost: z.number().optional(),
  pagination: paginationSchema,
});

/** What we POST to create an EventSub subscription over WebSocket. */
export interface EventSubSubscriptionRequest {
  type: string;
  version: string;
  condition: Record<string, string>;
  transport: { method: 'websocket'; session_id: string };
}
