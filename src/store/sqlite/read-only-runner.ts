// Runs read-only SQL in a child process with a time and a memory limit: the only way to stop a long or greedy
// better-sqlite3 query is to kill the process running it. SQLite builds values (group_concat, printf, recursive
// CTEs) in its own memory, outside V8's heap limit, so the child's resident size is sampled while it works.

import { type ChildProcess, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { StreamlensError } from '../../errors.ts';
import {
  defaultReadOnlyMaxBytes,
  maxReadOnlyRowBytes,
  type ReadOnlyQueryOptions,
  type ReadOnlyQueryResult,
} from '../store.ts';

export interface ReadOnlyRunner {
  run(sql: string, options: ReadOnlyQueryOptions): Promise<ReadOnlyQueryResult>;
  close(): Promise<void>;
}

export interface ReadOnlyRunnerOptions {
  /** Resident memory the child may reach while a query runs (default 256 MiB); it is killed beyond. */
  maxMemoryBytes?: number;
  /** How often the child's memory is sampled (default 50 ms). */
  memoryCheckMs?: number;
}

type Reply = {
  id: number;
  error?: string;
  hint?: string;
  code?: 'READ_ONLY_VIOLATION' | 'QUERY_FAILED';
} & Partial<ReadOnlyQueryResult>;

interface Worker {
  process: ChildProcess;
  /** Replies this child owes; a dead child fails only its own queries. */
  waiting: Map<number, (reply: Reply) => void>;
}

const narrowHint = 'narrow it with WHERE on ts or stream_id, or aggregate less';

/** A runner over the database file at `path`; the child starts on first use and restarts after a kill. */
export function createReadOnlyRunner(path: string, options: ReadOnlyRunnerOptions = {}): ReadOnlyRunner {
  const maxMemoryBytes = options.maxMemoryBytes ?? 256 * 1024 * 1024;
  let worker: Worker | undefined;
  let nextId = 1;

  function ensureWorker(): Worker {
    if (worker) return worker;
    // V8's own heap stays well under the cap, so rows a query returns cannot grow past it unnoticed.
    const heapMb = Math.max(32, Math.floor(maxMemoryBytes / 1024 / 1024 / 2));
    const child = fork(
      fileURLToPath(new URL('./read-only-child.mjs', import.meta.url)),
      [path, String(maxReadOnlyRowBytes)],
      {
        execArgv: [`--max-old-space-size=${heapMb}`],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      },
    );
    const w: Worker = { process: child, waiting: new Map() };
    child.on('message', (reply: Reply) => {
      w.waiting.get(reply.id)?.(reply);
      w.waiting.delete(reply.id);
    });
    child.on('exit', (code, signal) => {
      const error =
        signal === 'SIGABRT' || code === 134
          ? 'the query needed more memory than allowed'
          : 'the query process ended unexpectedly';
      for (const resolve of w.waiting.values()) resolve({ id: 0, error, code: 'QUERY_FAILED', hint: narrowHint });
      w.waiting.clear();
      if (worker === w) worker = undefined;
    });
    child.unref();
    child.channel?.unref();
    worker = w;
    return w;
  }

  /** Kills a child and fails what it owed with `message`; the next query starts a new one. */
  function kill(w: Worker, message: string): void {
    if (worker === w) worker = undefined;
    for (const resolve of w.waiting.values())
      resolve({ id: 0, error: message, code: 'QUERY_FAILED', hint: narrowHint });
    w.waiting.clear();
    w.process.kill('SIGKILL');
  }

  return {
    run(sql, queryOptions) {
      const w = ensureWorker();
      const id = nextId++;
      return new Promise<ReadOnlyQueryResult>((resolve, reject) => {
        const timer = setTimeout(
          () => kill(w, `query stopped after ${queryOptions.timeoutMs} ms`),
          queryOptions.timeoutMs,
        );
        const memory = watchMemory(w.process.pid, options.memoryCheckMs ?? 50, (rss) => {
          if (rss > maxMemoryBytes)
            kill(w, `query stopped: it needed more than ${Math.round(maxMemoryBytes / 1024 / 1024)} MB of memory`);
        });
        w.waiting.set(id, (reply) => {
          clearTimeout(timer);
          memory.stop();
          if (reply.error)
            reject(
              new StreamlensError(
                reply.code ?? 'QUERY_FAILED',
                reply.error,
                reply.hint ??
                  (reply.code === 'READ_ONLY_VIOLATION' ? 'streamlens query only reads; use SELECT' : undefined),
              ),
            );
          else
            resolve({
              columns: reply.columns ?? [],
              rows: reply.rows ?? [],
              truncated: reply.truncated ?? false,
              ...(reply.byteLimitReached ? { byteLimitReached: true } : {}),
            });
        });
        const message = {
          id,
          sql,
          rowLimit: queryOptions.rowLimit,
          maxBytes: queryOptions.maxBytes ?? defaultReadOnlyMaxBytes,
        };
        w.process.send(message, (error) => {
          if (!error) return;
          w.waiting.get(id)?.({ id, error: error.message, code: 'QUERY_FAILED' });
          w.waiting.delete(id);
        });
      });
    },
    async close() {
      if (worker) kill(worker, 'the store was closed');
    },
  };
}

/** Samples a process's resident memory (Linux /proc; elsewhere nothing is sampled and only V8's cap holds). */
function watchMemory(pid: number | undefined, everyMs: number, onSample: (rssBytes: number) => void): { stop(): void } {
  if (pid === undefined || process.platform !== 'linux') return { stop() {} };
  let stopped = false;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8').then(
      (status) => {
        const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
        if (kb && !stopped) onSample(Number(kb[1]) * 1024);
      },
      () => {},
    );
  }, everyMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
