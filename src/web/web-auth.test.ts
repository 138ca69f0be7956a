import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { openWebFixture, type WebFixture } from '../../test/support/open-web-fixture.ts';
import { configSchema } from '../config.ts';
import { silentLogger } from '../log.ts';
import { startWebServer } from './start-web-server.ts';

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

  test('wrong passwords are rate-limited', async () => {
    const { csrfToken } = (await (await request('/api/session')).json()) as { csrfToken: string };
    const attempt = () =>
      request('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: `sl_csrf=${csrfToken}` },
        body: JSON.stringify({ password: 'guess' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
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
      config: { ...fx.config, web: { host: '127.0.0.1', port: 0 } },
      store: fx.store,
      log: silentLogger,
    });
    const res = await fetch(`${server.url}/api/health`);
    assert.equal(((await res.json()) as { ok: boolean }).ok, true);
    await server.stop();
    await assert.rejects(fetch(`${server.url}/api/health`));
  });
});
