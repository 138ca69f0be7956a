// The checkpointer: its own connection copies the write-ahead log back into the database file every few tens
// of milliseconds, so the writer's commits never wait for that copy and its fsync. Plain JS, no tsx needed.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    // PASSIVE: copies what no reader still needs and never blocks the writer.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy: the next tick tries again.
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
