import assert from 'node:assert/strict';
import { test } from 'node:test';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { parseMasterPlaylist, pickAudioVariant } from '../../transcribe/hls/parse-master-playlist.ts';
import { parseMediaPlaylist } from '../../transcribe/hls/parse-media-playlist.ts';
import { createTwitchResolver } from '../../transcribe/hls/twitch-resolver.ts';
import { startHlsSimulator } from './hls-simulator.ts';

const startAt = Date.UTC(2026, 0, 1, 12, 0, 0);
const lines = [
  { offsetMs: 1000, text: 'hello chat' },
  { offsetMs: 15000, text: 'thanks for the follow' },
];

// The simulator renders its segments with espeak-ng and ffmpeg.
const skip = await skipWithout('espeak-ng', 'ffmpeg');

test('GQL token → usher v1/v2 masters → sliding audio_only window with PDT, ads, prefetch, no ENDLIST', {
  skip,
}, async () => {
  let now = startAt - 5000;
  const sim = await startHlsSimulator({
    lines,
    startAt,
    clock: { now: () => now },
    ads: [{ offsetMs: 6000, durationMs: 4000 }],
    login: 'SimChan',
    channelId: '77',
  });
  try {
    const resolver = createTwitchResolver({ gqlUrl: sim.gqlUrl, usherUrl: sim.usherUrl });
    const master = await resolver.resolve('simchan');
    const offline = await fetch(master);
    assert.equal(offline.status, 404, 'before startAt the channel is offline');
    assert.match(await offline.text(), /transcode_does_not_exist/);
    await assert.rejects(resolver.resolve('nobody'), /offline or does not exist/);
    const forged = await fetch(master.replace(/sig=[^&]+/, 'sig=0000'));
    assert.equal(forged.status, 403);

    now = startAt + 13_000;
    for (const version of [1, 2] as const) {
      const url = sim.masterUrl(version);
      const text = await (await fetch(url)).text();
      assert.match(text, version === 1 ? /#EXT-X-TWITCH-INFO:/ : /#EXT-X-SESSION-DATA:/);
      const audio = pickAudioVariant(parseMasterPlaylist(text, url).variants);
      assert.ok(audio?.url.includes('/v1/playlist/'), 'absolute URL on another path');
    }
    const url = pickAudioVariant(parseMasterPlaylist(await (await fetch(master)).text(), master).variants)?.url ?? '';
    const text = await (await fetch(url)).text();
    const media = parseMediaPlaylist(text, url);
    assert.equal(media.ended, false);
    assert.match(text, /#EXT-X-TWITCH-PREFETCH:/);
    assert.match(text, /CLASS="twitch-stitched-ad"/);
    assert.ok(media.segments.length >= 5 && media.segments.length <= 6);
    assert.equal(media.segments[0]?.programDateTime, startAt, 'PDT follows the clock from startAt');
    assert.deepEqual(
      media.segments.map((s) => s.isAd),
      [false, false, false, true, true, false].slice(0, media.segments.length),
    );
    assert.ok(media.segments[0]?.mapUrl?.endsWith('/init.mp4'));
    const seg = await fetch(media.segments[0]?.url ?? '');
    assert.equal(seg.status, 200);
    assert.ok((await seg.arrayBuffer()).byteLength > 1000);

    now = startAt + 19_000;
    const later = parseMediaPlaylist(await (await fetch(url)).text(), url);
    assert.ok((later.segments[0]?.sequence ?? 0) >= 3, 'the window slid');
    assert.equal(later.segments.length, 6);

    const video = parseMasterPlaylist(await (await fetch(master)).text(), master).variants.find(
      (v) => v.name === '160p30',
    );
    const videoText = await (await fetch(video?.url ?? '')).text();
    assert.match(videoText, /\+0000\n/, 'the video rendition uses the ffmpeg PDT form');
    assert.match(videoText, /\.ts\n/);
  } finally {
    await sim.stop();
  }
});
