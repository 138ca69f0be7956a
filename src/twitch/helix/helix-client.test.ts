import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { silentLogger } from '../../log.ts';
import { createAppTokenSource } from './app-token.ts';
import { createHelixApi } from './helix-api.ts';
import { createHelixClient, HelixError } from './helix-client.ts';

const fixture = readTwitchFixture;

type Handler = (req: IncomingMessage, url: URL, body: string, res: ServerResponse) => void;

// A loopback Helix + OAuth fake: each test installs the handler for the Helix side; the token endpoint hands out
// token-1, token-2, … and records the form bodies it received.
let handler: Handler;
let tokenBodies: string[];
let requests: { url: URL; headers: IncomingMessage['headers'] }[];
let base: string;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/oauth2/token') {
      tokenBodies.push(body);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ access_token: `token-${tokenBodies.length}`, expires_in: 5011271, token_type: 'bearer' }),
      );
      return;
    }
    requests.push({ url, headers: req.headers });
    handler(req, url, body, res);
  });
});
const sendJson = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

const sleeps: number[] = [];
const nowMs = 1_781_653_000_000;
const makeApi = () => {
  const token = createAppTokenSource({ authUrl: `${base}/oauth2`, clientId: 'cid', clientSecret: 'secret' });
  const client = createHelixClient({
    helixUrl: `${base}/helix`,
    clientId: 'cid',
    token,
    log: silentLogger,
    now: () => nowMs,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return createHelixApi(client);
};

describe('Helix client against a loopback fake', () => {
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());
  beforeEach(() => {
    tokenBodies = [];
    requests = [];
    sleeps.length = 0;
  });

  it('gets an app token with client credentials and sends repeated list params with Client-Id and Bearer', async () => {
    handler = (_req, _url, _body, res) => sendJson(res, 200, fixture('helix/get-users.docs.json'));
    const api = makeApi();
    const users = await api.getUsers({ logins: ['twitchdev', 'other'] });
    assert.equal(users[0]?.display_name, 'TwitchDev');
    await api.getUsers({ logins: ['again'] });
    assert.equal(tokenBodies.length, 1, 'the token is cached');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenBodies[0])), {
      client_id: 'cid',
      client_secret: 'secret',
      grant_type: 'client_credentials',
    });
    assert.deepEqual(requests[0]?.url.searchParams.getAll('login'), ['twitchdev', 'other']);
    assert.equal(requests[0]?.headers['client-id'], 'cid');
    assert.equal(requests[0]?.headers.authorization, 'Bearer token-1');
  });

  it('chunks more than 100 logins into several requests', async () => {
    handler = (_req, _url, _body, res) => sendJson(res, 200, '{"data":[]}');
    const logins = Array.from({ length: 150 }, (_, i) => `user${i}`);
    await makeApi().getUsers({ logins });
    assert.deepEqual(
      requests.map((r) => r.url.searchParams.getAll('login').length),
      [100, 50],
    );
  });

  it('follows the after cursor until the pagination object is empty', async () => {
    const lastPage = JSON.parse(fixture('helix/get-streams-null-tags.json'));
    lastPage.pagination = {};
    handler = (_req, url, _body, res) =>
      sendJson(
        res,
        200,
        url.searchParams.has('after') ? JSON.stringify(lastPage) : fixture('helix/get-streams.docs.json'),
      );
    const streams = await makeApi().getStreamsByGame('494131', 5);
    assert.equal(streams.length, 3);
    assert.deepEqual(streams[2]?.tags, null);
    assert.equal(requests.length, 2);
    assert.equal(
      requests[1]?.url.searchParams.get('after'),
      JSON.parse(fixture('helix/get-streams.docs.json')).pagination.cursor,
    );
    assert.equal(requests[1]?.url.searchParams.get('game_id'), '494131');
  });

  it('stops paginating at maxPages', async () => {
    handler = (_req, _url, _body, res) => sendJson(res, 200, fixture('helix/get-streams.docs.json'));
    const streams = await makeApi().getStreamsByGame('1', 3);
    assert.equal(requests.length, 3);
    assert.equal(streams.length, 6);
  });

  it('on 429 waits until Ratelimit-Reset and retries', async () => {
    let calls = 0;
    handler = (_req, _url, _body, res) => {
      if (calls++ === 0)
        sendJson(res, 429, fixture('helix/error-429-too-many-requests.json'), {
          'Ratelimit-Limit': '800',
          'Ratelimit-Remaining': '0',
          'Ratelimit-Reset': String(nowMs / 1000 + 5),
        });
      else sendJson(res, 200, fixture('helix/get-streams.docs.json').replace(/"cursor": "[^"]*"/, '"cursor": ""'));
    };
    const streams = await makeApi().getStreams({ userLogins: ['sandysanderman'] });
    assert.equal(streams.length, 2);
    assert.equal(requests.length, 2);
    assert.ok(sleeps.includes(5000), `waited ${sleeps.join(',')}`);
  });

  it('on 401 drops the app token, gets a new one and retries once', async () => {
    handler = (req, _url, _body, res) =>
      req.headers.authorization === 'Bearer token-1'
        ? sendJson(res, 401, fixture('helix/error-401-invalid-oauth-token.json'))
        : sendJson(res, 200, fixture('helix/get-channel-information.docs.json'));
    const channels = await makeApi().getChannels(['141981764']);
    assert.equal(channels[0]?.title, 'TwitchDev Monthly Update // May 6, 2021');
    assert.equal(tokenBodies.length, 2);
    assert.equal(requests[1]?.headers.authorization, 'Bearer token-2');
  });

  it('fails with UNAUTHORIZED when the new token is rejected too', async () => {
    handler = (_req, _url, _body, res) => sendJson(res, 401, fixture('helix/error-401-invalid-oauth-token.json'));
    await assert.rejects(
      makeApi().getGames(['1']),
      (e: unknown) => e instanceof HelixError && e.code === 'UNAUTHORIZED',
    );
    assert.equal(requests.length, 2);
  });

  it('retries 500 with backoff and then succeeds', async () => {
    let calls = 0;
    handler = (_req, _url, _body, res) =>
      calls++ < 2
        ? sendJson(res, 500, '{"error":"Internal Server Error","status":500,"message":""}')
        : sendJson(res, 200, fixture('helix/get-games.docs.json'));
    const games = await makeApi().getGames(['33214']);
    assert.equal(games[0]?.name, 'Fortnite');
    assert.equal(requests.length, 3);
    assert.deepEqual(sleeps, [500, 1000]);
  });

  it('retries 503 only once, then fails with UPSTREAM', async () => {
    handler = (_req, _url, _body, res) =>
      sendJson(res, 503, '{"error":"Service Unavailable","status":503,"message":""}');
    await assert.rejects(
      makeApi().getGames(['1']),
      (e: unknown) => e instanceof HelixError && e.status === 503 && e.code === 'UPSTREAM',
    );
    assert.equal(requests.length, 2);
  });

  it('reads followers total, latest archive and posts EventSub subscriptions as JSON', async () => {
    let posted: unknown;
    handler = (_req, url, body, res) => {
      if (url.pathname.endsWith('/channels/followers'))
        return sendJson(res, 200, fixture('helix/get-channel-followers.docs.json'));
      if (url.pathname.endsWith('/videos')) return sendJson(res, 200, fixture('helix/get-videos.docs.json'));
      posted = JSON.parse(body);
      const created = JSON.parse(fixture('eventsub/helix-create-subscription-response-202.webhook.json'));
      sendJson(res, 202, JSON.stringify(created));
    };
    const api = makeApi();
    assert.equal(await api.getFollowerTotal('1'), 8);
    assert.equal((await api.getLatestArchive('141981764'))?.id, '335921245');
    assert.equal(requests[1]?.url.searchParams.get('type'), 'archive');
    const request = {
      type: 'stream.online',
      version: '1',
      condition: { broadcaster_user_id: '1' },
      transport: { method: 'websocket' as const, session_id: 'S' },
    };
    const sub = await api.createEventSubSubscription(request);
    assert.equal(sub.id, '26b1c993-bfcf-44d9-b876-379dacafe75a');
    assert.deepEqual(posted, request);
  });
});
