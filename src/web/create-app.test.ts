import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { makeChatMessage } from '../../test/support/make-records.ts';
import {
  knownText,
  liveStreamId,
  openWebFixture,
  type WebFixture,
  xssText,
} from '../../test/support/open-web-fixture.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { StreamlensError } from '../errors.ts';
import { createIngest } from '../ingest/create-ingest.ts';
import { createLogger, silentLogger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './create-app.ts';
import { contentSecurityPolicy } from './http/security-headers.ts';

/** The store with some methods replaced; the rest keep the real store as `this` (private fields need it). */
function withMethods(store: Store, methods: Partial<Record<keyof Store, unknown>>): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key in methods) return methods[key as keyof Store];
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describeEachBackend('web app routes', (backend) => {
  let fx: WebFixture;
  before(async () => {
    fx = await openWebFixture({ backend });
  });
  after(() => fx.close());

  const get = (path: string, init?: RequestInit) => fx.web.app.request(path, init);
  async function json<T = Record<string, unknown>>(path: string): Promise<T> {
    const res = await get(path);
    assert.equal(res.status, 200, `${path} → ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  }
  /** A CSRF token with its cookie, as the UI sends them. */
  async function csrf(): Promise<Record<string, string>> {
    const res = await get('/api/session');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { 'x-csrf-token': csrfToken, cookie: `sl_csrf=${csrfToken}`, 'content-type': 'application/json' };
  }

  describe('streams', () => {
    test('the list holds the history and the live stream, newest first', async () => {
      const { streams } = await json<{ streams: { id: string; startedAt: number; live: boolean }[] }>('/api/streams');
      assert.equal(streams.length, fx.streamIds.length + 1);
      assert.equal(streams[0]?.id, liveStreamId);
      assert.equal(streams[0]?.live, true);
      assert.ok(streams.every((s, i) => i === 0 || s.startedAt <= streams[i - 1]!.startedAt));
    });

    test('filters by category and rejects a bad sort', async () => {
      const { streams } = await json<{ streams: { gameName: string }[] }>('/api/streams?category=Minecraft');
      assert.ok(streams.length > 0 && streams.every((s) => s.gameName === 'Minecraft'));
      const bad = await get('/api/streams?sort=loudest');
      assert.equal(bad.status, 400);
      const body = (await bad.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'USAGE');
      assert.match(body.error.message, /sort/);
    });

    test('a stream summary has figures and the comparison with previous streams', async () => {
      const id = fx.streamIds.at(-1)!;
      const summary = await json<{
        stream: { id: string };
        figures: { chatMessages: { value: number } };
        comparison: { previousStreamIds: string[] };
      }>(`/api/streams/${id}`);
      assert.equal(summary.stream.id, id);
      assert.ok(summary.figures.chatMessages.value > 100);
      assert.ok(summary.comparison.previousStreamIds.length > 0);
    });

    test('an unknown stream is a 404 with what to do', async () => {
      const res = await get('/api/streams/nope');
      assert.equal(res.status, 404);
      const body = (await res.json()) as { error: { code: string; hint: string } };
      assert.equal(body.error.code, 'NOT_FOUND');
      assert.ok(body.error.hint.length > 0);
    });

    test('the timeline has a minute per minute of the stream', async () => {
      const t = await json<{ minutes: unknown[] }>(`/api/streams/${fx.streamIds[0]}/timeline`);
      assert.ok(t.minutes.length >= 100);
    });
  });

  describe('search', () => {
    test('finds a known chat message with its offset into the stream', async () => {
      const { chat } = await json<{ chat: { text: string; userLogin: string; offsetMs: number }[] }>(
        '/api/search?q=marmalade',
      );
      assert.equal(chat.length, 1);
      assert.equal(chat[0]?.text, knownText);
      assert.equal(chat[0]?.offsetMs, 600_000);
    });

    test('says how many matched when the list is capped, and keeps to a channel', async () => {
      type Found = { chat: unknown[]; chatTotal: number; chatTotalIsLowerBound: boolean };
      const inStream = await json<Found>(`/api/search?q=good&limit=1&stream=${liveStreamId}`);
      assert.equal(inStream.chat.length, 1);
      assert.equal(inStream.chatTotal, 3, 'the three "good evening" lines of the live stream');
      assert.equal(inStream.chatTotalIsLowerBound, false);
      const all = await json<Found>('/api/search?q=good&limit=500');
      const capped = await json<Found>('/api/search?q=good&limit=1');
      assert.equal(capped.chatTotal, Math.min(all.chat.length, 5), 'counted up to five times the limit');
      assert.equal(capped.chatTotalIsLowerBound, all.chat.length > 5);
      const own = await json<{ chat: unknown[] }>(`/api/search?q=marmalade&channel=${fx.channelLogin}`);
      assert.equal(own.chat.length, 1);
      assert.equal((await get('/api/search?q=marmalade&channel=nosuchchannel')).status, 404, 'an unknown channel');
    });

    test('filters by chatter', async () => {
      const { chat } = await json<{ chat: unknown[] }>('/api/search?q=marmalade&user=someoneelse');
      assert.equal(chat.length, 0);
    });

    test('a chat message full of HTML comes back as plain JSON text', async () => {
      const res = await get('/api/search?q=onerror&user=xssviewer');
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const { chat } = (await res.json()) as { chat: { text: string }[] };
      assert.equal(chat[0]?.text, xssText);
    });
  });

  describe('an unreachable database', () => {
    test('reads answer 503 with Retry-After while it is down, health says so, and both recover', async () => {
      let down = true;
      const unavailable = () => new StreamlensError('UNAVAILABLE', 'cannot reach PostgreSQL at postgres://db.lan/x');
      const flaky = withMethods(fx.store, {
        all: (sql: string, p?: unknown[]) => (down ? Promise.reject(unavailable()) : fx.store.all(sql, p)),
        get: (sql: string, p?: unknown[]) => (down ? Promise.reject(unavailable()) : fx.store.get(sql, p)),
        schemaVersion: () => (down ? Promise.reject(unavailable()) : fx.store.schemaVersion()),
      });
      const web = createApp({ config: fx.config, store: flaky, log: silentLogger, staticDir: join(fx.dir, 'no-ui') });
      try {
        const res = await web.app.request('/api/streams');
        assert.equal(res.status, 503);
        assert.equal(res.headers.get('retry-after'), '5');
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'UNAVAILABLE');
        const health = (await (await web.app.request('/api/health')).json()) as { database: string };
        assert.equal(health.database, 'unreachable');
        down = false;
        assert.equal((await web.app.request('/api/streams')).status, 200);
        assert.equal(
          ((await (await web.app.request('/api/health')).json()) as { database: string }).database,
          'reachable',
        );
      } finally {
        web.close();
      }
    });

    test('health says when writes fail and how many records wait', async () => {
      const refusing = withMethods(fx.store, {
        write: () => Promise.reject(new StreamlensError('UNAVAILABLE', 'disk full')),
      });
      const ingest = await createIngest({
        store: refusing,
        log: silentLogger,
        batchSize: 100,
        flushIntervalMs: 0,
        maxRetries: 0,
        journal: { dir: join(fx.dir, 'journal'), maxBytes: 1 << 20 },
      });
      const web = createApp({
        config: fx.config,
        store: fx.store,
        ingest,
        log: silentLogger,
        staticDir: join(fx.dir, 'x'),
      });
      try {
        for (let i = 0; i < 3; i++) ingest.push({ kind: 'message', message: makeChatMessage() });
        await ingest.flush();
        const health = (await (await web.app.request('/api/health')).json()) as {
          writes: { failing: boolean; waiting: number; journalBytes: number; lastError: string | null };
        };
        assert.equal(health.writes.failing, true);
        assert.equal(health.writes.waiting, 3);
        assert.ok(health.writes.journalBytes > 0);
        assert.match(health.writes.lastError ?? '', /disk full/);
      } finally {
        web.close();
        await ingest.stop();
      }
    });
  });

  test('health says when Twitch cannot be reached (since when) and why transcription cannot run', async () => {
    const web = createApp({
      config: fx.config,
      store: fx.store,
      log: silentLogger,
      staticDir: join(fx.dir, 'x'),
      collection: () => ({
        twitch: { state: 'retrying', since: 1234 },
        transcription: { enabled: true, ready: false, problem: 'transcription needs ffmpeg, not found', hint: 'apt' },
      }),
    });
    try {
      const health = (await (await web.app.request('/api/health')).json()) as Record<string, unknown>;
      assert.deepEqual(health.twitch, { state: 'retrying', since: 1234 });
      assert.deepEqual(health.transcription, {
        enabled: true,
        ready: false,
        problem: 'transcription needs ffmpeg, not found',
        hint: 'apt',
      });
      const serveOnly = (await (await fx.web.app.request('/api/health')).json()) as Record<string, unknown>;
      assert.equal(serveOnly.twitch, null, 'a process that does not collect says nothing of Twitch');
    } finally {
      web.close();
    }
  });

  test('health and settings say whether this server is the demo (its Twitch is the built-in simulator)', async () => {
    const demo = createApp({
      config: fx.config,
      store: fx.store,
      log: silentLogger,
      staticDir: join(fx.dir, 'x'),
      demo: true,
    });
    try {
      const health = (await (await demo.app.request('/api/health')).json()) as { demo: boolean };
      assert.equal(health.demo, true);
      const settings = (await (await demo.app.request('/api/settings')).json()) as { demo: boolean };
      assert.equal(settings.demo, true);
      const real = (await (await fx.web.app.request('/api/health')).json()) as { demo: boolean };
      assert.equal(real.demo, false, 'a real server is not the demo');
    } finally {
      demo.close();
    }
  });

  describe('security', () => {
    test('every response carries the CSP and no-sniff headers', async () => {
      for (const path of ['/', '/api/health', '/api/streams/nope', '/streams']) {
        const res = await get(path);
        assert.equal(res.headers.get('content-security-policy'), contentSecurityPolicy, path);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      }
    });

    test('a state-changing request without the CSRF token is refused', async () => {
      const res = await get('/api/settings', {
        method: 'PUT',
        body: JSON.stringify({ channels: ['x'] }),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.status, 403);
    });

    test('a request from another origin is refused even with a token', async () => {
      const headers = { ...(await csrf()), origin: 'http://evil.example' };
      const res = await get('/api/settings', { method: 'PUT', body: '{}', headers });
      assert.equal(res.status, 403);
    });

    test('a foreign Host name is refused on loopback (DNS rebinding)', async () => {
      const res = await get('http://attacker.example/api/health');
      assert.equal(res.status, 403);
    });

    test('a path that is not valid percent-encoding is a 400 with the fix, not a 500 with a stack in the log', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'streamlens-ui-'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
      const lines: string[] = [];
      const web = createApp({
        config: fx.config,
        store: fx.store,
        log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
        staticDir: dir,
      });
      try {
        for (const path of ['/%ff', '/streams/%E0%A4%A', '/api/streams/%ff']) {
          const res = await web.app.request(path);
          assert.equal(res.status, 400, path);
          assert.match(((await res.json()) as { error: { message: string } }).error.message, /percent-encoding/);
        }
        assert.deepEqual(lines, []);
      } finally {
        web.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('request bodies over web.maxBodyKb are refused with 413 before they are read, on every route', async () => {
      const headers = await csrf();
      const big = 'x'.repeat(300 * 1024);
      for (const [method, path] of [
        ['POST', '/api/login'],
        ['PUT', '/api/settings'],
        ['POST', '/api/agent/ask'],
      ] as const) {
        const declared = await get(path, { method, headers, body: JSON.stringify({ password: big }) });
        assert.equal(declared.status, 413, `${path} with Content-Length`);
        // A body without a declared length is counted as it streams.
        const stream = new ReadableStream({
          start(controller) {
            for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(16 * 1024)));
            controller.close();
          },
        });
        const streamed = await get(path, { method, headers, body: stream, duplex: 'half' } as RequestInit);
        assert.equal(streamed.status, 413, `${path} streamed`);
      }
      // Under the limit, the same routes read their bodies as before.
      const ok = await get('/api/login', {
        method: 'POST',
        headers,
        body: JSON.stringify({ password: 'x'.repeat(100) }),
      });
      assert.notEqual(ok.status, 413);
    });

    test('the OpenAPI document lists every route', async () => {
      const doc = await json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/api/streams/{id}/timeline']?.get);
      assert.ok(doc.paths['/api/settings']?.put);
    });
  });

  describe('settings', () => {
    test('PUT writes the config file (0600) and no response ever contains the secret', async () => {
      const secret = 'super-secret-client-value-42';
      const res = await get('/api/settings', {
        method: 'PUT',
        headers: await csrf(),
        body: JSON.stringify({
          channels: ['mychannel'],
          twitch: { clientId: 'abc123', clientSecret: secret },
          ai: { apiKey: 'sk-test-key-999999' },
        }),
      });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.ok(!text.includes(secret) && !text.includes('sk-test-key'));
      const file = JSON.parse(await readFile(fx.config.configFile, 'utf8')) as {
        channels: string[];
        twitch: { clientSecret: string };
      };
      assert.deepEqual(file.channels, ['mychannel']);
      assert.equal(file.twitch.clientSecret, secret);
      assert.equal(statSync(fx.config.configFile).mode & 0o777, 0o600);
      const view = await get('/api/settings');
      const viewText = await view.text();
      assert.ok(!viewText.includes(secret));
      const parsed = JSON.parse(viewText) as {
        twitch: { clientSecretSet: boolean; clientId: string };
        ai: { apiKeySet: boolean };
      };
      assert.equal(parsed.twitch.clientSecretSet, true);
      assert.equal(parsed.twitch.clientId, 'abc123');
      assert.equal(parsed.ai.apiKeySet, true);
    });

    test('an invalid value is refused and the file keeps its content', async () => {
      const beforeText = await readFile(fx.config.configFile, 'utf8').catch(() => '');
      const res = await get('/api/settings', {
        method: 'PUT',
        headers: await csrf(),
        body: JSON.stringify({ channels: ['not a login!'] }),
      });
      assert.equal(res.status, 400);
      assert.equal(await readFile(fx.config.configFile, 'utf8').catch(() => ''), beforeText);
    });
  });

  describe('live', () => {
    test('the live state has the live stream with its counters and recent chat', async () => {
      const live = await json<{
        streams: { streamId: string; viewers: number; counters: { messages: number }; chat: { text: string }[] }[];
      }>('/api/live');
      assert.equal(live.streams.length, 1);
      assert.equal(live.streams[0]?.streamId, liveStreamId);
      assert.equal(live.streams[0]?.viewers, 55);
      assert.equal(live.streams[0]?.counters.messages, 3);
      assert.equal(live.streams[0]?.chat.at(-1)?.text, 'good evening 3');
    });

    test('a chat message pushed into ingest arrives on the event stream', async () => {
      const abort = new AbortController();
      const res = await get('/api/live/events', { signal: abort.signal });
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let seen = '';
      const { makeChatMessage } = await import('../../test/support/make-records.ts');
      void (async () => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
          seen += decoder.decode(chunk.value);
      })().catch(() => {});
      await waitFor(() => seen.includes('event: ready'), { what: 'the ready event', detail: () => seen });
      fx.ingest.push({
        kind: 'message',
        message: makeChatMessage({
          channelId: fx.channelId,
          streamId: liveStreamId,
          ts: Date.now(),
          text: 'pushed live hello',
        }),
      });
      await waitFor(() => seen.includes('pushed live hello'), { what: 'the pushed message', detail: () => seen });
      assert.match(seen, /event: chat\ndata: \{[^\n]*"text":"pushed live hello"/);
      abort.abort();
      await reader.cancel().catch(() => {});
    });
  });

  describe('agent', () => {
    test('without an agent the Ask routes say it is not installed', async () => {
      const res = await get('/api/agent/conversations');
      assert.equal(res.status, 503);
      const body = (await res.json()) as { error: { message: string } };
      assert.match(body.error.message, /not installed/);
    });
  });
});
