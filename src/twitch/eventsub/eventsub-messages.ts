// Zod schemas for the frames the EventSub WebSocket sends (welcome, keepalive, notification, reconnect, revocation).

import { z } from 'zod';

export const eventSubSessionSchema = z.object({
  id: z.string(),
  status: z.string().optional(),
  keepalive_timeout_seconds: z.number().positive().nullish(),
  reconnect_url: z.string().nullish(),
});

export const eventSubSubscriptionRefSchema = z.object({
  id: z.string(),
  type: z.string(),
  version: z.string(),
  status: z.string().optional(),
  condition: z.record(z.string(), z.string()),
});

export const eventSubMessageSchema = z.object({
  metadata: z.object({
    message_id: z.string().min(1),
    message_type: z.string(),
    message_timestamp: z.string(),
    subscription_type: z.string().optional(),
    subscription_version: z.string().optional(),
  }),
  payload: z.object({
    session: eventSubSessionSchema.optional(),
    subscription: eventSubSubscriptionRefSchema.optional(),
    event: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type EventSubMessage = z.infer<typeof eventSubMessageSchema>;
export type EventSubSubscriptionRef = z.infer<typeof eventSubSubscriptionRefSchema>;
