// Benchmark of the default engine: ~60 s of espeak-ng speech through the HLS path (fMP4 segments → ffmpeg
// decoder → silence-aware chunker → pocketsphinx per chunk). Prints CPU real-time factor, chunk latency (as if
// chunks arrived in real time, one worker) and WER; the last line is JSON for bench/run.ts.
// Run: node --import tsx bench/transcribe.bench.ts

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/log.ts';
import { renderStreamSegments } from '../src/sim/hls/render-stream-segments.ts';
import { createChunker, type PcmChunk } from '../src/transcribe/capture/chunker.ts';
import { startPcmDecoder } from '../src/transcribe/capture/pcm-decoder.ts';
import { toWav } from '../src/transcribe/capture/wav.ts';
import { defaultPocketsphinxModelDir, parsePocketsphinxOutput } from '../src/transcribe/engines/pocketsphinx-engine.ts';
import { trimOverlap } from '../src/transcribe/engines/stt-engine.ts';
import { toWordErrorRate } from '../src/transcribe/word-error-rate.ts';

const script = [
  'Hey everyone, welcome back to the stream.',
  'Thanks so much for coming out tonight, it is really good to see you all.',
  'Today we are going to play some ranked matches and try to climb to diamond.',
  'If you are new here, please hit that follow button, it really helps the channel grow.',
  'Okay, let me check the chat real quick.',
  'Somebody is asking what my settings are, I will put them in the description later.',
  'Alright, the match is starting now, we are on the blue team.',
  'I am going to pick the support role because our team needs healing.',
  'Watch out, there is an enemy on the left side behind the wall.',
  'Nice, we got the first kill, that was a great play by the whole team.',
  'Thank you for the five gifted subs, you are amazing.',
  'Remember to stay hydrated and take a break if you need one.',
];
// 160 wpm ≈ 375 ms a word, plus a pause between lines.
let at = 2000;
const lines = script.map((text) => {
  const line = { offsetMs: at, text };
  at += text.split(' ').length * 375 + 900;
  return line;
});

const rendered = await renderStreamSegments(lines);
const container = Buffer.concat([
  readFileSync(join(rendered.dir, 'audio', 'init.mp4')),
  ...rendered.audio.map((s) => readFileSync(join(rendered.dir, 'audio', s.file))),
]);
const chunks: PcmChunk[] = [];
const chunker = createChunker({ onChunk: (c) => chunks.push(c) });
const decoder = startPcmDecoder((pcm) => chunker.push(pcm), silentLogger);
await decoder.write(container);
await decoder.end();
chunker.flush();
const audioSec = chunks.reduce((a, c) => a + (c.endSample - c.startSample), 0) / 16000;

const dir = mkdtempSync(join(tmpdir(), 'sl-bench-'));
const model = defaultPocketsphinxModelDir;
let cpuSec = 0;
let freeAt = 0;
const latencies: number[] = [];
const texts: string[] = [];
for (const [i, c] of chunks.entries()) {
  const wav = join(dir, `c${i}.wav`);
  writeFileSync(wav, toWav(c.pcm));
  const timeFile = `${wav}.time`;
  const started = performance.now();
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      '/usr/bin/time',
      [
        '-f',
        '%U %S',
        '-o',
        timeFile,
        'pocketsphinx_continuous',
        '-infile',
        wav,
        '-time',
        'yes',
        '-hmm',
        `${model}/en-us`,
        '-lm',
        `${model}/en-us.lm.bin`,
        '-dict',
        `${model}/cmudict-en-us.dict`,
        '-logfn',
        '/dev/null',
      ],
      { maxBuffer: 1 << 24 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
  const decodeMs = performance.now() - started;
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
  cpuSec += (user ?? 0) + (sys ?? 0);
  const result = trimOverlap(parsePocketsphinxOutput(out), (c.overlapSamples / 16000) * 1000);
  texts.push(result.words.map((w) => w.text).join(' '));
  // Real-time arrival model: the chunk is ready when its audio ends; one worker decodes in order.
  const readyMs = (c.endSample / 16000) * 1000;
  const finish = Math.max(readyMs, freeAt) + decodeMs;
  freeAt = finish;
  latencies.push(finish - readyMs);
}
rmSync(dir, { recursive: true, force: true });

const sorted = [...latencies].sort((a, b) => a - b);
const rtf = cpuSec / audioSec;
const wer = toWordErrorRate(script.join(' '), texts.join(' '));
const p50 = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
const max = sorted.at(-1) ?? 0;
console.log(
  `transcribe (pocketsphinx, ${chunks.length} chunks, ${audioSec.toFixed(1)} s audio): ` +
    `RTF ${rtf.toFixed(3)} CPU-s/audio-s, chunk latency p50 ${(p50 / 1000).toFixed(2)} s max ${(max / 1000).toFixed(2)} s, WER ${(wer * 100).toFixed(1)} %`,
);
console.log(
  JSON.stringify({
    transcribe: {
      rtf: +rtf.toFixed(3),
      chunkLatencyP50Ms: Math.round(p50),
      chunkLatencyMaxMs: Math.round(max),
      wer: +wer.toFixed(3),
    },
  }),
);
