// Clipping through the API, on both backends: a moment of a finished stream (or one too old in a live stream)
// gets the VOD at that moment with the reason, a live clip without a login says how to log in, and the scopes
// route names what the login lacks.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { liveStreamId, openWebFixture, type WebFixture } from '../../../test/support/open-web-fixture.ts';
import { loginScopes } from '../../twitch/auth/login-scopes.ts';
import { toTokenFilePath, writeTokenFile } from '../../twitch/auth/token-file.ts';

describeEachBackend('/api/streams/:id/clips and /api/twitch/scopes', (backend) => {
  let fx: WebFixture;
  let csrf: string;
  before(async () => {
    fx = await openWebFixture({ backend });
    const session = await fx.web.app.request('/api/session');
    csrf = /sl_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
  });
  after(() => fx.close());

  const clip = (streamId: string, body: unknown) =>
    fx.web.app.request(`/api/streams/${streamId}/clips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `sl_csrf=${csrf}` },
      body: JSON.stringify(body),
    });

  it('answers a moment of a finished stream with the VOD at that moment and why', async () => {
    const streamId = fx.streamIds.at(-1)!;
    const [row] = await fx.store.all<{ started_at: number; vod_id: string }>(
      'SELECT started_at, vod_id FROM streams WHERE id = ?',
      [streamId],
    );
    const response = await clip(streamId, { ts: Number(row!.started_at) + 3_725_000 });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { kind: string; url: string; offsetMs: number; reason: string };
    assert.equal(answer.kind, 'vod');
    assert.equal(answer.offsetMs, 3_725_000);
    assert.equal(answer.url, `https://www.twitch.tv/videos/${row!.vod_id}?t=1h1m55s`);
    assert.match(answer.reason, /only creates clips of a stream while it is live/);
  });

  it('a live stream: an old moment gets the VOD reason, now needs a login with clips:edit', async () => {
    const [live] = await fx.store.all<{ started_at: number }>('SELECT started_at FROM streams WHERE id = ?', [
      liveStreamId,
    ]);
    const old = (await (await clip(liveStreamId, { ts: Number(live!.started_at) + 60_000 })).json()) as {
      kind: string;
      reason: string;
    };
    assert.equal(old.kind, 'vod');
    assert.match(old.reason, /last ~90 seconds/);
    const now = await clip(liveStreamId, {});
    assert.equal(now.status, 401);
    const body = (await now.json()) as { error: { message: string; hint: string } };
    assert.match(`${body.error.message} ${body.error.hint}`, /streamlens login/);
  });

  it('names the scopes the login lacks and how to log in again', async () => {
    const before = (await (await fx.web.app.request('/api/twitch/scopes')).json()) as {
      loggedIn: boolean;
      missing: { scope: string }[];
    };
    assert.equal(before.loggedIn, false);
    assert.ok(before.missing.some((m) => m.scope === 'clips:edit'));
    await writeTokenFile(toTokenFilePath(fx.config.dataDir), {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: Date.now() + 3_600_000,
      scopes: loginScopes.filter((s) => s !== 'moderator:read:chatters'),
      login: 'someone',
      userId: '1',
      clientId: 'c',
    });
    const after = (await (await fx.web.app.request('/api/twitch/scopes')).json()) as {
      loggedIn: boolean;
      missing: { scope: string; feature: string }[];
      fix: string;
    };
    assert.equal(after.loggedIn, true);
    assert.deepEqual(
      after.missing.map((m) => m.scope),
      ['moderator:read:chatters'],
    );
    assert.match(after.fix, /streamlens login/);
  });
});
