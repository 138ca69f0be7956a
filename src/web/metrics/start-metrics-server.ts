// A listener that serves only /metrics, for processes without the web server (`collect`, `start --no-web`). On
// a loopback address anyone on this machine may scrape; beyond it only with `metrics.token` as a bearer token
// (it refuses to start without one), so a worker's figures never reach the network unasked.

import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { type MetricsRegistry, prometheusContentType } from '../../metrics/metrics-registry.ts';
import { isLoopbackHost } from '../auth/web-auth.ts';

export interface MetricsServerOptions {
  host: string;
  port: number;
  token: string | undefined;
  registry: MetricsRegistry;
  log: Logger;
}

/** Listens until `stop()`; `url` is the scrape URL. */
export async function startMetricsServer(
  options: MetricsServerOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { host, port, token, registry } = options;
  if (!isLoopbackHost(host) && !token) {
    throw new StreamlensError(
      'CONFIG_INVALID',
      `refusing to serve /metrics on ${host} without a token: anyone who can reach it could read them`,
      'set metrics.token (STREAMLENS_METRICS_TOKEN, 16+ characters) and give it to Prometheus as a bearer token, or keep web.host at 127.0.0.1',
    );
  }
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('only GET /metrics is served here\n');
      return;
    }
    if (token && !hasBearerToken(req.headers.authorization, token)) {
      res
        .writeHead(401, {
          'content-type': 'text/plain; charset=utf-8',
          'www-authenticate': 'Bearer realm="streamlens"',
        })
        .end('send the metrics.token setting as "Authorization: Bearer <token>"\n');
      return;
    }
    res.writeHead(200, { 'content-type': prometheusContentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : registry.render());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StreamlensError(
              'UNAVAILABLE',
              `port ${port} on ${host} is already in use`,
              'set metrics.port to a free port',
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/metrics`;
  options.log.info(`metrics at ${url}`);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** True when the Authorization header carries exactly this bearer token (compared in constant time). */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
