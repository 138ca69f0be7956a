import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { parseMasterPlaylist, pickAudioVariant } from './parse-master-playlist.ts';

const fixture = (name: string) => readTwitchFixture(`hls/${name}`);

test('usher v2 master: IVS-NAME variants, audio_only picked with its absolute URL', () => {
  const m = parseMasterPlaylist(fixture('usher-multivariant-live-v2.m3u8'), 'https://usher.example/api/v2/x.m3u8');
  assert.equal(m.variants.length, 6);
  assert.deepEqual(
    m.variants.map((v) => v.name),
    ['720p60', '480p', '360p', '160p', 'audio_only', '1080p60'],
  );
  assert.equal(pickAudioVariant(m.variants)?.url, 'https://mocked/audio_only.m3u8');
});

test('usher v1 / VOD master: EXT-X-MEDIA names, relative URLs resolved, VIDEO="audio_only" picked', () => {
  const m = parseMasterPlaylist(fixture('usher-master-vod.m3u8'), 'https://usher.example/vod/v2/1.m3u8');
  const audio = pickAudioVariant(m.variants);
  assert.equal(audio?.name, 'Audio Only');
  assert.equal(audio?.url, 'https://usher.example/vod/v2/audio_only.m3u8');
  assert.equal(m.variants[0]?.name, 'Source');
});

test('v1 TWITCH-INFO and v2 SESSION-DATA land in info', () => {
  const v1 = parseMasterPlaylist(
    '#EXTM3U\n#EXT-X-TWITCH-INFO:NODE="video-edge-1",SERVER-TIME="1704067200.00",BROADCAST-ID="42"\n',
    'http://x/',
  );
  assert.equal(v1.info['BROADCAST-ID'], '42');
  const v2 = parseMasterPlaylist('#EXTM3U\n#EXT-X-SESSION-DATA:DATA-ID="NODE",VALUE="a.b,c"\n', 'http://x/');
  assert.equal(v2.info.NODE, 'a.b,c');
});

test('no audio_only: a variant without a video codec, else the lowest bandwidth', () => {
  const text = [
    '#EXTM3U',
    '#EXT-X-STREAM-INF:BANDWIDTH=900,CODECS="avc1.4D401F,mp4a.40.2"',
    'hi.m3u8',
    '#EXT-X-STREAM-INF:BANDWIDTH=500,CODECS="hev1.1.6.L93.B0,mp4a.40.2"',
    'lo.m3u8',
  ].join('\n');
  assert.equal(pickAudioVariant(parseMasterPlaylist(text, 'http://h/p/').variants)?.url, 'http://h/p/lo.m3u8');
  const withAac = `${text}\n#EXT-X-STREAM-INF:BANDWIDTH=1000,CODECS="mp4a.40.2"\na.m3u8`;
  assert.equal(pickAudioVariant(parseMasterPlaylist(withAac, 'http://h/p/').variants)?.url, 'http://h/p/a.m3u8');
  assert.equal(pickAudioVariant([]), undefined);
});
