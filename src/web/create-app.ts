// Builds the HTTP app: security headers, auth, the API route table, the OpenAPI document and the UI. Kept apart
// from the listening server so tests drive it through `app.request()`.

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiRoutes } from './api-routes.ts';
import type { AppDeps, WebServerOptions } from './app-deps.ts';
import { createDeviceLogin } from './auth/device-login.ts';
import { listAllowedHosts } from './auth/list-allowed-hosts.ts';
import { createWebAuth } from './auth/web-auth.ts';
import { buildOpenApi } from './http/build-openapi.ts';
import { mountRoutes } from './http/define-route.ts';
import { sendError } from './http/http-error.ts';
import { securityHeaders } from './http/security-headers.ts';
import { defaultStaticDir, mountUi } from './http/serve-ui.ts';
import { startLiveHub } from './live/live-hub.ts';
import { countRequests, metricsRoute } from './metrics/metrics-route.ts';
import { createSettingsFile } from './settings/settings-file.ts';

export interface WebApp {
  app: Hono;
  deps: AppDeps;
  /** Stops the live hub and any pending Twitch login. */
  close(): void;
}

/** Creates the app and its parts (live hub, settings, auth) over the given store, ingest and agent. */
export function createApp(options: WebServerOptions & { now?: () => number; highlightIntervalMs?: number }): WebApp {
  const log = options.log.child('web');
  const settings = createSettingsFile(options.config, { demo: options.demo === true });
  const deps: AppDeps = {
    ...options,
    log,
    now: options.now ?? Date.now,
    settings,
    live: startLiveHub({
      ingest: options.ingest,
      store: options.store,
      log,
      highlightIntervalMs: options.highlightIntervalMs,
    }),
    deviceLogin: createDeviceLogin({
      authUrl: options.config.twitch.authUrl,
      dataDir: options.config.dataDir,
      clientId: () => settings.view().twitch.clientId,
      log,
    }),
    auth: createWebAuth({
      password: options.config.web.password,
      allowedHosts: listAllowedHosts(options.config.web),
      log,
    }),
  };
  const app = new Hono();
  app.use('*', securityHeaders());
  // A path that is not valid percent-encoding is the client's mistake, told as such (and no stack in the log).
  app.use('*', async (c, next) => {
    try {
      decodeURIComponent(new URL(c.req.url).pathname);
    } catch (error) {
      return sendError(c, error, log);
    }
    return next();
  });
  if (options.metrics) app.use('*', countRequests(options.metrics));
  app.use('*', deps.auth.middleware);
  // Bodies are capped before they are read: a declared length over the cap is refused at once, a streamed one
  // as soon as it passes it.
  const maxBodyBytes = options.config.web.maxBodyKb * 1024;
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'TOO_LARGE',
              message: `the request body is over ${options.config.web.maxBodyKb} kB`,
              hint: 'send less (web.maxBodyKb sets the limit)',
            },
          },
          413,
          { Connection: 'close' },
        ),
    }),
  );
  if (options.metrics) app.get('/metrics', metricsRoute(deps, options.metrics.registry));
  const openApi = buildOpenApi(apiRoutes);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  mountRoutes(app, apiRoutes, deps);
  mountUi(app, options.staticDir ?? defaultStaticDir());
  app.onError((error, c) => sendError(c, error, log));
  return {
    app,
    deps,
    close() {
      deps.live.stop();
      deps.deviceLogin.stop();
    },
  };
}
