// Six parallel 100 MB request bodies at the running server, to the one route reachable without logging in
// (`POST /api/login`, with the CSRF token from `/api/session`) and to others, declared and streamed: each gets
// 413 before its body is read, and the server's memory does not grow by the bodies' size.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { silentLogger } from '../../src/log.ts';
import { startWebServer } from '../../src/web/start-web-server.ts';
import { openWebFixture } from '../support/open-web-fixture.ts';

const mb = 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 'x');

/** Sends `bytes` of body (declared or chunked) and resolves with the status the server answered. */
function post(url: string, path: string, bytes: number, declared: boolean, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...(declared ? { 'content-length': bytes } : {}) },
    });
    let sent = 0;
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // The server may close while we still send: that is the point; the status already arrived.
    req.on('error', (error) => setTimeout(() => reject(error), 100));
    const pump = () => {
      while (sent < bytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

test('100 MB bodies get 413 before they are read, and the server stays small', async (t) => {
  const fixture = await openWebFixture({ password: 'correct horse battery', host: '127.0.0.1', streams: 1 });
  const server = await startWebServer({ config: fixture.config, store: fixture.store, log: silentLogger });
  try {
    const session = await fetch(`${server.url}/api/session`);
    const csrf = /sl_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
    const headers = { 'x-csrf-token': csrf, cookie: `sl_csrf=${csrf}` };
    global.gc?.();
    const before = process.memoryUsage().rss;
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post(server.url, '/api/login', 100 * mb, i % 2 === 0, headers)),
    );
    const grown = process.memoryUsage().rss - before;
    t.diagnostic(`six 100 MB bodies: statuses ${statuses.join(', ')}; RSS grew ${Math.round(grown / mb)} MB`);
    assert.deepEqual(statuses, [413, 413, 413, 413, 413, 413]);
    assert.ok(grown < 100 * mb, `RSS grew ${Math.round(grown / mb)} MB`);
    // The server still answers, and a normal login works.
    const ok = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ password: 'correct horse battery' }),
    });
    assert.equal(ok.status, 200);
  } finally {
    await server.stop();
    await fixture.close();
  }
});
