import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baseTs, makeChatEvent, makeChatMessage, makeSnapshot, makeStream } from '../../test/support/make-records.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { silentLogger } from '../log.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store, WriteBatch, WriteOptions } from '../store/store.ts';
import { createIngest } from './create-ingest.ts';

async function tempStore(): Promise<Store> {
  const store = openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'streamlens-ingest-')), 'db.sqlite') });
  await store.migrate();
  return store;
}

const opts = { log: silentLogger, batchSize: 100, flushIntervalMs: 10_000, maxRetries: 2, retryDelayMs: 1 };

async function count(store: Store, table: string): Promise<number> {
  return (await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? -1;
}

describe('createIngest', () => {
  it('drops bad records with a counted reason and keeps going', async () => {
    const store = await tempStore();
    const ingest = await createIngest({ store, ...opts });
    ingest.push({ kind: 'message', message: makeChatMessage({ id: '' }) });
    ingest.push({ kind: 'message', message: makeChatMessage({ ts: Number.NaN }) });
    ingest.push({ kind: 'snapshot', snapshot: makeSnapshot({ viewerCount: -3 }) });
    ingest.push({ kind: 'message', message: makeChatMessage() });
    await ingest.stop();
    const stats = ingest.stats();
    assert.deepEqual(stats.dropped, {
      'message: missing id': 1,
      'message: bad timestamp': 1,
      'snapshot: bad viewer count': 1,
    });
    assert.equal(stats.stored.message, 1);
    assert.equal(await count(store, 'chat_messages'), 1);
    await store.close();
  });

  it('flushes on size, on the timer and on stop, storing each record once', async () => {
    const store = await tempStore();
    const ingest = await createIngest({ store, ...opts, batchSize: 3, flushIntervalMs: 20 });
    const messages = Array.from({ length: 7 }, (_, i) => makeChatMessage({ ts: baseTs + i }));
    for (const m of messages) ingest.push({ kind: 'message', message: m });
    ingest.push({ kind: 'message', message: messages[0]! });
    // No explicit flush: the size flush and the timer have to write everything by themselves.
    for (let waited = 0; waited < 5000 && (await count(store, 'chat_messages')) < 7; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(await count(store, 'chat_messages'), 7, 'size and timer flushes wrote everything');
    for (const m of messages) ingest.push({ kind: 'message', message: m });
    await ingest.stop();
    const stats = ingest.stats();
    assert.equal(stats.stored.message, 7);
    assert.equal(stats.duplicates, 8);
    assert.equal(await count(store, 'chat_messages'), 7);
    await store.close();
  });

  it('retries a failing write, then drops it with a reason instead of stopping', async () => {
    const store = await tempStore();
    let failures = 0;
    const flaky: Store = Object.create(store, {
      write: {
        value: (batch: WriteBatch, o?: WriteOptions) =>
          failures-- > 0 ? Promise.reject(new Error('disk busy')) : store.write(batch, o),
      },
    });
    const ingest = await createIngest({ store: flaky, ...opts });
    failures = 1;
    ingest.push({ kind: 'message', message: makeChatMessage() });
    await ingest.flush();
    assert.equal(ingest.stats().retries, 1);
    assert.equal(await count(store, 'chat_messages'), 1);
    failures = 10;
    ingest.push({ kind: 'message', message: makeChatMessage() });
    await ingest.flush();
    assert.equal(ingest.stats().dropped['message: write failed'], 1);
    ingest.push({ kind: 'message', message: makeChatMessage() });
    failures = 0;
    await ingest.stop();
    assert.equal(await count(store, 'chat_messages'), 2);
    await store.close();
  });

  it('attaches chat and events to the stream live at their time, and ends streams', async () => {
    const store = await tempStore();
    await store.write({
      streams: [makeStream({ id: 'old', startedAt: baseTs - 7_200_000, endedAt: baseTs - 3_600_000 })],
    });
    const ended: string[] = [];
    const ingest = await createIngest({ store, ...opts, onStreamEnded: (id) => ended.push(id) });
    await ingest.upsertStream(makeStream({ id: 'live', startedAt: baseTs }));
    const during = makeChatMessage({ streamId: null, ts: baseTs + 1000 });
    const inOld = makeChatMessage({ streamId: null, ts: baseTs - 5_000_000 });
    const offline = makeChatMessage({ streamId: null, ts: baseTs - 3_000_000 });
    const sub = makeChatEvent({ streamId: null, ts: baseTs + 2000 });
    for (const message of [during, inOld, offline]) ingest.push({ kind: 'message', message });
    ingest.push({ kind: 'event', event: sub });
    await ingest.endStream('live', baseTs + 60_000);
    const rows = await store.all<{ id: string; stream_id: string | null }>('SELECT id, stream_id FROM chat_messages');
    const byId = new Map(rows.map((r) => [r.id, r.stream_id]));
    assert.equal(byId.get(during.id), 'live');
    assert.equal(byId.get(inOld.id), 'old');
    assert.equal(byId.get(offline.id), null);
    assert.equal((await store.get<{ stream_id: string }>('SELECT stream_id FROM chat_events'))?.stream_id, 'live');
    assert.equal(
      (await store.get<{ ended_at: number }>("SELECT ended_at FROM streams WHERE id = 'live'"))?.ended_at,
      baseTs + 60_000,
    );
    assert.deepEqual(ended, ['live']);
    await ingest.stop();
    await store.close();
  });

  it('keeps at most maxWritesInFlight writes at the store, in order, and waits for them all on flush', async () => {
    const store = await tempStore();
    for (const maxWritesInFlight of [1, 2]) {
      let running = 0;
      let most = 0;
      const order: number[] = [];
      const slow: Store = Object.create(store, {
        write: {
          value: async (batch: WriteBatch, o?: WriteOptions) => {
            running++;
            most = Math.max(most, running);
            order.push(batch.chatMessages?.[0]?.ts ?? -1);
            await new Promise((r) => setTimeout(r, 20));
            running--;
            return store.write(batch, o);
          },
        },
      });
      const ingest = await createIngest({ store: slow, ...opts, maxWritesInFlight });
      const flushes: Promise<void>[] = [];
      for (let i = 0; i < 4; i++) {
        ingest.push({ kind: 'message', message: makeChatMessage({ ts: baseTs + maxWritesInFlight * 10 + i }) });
        flushes.push(ingest.flush());
        // Each flush takes the buffer as soon as the window lets it: one batch a message.
        await waitFor(() => ingest.stats().pending === 0, { what: 'the flush to take the buffer', everyMs: 0 });
      }
      await flushes[3];
      assert.equal(running, 0, 'the last flush resolves after every write');
      assert.equal(most, maxWritesInFlight);
      assert.deepEqual(
        order.filter((ts) => ts !== -1),
        [0, 1, 2, 3].map((i) => baseTs + maxWritesInFlight * 10 + i),
      );
      await ingest.stop();
    }
    assert.equal(await count(store, 'chat_messages'), 8);
    await store.close();
  });

  it('a failed channel or stream write reaches its caller and later batches are still written', async () => {
    const store = await tempStore();
    let failChannels = true;
    const flaky: Store = Object.create(store, {
      write: {
        value: (batch: WriteBatch, o?: WriteOptions) =>
          failChannels && batch.channels?.length ? Promise.reject(new Error('disk busy')) : store.write(batch, o),
      },
    });
    const ingest = await createIngest({ store: flaky, ...opts });
    await assert.rejects(ingest.upsertChannel({ id: '1', login: 'a', displayName: 'A' }), /disk busy/);
    ingest.push({ kind: 'message', message: makeChatMessage() });
    await ingest.flush();
    failChannels = false;
    await ingest.upsertChannel({ id: '1', login: 'a', displayName: 'A' });
    await ingest.stop();
    assert.equal(await count(store, 'chat_messages'), 1);
    assert.equal(await count(store, 'channels'), 1);
    await store.close();
  });
});
