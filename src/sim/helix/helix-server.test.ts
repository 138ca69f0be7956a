import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeTestChannel, makeTestScenario } from '../../../test/support/make-test-scenario.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { type RunningSimulator, startSimulator } from '../start-simulator.ts';

let sim: RunningSimulator;
before(async () => {
  // 45 channels live from the first instant, on a nearly frozen clock: viewer counts (and so the order of
  // /streams) cannot change between page requests, and rate-limit buckets cannot refill during a test.
  const channels = Array.from({ length: 45 }, (_, i) => {
    const c = makeTestChannel(`chan${i + 1}`, String(5000 + i));
    return { ...c, streams: [{ ...c.streams![0]!, at: 0, viewers: { base: 1000 - i * 20 } }] };
  });
  sim = await startSimulator({ scenario: makeTestScenario({ channels }), speed: 0.0001, helixRateLimit: 30 });
});
after(() => sim.stop());

const form = (params: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(params) });
async function appToken(): Promise<string> {
  const { clientId: client_id, clientSecret: client_secret } = sim.credentials;
  const res = await fetch(
    `${sim.urls.authUrl}/token`,
    form({ client_id, client_secret, grant_type: 'client_credentials' }),
  );
  assert.equal(res.status, 200);
  const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
  assert.equal(body.token_type, 'bearer');
  return body.access_token;
}
const helix = (path: string, token: string) =>
  fetch(`${sim.urls.helixUrl}${path}`, {
    headers: { 'Client-Id': sim.credentials.clientId, Authorization: `Bearer ${token}` },
  });

test('streams page through with first + after, each stream once, biggest first', async () => {
  const token = await appToken();
  const seen: { user_login: string; viewer_count: number; type: string }[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const res = await helix(`/streams?first=20${after ? `&after=${encodeURIComponent(after)}` : ''}`, token);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { data: typeof seen; pagination: { cursor?: string } };
    seen.push(...body.data);
    after = body.pagination.cursor;
    pages++;
  } while (after);
  assert.equal(pages, 3);
  assert.equal(new Set(seen.map((s) => s.user_login)).size, 45);
  assert.ok(seen[0]!.viewer_count > seen.at(-1)!.viewer_count);
  const one = (await (await helix('/streams?user_login=chan2&user_login=chan3', token)).json()) as {
    data: unknown[];
  };
  assert.equal(one.data.length, 2);
  assert.equal((await helix('/streams?first=101', token)).status, 400);
  assert.equal((await helix('/streams?after=garbage', token)).status, 400);
});

test('a live broadcast has its archive video already (Get Videos type=archive names its stream id)', async () => {
  const token = await appToken();
  const live = (await (await helix('/streams?user_id=5000', token)).json()) as { data: { id: string }[] };
  assert.equal(live.data.length, 1);
  const videos = (await (await helix('/videos?user_id=5000&type=archive&first=1', token)).json()) as {
    data: { id: string; stream_id: string; type: string }[];
  };
  assert.equal(videos.data.length, 1);
  assert.equal(videos.data[0]!.stream_id, live.data[0]!.id);
  assert.equal(videos.data[0]!.type, 'archive');
});

test('every answer carries Ratelimit headers; an empty bucket gives a real 429', async () => {
  // A user token has its own bucket (client id + user), apart from the app token used by the other tests.
  const { accessToken } = sim.issueUserToken('chan1', []);
  const answers: Response[] = [];
  for (let i = 0; i < 32; i++) answers.push(await helix('/users?login=chan1', accessToken));
  assert.deepEqual(
    answers.map((a) => a.status),
    [...Array(30).fill(200), 429, 429],
  );
  for (const a of answers) assert.equal(a.headers.get('ratelimit-limit'), '30');
  assert.equal(answers[0]!.headers.get('ratelimit-remaining'), '29');
  const last = answers.at(-1)!;
  assert.equal(last.headers.get('ratelimit-remaining'), '0');
  // Reset is epoch seconds on the simulated clock: a simulated minute to refill 30 points.
  const reset = Number(last.headers.get('ratelimit-reset'));
  assert.ok(Math.abs(reset * 1000 - (sim.clock.now() + 60_000)) <= 2000, `reset ${reset}`);
  assert.deepEqual(await last.json(), { error: 'Too Many Requests', status: 429, message: 'Request limit exceeded' });
});

