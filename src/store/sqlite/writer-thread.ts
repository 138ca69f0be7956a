// SQLite writes on their own thread: the caller's thread keeps reading sockets, parsing and validating while a
// batch is inserted, so the two cores of a small machine both work. Requests are answered in order; the
// thread keeps the process alive only while a request is pending, and it is restarted after a crash.

import { Worker } from 'node:worker_threads';
import type { EpochMs } from '../../domain.ts';
import { toThreadEntryUrl } from '../../thread-entry-url.ts';
import type { WriteOptions, WriteResult } from '../store.ts';
import type { EncodedBatch } from './writer.ts';

export type WriterRequest =
  | { id: number; op: 'write'; batch: EncodedBatch; options: WriteOptions }
  | { id: number; op: 'endStream'; streamId: string; endedAt: EpochMs }
  | { id: number; op: 'catchUp' }
  | { id: number; op: 'close' };

export type WriterReply =
  | { id: number; ok: true; value: WriteResult | number | undefined }
  | { id: number; ok: false; error: { message: string; code?: string } }
  | { id: number; progress: { done: number; total: number } };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface WriterThread {
  write(batch: EncodedBatch, options: WriteOptions): Promise<WriteResult>;
  endStream(streamId: string, endedAt: EpochMs): Promise<void>;
  catchUp(onProgress?: (done: number, total: number) => void): Promise<number>;
  /** Finishes the requests already sent, then closes the thread's connection. */
  close(): Promise<void>;
}

/**
 * The writer thread's young generation (MB; V8 splits it into its semi-spaces). Its garbage is each batch as it
 * arrives and its rows as they are bound: with V8's default (semi-spaces of 16 MB, which a flood grows them to)
 * its heap reached 38 MB with 12–20 MB live; at 8 MB the flood bench's peak RSS was 15–25 MB lower, its rate
 * and CPU time a message the same within the noise of alternating runs.
 */
const writerYoungMb = 8;

/** A writer thread over the database file at `path` (already migrated); the thread starts on first use. */
export function createWriterThread(path: string): WriterThread {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = new Worker(toThreadEntryUrl('writer-thread-worker', import.meta.url), {
      workerData: { path },
      resourceLimits: { maxYoungGenerationSizeMb: writerYoungMb },
    });
    w.on('message', (message: WriterReply) => {
      const p = pending.get(message.id);
      if (!p) return;
      if ('progress' in message) {
        p.onProgress?.(message.progress.done, message.progress.total);
        return;
      }
      pending.delete(message.id);
      if (pending.size === 0) w.unref();
      if (message.ok) p.resolve(message.value);
      else p.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
    });
    const fail = (error: Error) => {
      if (worker === w) worker = undefined;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    w.on('error', (error) => fail(new Error(`the database writer thread failed: ${error.message}`)));
    w.on('exit', (code) => fail(new Error(`the database writer thread exited (code ${code})`)));
    w.unref();
    worker = w;
    return w;
  }

  function request<T>(
    message: DistributiveOmit<WriterRequest, 'id'>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<T> {
    const w = ensureWorker();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      w.ref();
      w.postMessage({ ...message, id } as WriterRequest);
    });
  }

  return {
    write: (batch, options) => request<WriteResult>({ op: 'write', batch, options }),
    endStream: (streamId, endedAt) => request<undefined>({ op: 'endStream', streamId, endedAt }),
    catchUp: (onProgress) => request<number>({ op: 'catchUp' }, onProgress),
    async close() {
      if (!worker) return;
      const w = worker;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      await request({ op: 'close' });
      w.ref(); // until it has exited: the last reply unref'd it
      await exited;
    },
  };
}
