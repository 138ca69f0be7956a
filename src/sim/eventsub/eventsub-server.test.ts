import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { makeTestChannel, makeTestScenario } from '../../../test/support/make-test-scenario.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { startSimulator } from '../start-simulator.ts';

type Frame = {
  metadata: { message_id: string; message_type: string; subscription_type?: string };
  payload: {
    session: { id: string; keepalive_timeout_seconds: number | null; reconnect_url: string };
    event: Record<string, unknown>;
  };
};

function open(url: string, onFrame: (frame: Frame, ws: WebSocket) => void): WebSocket {
  const ws = new WebSocket(url);
  ws.on('message', (data) => onFrame(JSON.parse(data.toString()) as Frame, ws));
  return ws;
}

test('welcome → subscribe via Helix → notifications → session_reconnect, with nothing lost or repeated', async () => {
  const alpha = makeTestChannel('alpha', '1001');
  const stream = { ...alpha.streams![0]!, duration: '5m', eventRates: { follow: 900 } };
  const scenario = makeTestScenario({
    channels: [{ ...alpha, streams: [stream] }],
    faults: [{ at: '3m', type: 'eventsub-reconnect' }],
  });
  const sim = await startSimulator({ scenario, speed: 60 });
  try {
    const notifications: Frame[] = [];
    const welcomes: Frame[] = [];
    let reconnects = 0;
    const handle = (frame: Frame, ws: WebSocket) => {
      const type = frame.metadata.message_type;
      if (type === 'notification') notifications.push(frame);
      if (type === 'session_welcome') {
        welcomes.push(frame);
        // The client closes the old socket only once the new one has its welcome, as Twitch asks.
        if (welcomes.length > 1) first.close();
      }
      if (type === 'session_reconnect') {
        reconnects++;
        open(frame.payload.session.reconnect_url, handle);
      }
      void ws;
    };
    const first = open(`${sim.urls.eventsubUrl}?keepalive_timeout_seconds=3`, handle);
    await waitFor(() => welcomes.length > 0, { what: 'the session_welcome message' });
    const session = welcomes[0]!.payload.session;
    assert.equal(session.keepalive_timeout_seconds, 10, 'out-of-range keepalive is clamped to 10–600');

    const { accessToken } = sim.issueUserToken('alpha', ['moderator:read:followers']);
    const subscribe = (type: string, version: string, condition: Record<string, string>) =>
      fetch(`${sim.urls.helixUrl}/eventsub/subscriptions`, {
        method: 'POST',
        headers: {
          'Client-Id': sim.credentials.clientId,
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ type, version, condition, transport: { method: 'websocket', session_id: session.id } }),
      });
    const follow = { broadcaster_user_id: '1001', moderator_user_id: '1001' };
    const created = await subscribe('channel.follow', '2', follow);
    assert.equal(created.status, 202);
    const body = (await created.json()) as {
      data: { status: string; transport: { session_id: string } }[];
      max_total_cost: number;
    };
    assert.equal(body.data[0]?.status, 'enabled');
    assert.equal(body.data[0]?.transport.session_id, session.id);
    assert.equal((await subscribe('channel.follow', '2', follow)).status, 409);
    assert.equal((await subscribe('channel.subscribe', '1', { broadcaster_user_id: '1001' })).status, 403);
    assert.equal((await subscribe('stream.offline', '1', { broadcaster_user_id: '1001' })).status, 202);

    await sim.done;
    const ids = notifications.map((n) => n.metadata.message_id);
    assert.equal(new Set(ids).size, ids.length, 'no notification was delivered twice');
    const follows = notifications.filter((n) => n.metadata.subscription_type === 'channel.follow');
    const ledger = sim.ledger.channel('alpha');
    assert.ok(follows.length > 30, `${follows.length} follows`);
    assert.equal(ledger.eventsubDelivered['channel.follow'], follows.length, 'everything sent was received');
    // Nothing the subscription should have had was lost at the hand-over (the ledger counts sends to closed sockets).
    assert.equal(sim.ledger.summary().eventsubMissed, 0);
    assert.equal(notifications.at(-1)?.metadata.subscription_type, 'stream.offline');
    assert.equal(reconnects, 1);
    assert.equal(welcomes.length, 2);
    assert.equal(welcomes[1]!.payload.session.id, session.id, 'the session (and its subscriptions) carried over');
    assert.equal(sim.ledger.summary().eventsubDuplicates, 0);
    const event = follows[0]!.payload.event;
    assert.deepEqual(Object.keys(event).sort(), [
      'broadcaster_user_id',
      'broadcaster_user_login',
      'broadcaster_user_name',
      'followed_at',
      'user_id',
      'user_login',
      'user_name',
    ]);
  } finally {
    await sim.stop();
  }
});

test('a session with no subscription is closed with 4003', async () => {
  const sim = await startSimulator({ scenario: makeTestScenario(), speed: 1, eventsubUnusedTimeoutMs: 150 });
  try {
    const ws = new WebSocket(sim.urls.eventsubUrl);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    assert.equal(code, 4003);
  } finally {
    await sim.stop();
  }
});
