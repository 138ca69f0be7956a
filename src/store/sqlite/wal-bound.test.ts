import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { makeChannel, makeChatMessage } from '../../../test/support/make-records.ts';
import { bulkWalLimitBytes, walLimitBytes } from './bound-wal.ts';
import { openSqliteStore } from './sqlite-store.ts';

const walSize = (path: string) => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};

/** Two readers on threads of their own, as the web server's analytics workers are: one whole-table read after
 * another, so at almost every moment one of them reads a snapshot. */
function startReaders(path: string): { stop(): Promise<void> } {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const readers = [0, 1].map(
    () =>
      new Worker(
        `const { workerData } = require('node:worker_threads');
         const db = new (require('better-sqlite3'))(workerData.path, { readonly: true });
         const read = db.prepare('SELECT COUNT(*), SUM(length(text)) FROM chat_messages');
         while (Atomics.load(workerData.stop, 0) === 0) read.get();
         db.close();`,
        { eval: true, workerData: { path, stop } },
      ),
  );
  const reading = readers.map((r) => new Promise((resolve) => r.once('exit', resolve)));
  return {
    async stop() {
      Atomics.store(stop, 0, 1);
      await Promise.all(reading);
    },
  };
}

const text = 'a long enough message for the log to grow by a few pages with every batch written '.repeat(3);
const batchOf = (channelId: string, batch: number) =>
  Array.from({ length: 1000 }, (_, i) =>
    makeChatMessage({ id: `m${batch}-${i}`, channelId, ts: 1_000_000 + batch * 1000 + i, text }),
  );
// How large the log grows between two checkpointer ticks depends on how busy the machine is; what must hold is
// that it is emptied while the readers go on reading.
const bound = walLimitBytes * 2 + 4 * 2 ** 20;
async function settledWal(path: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (walSize(path) > bound && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return walSize(path);
}

/** A migrated store in a new file, with a channel, and two readers reading it. */
async function openWithReaders() {
  const path = join(mkdtempSync(join(tmpdir(), 'streamlens-wal-')), 'test.db');
  const store = openSqliteStore({ path });
  await store.migrate();
  const channel = makeChannel();
  await store.write({ channels: [channel] });
  return { path, store, channel, readers: startReaders(path) };
}

it('sqlite: the WAL stays bounded through sustained writes while readers keep reading', async () => {
  const { path, store, channel, readers } = await openWithReaders();
  let largest = 0;
  let written = 0;
  for (let batch = 0; batch < 60; batch++) {
    written += (await store.write({ chatMessages: batchOf(channel.id, batch) })).chatMessages;
    largest = Math.max(largest, walSize(path));
  }
  // Far more was written than the bound (each batch adds ~0.5 MB of log; ~34 MB in all without it, and a log
  // that overlapping readers hold back never shrinks).
  const settled = await settledWal(path);
  await readers.stop();
  await store.close();
  assert.equal(written, 60_000);
  assert.ok(settled <= bound, `the WAL stayed at ${settled} bytes (largest ${largest}) while readers kept reading`);
});

it('sqlite: after a bulk load (whose log may grow larger) the next normal write brings the WAL back to its bound', async () => {
  const { path, store, channel, readers } = await openWithReaders();
  // ~20 MB of log: past the steady bound, well under the bulk one.
  for (let batch = 0; batch < 40; batch++)
    await store.write({ chatMessages: batchOf(channel.id, batch) }, { bulkLoad: true });
  assert.ok(bulkWalLimitBytes * 2 > 40 * 2 ** 20, 'the test writes less than the bulk bound');
  await store.write({ chatMessages: batchOf(channel.id, 40) });
  const settled = await settledWal(path);
  await readers.stop();
  await store.close();
  assert.ok(settled <= bound, `the WAL stayed at ${settled} bytes after the bulk load while readers kept reading`);
});

/** The write-ahead log's salt: SQLite draws a new one each time the log starts over (or is emptied). */
function walSalt(path: string): string {
  try {
    return readFileSync(`${path}-wal`).subarray(16, 24).toString('hex');
  } catch {
    return '';
  }
}

it('sqlite: under back-to-back small commits the log starts over at its bound, and is never emptied under the writer', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'streamlens-wal-')), 'test.db');
  const channel = makeChannel();
  const migrated = openSqliteStore({ path });
  await migrated.migrate();
  await migrated.write({ channels: [channel] });
  // Closed and opened again: the migration's log (larger than the bound) is gone, so any emptying seen below
  // happened under the writes.
  await migrated.close();
  const store = openSqliteStore({ path });
  // Live chat at a few thousand messages a second: a few messages a commit, from many chatters (so each commit
  // adds some twenty pages to the log), one commit right after the other.
  const small = (batch: number) =>
    Array.from({ length: 4 }, (_, i) =>
      makeChatMessage({
        id: `s${batch}-${i}`,
        channelId: channel.id,
        ts: 1_000_000 + batch * 4 + i,
        userId: `u${((batch * 4 + i) * 7919) % 5000}`,
        userLogin: `user${((batch * 4 + i) * 7919) % 5000}`,
        text,
      }),
    );
  let largest = 0;
  let reachedBound = false;
  let emptied = 0;
  let restarts = 0;
  let salt = walSalt(path);
  for (let batch = 0; restarts < 4 && batch < 3000; batch++) {
    await store.write({ chatMessages: small(batch) });
    const size = walSize(path);
    largest = Math.max(largest, size);
    // Once the log has reached its bound, starting over cuts it back to that bound, never below; only the
    // checkpointer's TRUNCATE (which holds the writer up) empties it.
    if (reachedBound && size < walLimitBytes / 2) emptied++;
    if (size >= walLimitBytes) reachedBound = true;
    const now = walSalt(path);
    if (now !== salt && reachedBound) restarts++;
    salt = now;
  }
  await store.close();
  assert.equal(restarts, 4, `the log started over ${restarts} times (largest ${largest} bytes)`);
  assert.equal(emptied, 0, `the log was emptied ${emptied} times (largest ${largest} bytes)`);
  assert.ok(largest < 2 * walLimitBytes, `the log grew to ${largest} bytes`);
});
