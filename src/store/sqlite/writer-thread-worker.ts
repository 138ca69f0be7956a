// The writer thread's body: its own connection to the database file and the one Writer, answering requests in
// the order they arrive. Between requests it builds pending full-text entries in bounded slices, so a search
// seldom has any left to build and a write never waits behind more than one slice.

import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './open-database.ts';
import { prepareWriter } from './writer.ts';
import type { WriterReply, WriterRequest } from './writer-thread.ts';

/** Messages indexed per idle slice: a few milliseconds of work. */
const sliceMessages = 2000;

const port = parentPort;
if (!port) throw new Error('writer-thread-worker runs as a worker thread');
const db = openDatabase((workerData as { path: string }).path);
const writer = prepareWriter(db);
const reply = (message: WriterReply) => port.postMessage(message);

let indexScheduled = false;
let closed = false;
function indexWhenIdle(): void {
  if (indexScheduled || closed) return;
  indexScheduled = true;
  // setImmediate runs after the requests already delivered to this thread, so writes go first.
  setImmediate(() => {
    indexScheduled = false;
    if (closed) return;
    try {
      writer.catchUpSearchIndex({ maxMessages: sliceMessages });
      if (writer.hasPendingSearchIndex()) indexWhenIdle();
    } catch {
      // Busy or failing: the next write schedules another try, and every search catches up first.
    }
  });
}

port.on('message', (request: WriterRequest) => {
  try {
    switch (request.op) {
      case 'write':
        reply({ id: request.id, ok: true, value: writer.write(request.batch) });
        if (!request.options.deferSearchIndex) indexWhenIdle();
        break;
      case 'endStream':
        writer.endStream(request.streamId, request.endedAt);
        reply({ id: request.id, ok: true, value: undefined });
        break;
      case 'catchUpSearchIndex': {
        const indexed = writer.catchUpSearchIndex({
          onProgress: (done, total) => reply({ id: request.id, progress: { done, total } }),
        });
        reply({ id: request.id, ok: true, value: indexed });
        break;
      }
      case 'close':
        closed = true;
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
