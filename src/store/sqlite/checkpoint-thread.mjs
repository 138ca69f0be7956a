// The checkpointer: its own connection copies the write-ahead log back into the database file every few tens
// of milliseconds, so the writer's commits never wait for that copy and its fsync; at once when the writer asks
// (its log is past its bound: the writer's next transaction then starts it over), and past twice the bound
// (`walLimitBytes`, or the one the writer sends while a bulk load writes) it empties the log (see bound-wal.ts).
// Plain JS, no tsx needed.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** How long emptying the log waits for readers of older snapshots (the writer waits meanwhile): a rare pause. */
const truncateWaitMs = 250;
const busyTimeoutMs = 1000;

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
/** What the writer asks: 0 nothing, 1 a checkpoint, 2 a checkpoint its next transaction waits for (bound-wal.ts). */
const restartFlag = new Int32Array(workerData.restartFlag);

function walBytes() {
  try {
    return statSync(`${workerData.path}-wal`).size;
  } catch {
    return 0;
  }
}

let limitBytes = workerData.walLimitBytes;
let closed = false;

/** PASSIVE: copies what no reader still needs and never blocks the writer. */
function checkpoint() {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy: the next tick tries again.
  }
}

function emptyIfPastBound() {
  if (walBytes() <= 2 * limitBytes) return;
  db.pragma(`busy_timeout = ${truncateWaitMs}`);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy: the next tick tries again.
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}

async function run() {
  let nextTick = performance.now() + workerData.intervalMs;
  while (!closed) {
    const left = nextTick - performance.now();
    if (left > 0 && Atomics.load(restartFlag, 0) === 0) await Atomics.waitAsync(restartFlag, 0, 0, left).value;
    if (closed) break;
    // The writer asked (1), or waits (2): a checkpoint, then idle again (0) unless it asked again meanwhile.
    for (let asked = Atomics.load(restartFlag, 0); asked !== 0; asked = Atomics.load(restartFlag, 0)) {
      checkpoint();
      if (Atomics.compareExchange(restartFlag, 0, asked, 0) === asked) Atomics.notify(restartFlag, 0);
    }
    if (performance.now() >= nextTick) {
      checkpoint();
      emptyIfPastBound();
      nextTick = performance.now() + workerData.intervalMs;
    }
  }
  db.close();
  parentPort.close();
}

void run();
parentPort.on('message', (message) => {
  if (typeof message === 'object' && message !== null && typeof message.walLimitBytes === 'number') {
    limitBytes = message.walLimitBytes;
  } else if (message === 'close') {
    closed = true;
    // Wakes the loop's wait.
    Atomics.notify(restartFlag, 0);
  }
});
