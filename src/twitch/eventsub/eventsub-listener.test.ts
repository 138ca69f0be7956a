import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { type WebSocket, WebSocketServer } from 'ws';
import { createRecordingIngest, type RecordingIngest } from '../../../test/support/create-recording-ingest.ts';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import type { ChannelEvent } from '../../domain.ts';
import { createLogger, silentLogger } from '../../log.ts';
import { createHelixApi } from '../helix/helix-api.ts';
import { createHelixClient } from '../helix/helix-client.ts';
import { startEventSubListener } from './eventsub-listener.ts';

const fixture = (name: string) => JSON.parse(readTwitchFixture(`eventsub/${name}`));

/** A notification frame built from a docs payload, as it arrives over WebSocket. */
function notification(payloadFile: string, messageId: string, sessionId: string): string {
  const { subscription, event } = fixture(payloadFile);
  return JSON.stringify({
    metadata: {
      message_id: messageId,
      message_type: 'notification',
      message_timestamp: '2024-05-14T12:31:47.995298776Z',
      subscription_type: subscription.type,
      subscription_version: subscription.version,
    },
    payload: { subscription: { ...subscription, transport: { method: 'websocket', session_id: sessionId } }, event },
  });
}

// Loopback fake of Twitch's EventSub WebSocket + Helix subscriptions endpoint on one port.
interface FakeSession {
  ws: WebSocket;
  sessionId: string;
  closed: boolean;
}
let posts: { type: string; condition: Record<string, string>; sessionId: string }[] = [];
let sessions: FakeSession[] = [];
let keepaliveSeconds: number[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const request = JSON.parse(body);
    posts.push({ type: request.type, condition: request.condition, sessionId: request.transport.session_id });
    res.writeHead(202, { 'content-type': 'application/json' });
    const created = { ...request, id: randomUUID(), status: 'enabled', created_at: new Date().toISOString(), cost: 0 };
    res.end(JSON.stringify({ data: [created], total: posts.length, total_cost: 0, max_total_cost: 10 }));
  });
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
  const reconnectOf = new URL(req.url ?? '/', 'http://x').searchParams.get('reconnect');
  const sessionId = reconnectOf ?? `S${sessions.length + 1}`;
  const welcome = fixture('ws-session_welcome.docs.json');
  welcome.metadata.message_id = randomUUID();
  welcome.payload.session.id = sessionId;
  welcome.payload.session.keepalive_timeout_seconds = keepaliveSeconds[sessions.length] ?? 10;
  const session: FakeSession = { ws, sessionId, closed: false };
  ws.on('close', () => {
    session.closed = true;
  });
  sessions.push(session);
  ws.send(JSON.stringify(welcome));
});
const session = (index: number) => waitFor(() => sessions[index], { what: `EventSub session #${index + 1}` });

let port = 0;
const channelEvents = (ingest: RecordingIngest) =>
  ingest.records.flatMap((r) => (r.kind === 'channelEvent' ? [r.event as ChannelEvent] : []));
const start = (scopes: string[], log = silentLogger) => {
  const token = { getToken: async () => 'user-token', invalidate: () => {} };
  const helix = createHelixApi(
    createHelixClient({ helixUrl: `http://127.0.0.1:${port}/helix`, clientId: 'cid', token, log }),
  );
  const ingest = createRecordingIngest();
  const listener = startEventSubListener({
    url: `ws://127.0.0.1:${port}/ws`,
    helix,
    broadcasterIds: ['1337'],
    userId: '1337',
    scopes,
    ingest,
    log,
    backoff: { initialMs: 5, maxMs: 20 },
  });
  running.add(listener);
  return { ingest, listener };
};
/** Listeners a test started, stopped after it even when an assertion failed (else they keep the file alive). */
const running = new Set<{ stop(): Promise<void> }>();

