// The queue between capture and engines, bounded by seconds of pending audio: the capture never waits.
// When a new chunk would exceed the backlog, the OLDEST pending chunk is dropped (the caller records a gap).

export interface QueuedChunk {
  durationMs: number;
}

export interface TranscriptionQueueOptions<T extends QueuedChunk> {
  maxBacklogSec: number;
  process: (chunk: T) => Promise<void>;
  onDrop: (chunk: T) => void;
  concurrency?: number;
}

export interface TranscriptionQueue<T> {
  enqueue(chunk: T): void;
  /** Seconds of audio waiting (not counting chunks being transcribed). */
  backlogSec(): number;
  /** Resolves when nothing is pending or running. */
  whenIdle(): Promise<void>;
}

/** Creates the queue; `process` errors are the caller's to handle (they are swallowed here). */
export function createTranscriptionQueue<T extends QueuedChunk>(
  options: TranscriptionQueueOptions<T>,
): TranscriptionQueue<T> {
  const pending: T[] = [];
  const concurrency = options.concurrency ?? 1;
  let running = 0;
  let idleWaiters: (() => void)[] = [];
  const backlogMs = () => pending.reduce((a, c) => a + c.durationMs, 0);
  const pump = () => {
    while (running < concurrency && pending.length > 0) {
      const chunk = pending.shift() as T;
      running++;
      options
        .process(chunk)
        .catch(() => {})
        .finally(() => {
          running--;
          pump();
        });
    }
    if (running === 0 && pending.length === 0) {
      for (const w of idleWaiters) w();
      idleWaiters = [];
    }
  };
  return {
    enqueue(chunk) {
      pending.push(chunk);
      while (backlogMs() > options.maxBacklogSec * 1000 && pending.length > 1) options.onDrop(pending.shift() as T);
      pump();
    },
    backlogSec: () => backlogMs() / 1000,
    whenIdle: () =>
      running === 0 && pending.length === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)),
  };
}
