import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { describeStoreContract } from '../../../test/support/describe-store-contract.ts';
import { makeChannel, makeChatMessage } from '../../../test/support/make-records.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'streamlens-sqlite-')), 'test.db');
}

async function migratedStore(path = tempDbPath()): Promise<SqliteStore> {
  const store = openSqliteStore({ path });
  await store.migrate();
  return store;
}

describeStoreContract('sqlite', () => migratedStore());

it('sqlite: a runaway read-only query is stopped at its time limit', async () => {
  const store = await migratedStore();
  await assert.rejects(
    store.queryReadOnly('WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n', {
      rowLimit: 10,
      timeoutMs: 300,
    }),
    /stopped after 300 ms/,
  );
  await store.close();
});

it('sqlite: the writer thread indexes new chat for search by itself, and writes stay ordered and visible', async () => {
  const store = await migratedStore();
  const channel = makeChannel();
  await store.write({ channels: [channel] });
  const messages = Array.from({ length: 50 }, (_, i) =>
    makeChatMessage({ channelId: channel.id, ts: 1_700_000_000_000 + i, text: `writer thread word${i}` }),
  );
  // Concurrent writes resolve in order, and each is visible to reads once it resolves.
  const results = await Promise.all(messages.map((m) => store.write({ chatMessages: [m] })));
  assert.deepEqual(
    results.map((r) => r.chatMessages),
    messages.map(() => 1),
  );
  const count = async (sql: string) => (await store.get<{ n: number }>(sql))?.n ?? -1;
  assert.equal(await count('SELECT COUNT(*) AS n FROM chat_messages'), 50);
  // No search has run: the entries get built in the writer's idle time.
  for (
    let waited = 0;
    waited < 5000 && (await count('SELECT COUNT(*) AS n FROM search_index_pending')) > 0;
    waited += 25
  )
    await new Promise((r) => setTimeout(r, 25));
  assert.equal(await count('SELECT COUNT(*) AS n FROM search_index_pending'), 0);
  // Nothing is pending any more, so these searches read what the writer built on its own.
  assert.equal((await store.searchChat('writer thread', { limit: 100 })).length, 50);
  assert.equal((await store.searchChat('word7', { limit: 5 })).length, 1);
  await store.close();
});

it('sqlite: a failed write rejects with the database error and the writer keeps working', async () => {
  const store = await migratedStore();
  // A value SQLite cannot bind fails inside the writer thread.
  const broken = { ...makeChatMessage(), text: { not: 'text' } as unknown as string };
  await assert.rejects(store.write({ chatMessages: [broken] }), /parameter|bind/);
  assert.equal((await store.write({ chatMessages: [makeChatMessage()] })).chatMessages, 1);
  await store.close();
});

it('sqlite: catch-up indexes each pending message once, joining ranges unless stored rows lie between', async () => {
  const store = await migratedStore();
  const channel = makeChannel();
  await store.write({ channels: [channel] });
  const at = (ts: number, text: string) => makeChatMessage({ channelId: channel.id, ts: 1_700_000_000_000 + ts, text });
  await store.write({ chatMessages: [at(500, 'needle earlier')] }, { bulkLoad: true });
  assert.equal(await store.catchUp(), 1);
  // Ranges [1, 10], [10, 20] (sharing ts 10), [21, 30] (touching); then ts 500, stored and indexed already, lies
  // before [1000, 1010] and [2000, 2010], with nothing stored between those two.
  const batches = [
    [at(1, 'needle a'), at(10, 'needle b')],
    [at(10, 'needle c'), at(20, 'needle d')],
    [at(21, 'needle e'), at(30, 'needle f')],
    [at(1000, 'needle g'), at(1010, 'needle h')],
    [at(2000, 'needle i'), at(2010, 'needle j')],
  ];
  for (const chatMessages of batches) await store.write({ chatMessages }, { bulkLoad: true });
  const progress: string[] = [];
  assert.equal(await store.catchUp((done, total) => progress.push(`${done}/${total}`)), 10);
  assert.deepEqual(progress, ['1/2', '2/2'], 'one statement on each side of the row indexed before');
  assert.equal((await store.searchChat('needle', { limit: 100 })).length, 11);
  await store.close();
});