test('missing or unknown tokens get the 401 bodies of the fixtures', async () => {
  const res = await fetch(`${sim.urls.helixUrl}/users`, { headers: { 'Client-Id': sim.credentials.clientId } });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: 'Unauthorized', status: 401, message: 'OAuth token is missing' });
  assert.equal((await helix('/users', 'bogus')).status, 401);
});

test('device flow: pending until an interval has passed, then a user token that validates and refreshes', async () => {
  // Real time (speed 1): the first poll comes well within the 5-second interval however busy the machine is.
  const sim = await startSimulator({ scenario: makeTestScenario(), speed: 1 });
  after(() => sim.stop());
  const { clientId: client_id } = sim.credentials;
  const device = (await (
    await fetch(`${sim.urls.authUrl}/device`, form({ client_id, scopes: 'chat:read moderator:read:followers' }))
  ).json()) as {
    device_code: string;
    interval: number;
    user_code: string;
    verification_uri: string;
  };
  assert.equal(device.interval, 5);
  const grant = {
    client_id,
    device_code: device.device_code,
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    scopes: 'chat:read',
  };
  const early = await fetch(`${sim.urls.authUrl}/token`, form(grant));
  assert.equal(early.status, 400);
  assert.deepEqual(await early.json(), { status: 400, message: 'authorization_pending' });
  const interval = sim.clock.now() + 5_000;
  await waitFor(() => sim.clock.now() >= interval, { what: 'the polling interval to pass on the simulated clock' });
  const ok = await fetch(`${sim.urls.authUrl}/token`, form(grant));
  assert.equal(ok.status, 200);
  const token = (await ok.json()) as { access_token: string; refresh_token: string; scope: string[] };
  assert.deepEqual(token.scope, ['chat:read', 'moderator:read:followers']);
  const validate = await fetch(`${sim.urls.authUrl}/validate`, {
    headers: { Authorization: `OAuth ${token.access_token}` },
  });
  const info = (await validate.json()) as { login: string; client_id: string; scopes: string[] };
  assert.equal(info.login, 'alpha');
  assert.equal(info.client_id, client_id);
  const refreshed = await fetch(
    `${sim.urls.authUrl}/token`,
    form({ client_id, grant_type: 'refresh_token', refresh_token: token.refresh_token }),
  );
  assert.equal(refreshed.status, 200);
  const again = await fetch(
    `${sim.urls.authUrl}/token`,
    form({ client_id, grant_type: 'refresh_token', refresh_token: token.refresh_token }),
  );
  assert.deepEqual(await again.json(), { status: 400, message: 'Invalid refresh token' });
  const old = await fetch(`${sim.urls.authUrl}/validate`, {
    headers: { Authorization: `OAuth ${token.access_token}` },
  });
  assert.equal(old.status, 401);
});

test('a 503 fault window answers 503 while it lasts, then Helix is back', async () => {
  const scenario = makeTestScenario({ faults: [{ at: 0, type: 'helix-503', duration: '3m' }] });
  const faulty = await startSimulator({ scenario, speed: 60 });
  try {
    const { clientId: client_id, clientSecret: client_secret } = faulty.credentials;
    const res = await fetch(
      `${faulty.urls.authUrl}/token`,
      form({ client_id, client_secret, grant_type: 'client_credentials' }),
    );
    const token = ((await res.json()) as { access_token: string }).access_token;
    const get = () =>
      fetch(`${faulty.urls.helixUrl}/games/top`, {
        headers: { 'Client-Id': client_id, Authorization: `Bearer ${token}` },
      });
    const during = await get();
    assert.ok(faulty.clock.now() < Date.parse('2024-06-01T18:03:00Z'), 'still inside the window');
    assert.equal(during.status, 503);
    assert.deepEqual(await during.json(), {
      error: 'Service Unavailable',
      status: 503,
      message: 'Service Unavailable',
    });
    assert.ok(during.headers.get('ratelimit-reset'));
    await waitFor(() => faulty.clock.now() >= Date.parse('2024-06-01T18:03:00Z'), {
      what: 'the fault window to end on the simulated clock',
    });
    assert.equal((await get()).status, 200);
  } finally {
    await faulty.stop();
  }
});
