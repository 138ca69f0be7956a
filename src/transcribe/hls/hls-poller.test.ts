import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { silentLogger } from '../../log.ts';
import { type FetchedSegment, startHlsPoller } from './hls-poller.ts';

const playlist = [
  '#EXTM3U',
  '#EXT-X-TARGETDURATION:6',
  '#EXT-X-MEDIA-SEQUENCE:10',
  '#EXT-X-MAP:URI="init.mp4"',
  '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z',
  '#EXTINF:2.000,live',
  's10.mp4',
  '#EXT-X-DATERANGE:ID="stitched-ad-1",CLASS="twitch-stitched-ad",START-DATE="2026-01-01T00:00:02.000Z",DURATION=2',
  '#EXT-X-DISCONTINUITY',
  '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:02.000Z',
  '#EXTINF:2.000,Amazon|1',
  'ad11.mp4',
  '#EXT-X-DISCONTINUITY',
  '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:04.000+0000',
  '#EXTINF:2.000,live',
  's12.mp4',
  '#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:06.000Z',
  '#EXTINF:2.000,live',
  's13.mp4',
  '#EXT-X-TWITCH-PREFETCH:s14.mp4',
  '#EXT-X-ENDLIST',
].join('\n');

test('poller: re-resolves after a 403, skips the ad (a gap), writes init once, ends on ENDLIST', async () => {
  let playlistHits = 0;
  const requested: string[] = [];
  const server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url?.endsWith('.m3u8')) {
      playlistHits++;
      res.writeHead(playlistHits === 1 ? 403 : 200);
      return res.end(playlistHits === 1 ? 'token expired' : playlist);
    }
    res.end(`bytes of ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let resolves = 0;
  const got: FetchedSegment[] = [];
  try {
    const poller = startHlsPoller({
      resolveMediaUrl: async () => `${base}/p${++resolves}/index.m3u8`,
      onSegment: async (s) => void got.push(s),
      log: silentLogger,
      fromLiveEdge: false,
      timeScale: 1000,
    });
    assert.equal(await poller.done, 'ended');
  } finally {
    server.close();
  }
  assert.equal(resolves, 2, 'resolved again after the 403');
  assert.deepEqual(
    got.map((s) => [s.segment.sequence, s.restart?.reason]),
    [
      [10, 'start'],
      [12, 'ad'],
      [13, undefined],
    ],
  );
  assert.deepEqual(got[1]?.restart?.gap, {
    startTs: Date.UTC(2026, 0, 1, 0, 0, 2),
    endTs: Date.UTC(2026, 0, 1, 0, 0, 4),
  });
  assert.equal(got[0]?.init?.toString(), 'bytes of /p2/init.mp4');
  assert.equal(got[2]?.data.toString(), 'bytes of /p2/s13.mp4');
  assert.ok(!requested.some((u) => u.includes('ad11') || u.includes('s14')), 'ads and prefetch are not fetched');
  assert.equal(requested.filter((u) => u.endsWith('init.mp4')).length, 1);
});
