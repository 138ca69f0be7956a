// Runs read-only SQL in a child process with a time limit: the only way to stop a long better-sqlite3 query
// is to kill the process running it.

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StreamlensError } from '../../errors.ts';
import type { ReadOnlyQueryOptions, ReadOnlyQueryResult } from '../store.ts';

export interface ReadOnlyRunner {
  run(sql: string, options: ReadOnlyQueryOptions): Promise<ReadOnlyQueryResult>;
  close(): Promise<void>;
}

type Reply = {
  id: number;
  error?: string;
  code?: 'READ_ONLY_VIOLATION' | 'QUERY_FAILED';
} & Partial<ReadOnlyQueryResult>;

/** A runner over the database file at `path`; the child starts on first use and restarts after a timeout. */
export function createReadOnlyRunner(path: string): ReadOnlyRunner {
  let worker: ChildProcess | undefined;
  let nextId = 1;
  const waiting = new Map<number, (reply: Reply) => void>();

  function ensureWorker(): ChildProcess {
    if (worker) return worker;
    const w = fork(fileURLToPath(new URL('./read-only-child.mjs', import.meta.url)), [path], {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    w.on('message', (reply: Reply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
    w.on('exit', () => {
      for (const resolve of waiting.values())
        resolve({ id: 0, error: 'the query process ended unexpectedly', code: 'QUERY_FAILED' });
      waiting.clear();
      if (worker === w) worker = undefined;
    });
    w.unref();
    w.channel?.unref();
    worker = w;
    return w;
  }

  return {
    run(sql, options) {
      const w = ensureWorker();
      const id = nextId++;
      return new Promise<ReadOnlyQueryResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          worker = undefined;
          w.kill('SIGKILL');
          reject(
            new StreamlensError(
              'QUERY_FAILED',
              `query stopped after ${options.timeoutMs} ms`,
              'narrow it with WHERE on ts or stream_id, or aggregate less',
            ),
          );
        }, options.timeoutMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          if (reply.error)
            reject(
              new StreamlensError(
                reply.code ?? 'QUERY_FAILED',
                reply.error,
                reply.code === 'READ_ONLY_VIOLATION' ? 'streamlens query only reads; use SELECT' : undefined,
              ),
            );
          else resolve({ columns: reply.columns ?? [], rows: reply.rows ?? [], truncated: reply.truncated ?? false });
        });
        w.send({ id, sql, rowLimit: options.rowLimit }, (error) => {
          if (error) waiting.get(id)?.({ id, error: error.message, code: 'QUERY_FAILED' });
        });
      });
    },
    async close() {
      worker?.kill('SIGKILL');
      worker = undefined;
    },
  };
}
