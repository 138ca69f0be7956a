// The writer thread's body: its own connection to the database file and the one Writer, answering requests in
// the order they arrive. Between requests it builds pending full-text entries in bounded slices (after a short
// delay at low rates, so each slice has some size), so a search seldom has any left to build and a write never
// waits behind more than one slice.

import { parentPort, Worker, workerData } from 'node:worker_threads';
import { bulkWalLimitBytes, createWalRestarter, limitWal, walLimitBytes } from './bound-wal.ts';
import { openDatabase } from './open-database.ts';
import { prepareWriter } from './writer.ts';
import type { WriterReply, WriterRequest } from './writer-thread.ts';

/** Messages indexed per slice: a few milliseconds of work. */
const sliceMessages = 1000;
/** How long new entries may wait for company: at low rates one slice per write would add a segment per message. */
const indexDelayMs = 100;

const port = parentPort;
if (!port) throw new Error('writer-thread-worker runs as a worker thread');
const { path } = workerData as { path: string };
const db = openDatabase(path);
const writer = prepareWriter(db);
// Checkpoints run on their own thread; the writer's own automatic checkpoint is only a safety net (80 MB).
db.pragma('wal_autocheckpoint = 20000');
limitWal(db);
const walRestarter = createWalRestarter(path);
const checkpointer = new Worker(new URL('./checkpoint-thread.mjs', import.meta.url), {
  workerData: { path, intervalMs: 50, walLimitBytes, restartFlag: walRestarter.flag.buffer },
});
// Without it, the writer's own automatic checkpoint above still bounds the log.
checkpointer.on('error', () => {});
checkpointer.on('exit', () => walRestarter.detach());
const reply = (message: WriterReply) => port.postMessage(message);

let bulkLoading = false;
/** The log's bound follows the writes: the larger one from a bulk write until the next other request. */
function setBulkLoading(bulk: boolean): void {
  if (bulk === bulkLoading) return;
  bulkLoading = bulk;
  checkpointer.postMessage({ walLimitBytes: bulk ? bulkWalLimitBytes : walLimitBytes });
}

/** Runs one write transaction; past the log's bound, the next one starts the log over (see bound-wal.ts). */
function inTransaction<T>(write: () => T): T {
  walRestarter.beforeTransaction();
  const result = write();
  walRestarter.afterCommit(bulkLoading ? bulkWalLimitBytes : walLimitBytes);
  return result;
}

let closed = false;
let waiting = 0;
let delay: NodeJS.Timeout | undefined;
let sliceScheduled = false;

/** Called after a write that left `added` messages to index. */
function indexLater(added: number): void {
  waiting += added;
  if (waiting >= sliceMessages) indexSlice();
  else delay ??= setTimeout(indexSlice, indexDelayMs);
}

function indexSlice(): void {
  clearTimeout(delay);
  delay = undefined;
  if (sliceScheduled || closed) return;
  sliceScheduled = true;
  // setImmediate runs after the requests already delivered to this thread, so writes go first.
  setImmediate(() => {
    sliceScheduled = false;
    if (closed) return;
    try {
      waiting = Math.max(0, waiting - inTransaction(() => writer.catchUp({ maxMessages: sliceMessages })));
      if (writer.hasPendingSearchIndex()) indexSlice();
      else waiting = 0;
    } catch {
      // Busy or failing: the next write schedules another try, and every search catches up first.
    }
  });
}

port.on('message', (request: WriterRequest) => {
  if (request.op !== 'close') setBulkLoading(request.op === 'write' && request.options.bulkLoad === true);
  try {
    switch (request.op) {
      case 'write': {
        const result = inTransaction(() => writer.write(request.batch, request.options));
        reply({ id: request.id, ok: true, value: result });
        if (!request.options.bulkLoad && result.chatMessages > 0) indexLater(result.chatMessages);
        break;
      }
      case 'endStream':
        inTransaction(() => writer.endStream(request.streamId, request.endedAt));
        reply({ id: request.id, ok: true, value: undefined });
        break;
      case 'catchUp': {
        const indexed = inTransaction(() =>
          writer.catchUp({ onProgress: (done, total) => reply({ id: request.id, progress: { done, total } }) }),
        );
        reply({ id: request.id, ok: true, value: indexed });
        break;
      }
      case 'close':
        closed = true;
        clearTimeout(delay);
        checkpointer.postMessage('close');
        writer.finishBulkLoad();
        db.close();
        reply({ id: request.id, ok: true, value: undefined });
        port.close();
        break;
    }
  } catch (error) {
    const e = error as Error & { code?: string };
    reply({ id: request.id, ok: false, error: { message: e.message, code: e.code } });
  }
});
