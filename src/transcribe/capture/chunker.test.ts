import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createChunker, type PcmChunk } from './chunker.ts';

const rate = 16000;
const tone = (sec: number, amp = 8000) => {
  const b = Buffer.alloc(Math.round(sec * rate) * 2);
  for (let i = 0; i < b.length / 2; i++)
    b.writeInt16LE(Math.round(amp * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  return b;
};
const silence = (sec: number) => Buffer.alloc(Math.round(sec * rate) * 2);
// Deterministic pseudo-random noise whose loudness varies, with one quieter stretch at 17–17.4 s.
const noise = (sec: number) => {
  const b = Buffer.alloc(Math.round(sec * rate) * 2);
  let x = 12345;
  for (let i = 0; i < b.length / 2; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const t = i / rate;
    const amp = t >= 17 && t < 17.4 ? 300 : 6000;
    b.writeInt16LE(Math.round(((x / 0x7fffffff) * 2 - 1) * amp), i * 2);
  }
  return b;
};
const collect = () => {
  const chunks: PcmChunk[] = [];
  return { chunks, chunker: createChunker({ onChunk: (c) => chunks.push(c) }) };
};

test('tone + silence: cuts in the middle of the first 300 ms pause after 10 s, with a 1.5 s overlap prefix', () => {
  const { chunks, chunker } = collect();
  // 6 s tone, 0.5 s pause (too early), 6 s tone, 0.6 s pause (the cut), 4 s tone
  for (const part of [tone(6), silence(0.5), tone(6), silence(0.6), tone(4)]) chunker.push(part);
  assert.equal(chunks.length, 1);
  const first = chunks[0] as PcmChunk;
  assert.equal(first.startSample, 0);
  assert.equal(first.overlapSamples, 0);
  const cutSec = first.endSample / rate;
  assert.ok(cutSec > 12.5 && cutSec < 13.1, `cut at ${cutSec}`);
  chunker.flush();
  assert.equal(chunks.length, 2);
  const second = chunks[1] as PcmChunk;
  assert.equal(second.startSample, first.endSample);
  assert.equal(second.overlapSamples, 1.5 * rate);
  assert.equal(second.pcm.length / 2, second.overlapSamples + (second.endSample - second.startSample));
  assert.equal(second.endSample, Math.round(17.1 * rate));
});

test('continuous noise: forced cut at the quietest window by 25 s, never later', () => {
  const { chunks, chunker } = collect();
  const audio = noise(40);
  for (let off = 0; off < audio.length; off += 6400) chunker.push(audio.subarray(off, off + 6400));
  assert.ok(chunks.length >= 1);
  const cutSec = (chunks[0] as PcmChunk).endSample / rate;
  assert.ok(cutSec >= 17 && cutSec <= 17.4, `cut at ${cutSec} should be in the quiet stretch`);
  for (const c of chunks) assert.ok(c.endSample - c.startSample <= 25 * rate);
});

test('silence-only audio is flagged silent; the overlap prefix survives a flush', () => {
  const { chunks, chunker } = collect();
  chunker.push(silence(3));
  chunker.flush();
  chunker.push(tone(2));
  chunker.flush();
  assert.equal(chunks[0]?.silent, true);
  assert.equal(chunks[1]?.silent, false);
  assert.equal(chunks[1]?.overlapSamples, 1.5 * rate);
  assert.equal(chunker.samples(), 5 * rate);
  assert.equal(chunks[1]?.startSample, 3 * rate);
});
