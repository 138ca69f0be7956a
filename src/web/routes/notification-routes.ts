// GET /api/notifications: the configured notification targets and how their deliveries went (URLs without
// their tokens; a blocked target with the reason it was refused).

import { z } from 'zod';
import { getNotificationStatus } from '../../notify/get-notification-status.ts';
import { defineRoute } from '../http/define-route.ts';

const statusCounts = z.object({ pending: z.number(), sent: z.number(), failed: z.number() });

export const notificationsRoute = defineRoute('get', '/api/notifications', {
  summary: 'Notification targets (Discord, JSON webhooks): deliveries, failures and blocked targets with the reason.',
  response: z.object({
    targets: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(['discord', 'json']),
        events: z.array(z.string()),
        blocked: z.object({ status: z.number(), reason: z.string(), at: z.number() }).nullable(),
        counts: statusCounts,
      }),
    ),
    recent: z.array(
      z.object({
        target: z.string(),
        event: z.string(),
        status: z.enum(['pending', 'sent', 'failed']),
        attempts: z.number(),
        createdAt: z.number(),
        sentAt: z.number().nullable(),
        error: z.string().nullable(),
      }),
    ),
  }),
  handle: async ({ deps }) => getNotificationStatus(deps.store, deps.config),
});
