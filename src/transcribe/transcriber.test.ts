// End to end: simulator HLS (10× faster than real time, with a midroll ad) → capture → pocketsphinx →
// TranscriptSegments and gaps collected from a recording Ingest.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRecordingIngest } from '../../test/support/create-recording-ingest.ts';
import { skipWithout } from '../../test/support/skip-without.ts';
import { loadConfig } from '../config.ts';
import type { TranscriptGap, TranscriptSegment } from '../domain.ts';
import { createLogger, silentLogger } from '../log.ts';
import { startHlsSimulator } from '../sim/hls/hls-simulator.ts';
import { createTwitchResolver } from './hls/twitch-resolver.ts';
import { startTranscriber } from './transcriber.ts';
import { toWordErrorRate } from './word-error-rate.ts';

process.env.METADATA_SERVER_DETECTION = 'none';

export const scriptLines = [
  { offsetMs: 2000, text: 'Hey everyone, welcome back to the stream.' },
  { offsetMs: 6500, text: 'Today we are going to play some ranked matches and try to climb to diamond.' },
  { offsetMs: 12500, text: 'If you are new here, please hit that follow button.' },
  { offsetMs: 17000, text: 'Okay, let me check the chat real quick.' },
  { offsetMs: 21000, text: 'Thank you for the five gifted subs, you are amazing.' },
  { offsetMs: 25500, text: 'Remember to stay hydrated and take a break if you need one.' },
  { offsetMs: 30500, text: 'Alright, the match is starting now, we are on the blue team.' },
  { offsetMs: 43000, text: 'We won the round, good game everybody.' },
];
// Content words of the script; pocketsphinx on espeak speech misses some (WER ≈ 0.5, notes G1), so the bound
// is "most of them", not all.
const keywords = [
  'welcome',
  'today',
  'play',
  'diamond',
  'follow',
  'amazing',
  'hydrated',
  'break',
  'blue team',
  'everybody',
];

const skip = await skipWithout('espeak-ng', 'ffmpeg', 'pocketsphinx');

test('simulated Twitch stream → capture → pocketsphinx → timestamped segments, the ad as a gap', { skip }, async () => {
  const speed = 10;
  const startAt = Date.UTC(2026, 0, 1, 20, 0, 0);
  let t0 = Number.POSITIVE_INFINITY;
  const clock = { now: () => startAt + Math.max(0, Date.now() - t0) * speed };
  const sim = await startHlsSimulator({
    lines: scriptLines,
    startAt,
    clock,
    ads: [{ offsetMs: 36500, durationMs: 4000 }],
    login: 'simstreamer',
    channelId: '1001',
  });
  t0 = Date.now(); // the stream starts once the (possibly first-time) rendering is done
  try {
    const ingest = createRecordingIngest();
    const config = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'sl-e2e-')) });
    const transcriber = startTranscriber({
      channelId: '1001',
      login: 'simstreamer',
      config,
      ingest,
      log: process.env.SL_DEBUG ? createLogger({ level: 'debug' }) : silentLogger,
      resolver: createTwitchResolver({ gqlUrl: sim.gqlUrl, usherUrl: sim.usherUrl }),
      capture: { fromLiveEdge: false, timeScale: speed },
    });
    await transcriber.done;
    const segments = ingest.records.flatMap((r) => (r.kind === 'transcript' ? [r.segment] : []));
    const gaps = ingest.records.flatMap((r) => (r.kind === 'transcriptGap' ? [r.gap] : []));
    const hypothesis = segments.map((s) => s.text).join(' ');
    const wer = toWordErrorRate(scriptLines.map((l) => l.text).join(' '), hypothesis);
    const found = keywords.filter((k) => hypothesis.includes(k));
    console.log(
      JSON.stringify({ wer, found, segments: segments.map(show(startAt)), gaps: gaps.map(showGap(startAt)) }),
    );

    assert.ok(segments.length >= 4, `${segments.length} segments`);
    assert.ok(wer < 0.6, `WER ${wer}`);
    assert.ok(found.length >= Math.ceil(keywords.length * 0.6), `keywords found: ${found.join(',')}`);
    assert.equal(new Set(segments.map((s) => s.id)).size, segments.length, 'ids are unique');
    assert.ok(segments.every((s) => s.engine === 'pocketsphinx' && s.confidence >= 0 && s.confidence <= 1));
    // Every segment starts within ~1 s of a scripted line's span; most start within 1 s of a line's offset.
    const starts = scriptLines.map((l) => startAt + l.offsetMs);
    const nearLine = segments.filter((s) => starts.some((t) => Math.abs(s.startTs - t) <= 1000));
    assert.ok(nearLine.length >= segments.length * 0.6, `${nearLine.length}/${segments.length} start near a line`);
    assert.ok(segments.every((s) => s.startTs >= startAt + 1000 && s.endTs <= startAt + 48_000));
    const firstLine = segments.find((s) => s.startTs < startAt + 6000);
    assert.ok(firstLine && Math.abs(firstLine.startTs - starts[0]!) <= 1000, 'first line on time');
    // The midroll became a gap of about its length, and nothing was transcribed inside it.
    const ad = gaps.find((g) => g.reason === 'ad');
    assert.ok(ad, 'an ad gap');
    assert.ok(Math.abs(ad.startTs - (startAt + 36500)) <= 2100 && Math.abs(ad.endTs - (startAt + 40500)) <= 2100);
    assert.ok(!segments.some((s) => s.startTs > ad.startTs && s.startTs < ad.endTs));
    assert.ok(!gaps.some((g) => g.reason === 'stt-backlog'));
  } finally {
    await sim.stop();
  }
});

const show = (startAt: number) => (s: TranscriptSegment) => [
  s.startTs - startAt,
  s.endTs - startAt,
  s.text,
  +s.confidence.toFixed(2),
];
const showGap = (startAt: number) => (g: TranscriptGap) => [g.startTs - startAt, g.endTs - startAt, g.reason];
