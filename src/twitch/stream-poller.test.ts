import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createRecordingIngest } from '../../test/support/create-recording-ingest.ts';
import { readTwitchFixture } from '../../test/support/read-twitch-fixture.ts';
import type { ChannelEvent } from '../domain.ts';
import { silentLogger } from '../log.ts';
import { createHelixApi } from './helix/helix-api.ts';
import { createHelixClient } from './helix/helix-client.ts';
import type { HelixStream } from './helix/helix-schemas.ts';
import { type OpenStream, startStreamPoller } from './stream-poller.ts';

const liveFixture: HelixStream = JSON.parse(readTwitchFixture('helix/get-streams.docs.json')).data[0];
const videosFixture = JSON.parse(readTwitchFixture('helix/get-videos.docs.json'));

// Loopback Helix fake: `live` is what GET /streams answers (filtered by user_id), `failing` makes it answer 500.
let live: HelixStream[] = [];
let failing = false;
/** Get Videos lists the live broadcast's archive (Twitch lists it while live, though not always at once). */
let archiveListed = true;
let streamQueries: URLSearchParams[] = [];
const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/helix/videos') {
    const video = { ...videosFixture.data[0], type: 'archive', stream_id: live[0]?.id ?? null, id: 'vod-1' };
    return send(res, 200, { data: archiveListed ? [video] : [], pagination: {} });
  }
  if (failing) return send(res, 500, { error: 'Internal Server Error', status: 500, message: '' });
  if (url.searchParams.has('game_id')) {
    const others = [0, 1, 2].map((i) => ({ ...liveFixture, id: `other-${i}`, user_id: `9${i}`, viewer_count: 10 }));
    return send(res, 200, { data: [...live, ...others, others[0]], pagination: {} });
  }
  streamQueries.push(url.searchParams);
  const ids = url.searchParams.getAll('user_id');
  send(res, 200, { data: live.filter((s) => ids.includes(s.user_id)), pagination: {} });
});

let helixUrl = '';
const channels = [
  { id: '98765', login: 'sandysanderman', displayName: 'SandySanderman' },
  { id: '1001', login: 'quiet', displayName: 'Quiet' },
];
let clock = 1_700_000_000_000;
const makePoller = (extra: { findOpenStreams?: () => Promise<OpenStream[]>; categoryPolling?: boolean } = {}) => {
  const token = { getToken: async () => 'app-token', invalidate: () => {} };
  const client = createHelixClient({ helixUrl, clientId: 'cid', token, log: silentLogger, retryBaseMs: 1 });
  const ingest = createRecordingIngest();
  const poller = startStreamPoller({
    helix: createHelixApi(client),
    ingest,
    channels,
    intervalMs: 3_600_000,
    log: silentLogger,
    now: () => clock,
    ...extra,
  });
  return { ingest, poller };
};

describe('startStreamPoller', () => {
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    helixUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/helix`;
  });
  after(() => server.close());
  beforeEach(() => {
    live = [{ ...liveFixture }];
    failing = false;
    archiveListed = true;
    streamQueries = [];
  });

  it('keeps looking for the VOD while live, a minute apart, until Twitch lists it', async () => {
    clock = 1_700_000_000_000;
    archiveListed = false;
    const { ingest, poller } = makePoller();
    await poller.pollNow();
    assert.equal(ingest.streams.at(-1)?.vodId, null);
    clock += 60_000;
    archiveListed = true;
    await poller.pollNow();
    assert.equal(ingest.streams.at(-1)?.vodId, 'vod-1', 'found while the stream is still live');
    assert.equal(ingest.ended.length, 0);
    await poller.stop();
  });

  it('opens a stream, records a change of title, and ends it at the last snapshot', async () => {
    clock = 1_700_000_000_000;
    const { ingest, poller } = makePoller();
    await poller.pollNow();
    assert.deepEqual(streamQueries[0]?.getAll('user_id'), ['98765', '1001'], 'one batched request');
    assert.equal(ingest.streams.length, 1, 'a second poll of the same stream does not rewrite it');
    assert.equal(ingest.streams[0]?.id, '123456789');
    assert.equal(ingest.streams[0]?.vodId, 'vod-1');
    assert.equal(ingest.streams[0]?.startedAt, Date.parse('2021-03-10T15:04:21Z'));
    assert.equal(ingest.records.filter((r) => r.kind === 'snapshot').length, 2);

    clock += 60_000;
    live = [{ ...liveFixture, title: 'new title', game_id: '33214', game_name: 'Fortnite' }];
    await poller.pollNow();
    assert.equal(ingest.streams.length, 2);
    assert.equal(ingest.streams[1]?.title, 'new title');
    const changes = ingest.records.flatMap((r) => (r.kind === 'channelEvent' ? [r.event as ChannelEvent] : []));
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.type, 'stream.change');
    assert.equal(changes[0]?.id, `stream.change:123456789:${clock}`);
    assert.deepEqual(changes[0]?.data, {
      title: 'new title',
      gameId: '33214',
      gameName: 'Fortnite',
      previousTitle: liveFixture.title,
      previousGameId: '494131',
      previousGameName: 'Little Nightmares',
    });
    const lastSeen = clock;

    clock += 60_000;
    live = [];
    await poller.pollNow();
    assert.deepEqual(ingest.ended, [{ streamId: '123456789', endedAt: lastSeen }]);
    await poller.stop();
  });

  it('keeps streams open when a poll fails', async () => {
    const { ingest, poller } = makePoller();
    await poller.pollNow();
    failing = true;
    await poller.pollNow();
    assert.deepEqual(ingest.ended, []);
    await poller.stop();
  });

  it('closes streams an earlier run left open unless they are still live', async () => {
    clock = 1_700_000_500_000;
    const open: OpenStream[] = [
      { id: 'old-1', channelId: '98765', lastSnapshotTs: 111 },
      { id: '123456789', channelId: '98765', lastSnapshotTs: 222 },
      { id: 'old-2', channelId: '1001', lastSnapshotTs: null },
      { id: 'old-3', channelId: '5555', lastSnapshotTs: 333 },
    ];
    const { ingest, poller } = makePoller({ findOpenStreams: async () => open });
    await poller.pollNow();
    assert.deepEqual(
      [...ingest.ended].sort((a, b) => a.streamId.localeCompare(b.streamId)),
      [
        { streamId: 'old-1', endedAt: 111 },
        { streamId: 'old-2', endedAt: clock },
        { streamId: 'old-3', endedAt: 333 },
      ],
    );
    assert.ok(streamQueries[0]?.getAll('user_id').includes('5555'), 'untracked open channels are checked too');
    await poller.stop();
  });

  it('records category snapshots counting each stream once', async () => {
    const { ingest, poller } = makePoller({ categoryPolling: true });
    await poller.pollNow();
    const snapshots = ingest.records.flatMap((r) => (r.kind === 'categorySnapshot' ? [r.snapshot] : []));
    assert.equal(snapshots.length, 2);
    assert.deepEqual(snapshots[0], {
      gameId: '494131',
      gameName: 'Little Nightmares',
      ts: clock,
      liveChannels: 4,
      viewers: liveFixture.viewer_count + 30,
    });
    await poller.stop();
  });
});
