import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baseTs, makeChatEvent, makeChatMessage, makeSnapshot, makeStream } from '../../test/support/make-records.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { StreamlensError } from '../errors.ts';
import { silentLogger } from '../log.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store, WriteBatch, WriteOptions } from '../store/store.ts';
import { createIngest, type IngestOptions } from './create-ingest.ts';
import { openWriteJournal, toJournalKey } from './write-journal.ts';
import type { SpoolEntry } from './write-spool.ts';

async function tempStore(): Promise<Store> {
  const store = openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'streamlens-ingest-')), 'db.sqlite') });
  await store.migrate();
  return store;
}

const opts = { log: silentLogger, batchSize: 100, flushIntervalMs: 10_000, maxRetries: 2, retryDelayMs: 1 };

/** A store whose writes can be refused as an unreachable database refuses them. */
function refusable(store: Store): { store: Store; refuse: boolean } {
  const control = { refuse: false, store };
  const unavailable = () => new StreamlensError('UNAVAILABLE', 'the database refused the write (test)');
  control.store = Object.create(store, {
    write: {
      value: (batch: WriteBatch, o?: WriteOptions) =>
        control.refuse ? Promise.reject(unavailable()) : store.write(batch, o),
    },
    endStream: {
      value: (id: string, at: number) => (control.refuse ? Promise.reject(unavailable()) : store.endStream(id, at)),
    },
  });
  return control;
}

