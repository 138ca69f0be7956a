// Builds the HTTP app: security headers, auth, the API route table, the OpenAPI document and the UI. Kept apart
// from the listening server so tests drive it through `app.request()`.

import { Hono } from 'hono';
import { apiRoutes } from './api-routes.ts';
import type { AppDeps, WebServerOptions } from './app-deps.ts';
import { buildOpenApi } from './build-openapi.ts';
import { mountRoutes } from './define-route.ts';
import { createDeviceLogin } from './device-login.ts';
import { toErrorResponse } from './http-error.ts';
import { startLiveHub } from './live-hub.ts';
import { securityHeaders } from './security-headers.ts';
import { defaultStaticDir, mountUi } from './serve-ui.ts';
import { createSettingsFile } from './settings-file.ts';
import { createWebAuth, isLoopbackHost } from './web-auth.ts';

export interface WebApp {
  app: Hono;
  deps: AppDeps;
  /** Stops the live hub and any pending Twitch login. */
  close(): void;
}

/** Creates the app and its parts (live hub, settings, auth) over the given store, ingest and agent. */
export function createApp(options: WebServerOptions & { now?: () => number; highlightIntervalMs?: number }): WebApp {
  const log = options.log.child('web');
  const settings = createSettingsFile(options.config);
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
      loopbackOnly: isLoopbackHost(options.config.web.host) && !options.config.web.password,
      log,
    }),
  };
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', deps.auth.middleware);
  const openApi = buildOpenApi(apiRoutes);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  mountRoutes(app, apiRoutes, deps);
  mountUi(app, options.staticDir ?? defaultStaticDir());
  app.onError((error, c) => {
    const { status, body } = toErrorResponse(error, log);
    return c.json(body, status as 400);
  });
  return {
    app,
    deps,
    close() {
      deps.live.stop();
      deps.deviceLogin.stop();
    },
  };
}
