import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { isStreamlensError } from '../../errors.ts';
import { silentLogger } from '../../log.ts';
import { readTokenFile, toTokenFilePath, writeTokenFile } from './token-file.ts';
import { pollDeviceToken, requestDeviceCode, validateToken } from './twitch-oauth.ts';
import { createUserTokenStore } from './user-token.ts';

const oauth = (name: string) => readTwitchFixture(`oauth/${name}`);

// Loopback fake of id.twitch.tv/oauth2: /device, /token (answers from `tokenAnswers` in order), /validate.
let tokenAnswers: [number, string][] = [];
let tokenForms: Record<string, string>[] = [];
let authUrl = '';
const reply = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
};
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/oauth2/device') return reply(res, 200, oauth('device-code-response.nicklaw5.json'));
    if (path === '/oauth2/validate')
      return req.headers.authorization === 'OAuth bad'
        ? reply(res, 401, oauth('validate-401.docs.json'))
        : reply(res, 200, oauth('validate-200.docs.json'));
    tokenForms.push(Object.fromEntries(new URLSearchParams(body)));
    const [status, answer] = tokenAnswers.shift() ?? [500, '{}'];
    reply(res, status, answer);
  });
});

describe('Twitch login (device code flow) and the user token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-auth-'));
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    authUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2`;
  });
  after(() => server.close());
  beforeEach(() => {
    tokenForms = [];
  });

  it('polls honouring interval, authorization_pending and slow_down, then validates', async () => {
    tokenAnswers = [
      [400, '{"status":400,"message":"authorization_pending"}'],
      [400, '{"status":400,"message":"slow_down"}'],
      [200, oauth('authorization-code-token-response.twitch_oauth2.json')],
    ];
    const device = await requestDeviceCode(authUrl, 'cid', ['chat:read']);
    assert.equal(device.userCode, 'RGVPJWCX');
    const sleeps: number[] = [];
    const grant = await pollDeviceToken({
      authUrl,
      clientId: 'cid',
      scopes: ['chat:read'],
      device,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    assert.deepEqual(sleeps, [5000, 5000, 10000]);
    assert.equal(grant.accessToken, 'rfx2uswqe8l4g1mkagrvg5tv0ks3');
    assert.deepEqual(grant.scopes, ['channel:moderate', 'chat:edit', 'chat:read']);
    assert.equal(tokenForms[0]?.grant_type, 'urn:ietf:params:oauth:grant-type:device_code');
    assert.equal(tokenForms[0]?.device_code, '2mdjwJNygVNDpNiLZnygtCJTQjedpevQsoST7fi1');
    assert.equal((await validateToken(authUrl, grant.accessToken))?.login, 'twitchdev');
    assert.equal(await validateToken(authUrl, 'bad'), undefined);
  });

  it('gives up when the code expires', async () => {
    tokenAnswers = [[400, '{"status":400,"message":"invalid device code"}']];
    const device = { deviceCode: 'd', userCode: 'U', verificationUri: 'v', expiresInSec: 1800, intervalSec: 1 };
    await assert.rejects(
      pollDeviceToken({ authUrl, clientId: 'cid', scopes: [], device, sleep: async () => {} }),
      (e: unknown) => isStreamlensError(e) && e.code === 'UNAUTHORIZED' && /expired/.test(e.message),
    );
  });

  it('stores the token 0600 in a 0700 folder', async () => {
    const file = toTokenFilePath(join(dir, 'fresh', 'data'));
    await writeTokenFile(file, {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: 1,
      scopes: [],
      login: 'l',
      userId: '1',
      clientId: 'c',
    });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'fresh', 'data')).mode & 0o777, 0o700);
    assert.equal((await readTokenFile(file))?.accessToken, 'a');
  });

  it('refreshes a token about to expire and rewrites the file; a rejected token is refreshed too', async () => {
    const file = toTokenFilePath(join(dir, 'refresh'));
    const clock = 1_000_000;
    const who = { login: 'twitchdev', userId: '141981764', clientId: 'cid', scopes: ['chat:read'] };
    await writeTokenFile(file, { ...who, accessToken: 'old', refreshToken: 'r1', expiresAt: clock + 60_000 });
    tokenAnswers = [
      [200, JSON.stringify({ access_token: 'new1', refresh_token: 'r2', expires_in: 14124, scope: ['chat:read'] })],
      [200, JSON.stringify({ access_token: 'new2', refresh_token: 'r3', expires_in: 14124, scope: ['chat:read'] })],
    ];
    const store = createUserTokenStore({ authUrl, clientId: 'cid', file, log: silentLogger, now: () => clock });
    assert.equal((await store.getUserToken())?.accessToken, 'new1');
    assert.deepEqual(tokenForms[0], { client_id: 'cid', grant_type: 'refresh_token', refresh_token: 'r1' });
    const saved = await readTokenFile(file);
    assert.equal(saved?.accessToken, 'new1');
    assert.equal(saved?.expiresAt, clock + 14124 * 1000);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal((await store.getUserToken())?.accessToken, 'new1', 'cached while valid');
    store.invalidate('new1');
    assert.equal(await store.toTokenSource().getToken(), 'new2');
    assert.equal(tokenForms[1]?.refresh_token, 'r2');
  });

  it('says to log in again when the refresh token is refused', async () => {
    const file = toTokenFilePath(join(dir, 'refused'));
    await writeTokenFile(file, {
      accessToken: 'old',
      refreshToken: 'bad',
      expiresAt: 0,
      scopes: [],
      login: 'l',
      userId: '1',
      clientId: 'cid',
    });
    tokenAnswers = [[400, oauth('refresh-error-400-invalid-refresh-token.json')]];
    const store = createUserTokenStore({ authUrl, clientId: 'cid', file, log: silentLogger });
    await assert.rejects(
      store.getUserToken(),
      (e: unknown) => isStreamlensError(e) && e.code === 'UNAUTHORIZED' && /login/.test(e.hint ?? ''),
    );
  });
});