describe('startEventSubListener', () => {
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  });
  afterEach(async () => {
    for (const listener of running) await listener.stop();
    running.clear();
  });
  beforeEach(() => {
    posts = [];
    sessions = [];
    keepaliveSeconds = [];
  });

  it('subscribes what the scopes allow with the session id, stores notifications once', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => lines.push(line) });
    const { ingest, listener } = start(['moderator:read:followers', 'bits:read'], log);
    await waitFor(() => posts.length === 7, { what: '7 subscription requests', detail: () => posts });
    assert.deepEqual(
      posts.map((p) => p.type),
      [
        'stream.online',
        'stream.offline',
        'channel.update',
        'channel.follow',
        'channel.cheer',
        'channel.raid',
        'channel.raid',
      ],
    );
    assert.ok(posts.every((p) => p.sessionId === 'S1'));
    assert.deepEqual(posts[3]?.condition, { broadcaster_user_id: '1337', moderator_user_id: '1337' });
    assert.deepEqual(posts[6]?.condition, { from_broadcaster_user_id: '1337' });
    const skippedLines = lines.filter((l) => l.includes('skipped'));
    assert.equal(skippedLines.length, 1);
    assert.match(skippedLines[0]!, /channel\.subscribe \(needs channel:read:subscriptions\)/);
    assert.match(skippedLines[0]!, /channel\.ad_break\.begin \(needs channel:read:ads\)/);

    const s1 = await session(0);
    s1.ws.send(notification('payload-channel.follow-v2.json', 'follow-1', 'S1'));
    s1.ws.send(notification('payload-channel.follow-v2.json', 'follow-1', 'S1'));
    s1.ws.send(notification('payload-channel.raid.json', 'raid-1', 'S1'));
    await waitFor(() => listener.stats().notifications === 2 && listener.stats().duplicates === 1, {
      what: '2 notifications and 1 duplicate',
      detail: () => listener.stats(),
    });
    const [follow, raid] = channelEvents(ingest);
    assert.deepEqual(follow, {
      id: 'follow-1',
      channelId: '1337',
      streamId: null,
      ts: Date.parse('2020-07-15T18:16:11.17106713Z'),
      type: 'channel.follow',
      userId: '1234',
      userLogin: 'cool_user',
      data: {
        userId: '1234',
        userLogin: 'cool_user',
        userName: 'Cool_User',
        broadcasterUserId: '1337',
        broadcasterUserLogin: 'cooler_user',
        broadcasterUserName: 'Cooler_User',
        followedAt: '2020-07-15T18:16:11.17106713Z',
      },
    });
    assert.equal(raid?.userLogin, 'cool_user', 'the raider');
    assert.equal(raid?.ts, Date.parse('2024-05-14T12:31:47.995298776Z'));
    assert.equal(channelEvents(ingest).length, 2);
    await listener.stop();
  });

  it('follows session_reconnect without resubscribing, losing or repeating events', async () => {
    const { ingest, listener } = start([]);
    await waitFor(() => posts.length === 5, { what: '5 subscription requests', detail: () => posts });
    const s1 = await session(0);
    s1.ws.send(notification('payload-stream.online.json', 'a', 'S1'));
    const reconnect = fixture('ws-session_reconnect.docs.json');
    reconnect.payload.session.reconnect_url = `ws://127.0.0.1:${port}/ws?reconnect=S1`;
    s1.ws.send(JSON.stringify(reconnect));
    s1.ws.send(notification('payload-channel.update-v2.json', 'c', 'S1'));
    const s2 = await session(1);
    await waitFor(() => s1.closed, { what: 'the old session to be closed after the reconnect' });
    s2.ws.send(notification('payload-stream.offline.json', 'b', 'S1'));
    s2.ws.send(notification('payload-stream.online.json', 'a', 'S1'));
    await waitFor(() => listener.stats().notifications === 3 && listener.stats().duplicates === 1, {
      what: '3 notifications and 1 duplicate',
      detail: () => listener.stats(),
    });
    assert.deepEqual(
      channelEvents(ingest)
        .map((e) => e.id)
        .sort(),
      ['a', 'b', 'c'],
    );
    assert.equal(posts.length, 5, 'no new subscriptions');
    assert.equal(listener.stats().sessionId, 'S1');
    assert.equal(listener.stats().reconnects, 0);
    await listener.stop();
  });

  it('reconnects and resubscribes after keepalive silence, leaving out revoked types', async () => {
    keepaliveSeconds = [0.2, 10];
    const { listener } = start(['moderator:read:followers']);
    await waitFor(() => posts.length === 6, { what: '6 subscription requests', detail: () => posts });
    const s1 = await session(0);
    const revocation = fixture('ws-revocation.docs.json');
    s1.ws.send(JSON.stringify(revocation));
    await session(1);
    await waitFor(() => posts.length === 11, {
      what: 'the resubscription after the keepalive silence',
      detail: () => posts,
    });
    const second = posts.slice(6);
    assert.ok(second.every((p) => p.sessionId === 'S2'));
    assert.ok(!second.some((p) => p.type === 'channel.follow'));
    assert.deepEqual(listener.stats().revokedTypes, ['channel.follow']);
    assert.equal(listener.stats().reconnects, 1);
    await listener.stop();
  });
});
