// api.twitch.tv/helix as the simulator serves it: the gate every request passes (fault windows, Client-Id and
// bearer token, the per-client/per-user token bucket with Ratelimit-* headers on every answer), then the data
// routes and the EventSub subscription routes.

import { type Context, Hono } from 'hono';
import type { EpochMs } from '../../domain.ts';
import type { EventsubRegistry } from '../eventsub/eventsub-registry.ts';
import { registerEventsubRoutes } from '../eventsub/eventsub-routes.ts';
import type { AuthState, IssuedToken } from '../oauth/auth-state.ts';
import type { Category } from '../scenario/scenario-schema.ts';
import { registerHelixDataRoutes } from './helix-data-routes.ts';
import type { LiveState } from './live-state.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type HelixEnv = { Variables: { token: IssuedToken } };

export interface HelixRoutesOptions {
  auth: AuthState;
  live: LiveState;
  limiter: RateLimiter;
  eventsub: EventsubRegistry;
  now(): EpochMs;
  categories(): Category[];
  /** Told each viewer count an answer of Get Streams serves (the demo checks stored readings against them). */
  onViewersServed?(login: string, ts: EpochMs, count: number): void;
  /** The Helix fault active now, if any. */
  activeFault(): 'helix-429' | 'helix-500' | 'helix-503' | null;
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A Helix error body (`{error, status, message}`) with the given status. */
export function helixError(c: Context, status: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503, message: string) {
  return c.json({ error: reasons[status], status, message }, status);
}

/** The /helix routes (mount under `/helix`). */
export function createHelixRoutes(options: HelixRoutesOptions): Hono<HelixEnv> {
  const app = new Hono<HelixEnv>();
  app.use('*', async (c, next) => {
    const fault = options.activeFault();
    const clientId = c.req.header('client-id');
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const token = bearer ? options.auth.findToken(bearer) : undefined;
    const key = token?.kind === 'user' ? `${clientId}:${token.userId}` : String(clientId);
    const rate = options.limiter.take(key);
    c.header('Ratelimit-Limit', String(rate.limit));
    c.header('Ratelimit-Remaining', String(fault === 'helix-429' ? 0 : rate.remaining));
    c.header('Ratelimit-Reset', String(rate.reset));
    if (fault === 'helix-500') return helixError(c, 500, 'Internal Server Error');
    if (fault === 'helix-503') return helixError(c, 503, 'Service Unavailable');
    if (!bearer) return helixError(c, 401, 'OAuth token is missing');
    if (!token) return helixError(c, 401, 'Invalid OAuth token');
    if (clientId !== token.clientId) return helixError(c, 401, 'Client ID and OAuth token do not match');
    if (fault === 'helix-429' || !rate.allowed) return helixError(c, 429, 'Request limit exceeded');
    c.set('token', token);
    await next();
  });
  registerHelixDataRoutes(app, options);
  registerEventsubRoutes(app, options.eventsub);
  app.notFound((c) => helixError(c, 404, 'Not Found'));
  return app;
}
