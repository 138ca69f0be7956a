// Starts the HTTP server: refuses to listen beyond this machine without a password, then serves the app on
// config.web.host/port (port 0 picks a free one).

import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { StreamlensError } from '../errors.ts';
import type { WebServerOptions } from './app-deps.ts';
import { isLoopbackHost } from './auth/web-auth.ts';
import { createApp } from './create-app.ts';
import { createAnalyticsPool } from './offload/analytics-pool.ts';
import { startRollupBackfill } from './start-rollup-backfill.ts';

export type { WebServerOptions } from './app-deps.ts';

export interface RunningWebServer {
  /** e.g. `http://127.0.0.1:7420` */
  url: string;
  stop(): Promise<void>;
}

/** Two workers: one heavy question runs beside another on a two-core machine, and memory stays small. */
const analyticsWorkers = Math.max(1, Math.min(2, availableParallelism()));
/**
 * Questions a worker answers at once. On PostgreSQL a report waits on its reads most of its time (at 500 streams
 * 18 ms of the worker's CPU in 69 ms), so with one at a time ten concurrent reports queued five deep behind two
 * mostly idle workers. On SQLite a worker's reads run on its own thread: there is no wait to fill, and questions
 * side by side only share its CPU (ten reports at 500 streams: 37 → 45 ms CPU per request with three at once).
 */
const questionsPerWorker = (config: WebServerOptions['config']) => (config.databaseUrl ? 3 : 1);

/** Listens and serves the API and the UI until `stop()`. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const { host, port, password } = options.config.web;
  if (!isLoopbackHost(host) && !password) {
    throw new StreamlensError(
      'CONFIG_INVALID',
      `refusing to serve on ${host} without a password: anyone who can reach it could read your chat logs and change settings`,
      'set web.password (or STREAMLENS_WEB_PASSWORD, 8+ characters), or keep web.host at 127.0.0.1',
    );
  }
  // Heavy questions on worker threads with their own connections (a `:memory:` store has no other connection).
  const analytics =
    options.analytics ??
    (options.config.databaseUrl || options.config.db !== ':memory:'
      ? createAnalyticsPool({
          config: options.config,
          size: analyticsWorkers,
          questionsPerWorker: questionsPerWorker(options.config),
          log: options.log.child('analytics'),
        })
      : undefined);
  const web = createApp({ ...options, analytics });
  const server = await listen().catch(async (error: unknown) => {
    // Nothing started here may outlive the failure (the pool's worker threads would keep the process alive).
    web.close();
    if (!options.analytics) await analytics?.close();
    throw error;
  });
  function listen() {
    return new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: web.app.fetch, hostname: host, port }, () => resolve(s));
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new StreamlensError(
                'UNAVAILABLE',
                `port ${port} on ${host} is already in use`,
                'stop the other program or set web.port (--port)',
              )
            : error,
        ),
      );
    });
  }
  // Finished streams without a rollup (a database from before, or chat another process imported) get one.
  const backfill = analytics
    ? startRollupBackfill({
        store: options.store,
        analytics,
        minConfidence: options.config.transcription.minConfidence,
        log: options.log.child('rollups'),
      })
    : undefined;
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  options.log.child('web').info(`web UI at ${url}`);
  return {
    url,
    async stop() {
      await backfill?.stop();
      web.close();
      if (!options.analytics) await analytics?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Live feeds are long-lived: end them instead of waiting for browsers to leave.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
