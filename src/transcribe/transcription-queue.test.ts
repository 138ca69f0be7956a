import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../../test/support/wait-for.ts';
import type { SttEngine } from './engines/stt-engine.ts';
import { createTranscriptionQueue } from './transcription-queue.ts';

test('a slow engine never blocks enqueue; over the backlog the OLDEST pending chunk is dropped', async () => {
  // A fake engine that finishes a chunk only when the test says so (slower than real time, no wall clock).
  const release: (() => void)[] = [];
  const engine: SttEngine = {
    name: 'slow',
    transcribe: () => new Promise((r) => release.push(() => r({ words: [], segments: [] }))),
  };
  const processed: number[] = [];
  const dropped: number[] = [];
  const queue = createTranscriptionQueue<{ id: number; durationMs: number }>({
    maxBacklogSec: 30,
    process: async (c) => {
      await engine.transcribe({ wavPath: '', durationMs: c.durationMs, overlapMs: 0 });
      processed.push(c.id);
    },
    onDrop: (c) => dropped.push(c.id),
  });
  for (let id = 0; id < 8; id++) queue.enqueue({ id, durationMs: 10_000 });
  assert.deepEqual(dropped, [1, 2, 3, 4], 'chunk 0 is being transcribed; 1–4 were the oldest pending');
  assert.equal(queue.backlogSec(), 30);
  // Let the engine finish one chunk at a time until the four kept chunks are processed.
  await waitFor(
    () => {
      if (release.length === 0 && processed.length >= 4) return true;
      release.shift()?.();
      return false;
    },
    { what: 'the kept chunks to be processed', everyMs: 0, detail: () => processed },
  );
  await queue.whenIdle();
  assert.deepEqual(processed, [0, 5, 6, 7]);
  assert.equal(queue.backlogSec(), 0);
});
