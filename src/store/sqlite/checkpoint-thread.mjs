// The checkpointer: its own connection copies the write-ahead log back into the database file every few tens
// of milliseconds, so the writer's commits never wait for that copy and its fsync; and it empties the log once it
// is past twice its bound (`walLimitBytes`, or the one the writer sends while a bulk load writes; see bound-wal.ts).
// Plain JS, no tsx needed.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** How long emptying the log waits for readers of older snapshots (the writer waits meanwhile): a rare pause. */
const truncateWaitMs = 250;
const busyTimeoutMs = 1000;

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma(`busy_timeout = ${busyTimeoutMs}`);

function walBytes() {
  try {
    return statSync(`${workerData.path}-wal`).size;
  } catch {
    return 0;
  }
}

let limitBytes = workerData.walLimitBytes;

const timer = setInterval(() => {
  try {
    // PASSIVE: copies what no reader still needs and never blocks the writer.
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walBytes() <= 2 * limitBytes) return;
    db.pragma(`busy_timeout = ${truncateWaitMs}`);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
  } catch {
    // Busy: the next tick tries again.
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (typeof message === 'object' && message !== null && typeof message.walLimitBytes === 'number') {
    limitBytes = message.walLimitBytes;
  } else if (message === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
