// A small pool of analytics worker threads for the web server: heavy questions (a report, a whole-history
// question) run there, each worker on its own store connection, so the serving thread stays free for the live
// page, SSE and every light request. A question whose client went away before a worker took it is never run; one
// already running stops at its next read of the store (a flag in memory both threads share), so the worker is free
// for the next question soon after, not once the abandoned answer is built. A question asked again while the same
// one (same name and arguments) still waits joins it: its answer is computed after both were asked, once.
// A worker answers a few questions at once: a report spends most of its time waiting for the database (at 500
// streams on PostgreSQL, 69 ms of which 18 ms on the worker's CPU), and one at a time left the worker idle
// while requests queued behind it.

import { Worker } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import { type ErrorCode, StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { toThreadEntryUrl } from '../../thread-entry-url.ts';
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

/** One asker of a question. */
interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
  signal?: AbortSignal;
}

interface Job {
  request: QuestionRequest;
  /** The question's name and arguments: an identical question asked while this one waits joins it. */
  key: string;
  waiters: Waiter[];
}

const isGone = (w: Waiter) => w.signal?.aborted === true;

/** A question a worker is answering, in one of its lanes. */
interface Running {
  job: Job;
  lane: number;
  /** Removes the job's abort listeners. */
  unlisten: () => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** By question id. */
  running: Map<number, Running>;
  /** Shared with the worker: per lane, the id of a question it must stop (see `analytics-worker.ts`). */
  stop: Int32Array;
}

/**
 * A worker's V8 old-generation limit. Far above what a question keeps alive at once (tens of MB), but under 256 MB
 * V8 lets the heap grow to 1.3× what survives a collection instead of 4× (its default for large limits), so the
 * garbage of finished questions does not pile up in each worker: ~40 MB less resident at peak, measured.
 */
const workerHeapMb = 256;
/**
 * A worker's young generation. A question's garbage dies young (rows, then the answer), and V8's default lets each
 * worker's new space grow to tens of MB between scavenges. 8 MB kept serve's peak resident memory ~40 MB lower
 * under the history bench, but reports then spent their time scavenging (10 clients: 30 reports in 1.0-1.1 s
 * against 0.75-0.9 s before, alternating runs); at 16 MB they were as fast as before.
 */
const workerYoungMb = 16;

/**
 * Starts `size` workers over the store `config` names (a file or a PostgreSQL URL, never `:memory:`), each
 * answering up to `questionsPerWorker` questions at once (default 1).
 */
export function createAnalyticsPool(options: {
  config: Config;
  size: number;
  log: Logger;
  questionsPerWorker?: number;
}): AnalyticsPool {
  const lanes = Math.max(1, options.questionsPerWorker ?? 1);
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];

  const start = (): Slot => {
    const stop = new Int32Array(new SharedArrayBuffer(4 * lanes));
    const worker = new Worker(toThreadEntryUrl('analytics-worker', import.meta.url), {
      workerData: { config: structuredClone(options.config), stop },
      resourceLimits: { maxOldGenerationSizeMb: workerHeapMb, maxYoungGenerationSizeMb: workerYoungMb },
    });
    worker.unref();
    const slot: Slot = {
      worker,
      running: new Map(),
      stop,
      ready: new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      }),
    };
    worker.on('message', (reply: QuestionReply | 'ready') => {
      if (reply === 'ready') return;
      const running = slot.running.get(reply.id);
      if (running) {
        slot.running.delete(reply.id);
        running.unlisten();
        for (const w of running.job.waiters) {
          if (reply.ok) w.resolve(reply.value);
          else if (reply.error.aborted) w.reject(abortError('the client went away; its question was stopped'));
          else
            w.reject(
              reply.error.code
                ? new StreamlensError(reply.error.code as ErrorCode, reply.error.message, reply.error.hint)
                : new Error(reply.error.message),
            );
        }
      }
      // An idle worker does not keep the process alive; a busy one does, until it answers.
      if (slot.running.size === 0) slot.worker.unref();
      pump();
    });
    worker.on('error', (error) => {
      options.log.warn('an analytics worker failed; starting another', { error: error.message });
      for (const running of slot.running.values()) {
        running.unlisten();
        for (const w of running.job.waiters) w.reject(error);
      }
      slot.running.clear();
      const i = slots.indexOf(slot);
      if (i >= 0 && !closed) slots[i] = start();
      pump();
    });
    return slot;
  };
  for (let i = 0; i < options.size; i++) slots.push(start());

  /**
   * The first queued question none like it is running: one asked again while the same one runs waits for it to
   * end (and later askers join it), so a burst of identical questions is answered by two runs, not one per lane.
   */
  function takeNext(): Job | undefined {
    const running = new Set(slots.flatMap((slot) => [...slot.running.values()].map((r) => r.job.key)));
    const i = queue.findIndex((job) => !running.has(job.key));
    return i < 0 ? undefined : queue.splice(i, 1)[0];
  }

  function pump(): void {
    for (const slot of slots) {
      while (slot.running.size < lanes) {
        // A queued question has askers: one who goes away while it waits leaves it at once (see `ask`).
        const job = takeNext();
        if (!job) return;
        const used = new Set([...slot.running.values()].map((r) => r.lane));
        const lane = [...Array(lanes).keys()].find((l) => !used.has(l))!;
        // Stopped once every one of its askers has gone (one without a signal never goes).
        const onAbort = () => {
          if (job.waiters.every(isGone)) Atomics.store(slot.stop, lane, job.request.id);
        };
        const signals = job.waiters.flatMap((w) => (w.signal ? [w.signal] : []));
        for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
        slot.running.set(job.request.id, {
          job,
          lane,
          unlisten: () => {
            for (const signal of signals) signal.removeEventListener('abort', onAbort);
          },
        });
        slot.worker.ref();
        void slot.ready.then(
          () => slot.worker.postMessage(job.request),
          (error: Error) => {
            for (const w of job.waiters) w.reject(error);
          },
        );
      }
    }
  }

  return {
    ask(name, args, signal) {
      if (closed) return Promise.reject(new StreamlensError('UNAVAILABLE', 'the web server is stopping'));
      if (signal?.aborted) return Promise.reject(abortError());
      return new Promise((resolve, reject) => {
        // The asker's listener goes once it is answered: a request that asks many questions (a report) would
        // otherwise pile one up on its signal per question.
        const onGone = () => {
          if (!queue.includes(queued)) return;
          queued.waiters = queued.waiters.filter((w) => w !== waiter);
          if (queued.waiters.length === 0) queue.splice(queue.indexOf(queued), 1);
          reject(abortError());
        };
        const settle =
          <T>(done: (value: T) => void) =>
          (value: T) => {
            signal?.removeEventListener('abort', onGone);
            done(value);
          };
        const waiter: Waiter = {
          resolve: settle(resolve as (value: unknown) => void),
          reject: settle(reject),
          signal,
        };
        const key = JSON.stringify([name, args]);
        let job = queue.find((j) => j.key === key);
        if (job) job.waiters.push(waiter);
        else {
          job = { request: { id: nextId++, name, args: args as unknown[] }, key, waiters: [waiter] };
          queue.push(job);
        }
        const queued = job;
        // Going away while it waits answers this asker at once; the question still runs for the others.
        signal?.addEventListener('abort', onGone, { once: true });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0))
        for (const w of job.waiters) w.reject(new StreamlensError('UNAVAILABLE', 'the web server is stopping'));
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
