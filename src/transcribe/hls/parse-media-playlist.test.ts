import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { parseMediaPlaylist } from './parse-media-playlist.ts';

const fixture = (name: string) => readTwitchFixture(`hls/${name}`);

test('fMP4 live playlist with a stitched midroll: ads flagged, prefetch ignored, PDT forms parsed', () => {
  const p = parseMediaPlaylist(fixture('media-live-midroll.m3u8'), 'https://edge.example/v1/playlist/x.m3u8');
  assert.equal(p.ended, false);
  assert.equal(p.targetDurationSec, 6);
  assert.deepEqual(
    p.segments.map((s) => [s.sequence, s.isAd, s.discontinuity]),
    [
      [2850, false, false],
      [2851, false, false],
      [2852, true, true],
      [2853, true, false],
      [2854, false, true],
      [2855, false, false],
    ],
  );
  assert.equal(p.segments[0]?.programDateTime, Date.parse('2026-10-01T19:57:16.377Z'));
  assert.equal(p.segments[4]?.programDateTime, Date.parse('2026-10-01T19:57:24.377Z'), '+0000 form');
  assert.equal(p.segments[4]?.durationSec, 2.005);
  assert.equal(p.segments[0]?.mapUrl, 'https://edge.example/v1/segment/init-0.mp4');
  assert.equal(p.segments[5]?.url, 'https://edge.example/v1/playlist/s2855.mp4');
  assert.ok(!p.segments.some((s) => s.url.includes('s2856')), 'prefetch is not a segment');
});

test('an ad known only by DATERANGE (title not Amazon) is still an ad; Amazon title alone too', () => {
  const text = [
    '#EXTM3U',
    '#EXT-X-MEDIA-SEQUENCE:1',
    '#EXT-X-DATERANGE:ID="stitched-ad-1",CLASS="twitch-stitched-ad",START-DATE="2024-01-01T00:00:02.000Z",DURATION=2',
    '#EXT-X-PROGRAM-DATE-TIME:2024-01-01T00:00:00.000Z',
    '#EXTINF:2.000,live',
    'a.ts',
    '#EXTINF:2.000,live',
    'b.ts',
    '#EXTINF:2.000,live',
    'c.ts',
    '#EXTINF:2.000,Amazon|1',
    'd.ts',
  ].join('\n');
  const p = parseMediaPlaylist(text, 'http://h/');
  assert.deepEqual(
    p.segments.map((s) => s.isAd),
    [false, true, false, true],
  );
  assert.equal(p.segments[2]?.programDateTime, Date.parse('2024-01-01T00:00:04.000Z'), 'PDT carried forward');
});

test('MPEG-TS playlist from ffmpeg: no map, +0000 PDT, ENDLIST', () => {
  const p = parseMediaPlaylist(fixture('media-ts-ended.m3u8'), 'http://h/160p30/index.m3u8');
  assert.equal(p.ended, true);
  assert.equal(p.segments[0]?.mapUrl, undefined);
  assert.equal(p.segments[0]?.sequence, 7);
  assert.equal(p.segments[0]?.programDateTime, Date.parse('2024-01-01T00:00:00Z'));
  assert.equal(p.segments[1]?.url, 'http://h/160p30/seg00008.ts');
});
