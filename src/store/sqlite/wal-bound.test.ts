import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
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
