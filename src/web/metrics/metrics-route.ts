// GET /metrics on the web server, in the Prometheus text format. Open on a loopback server without a password;
// with a password, a logged-in browser or a scraper sending `metrics.token` as a bearer token; a configured
// token is always accepted (and on loopback required of anyone without a session).

import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppMetrics } from '../../metrics/app-metrics.ts';
import { type MetricsRegistry, prometheusContentType } from '../../metrics/metrics-registry.ts';
import type { AppDeps } from '../app-deps.ts';
import { hasBearerToken } from './start-metrics-server.ts';

/** The handler of GET /metrics. */
export function metricsRoute(deps: AppDeps, registry: MetricsRegistry) {
  const token = deps.config.metrics.token;
  return (c: Context) => {
    const allowed =
      (token !== undefined && hasBearerToken(c.req.header('authorization'), token)) ||
      deps.auth.hasSession(c) ||
      (!deps.auth.passwordRequired && token === undefined);
    if (!allowed) {
      c.header('WWW-Authenticate', 'Bearer realm="streamlens"');
      return c.json(
        {
          error: {
            code: 'UNAUTHORIZED',
            message: 'log in first, or send the metrics token',
            hint: 'set metrics.token (STREAMLENS_METRICS_TOKEN) and configure Prometheus with it as a bearer token',
          },
        },
        401,
      );
    }
    return c.body(registry.render(), 200, { 'Content-Type': prometheusContentType, 'Cache-Control': 'no-store' });
  };
}

/** Counts every request by method, matched route and status. */
export function countRequests(metrics: AppMetrics): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // The pattern of the route that answered, not the URL: ids in paths would make a series per stream.
    const route = routePath(c);
    metrics.countRequest(c.req.method, route, c.res.status);
  };
}