it('sqlite: a bulk load keeps chatter aggregates in memory and writes them exactly at catch-up', async () => {
  const store = await migratedStore();
  const channel = makeChannel();
  await store.write({ channels: [channel] });
  const at = (i: number, userId: string, login: string, streamId: string | null = 'stream-1') =>
    makeChatMessage({ channelId: channel.id, streamId, ts: 1_700_000_000_000 + i * 1000, userId, userLogin: login });
  const first = [at(1, 'u1', 'ann'), at(2, 'u2', 'bob'), at(3, 'u1', 'ann')];
  const second = [first[2]!, at(4, 'u1', 'ann_renamed'), at(5, 'u2', 'bob', null)];
  assert.equal((await store.write({ chatMessages: first }, { bulkLoad: true })).chatMessages, 3);
  assert.equal((await store.write({ chatMessages: second }, { bulkLoad: true })).chatMessages, 2);
  await store.catchUp();
  const chatters = await store.all<{
    user_id: string;
    user_login: string;
    messages: number;
    first_seen: number;
    last_seen: number;
  }>('SELECT user_id, user_login, messages, first_seen, last_seen FROM chatters ORDER BY user_id');
  assert.deepEqual(chatters, [
    { user_id: 'u1', user_login: 'ann_renamed', messages: 3, first_seen: first[0]!.ts, last_seen: second[1]!.ts },
    { user_id: 'u2', user_login: 'bob', messages: 2, first_seen: first[1]!.ts, last_seen: second[2]!.ts },
  ]);
  const perStream = await store.all<{ user_id: string; messages: number }>(
    'SELECT user_id, messages FROM chatter_streams ORDER BY user_id',
  );
  assert.deepEqual(perStream, [
    { user_id: 'u1', messages: 3 },
    { user_id: 'u2', messages: 1 },
  ]);
  assert.equal((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chatter_recount_pending'))?.n, 0);
  await store.close();
});

it('sqlite: chatter totals of chat across streams, channels and out of time order equal a recount of the stored messages, bulk or not', async () => {
  for (const bulkLoad of [true, false]) {
    const store = await migratedStore();
    const channels = [makeChannel({ id: '7001', login: 'one' }), makeChannel({ id: '7002', login: 'two' })];
    await store.write({ channels });
    // Three users in two channels, three streams and stream-less chat, written in batches whose times go back
    // and forth; every batch is written twice.
    const streams = ['s-a', 's-b', null, 's-c'];
    const messages = Array.from({ length: 120 }, (_, i) =>
      makeChatMessage({
        channelId: channels[i % 2]!.id,
        streamId: streams[Math.floor(i / 6) % 4]!,
        ts: 1_700_000_000_000 + ((i * 37) % 120) * 1000,
        userId: `u${Math.floor(i / 2) % 3}`,
        userLogin: `user${Math.floor(i / 2) % 3}`,
      }),
    );
    for (let i = 0; i < messages.length; i += 25) {
      const batch = messages.slice(i, i + 25);
      await store.write({ chatMessages: batch }, { bulkLoad });
      await store.write({ chatMessages: batch }, { bulkLoad });
    }
    await store.catchUp();
    const totals = await store.all(
      'SELECT channel_id, user_id, first_seen, last_seen, messages FROM chatters ORDER BY channel_id, user_id',
    );
    const recount = await store.all(
      `SELECT channel_id, user_id, MIN(ts) AS first_seen, MAX(ts) AS last_seen, COUNT(*) AS messages
       FROM chat_messages GROUP BY channel_id, user_id ORDER BY channel_id, user_id`,
    );
    assert.deepEqual(totals, recount, `chatters (bulkLoad ${bulkLoad})`);
    const perStream = await store.all(
      'SELECT channel_id, stream_id, user_id, first_ts, last_ts, messages FROM chatter_streams ORDER BY 1, 2, 3',
    );
    const streamRecount = await store.all(
      `SELECT channel_id, stream_id, user_id, MIN(ts) AS first_ts, MAX(ts) AS last_ts, COUNT(*) AS messages
       FROM chat_messages WHERE stream_id IS NOT NULL GROUP BY channel_id, stream_id, user_id ORDER BY 1, 2, 3`,
    );
    assert.equal(perStream.length, 2 * 3 * 3, 'every user chats in every stream of both channels');
    assert.deepEqual(perStream, streamRecount, `chatter_streams (bulkLoad ${bulkLoad})`);
    await store.close();
  }
});

it('sqlite: channels of a bulk load whose process died are recounted when the store next opens', async () => {
  const path = tempDbPath();
  const store = await migratedStore(path);
  const channel = makeChannel();
  const messages = [1, 2, 3].map((i) =>
    makeChatMessage({
      channelId: channel.id,
      streamId: 's1',
      ts: 1_700_000_000_000 + i,
      userId: 'u1',
      userLogin: 'ann',
    }),
  );
  await store.write({ channels: [channel], chatMessages: messages });
  await store.close();
  // As a crashed import leaves it: its messages stored, its counts lost, its marker left by a process now gone.
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  const raw = new Database(path);
  raw.prepare('UPDATE chatters SET messages = 1').run();
  raw.prepare('DELETE FROM chatter_streams').run();
  raw.prepare('INSERT INTO chatter_recount_pending (channel_id, pid) VALUES (?, ?)').run(channel.id, dead);
  raw.close();
  const reopened = await migratedStore(path);
  await reopened.write({}); // the writer is running, so its start-up recount is done
  assert.equal((await reopened.get<{ n: number }>('SELECT messages AS n FROM chatters'))?.n, 3);
  assert.equal((await reopened.get<{ n: number }>('SELECT messages AS n FROM chatter_streams'))?.n, 3);
  assert.equal((await reopened.get<{ n: number }>('SELECT COUNT(*) AS n FROM chatter_recount_pending'))?.n, 0);
  await reopened.close();
});

it("sqlite: a reader store keeps a smaller page cache than the process's own store", async () => {
  const path = tempDbPath();
  const store = await migratedStore(path);
  const reader = openSqliteStore({ path, reader: true });
  // Negative values are KiB: the reader's cache holds fewer pages.
  const cacheKb = (s: SqliteStore) => -Number(s.db.pragma('cache_size', { simple: true }));
  assert.ok(cacheKb(reader) < cacheKb(store), `${cacheKb(reader)} KiB against ${cacheKb(store)}`);
  await reader.close();
  await store.close();
});

it('sqlite: a search finds messages still waiting for the index from their rows, never waiting for the writer (a reader store too)', async () => {
  const path = tempDbPath();
  const store = await migratedStore(path);
  await store.write({ channels: [makeChannel()] });
  // A bulk load leaves its entries pending until catch-up.
  const texts = ['pending words', 'pendingness is not a word', 'Café olé', 'PENDING again'];
  await store.write(
    { chatMessages: texts.map((text, i) => makeChatMessage({ ts: 1_700_000_000_000 + i, text })) },
    {
      bulkLoad: true,
    },
  );
  const reader = openSqliteStore({ path, reader: true });
  assert.equal(await reader.catchUp(), 0);
  const pending = async () =>
    (await store.get<{ n: number }>('SELECT SUM(messages) AS n FROM search_index_pending'))?.n;
  for (const s of [store, reader]) {
    const found = async (query: string) => (await s.searchChat(query, { limit: 5 })).map((m) => m.text);
    // Whole words as the index's tokenizer reads them: case and accents folded, no partial words.
    assert.deepEqual(await found('pending'), ['PENDING again', 'pending words']);
    assert.deepEqual(await found('cafe'), ['Café olé']);
    assert.deepEqual(await found('word'), ['pendingness is not a word']);
  }
  assert.equal(await pending(), texts.length, 'the searches left the index to the writer');
  await reader.close();
  await store.close();
});

it('sqlite: messages indexed and still pending come back merged, in the index order, once each, within the limit', async () => {
  const store = await migratedStore();
  await store.write({ channels: [makeChannel(), makeChannel({ id: '1002', login: 'other' })] });
  const t0 = 1_700_000_000_000;
  const message = (i: number, pending: boolean) =>
    makeChatMessage({
      // Pairs in one millisecond whose ids share their first five hex digits: one full-text key.
      id: `abcde${i % 2}${pending ? 'p' : 'i'}-${i}`,
      channelId: i % 5 === 0 ? '1002' : '1001',
      streamId: i % 3 === 0 ? 's2' : 's1',
      userLogin: i % 4 === 0 ? 'ann' : 'bob',
      ts: t0 + Math.floor(i / 2) * 1000 + (pending ? 500 : 0),
      text: i % 7 === 0 ? 'hay only' : `needle ${i}`,
    });
  await store.write({ chatMessages: Array.from({ length: 40 }, (_, i) => message(i, false)) }, { bulkLoad: true });
  await store.catchUp();
  // Pending messages between and beside indexed ones, one of them stored and indexed already (a replay).
  await store.write(
    { chatMessages: [...Array.from({ length: 40 }, (_, i) => message(i, true)), message(3, false)] },
    { bulkLoad: true },
  );
  const searches: [string, Parameters<SqliteStore['searchChat']>[1]][] = [
    ['needle', { limit: 7 }],
    ['needle', { limit: 200 }],
    ['needle', { limit: 7, channelId: '1002' }],
    ['needle', { limit: 7, userLogin: 'ANN' }],
    ['needle', { limit: 7, streamId: 's2' }],
    ['needle 3', { limit: 5 }],
  ];
  const run = async () => {
    const results: string[][] = [];
    for (const [query, options] of searches) results.push((await store.searchChat(query, options)).map((m) => m.id));
    return results;
  };
  const beforeCatchUp = await run();
  assert.ok(((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM search_index_pending'))?.n ?? 0) > 0);
  await store.catchUp();
  assert.deepEqual(beforeCatchUp, await run());
  assert.equal(beforeCatchUp[1]!.length, 68, 'every needle once');
  assert.deepEqual(beforeCatchUp[5], ['abcde1p-3', 'abcde1i-3']);
  await store.close();
});
