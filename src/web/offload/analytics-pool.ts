// A small pool of analytics worker threads for the web server: heavy questions (a report, a whole-history
// question) run there, each worker on its own store connection, so the serving thread stays free for the live
// page, SSE and every light request. A question whose client went away before a worker took it is never run; one
// already running stops at its next read of the store (a flag in memory both threads share), so the worker is free
// for the next question soon after, not once the abandoned answer is built.

import { Worker } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import { type ErrorCode, StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type {
  OffloadedName,
  QuestionArgs,
  QuestionReply,
  QuestionRequest,
  QuestionResult,
} from './offloaded-questions.ts';

export interface AnalyticsPool {
  /**
   * Answers `name(store, ...args)` on a worker; rejects with AbortError when `signal` fires: at once while it
   * waits, or once the worker has stopped it (at its next read) while it runs.
   */
  ask<K extends OffloadedName>(name: K, args: QuestionArgs<K>, signal?: AbortSignal): Promise<QuestionResult<K>>;
  close(): Promise<void>;
}

interface Job {
  request: QuestionRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: Job | undefined;
  /** Shared with the worker: the id of the question it must stop (see `analytics-worker.ts`). */
  stop: Int32Array;
  /** Removes the running job's abort listener. */
  unlisten: (() => void) | undefined;
}

/**
 * A worker's V8 old-generation limit. Far above what a question keeps alive at once (tens of MB), but under 256 MB
 * V8 lets the heap grow to 1.3× what survives a collection instead of 4× (its default for large limits), so the
 * garbage of finished questions does not pile up in each worker: ~40 MB less resident at peak, measured.
 */
const workerHeapMb = 256;

/** Starts `size` workers over the store `config` names (a file or a PostgreSQL URL, never `:memory:`). */
export function createAnalyticsPool(options: { config: Config; size: number; log: Logger }): AnalyticsPool {
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];

  const start = (): Slot => {
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./analytics-worker-entry.mjs', import.meta.url), {
      workerData: { config: structuredClone(options.config), stop },
      resourceLimits: { maxOldGenerationSizeMb: workerHeapMb },
    });
    worker.unref();
    const slot: Slot = {
      worker,
      busy: undefined,
      stop,
      unlisten: undefined,
      ready: new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      }),
    };
    worker.on('message', (reply: QuestionReply | 'ready') => {
      if (reply === 'ready') return;
      const job = slot.busy;
      slot.busy = undefined;
      slot.unlisten?.();
      slot.unlisten = undefined;
      // An idle worker does not keep the process alive; a busy one does, until it answers.
      slot.worker.unref();
      if (job && job.request.id === reply.id) {
        if (reply.ok) job.resolve(reply.value);
        else if (reply.error.aborted) job.reject(abortError('the client went away; its question was stopped'));
        else
          job.reject(
            reply.error.code
              ? new StreamlensError(reply.error.code as ErrorCode, reply.error.message, reply.error.hint)
              : new Error(reply.error.message),
          );
      }
      pump();
    });
    worker.on('error', (error) => {
      options.log.warn('an analytics worker failed; starting another', { error: error.message });
      slot.busy?.reject(error);
      slot.busy = undefined;
      slot.unlisten?.();
      const i = slots.indexOf(slot);
      if (i >= 0 && !closed) slots[i] = start();
      pump();
    });
    return slot;
  };
  for (let i = 0; i < options.size; i++) slots.push(start());

  function pump(): void {
    for (const slot of slots) {
      if (slot.busy) continue;
      let job = queue.shift();
      while (job?.signal?.aborted) {
        job.reject(abortError());
        job = queue.shift();
      }
      if (!job) return;
      slot.busy = job;
      const { signal } = job;
      if (signal) {
        const onAbort = () => Atomics.store(slot.stop, 0, job.request.id);
        signal.addEventListener('abort', onAbort, { once: true });
        slot.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      slot.worker.ref();
      void slot.ready.then(
        () => slot.worker.postMessage(job.request),
        (error: Error) => job.reject(error),
      );
    }
  }

  return {
    ask(name, args, signal) {
      if (closed) return Promise.reject(new StreamlensError('UNAVAILABLE', 'the web server is stopping'));
      if (signal?.aborted) return Promise.reject(abortError());
      return new Promise((resolve, reject) => {
        const job: Job = {
          request: { id: nextId++, name, args: args as unknown[] },
          resolve: resolve as (value: unknown) => void,
          reject,
          signal,
        };
        queue.push(job);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new StreamlensError('UNAVAILABLE', 'the web server is stopping'));
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              // A worker that does not end within 2 s of closing its store is stopped.
              const timer = setTimeout(() => void s.worker.terminate(), 2000);
              s.worker.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              s.worker.ref();
              s.worker.postMessage('close');
            }),
        ),
      );
    },
  };
}

function abortError(message = 'the client went away before its question was answered'): Error {
  return new DOMException(message, 'AbortError');
}