async function count(store: Store, table: string): Promise<number> {
  return (await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? -1;
}

/**
 * `n` messages of `text` pushed while the database refuses writes, then flushed once it accepts them: the pause
 * signals sources got while it refused and in all, what was stored and what was dropped.
 */
async function refusedThenFlushed(options: Partial<IngestOptions>, n: number, text: string) {
  const store = await tempStore();
  const db = refusable(store);
  const ingest = await createIngest({ store: db.store, ...opts, ...options });
  const pauses: boolean[] = [];
  ingest.onBackpressure((paused) => pauses.push(paused));
  db.refuse = true;
  for (let i = 0; i < n; i++)
    ingest.push({ kind: 'message', message: makeChatMessage({ id: `m${i}`, ts: baseTs + i, text }) });
  await waitFor(() => ingest.stats().writes.failing, { what: 'the refused write to be noticed' });
  const pausesWhileRefused = [...pauses];
  db.refuse = false;
  await ingest.flush();
  const result = {
    pausesWhileRefused,
    pauses,
    stored: await count(store, 'chat_messages'),
    dropped: ingest.stats().dropped,
  };
  await ingest.stop();
  await store.close();
  return result;
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

  it('keeps writes the database refuses in the journal and writes each once when it is back', async () => {
    const store = await tempStore();
    const db = refusable(store);
    const dir = mkdtempSync(join(tmpdir(), 'streamlens-journal-'));
    const journalPath = join(dir, `write-journal-${toJournalKey(store.location)}-${process.pid}.log`);
    const ingest = await createIngest({ store: db.store, ...opts, journal: { dir, maxBytes: 1 << 20 } });
    db.refuse = true;
    const messages = Array.from({ length: 30 }, (_, i) => makeChatMessage({ ts: baseTs + i }));
    for (const [i, message] of messages.entries()) {
      ingest.push({ kind: 'message', message });
      if (i % 10 === 9) await ingest.flush(); // resolves once the batch is in the journal
    }
    await ingest.upsertChannel({ id: '77', login: 'kept', displayName: 'Kept' });
    const failing = ingest.stats().writes;
    assert.equal(failing.failing, true);
    assert.equal(failing.waiting, 31);
    assert.ok(failing.journalBytes > 0 && statSync(journalPath).size === failing.journalBytes);
    assert.match(failing.lastError ?? '', /refused/);
    assert.equal(await count(store, 'chat_messages'), 0);
    db.refuse = false;
    await waitFor(() => ingest.stats().writes.waiting === 0 && ingest.stats().writes.journalBytes === 0, {
      what: 'every kept write to be stored and the journal emptied',
    });
    assert.equal(await count(store, 'chat_messages'), 30);
    assert.equal(await count(store, 'channels'), 1);
    assert.deepEqual(ingest.stats().dropped, {});
    assert.equal(ingest.stats().stored.message, 30);
    assert.equal(ingest.stats().writes.failing, false);
    assert.equal(statSync(journalPath).size, 0, 'the journal is emptied once everything is written');
    await ingest.stop();
    await store.close();
  });

  it('replays a journal left by a crashed process at start-up, once, skipping a torn last line with a count', async () => {
    const store = await tempStore();
    const dir = mkdtempSync(join(tmpdir(), 'streamlens-journal-'));
    // The crashed process's journal (its pid in the name, no longer running).
    const crashed = spawnSync(process.execPath, ['-e', '0']).pid!;
    const journalPath = join(dir, `write-journal-${toJournalKey(store.location)}-${crashed}.log`);
    const journal = await openWriteJournal<SpoolEntry>(journalPath, 1 << 20);
    const messages = Array.from({ length: 5 }, (_, i) => makeChatMessage({ ts: baseTs + i }));
    await journal.append({ records: messages.slice(0, 3).map((message) => ({ kind: 'message', message })) });
    await journal.append({ records: messages.slice(2).map((message) => ({ kind: 'message', message })) });
    await journal.close();
    appendFileSync(journalPath, '0badc0de {"records":[{"kind":"mess'); // the crash cut this append short
    await store.write({ chatMessages: [messages[0]!] }); // written before the crash, journaled too
    const ingest = await createIngest({ store, ...opts, journal: { dir, maxBytes: 1 << 20 } });
    await waitFor(() => ingest.stats().writes.waiting === 0 && ingest.stats().writes.journalBytes === 0, {
      what: 'every kept write to be stored and the journal emptied',
    });
    assert.equal(await count(store, 'chat_messages'), 5);
    assert.equal(ingest.stats().stored.message, 4);
    assert.equal(ingest.stats().dropped['write journal: damaged entry'], 1);
    assert.ok(!existsSync(journalPath), 'the crashed process journal was taken over');
    assert.equal(statSync(join(dir, `write-journal-${toJournalKey(store.location)}-${process.pid}.log`)).size, 0);
    await ingest.stop();
    await store.close();
  });

  it('drops only the records the database rejects for their content, with a counted reason', async () => {
    const store = await tempStore();
    const picky: Store = Object.create(store, {
      write: {
        value: (batch: WriteBatch, o?: WriteOptions) =>
          batch.chatMessages?.some((m) => m.text === 'poison')
            ? Promise.reject(new Error('CHECK constraint failed'))
            : store.write(batch, o),
      },
    });
    const ingest = await createIngest({ store: picky, ...opts });
    for (const text of ['a', 'poison', 'b', 'c']) ingest.push({ kind: 'message', message: makeChatMessage({ text }) });
    await ingest.stop();
    assert.equal(await count(store, 'chat_messages'), 3);
    assert.deepEqual(ingest.stats().dropped, { 'message: rejected by the database': 1 });
    await store.close();
  });

  it('without a journal, holds refused writes in memory, pauses sources above the high-water mark, and writes them later', async () => {
    const store = await tempStore();
    const db = refusable(store);
    const ingest = await createIngest({ store: db.store, ...opts, batchSize: 5, highWaterRecords: 20 });
    const pauses: boolean[] = [];
    ingest.onBackpressure((paused) => pauses.push(paused));
    db.refuse = true;
    for (let i = 0; i < 40; i++) ingest.push({ kind: 'message', message: makeChatMessage({ ts: baseTs + i }) });
    await waitFor(() => ingest.stats().writes.failing, { what: 'the refused write to be noticed' });
    const flushed = ingest.flush();
    assert.deepEqual(pauses, [true]);
    assert.equal(ingest.stats().writes.paused, true);
    db.refuse = false;
    await flushed;
    assert.deepEqual(pauses, [true, false]);
    assert.equal(await count(store, 'chat_messages'), 40);
    assert.deepEqual(ingest.stats().dropped, {});
    await ingest.stop();
    await store.close();
  });

  it('pauses sources when what waits passes the byte budget, though few records wait, and stores them all', async () => {
    const store = await tempStore();
    const db = refusable(store);
    const ingest = await createIngest({
      store: db.store,
      ...opts,
      batchSize: 5,
      highWaterRecords: 1000,
      highWaterBytes: 64 * 1024,
    });
    const pauses: boolean[] = [];
    ingest.onBackpressure((paused) => pauses.push(paused));
    db.refuse = true;
    // 20 long messages (~8 KB each) pass 64 KB; 20 records are far below the record mark.
    for (let i = 0; i < 20; i++)
      ingest.push({ kind: 'message', message: makeChatMessage({ ts: baseTs + i, text: 'x'.repeat(4000) }) });
    await waitFor(() => ingest.stats().writes.failing, { what: 'the refused write to be noticed' });
    const flushed = ingest.flush();
    assert.deepEqual(pauses, [true]);
    db.refuse = false;
    await flushed;
    assert.deepEqual(pauses, [true, false]);
    assert.equal(await count(store, 'chat_messages'), 20);
    assert.deepEqual(ingest.stats().dropped, {});
    await ingest.stop();
    await store.close();
  });

  it("counts a short message's share of its raw line in the byte budget, so 1,000 short messages pass 1 MiB", async () => {
    // A parsed chat line of ~400 characters of tags keeps well over 1 KB alive while it waits (its frame and
    // object; 1.5–1.7 KB measured on the bench corpora), however short its text.
    const r = await refusedThenFlushed({ highWaterRecords: 50_000, highWaterBytes: 2 ** 20 }, 1000, 'gg');
    assert.deepEqual(r.pausesWhileRefused, [true]);
    assert.deepEqual(r.pauses, [true, false]);
    assert.equal(r.stored, 1000);
    assert.deepEqual(r.dropped, {});
  });

  it('pauses sources by default once what waits passes 16 MiB, far below the record mark', async () => {
    // 1,000 messages of 9,000 characters: ~18 MiB at two bytes a character, far under 50,000 records.
    const r = await refusedThenFlushed({}, 1000, 'x'.repeat(9000));
    assert.deepEqual(r.pausesWhileRefused, [true]);
    assert.deepEqual(r.pauses, [true, false]);
    assert.equal(r.stored, 1000);
  });

  it('keeps a stream end the database refuses and reports the end once it is written', async () => {
    const store = await tempStore();
    const db = refusable(store);
    const ended: string[] = [];
    const ingest = await createIngest({
      store: db.store,
      ...opts,
      journal: { dir: mkdtempSync(join(tmpdir(), 'streamlens-journal-')), maxBytes: 1 << 20 },
      onStreamEnded: (id) => ended.push(id),
    });
    await ingest.upsertStream(makeStream({ id: 'live', startedAt: baseTs }));
    db.refuse = true;
    await ingest.endStream('live', baseTs + 60_000); // resolves: kept in the journal
    assert.deepEqual(ended, []);
    db.refuse = false;
    await waitFor(() => ended.length === 1, { what: 'the stream end to be written' });
    assert.equal(
      (await store.get<{ ended_at: number }>("SELECT ended_at FROM streams WHERE id = 'live'"))?.ended_at,
      baseTs + 60_000,
    );
    await ingest.stop();
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

  it('writes a flood that piled up behind a slow write in writes of at most two batches, each record once, all by the next flush', async () => {
    const store = await tempStore();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const sizes: number[] = [];
    const slow: Store = Object.create(store, {
      write: {
        value: async (batch: WriteBatch, o?: WriteOptions) => {
          if (batch.chatMessages?.length) {
            sizes.push(batch.chatMessages.length);
            await held;
          }
          return store.write(batch, o);
        },
      },
    });
    const ingest = await createIngest({ store: slow, ...opts, batchSize: 10, flushIntervalMs: 0 });
    // The first write waits; 1,000 more records pile up in the buffer meanwhile.
    ingest.push({ kind: 'message', message: makeChatMessage({ id: 'first' }) });
    await waitFor(() => sizes.length === 1, { what: 'the first write to start', everyMs: 0 });
    for (let i = 0; i < 1000; i++) ingest.push({ kind: 'message', message: makeChatMessage({ ts: baseTs + i }) });
    release();
    await ingest.flush();
    assert.equal(await count(store, 'chat_messages'), 1001);
    assert.ok(Math.max(...sizes) <= 20, `a write of ${Math.max(...sizes)} records`);
    await ingest.stop();
    await store.close();
  });
});
