// The chatter totals on a real PostgreSQL: what a write's new messages add is folded in exactly once, by the
// writing process moments later, by whichever process folds when several do, or by the next one to open the
// database when the writer died first.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database.ts';
import { baseTs, makeChannel, makeChatMessage, makeStream } from '../../../test/support/make-records.ts';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { openPostgresStore, type PostgresStore } from './postgres-store.ts';

const skipReason = await skipWithout('postgresql');
const database: TestDatabase | undefined = skipReason ? undefined : await createTestDatabase('streamlens_test_fold');

describe('chatter totals folded from deltas', { skip: skipReason }, () => {
  const opened: PostgresStore[] = [];
  const open = async () => {
    const store = openPostgresStore({ url: database!.url });
    opened.push(store);
    await store.migrate();
    return store;
  };
  let reader: PostgresStore;
  before(async () => {
    reader = await open();
  });
  after(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await database?.drop();
  });

  const totals = (channelId: string) =>
    reader.all<{ user_id: string; user_login: string; messages: number; last_seen: number }>(
      'SELECT user_id, user_login, messages, last_seen FROM chatters WHERE channel_id = ? ORDER BY user_id',
      [channelId],
    );

  it('folds what the writer left when it died before folding, when the next process opens the database', async () => {
    // A writer process that exits right after its write, before its fold (a second later) could run.
    const script = `
      import { openPostgresStore } from './src/store/postgres/postgres-store.ts';
      import { baseTs, makeChatMessage } from './test/support/make-records.ts';
      const writer = openPostgresStore({ url: process.env.DB_URL });
      const messages = [1, 2, 3].map((i) => makeChatMessage({ channelId: 'crash', userId: 'u1', ts: baseTs + i }));
      const result = await writer.write({ chatMessages: messages });
      process.stdout.write(String(result.chatMessages));
      process.exit(0);`;
    const stored = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../../../', import.meta.url).pathname,
      env: { ...process.env, DB_URL: database!.url },
      encoding: 'utf8',
    });
    assert.equal(stored, '3');
    assert.deepEqual(await totals('crash'), []);
    await open();
    assert.deepEqual(await totals('crash'), [
      { user_id: 'u1', user_login: 'viewer1', messages: 3, last_seen: baseTs + 3 },
    ]);
  });

  it('counts each message once while two processes write and fold the same chatters', async () => {
    const [a, b] = [await open(), await open()];
    const messages = Array.from({ length: 600 }, (_, i) =>
      makeChatMessage({ channelId: 'twice', userId: `u${i % 7}`, userLogin: `name${i % 7}`, ts: baseTs + i }),
    );
    // Each process writes every message (a reconnect overlap across processes), in batches of 50, at once.
    const batches = (from: number) =>
      Array.from({ length: 12 }, (_, k) => messages.slice(from + k * 50, from + k * 50 + 50));
    const results = await Promise.all([
      ...batches(0).map((chatMessages) => a.write({ chatMessages })),
      ...batches(0).map((chatMessages) => b.write({ chatMessages })),
    ]);
    assert.equal(
      results.reduce((n, r) => n + r.chatMessages, 0),
      messages.length,
    );
    await Promise.all([a.catchUp(), b.catchUp()]);
    const rows = await totals('twice');
    assert.equal(rows.length, 7);
    assert.equal(
      rows.reduce((n, r) => n + r.messages, 0),
      messages.length,
    );
    for (const r of rows) {
      const own = messages.filter((m) => m.userId === r.user_id);
      assert.equal(r.messages, own.length);
      assert.equal(r.last_seen, own.at(-1)!.ts);
      assert.equal(r.user_login, own.at(-1)!.userLogin);
    }
    const left = await reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM chatter_deltas');
    assert.equal(left?.n, 0);
  });

  it('counts a chatter who wrote moments before a presence sample as chatting, not lurking (the writer folds first)', async () => {
    const store = await open();
    const channel = makeChannel({ id: 'present' });
    const stream = makeStream({ id: 'present-s', channelId: channel.id });
    await store.write({ channels: [channel], streams: [stream] });
    await store.write({
      chatMessages: [makeChatMessage({ channelId: channel.id, streamId: stream.id, userId: 'talker', ts: baseTs + 5 })],
    });
    // Written at once, long before the fold's timer: the sample's lurker count must see the message anyway.
    await store.presence.writeSample({
      channelId: channel.id,
      streamId: stream.id,
      ts: baseTs + 10,
      intervalMs: 60_000,
      viewers: 3,
      users: [
        { userId: 'talker', userLogin: 'talker' },
        { userId: 'quiet', userLogin: 'quiet' },
      ],
    });
    const sample = await reader.get<{ present: number; lurkers: number }>(
      'SELECT present, lurkers FROM chat_presence_samples WHERE stream_id = ?',
      [stream.id],
    );
    assert.deepEqual(sample, { present: 2, lurkers: 1 });
  });

  it('commits a fold without waiting for the disk, and leaves the writes after it durable', async () => {
    // One connection: the fold and the query after it share the session, so a SET that outlived the fold shows.
    const store = openPostgresStore({ url: database!.url, maxConnections: 1 });
    opened.push(store);
    await store.write({ chatMessages: [makeChatMessage({ channelId: 'durable', userId: 'u1', ts: baseTs })] });
    await store.catchUp();
    assert.deepEqual(await totals('durable'), [
      { user_id: 'u1', user_login: 'viewer1', messages: 1, last_seen: baseTs },
    ]);
    const setting = await store.queryReadOnly("SELECT current_setting('synchronous_commit') AS v", {
      timeoutMs: 5000,
      rowLimit: 1,
    });
    assert.deepEqual(setting.rows, [{ v: 'on' }]);
  });

  it('names a chatter after their newest message whatever order the writes fold in', async () => {
    const store = await open();
    const older = makeChatMessage({ channelId: 'rename', userId: 'u9', userLogin: 'old_name', ts: baseTs + 10 });
    const newer = makeChatMessage({ channelId: 'rename', userId: 'u9', userLogin: 'new_name', ts: baseTs + 20 });
    await store.write({ chatMessages: [newer] });
    await store.catchUp();
    await store.write({ chatMessages: [older] }); // a late import of older chat
    await store.catchUp(); // another process (the reader) sees the totals once they are folded
    assert.deepEqual(await totals('rename'), [
      { user_id: 'u9', user_login: 'new_name', messages: 2, last_seen: baseTs + 20 },
    ]);
  });
});
