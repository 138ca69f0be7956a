// GET /metrics on the web server: who may scrape (loopback without a password: anyone on the machine; with a
// password: a session or the metrics token), and what a scrape holds (strict text format, request counts by
// route pattern, never by URL).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openWebFixture, type WebFixture } from '../../../test/support/open-web-fixture.ts';
import { parsePrometheusText } from '../../../test/support/parse-prometheus-text.ts';
import { type Config, configSchema } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import { createAppMetrics } from '../../metrics/app-metrics.ts';
import { createApp } from '../create-app.ts';

const token = 'prometheus-token-0123456789';
const password = 'correct horse battery';

describe('GET /metrics', () => {
  let fx: WebFixture;
  before(async () => {
    fx = await openWebFixture();
  });
  after(() => fx.close());

  const appWith = (web: Partial<Config['web']>, metrics: Partial<Config['metrics']> = {}) => {
    const config = Object.freeze(
      configSchema.parse({ ...structuredClone(fx.config), web: { ...fx.config.web, ...web }, metrics }),
    );
    const appMetrics = createAppMetrics();
    appMetrics.watchIngest(fx.ingest);
    return createApp({ config, store: fx.store, ingest: fx.ingest, log: silentLogger, metrics: appMetrics });
  };

  it('on loopback without a password anyone on the machine scrapes; requests are counted by route pattern', async () => {
    const web = appWith({});
    try {
      assert.equal((await web.app.request(`/api/streams/${fx.streamIds[0]}`)).status, 200);
      const response = await web.app.request('/metrics');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const families = parsePrometheusText(await response.text());
      const requests = families.get('streamlens_http_requests_total')!.samples.map((s) => s.labels);
      assert.ok(requests.some((l) => l.route === '/api/streams/:id' && l.status === '200' && l.method === 'GET'));
      assert.ok(!requests.some((l) => l.route?.includes(fx.streamIds[0]!)), 'no series per stream id');
      assert.ok(families.has('streamlens_ingest_records_stored_total'));
    } finally {
      web.close();
    }
  });

  it('with a password: 401 without a session or token, 200 with the bearer token or after logging in', async () => {
    const web = appWith({ password }, { token });
    try {
      const anonymous = await web.app.request('/metrics');
      assert.equal(anonymous.status, 401);
      assert.match(((await anonymous.json()) as { error: { hint: string } }).error.hint, /metrics\.token/);
      assert.equal((await web.app.request('/metrics', { headers: { authorization: 'Bearer nope' } })).status, 401);
      assert.equal((await web.app.request('/metrics', { headers: { authorization: `Basic ${token}` } })).status, 401);
      const scraper = await web.app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(scraper.status, 200);
      parsePrometheusText(await scraper.text());

      const session = await web.app.request('/api/session');
      const csrf = /sl_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
      const login = await web.app.request('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `sl_csrf=${csrf}` },
        body: JSON.stringify({ password }),
      });
      assert.equal(login.status, 200);
      const cookie = /sl_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
      assert.equal((await web.app.request('/metrics', { headers: { cookie: `sl_session=${cookie}` } })).status, 200);
    } finally {
      web.close();
    }
  });

  it('on loopback with a token configured, the token is required', async () => {
    const web = appWith({}, { token });
    try {
      assert.equal((await web.app.request('/metrics')).status, 401);
      assert.equal((await web.app.request('/metrics', { headers: { authorization: `Bearer ${token}` } })).status, 200);
    } finally {
      web.close();
    }
  });
});
