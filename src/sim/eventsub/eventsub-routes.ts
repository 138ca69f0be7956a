// Helix /eventsub/subscriptions for WebSocket transport: create (202, 400, 403, 409), list and delete, with
// the request body validated by a schema and answers shaped like Twitch's.

import type { Hono } from 'hono';
import { z } from 'zod';
import { type HelixEnv, helixError } from '../helix/helix-routes.ts';
import type { EventsubRegistry, Subscription } from './eventsub-registry.ts';
import { toRfc3339Nano } from './eventsub-time.ts';

const createBody = z.object({
  type: z.string().min(1),
  version: z.string().min(1),
  condition: z.record(z.string(), z.string()),
  transport: z.object({ method: z.literal('websocket'), session_id: z.string().min(1) }),
});

/** Adds the subscription routes to the Helix app. */
export function registerEventsubRoutes(app: Hono<HelixEnv>, registry: EventsubRegistry): void {
  const toJson = (s: Subscription) => ({
    id: s.id,
    status: s.status,
    type: s.type,
    version: s.version,
    condition: s.condition,
    created_at: toRfc3339Nano(s.createdAt),
    transport: { method: 'websocket', session_id: s.sessionId, connected_at: toRfc3339Nano(s.createdAt) },
    cost: 0,
  });

  app.post('/eventsub/subscriptions', async (c) => {
    const parsed = createBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return helixError(c, 400, `invalid request body: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    const { type, version, condition, transport } = parsed.data;
    const token = c.get('token');
    const result = registry.create(token, { type, version, condition, sessionId: transport.session_id });
    if (!result.ok) return helixError(c, result.status, result.message);
    const enabled = registry.list(token).filter((s) => s.status === 'enabled').length;
    return c.json({ data: [toJson(result.subscription)], total: enabled, total_cost: 0, max_total_cost: 10 }, 202);
  });

  app.get('/eventsub/subscriptions', (c) => {
    const status = c.req.query('status');
    const type = c.req.query('type');
    const all = registry
      .list(c.get('token'))
      .filter((s) => (!status || s.status === status) && (!type || s.type === type));
    return c.json({ data: all.map(toJson), total: all.length, total_cost: 0, max_total_cost: 10, pagination: {} });
  });

  app.delete('/eventsub/subscriptions', (c) => {
    const id = c.req.query('id');
    if (!id) return helixError(c, 400, 'Missing required parameter "id"');
    return registry.remove(c.get('token'), id) ? c.body(null, 204) : helixError(c, 404, 'subscription not found');
  });
}
