// Keeps the write-ahead log small. SQLite starts the log over only at the start of a write transaction that finds
// every frame of it copied back into the database, and no reader on a snapshot older than that copy; it never
// shrinks the file by itself. The checkpointer (`checkpoint-thread.mjs`) copies the log back every few tens of
// milliseconds, but live commits come closer together than a checkpoint takes (two fsyncs), so its copy almost
// never ends before the next commit, and the log would only grow. So once the log is past its bound the writer
// asks the checkpointer for a PASSIVE checkpoint after a commit, and once that one has ended, for another that its
// next transaction waits for (`createWalRestarter`: the frames of a commit or two, a few milliseconds); that
// transaction finds the whole log copied, starts it over and cuts the file to `walLimitBytes` (journal_size_limit).
// A PASSIVE checkpoint never waits for a lock or a reader.
// Readers that overlap one another (the web server's analytics workers) can keep every restart from happening;
// past twice the bound the checkpointer then empties the log (TRUNCATE), waiting a moment for the statements on
// older snapshots; that holds the writer up, so it is the last resort. While a bulk load (an import) writes, the
// bound is `bulkWalLimitBytes` instead (fewer restarts and checkpoints in all).

import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** What the log is cut to when it starts over; past it, the writer has it start over. */
export const walLimitBytes = 4 * 2 ** 20;

/** The same bound while a bulk load writes. */
export const bulkWalLimitBytes = 64 * 2 ** 20;

/** How long a transaction waits for the checkpoint that lets it start the log over (a slow disk: it goes on). */
const restartWaitMs = 50;

/** Sets the size the log is cut to when it starts over (a writing connection's setting). */
export function limitWal(db: Database.Database): void {
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
}

/** The size of the write-ahead log of the database file at `path` (0 when there is none). */
export function getWalBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** The shared word's values: what the writer asks of the checkpointer. */
export const walRestart = { idle: 0, checkpoint: 1, checkpointAndWait: 2 } as const;

/**
 * The writer's side: past the bound, a checkpoint while the writer goes on (it copies the log since the
 * checkpointer's last tick), and once that has ended, another one the writer's next transaction waits for (it
 * copies only what was committed meanwhile), so that this transaction starts the log over. When it does not
 * although the checkpoint ended (a reader still reads an older snapshot), the writer asks again only `retryMs`
 * later, so readers that hold the log back do not make every transaction wait.
 */
export function createWalRestarter(path: string, retryMs = 100) {
  /** Shared with the checkpointer (`checkpoint-thread.mjs`), which sets it back to idle after its checkpoint. */
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let asked = false;
  let waitedAt = Number.NEGATIVE_INFINITY;
  let detached = false;
  return {
    flag,
    /** The checkpointer has ended (it failed): nothing is asked of it any more, nothing waits for it. */
    detach(): void {
      detached = true;
      Atomics.store(flag, 0, walRestart.idle);
    },
    /** After a commit: past `limitBytes`, asks the checkpointer for the next checkpoint, unless one is under way. */
    afterCommit(limitBytes: number): void {
      if (getWalBytes(path) <= limitBytes) {
        asked = false;
        return;
      }
      if (detached || Atomics.load(flag, 0) !== walRestart.idle || performance.now() - waitedAt < retryMs) return;
      Atomics.store(flag, 0, asked ? walRestart.checkpointAndWait : walRestart.checkpoint);
      Atomics.notify(flag, 0);
      asked = true;
    },
    /** Before a transaction: waits for the checkpoint that lets it start the log over, if one was asked for. */
    beforeTransaction(): void {
      if (Atomics.load(flag, 0) !== walRestart.checkpointAndWait) return;
      // Timed out (a slow disk): the checkpoint goes on, and the next commit asks again once it has ended.
      if (Atomics.wait(flag, 0, walRestart.checkpointAndWait, restartWaitMs) !== 'timed-out')
        waitedAt = performance.now();
    },
  };
}
