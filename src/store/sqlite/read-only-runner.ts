// Runs read-only SQL in a child process with a time and a memory limit: the only way to stop a long or greedy
// better-sqlite3 query is to kill the process running it. A query's limit counts from when a started, idle
// process receives it, so a slow start-up (a busy machine) has its own deadline and error instead of eating the
// query's time. SQLite builds values (group_concat, printf, recursive CTEs) in its own memory, outside V8's heap
// limit, so the child's resident size is sampled while a query runs.

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
  /** How long the query process may take to start and open the database; 60 s by default. */
  startupTimeoutMs?: number;
  /** Resident memory the query process may reach while a query runs (default 256 MiB); it is killed beyond. */
  maxMemoryBytes?: number;
  /** How often its memory is sampled (default 50 ms). */
  memoryCheckMs?: number;
}

/** What the child sends: ready once the database is open, or why it could not open it; then one reply a query. */
type ChildMessage =
  | { ready: true }
  | { failed: string }
  | ({
      id: number;
      error?: string;
      hint?: string;
      code?: 'READ_ONLY_VIOLATION' | 'QUERY_FAILED';
    } & Partial<ReadOnlyQueryResult>);

interface Job {
  sql: string;
  options: ReadOnlyQueryOptions;
  resolve(result: ReadOnlyQueryResult): void;
  reject(error: Error): void;
}

interface QueryProcess {
  child: ChildProcess;
  ready: boolean;
  startupTimer: NodeJS.Timeout;
  running?: { id: number; job: Job; timer: NodeJS.Timeout; memory: { stop(): void } };
}

const narrowHint = 'narrow it with WHERE on ts or stream_id, or aggregate less';

const childPath = fileURLToPath(new URL('./read-only-child.mjs', import.meta.url));

/**
 * A runner over the database file at `path`. The process starts on first use and runs one query at a time (the
 * rest wait in this process, their clocks not running); a query past its limit is killed with the process, and
 * the next query starts a new one.
 */
export function createReadOnlyRunner(path: string, options: ReadOnlyRunnerOptions = {}): ReadOnlyRunner {
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const maxMemoryBytes = options.maxMemoryBytes ?? 256 * 1024 * 1024;
  // V8's own heap stays well under the cap, so the rows a query returns cannot pass it unnoticed.
  const heapMb = Math.max(32, Math.floor(maxMemoryBytes / 1024 / 1024 / 2));
  const queue: Job[] = [];
  let current: QueryProcess | undefined;
  let nextId = 1;

  function pump(): void {
    if (queue.length === 0) return;
    if (!current) {
      current = start();
      return;
    }
    const qp = current;
    if (!qp.ready || qp.running) return;
    const job = queue.shift()!;
    const id = nextId++;
    const stop = (message: string) => {
      discard(qp);
      job.reject(new StreamlensError('QUERY_FAILED', message, narrowHint));
      pump();
    };
    const timer = setTimeout(() => stop(`query stopped after ${job.options.timeoutMs} ms`), job.options.timeoutMs);
    const memory = watchMemory(qp.child.pid, options.memoryCheckMs ?? 50, (rss) => {
      if (rss > maxMemoryBytes && qp.running?.id === id)
        stop(`query stopped: it needed more than ${Math.round(maxMemoryBytes / 1024 / 1024)} MB of memory`);
    });
    qp.running = { id, job, timer, memory };
    const message = {
      id,
      sql: job.sql,
      rowLimit: job.options.rowLimit,
      maxBytes: job.options.maxBytes ?? defaultReadOnlyMaxBytes,
    };
    qp.child.send(message, (error) => {
      if (error) finish(qp, { id, error: error.message, code: 'QUERY_FAILED' });
    });
  }

  function start(): QueryProcess {
    const child = fork(childPath, [path, String(maxReadOnlyRowBytes)], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const qp: QueryProcess = {
      child,
      ready: false,
      startupTimer: setTimeout(() => {
        discard(qp);
        failQueued(
          new StreamlensError(
            'UNAVAILABLE',
            `the read-only query process did not start within ${startupTimeoutMs} ms`,
            'the machine may be overloaded; try again',
          ),
        );
      }, startupTimeoutMs),
    };
    child.on('message', (message: ChildMessage) => {
      if (qp !== current) return;
      if ('ready' in message) {
        clearTimeout(qp.startupTimer);
        qp.ready = true;
        pump();
      } else if ('failed' in message) {
        discard(qp);
        failQueued(
          new StreamlensError(
            'FILE_UNREADABLE',
            `cannot open ${path} for read-only queries: ${message.failed}`,
            'check that --db names a streamlens database',
          ),
        );
      } else finish(qp, message);
    });
    child.on('exit', (code, signal) => {
      if (qp !== current) return;
      current = undefined;
      clearTimeout(qp.startupTimer);
      if (qp.running) {
        clearTimeout(qp.running.timer);
        qp.running.memory.stop();
        // V8 aborts a process whose heap is over its limit.
        const message =
          signal === 'SIGABRT' || code === 134
            ? 'query stopped: it needed more memory than allowed'
            : 'the query process ended unexpectedly';
        qp.running.job.reject(new StreamlensError('QUERY_FAILED', message, narrowHint));
      }
      if (qp.ready) pump();
      else
        failQueued(
          new StreamlensError('UNAVAILABLE', `the read-only query process ended while starting (${signal ?? code})`),
        );
    });
    child.unref();
    child.channel?.unref();
    return qp;
  }

  function finish(qp: QueryProcess, reply: Extract<ChildMessage, { id: number }>): void {
    const running = qp.running;
    if (!running || running.id !== reply.id) return;
    clearTimeout(running.timer);
    running.memory.stop();
    qp.running = undefined;
    if (reply.error)
      running.job.reject(
        new StreamlensError(
          reply.code ?? 'QUERY_FAILED',
          reply.error,
          reply.hint ?? (reply.code === 'READ_ONLY_VIOLATION' ? 'streamlens query only reads; use SELECT' : undefined),
        ),
      );
    else
      running.job.resolve({
        columns: reply.columns ?? [],
        rows: reply.rows ?? [],
        truncated: reply.truncated ?? false,
        ...(reply.byteLimitReached ? { byteLimitReached: true } : {}),
      });
    pump();
  }

  /** Stops a process on purpose: its exit is then not reported as unexpected. */
  function discard(qp: QueryProcess): void {
    clearTimeout(qp.startupTimer);
    if (qp.running) {
      clearTimeout(qp.running.timer);
      qp.running.memory.stop();
    }
    if (current === qp) current = undefined;
    qp.child.kill('SIGKILL');
  }

  function failQueued(error: Error): void {
    for (const job of queue.splice(0)) job.reject(error);
  }

  return {
    run(sql, queryOptions) {
      return new Promise<ReadOnlyQueryResult>((resolve, reject) => {
        queue.push({ sql, options: queryOptions, resolve, reject });
        pump();
      });
    },
    async close() {
      const qp = current;
      if (qp) {
        discard(qp);
        qp.running?.job.reject(new StreamlensError('UNAVAILABLE', 'the store was closed while the query ran'));
      }
      failQueued(new StreamlensError('UNAVAILABLE', 'the store was closed before the query ran'));
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
