import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openWebFixture, type WebFixture } from '../../../test/support/open-web-fixture.ts';
import { configSchema } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import { startWebServer } from '../start-web-server.ts';
import { createWebAuth } from './web-auth.ts';

describeEachBackend('web auth', (backend) => {
  const password = 'correct horse battery';
  let fx: WebFixture;
  before(async () => {
    fx = await openWebFixture({ backend, password, host: '0.0.0.0', streams: 2 });
  });
  after(() => fx.close());

  const request = (path: string, init?: RequestInit) => fx.web.app.request(path, init);
  const cookiesOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

  async function logIn(): Promise<{ cookie: string; token: string }> {
    const session = await request('/api/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const res = await request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: `sl_csrf=${csrfToken}` },
      body: JSON.stringify({ password }),
    });
    assert.equal(res.status, 200);
    const setCookies = res.headers.getSetCookie();
    assert.ok(setCookies.some((c) => c.startsWith('sl_session=') && /HttpOnly/i.test(c) && /SameSite=Strict/i.test(c)));
    const { csrfToken: token } = (await res.json()) as { csrfToken: string };
    return { cookie: cookiesOf(res), token };
  }

  test('without a session the API answers 401 but says that a login is needed', async () => {
    assert.equal((await request('/api/streams')).status, 401);
    const session = (await (await request('/api/session')).json()) as { authRequired: boolean; authenticated: boolean };
    assert.deepEqual([session.authRequired, session.authenticated], [true, false]);
  });

  test('after logging in, reads work and writes need the session-bound CSRF token', async () => {
    const { cookie, token } = await logIn();
    assert.equal((await request('/api/streams', { headers: { cookie } })).status, 200);
    const put = (headers: Record<string, string>) =>
      request('/api/settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"channels":["abc"]}',
      });
    assert.equal((await put({ cookie })).status, 403);
    assert.equal(
      (await put({ cookie: cookie.replace(/sl_csrf=[^;]+/, 'sl_csrf=forged'), 'x-csrf-token': 'forged' })).status,
      403,
    );
    assert.equal((await put({ cookie, 'x-csrf-token': token })).status, 200);
  });

  test('wrong passwords make their client wait, doubling up to a minute, and the right one gets in after', () => {
    let t = 0;
    const auth = createWebAuth({ password, allowedHosts: [], log: silentLogger, now: () => t });
    const app = new Hono();
    app.post('/login', async (c) => c.json({ result: auth.login(c, ((await c.req.json()) as { p: string }).p) }));
    const attempt = async (p: string) =>
      (
        (await (await app.request('/login', { method: 'POST', body: JSON.stringify({ p }) })).json()) as {
          result: unknown;
        }
      ).result;
    return (async () => {
      for (let i = 0; i < 3; i++) assert.equal(await attempt('guess'), 'wrong');
      assert.deepEqual(await attempt(password), { retryAfterMs: 1000 }, 'even the right one waits its turn');
      const waits: number[] = [];
      for (let i = 0; i < 10; i++) {
        t += ((await attempt('guess')) as { retryAfterMs?: number }).retryAfterMs ?? 0;
        assert.equal(await attempt('guess'), 'wrong');
        waits.push(((await attempt('guess')) as { retryAfterMs: number }).retryAfterMs);
      }
      assert.deepEqual(waits, [2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000, 60000]);
      t += 60_000;
      assert.ok(typeof (await attempt(password)) === 'object' && 'csrfToken' in ((await attempt(password)) as object));
    })();
  });

  test("a page of another origin cannot spend the owner's password attempts", async () => {
    const { csrfToken } = (await (await request('/api/session')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: `sl_csrf=${csrfToken}` };
    for (let i = 0; i < 10; i++) {
      const foreign = await request('/api/login', {
        method: 'POST',
        headers: { ...headers, origin: 'http://localhost:3000' },
        body: JSON.stringify({ password: 'guess' }),
      });
      assert.equal(foreign.status, 403);
    }
    const own = await request('/api/login', { method: 'POST', headers, body: JSON.stringify({ password }) });
    assert.equal(own.status, 200);
  });

  test('with a password too, a Host that is not this machine (DNS rebinding) is refused', async () => {
    assert.equal((await request('http://rebind.attacker.example/api/session')).status, 403);
    assert.equal((await request(`http://${hostname()}/api/session`)).status, 200);
    assert.equal((await request('http://127.0.0.1/api/session')).status, 200);
  });

  test('a non-loopback host without a password is refused with the fix', async () => {
    const config = configSchema.parse({
      configFile: '/nonexistent/x.json',
      dataDir: '/tmp',
      db: '/tmp/x.db',
      web: { host: '0.0.0.0', port: 0 },
    });
    await assert.rejects(
      startWebServer({ config, store: fx.store, log: silentLogger }),
      (error: Error & { code?: string; hint?: string }) => {
        assert.equal(error.code, 'CONFIG_INVALID');
        assert.match(error.hint ?? '', /web\.password/);
        return true;
      },
    );
  });

  test('the server listens on an ephemeral loopback port and stops', async () => {
    const server = await startWebServer({
      config: { ...fx.config, web: { ...fx.config.web, host: '127.0.0.1', port: 0 } },
      store: fx.store,
      log: silentLogger,
    });
    const res = await fetch(`${server.url}/api/health`);
    assert.equal(((await res.json()) as { ok: boolean }).ok, true);
    await server.stop();
    await assert.rejects(fetch(`${server.url}/api/health`));
  });
});
