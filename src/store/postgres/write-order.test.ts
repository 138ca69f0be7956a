// Writes in flight at once on a real PostgreSQL: each message stored once, chatter totals exact, and every
// CLEARMSG reaching its message whichever write holds it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database.ts';
import { baseTs, makeChatEvent, makeChatMessage } from '../../../test/support/make-records.ts';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { openPostgresStore, type PostgresStore } from './postgres-store.ts';

const skipReason = await skipWithout('postgresql');
const database: TestDatabase | undefined = skipReason ? undefined : await createTestDatabase('streamlens_test_order');

describe('postgres writes in flight at once', { skip: skipReason }, () => {
  let store: PostgresStore;
  before(async () => {
    store = openPostgresStore({ url: database!.url });
    await store.migrate();
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('store each message once and add up the chatter totals exactly', async () => {
    // 12 batches over 40 chatters, each message written by two of them (a reconnect's overlap).
    const messages = Array.from({ length: 1200 }, (_, i) =>
      makeChatMessage({
        channelId: 'overlap',
        ts: baseTs + i * 10,
        userId: `u${(i * 7) % 40}`,
        userLogin: `user${(i * 7) % 40}`,
      }),
    );
    const batches = Array.from({ length: 12 }, (_, b) => messages.slice(b * 100, b * 100 + 200));
    const results = await Promise.all(batches.map((chatMessages) => store.write({ chatMessages })));
    assert.equal(
      results.reduce((n, r) => n + r.chatMessages, 0),
      messages.length,
    );
    const stored = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages WHERE channel_id = ?', [
      'overlap',
    ]);
    assert.equal(stored?.n, messages.length);
    const chatters = await store.all<{ user_id: string; messages: number; first_seen: number; last_seen: number }>(
      'SELECT user_id, messages, first_seen, last_seen FROM chatters WHERE channel_id = ? ORDER BY user_id',
      ['overlap'],
    );
    const expected = new Map<string, { user_id: string; messages: number; first_seen: number; last_seen: number }>();
    for (const m of messages) {
      const c = expected.get(m.userId) ?? { user_id: m.userId, messages: 0, first_seen: m.ts, last_seen: m.ts };
      c.messages++;
      c.last_seen = Math.max(c.last_seen, m.ts);
      expected.set(m.userId, c);
    }
    assert.deepEqual(
      chatters,
      [...expected.values()].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    );
    const perStream = await store.get<{ n: number }>(
      'SELECT SUM(messages) AS n FROM chatter_streams WHERE channel_id = ?',
      ['overlap'],
    );
    assert.equal(perStream?.n, messages.length);
  });

  it('a delete marks its message while the write holding that message is still running', async () => {
    const target = makeChatMessage({ channelId: 'race', ts: baseTs + 1000 });
    const crowd = Array.from({ length: 3000 }, (_, i) => makeChatMessage({ channelId: 'race', ts: baseTs + i }));
    const deletion = makeChatEvent({
      channelId: 'race',
      type: 'delete',
      ts: baseTs + 5000,
      data: { targetMessageId: target.id },
    });
    await Promise.all([store.write({ chatMessages: [...crowd, target] }), store.write({ chatEvents: [deletion] })]);
    const row = await store.get<{ deleted_at: number }>('SELECT deleted_at FROM chat_messages WHERE id = ?', [
      target.id,
    ]);
    assert.equal(row?.deleted_at, baseTs + 5000);
  });

  it('a delete written before the retry of its failed message write marks the message when it is stored', async () => {
    const target = makeChatMessage({ channelId: 'retry', ts: baseTs + 2000 });
    const broken = makeChatMessage({ channelId: 'retry', ts: Number.NaN });
    await assert.rejects(store.write({ chatMessages: [target, broken] }));
    const deletion = makeChatEvent({
      channelId: 'retry',
      type: 'delete',
      ts: baseTs + 3000,
      data: { targetMessageId: target.id },
    });
    assert.equal((await store.write({ chatEvents: [deletion] })).chatEvents, 1);
    assert.equal((await store.write({ chatMessages: [target] })).chatMessages, 1);
    const row = await store.get<{ deleted_at: number }>('SELECT deleted_at FROM chat_messages WHERE id = ?', [
      target.id,
    ]);
    assert.equal(row?.deleted_at, baseTs + 3000);
  });
});
