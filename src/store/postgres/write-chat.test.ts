// The chat write path (write-chat.ts) on a real PostgreSQL: text survives COPY's encoding whatever it holds, and a batch that
// mixes stored and new messages (the COPY stops, the staging way takes over) stores and counts only the new ones;
// what a batch adds to the chatter totals is counted per channel, stream and chatter; chat events are stored once,
// whatever their text holds, and delete what they name.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database.ts';
import { baseTs, makeChatEvent, makeChatMessage } from '../../../test/support/make-records.ts';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { openPostgresStore, type PostgresStore } from './postgres-store.ts';

const skipReason = await skipWithout('postgresql');
const database: TestDatabase | undefined = skipReason ? undefined : await createTestDatabase('streamlens_test_chat');

describe('postgres chat writes', { skip: skipReason }, () => {
  let store: PostgresStore;
  before(async () => {
    store = openPostgresStore({ url: database!.url });
    await store.migrate();
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('stores text with tabs, line breaks, backslashes, \\N, emoji and NULs as written (NULs dropped)', async () => {
    const texts = ['a\tb', 'line\nbreak\r\n', 'back\\slash \\N \\t', '\\', 'NULL', '👨‍👩‍👧 草 ㅋㅋ', 'nul\u0000here'];
    const messages = texts.map((text, i) =>
      makeChatMessage({ channelId: 'escapes', ts: baseTs + i, text, displayName: `Name\t${i}`, color: null }),
    );
    assert.equal((await store.write({ chatMessages: messages })).chatMessages, texts.length);
    const rows = await store.all<{ text: string; display_name: string; color: string | null }>(
      'SELECT text, display_name, color FROM chat_messages WHERE channel_id = ? ORDER BY ts',
      ['escapes'],
    );
    assert.deepEqual(
      rows.map((r) => r.text),
      texts.map((t) => t.replaceAll('\u0000', '')),
    );
    assert.equal(rows[3]?.display_name, 'Name\t3');
    assert.equal(rows[0]?.color, null);
  });

  it('stores and counts only the new messages of a batch that holds stored ones too', async () => {
    const old = [1, 2].map((i) => makeChatMessage({ channelId: 'mixed', userId: 'u1', ts: baseTs + i }));
    const fresh = [3, 4, 5].map((i) => makeChatMessage({ channelId: 'mixed', userId: 'u1', ts: baseTs + i }));
    assert.equal((await store.write({ chatMessages: old })).chatMessages, 2);
    // The stored ones last, so the COPY has already moved rows when it stops.
    assert.equal((await store.write({ chatMessages: [...fresh, ...old] })).chatMessages, 3);
    const chatter = await store.get<{ messages: number; first_seen: number; last_seen: number }>(
      'SELECT messages, first_seen, last_seen FROM chatters WHERE channel_id = ? AND user_id = ?',
      ['mixed', 'u1'],
    );
    assert.deepEqual(chatter, { messages: 5, first_seen: baseTs + 1, last_seen: baseTs + 5 });
    const stored = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages WHERE channel_id = ?', [
      'mixed',
    ]);
    assert.equal(stored?.n, 5);
  });

  it('adds up a batch that switches between channels and streams, a message without a stream among them', async () => {
    const at = (channelId: string, streamId: string | null, ts: number, userLogin = 'viewer1') =>
      makeChatMessage({ channelId, streamId, userId: 'u7', userLogin, ts: baseTs + ts });
    const batch = [
      at('c1', 's1', 1),
      at('c2', 's2', 2),
      at('c1', 's1', 3),
      at('c1', null, 4),
      at('c1', 's3', 5),
      at('c1', 's1', 6, 'renamed'),
      at('c1', null, 7),
      at('c2', 's2', 8),
    ];
    assert.equal((await store.write({ chatMessages: batch })).chatMessages, batch.length);
    const totals = await store.all<{ channel_id: string; user_login: string; messages: number; last_seen: number }>(
      "SELECT channel_id, user_login, messages, last_seen FROM chatters WHERE user_id = 'u7' ORDER BY channel_id",
    );
    assert.deepEqual(totals, [
      { channel_id: 'c1', user_login: 'viewer1', messages: 6, last_seen: baseTs + 7 },
      { channel_id: 'c2', user_login: 'viewer1', messages: 2, last_seen: baseTs + 8 },
    ]);
    const streams = await store.all<{ stream_id: string; messages: number; first_ts: number; last_ts: number }>(
      "SELECT stream_id, messages, first_ts, last_ts FROM chatter_streams WHERE user_id = 'u7' ORDER BY stream_id",
    );
    assert.deepEqual(streams, [
      { stream_id: 's1', messages: 3, first_ts: baseTs + 1, last_ts: baseTs + 6 },
      { stream_id: 's2', messages: 2, first_ts: baseTs + 2, last_ts: baseTs + 8 },
      { stream_id: 's3', messages: 1, first_ts: baseTs + 5, last_ts: baseTs + 5 },
    ]);
  });

  it('stores chat events once, a NUL dropped from their columns (kept in their JSON, escaped), quotes and braces kept, and applies their deletions', async () => {
    const target = makeChatMessage({ channelId: 'events', userId: 'u8', ts: baseTs + 1 });
    const banned = makeChatMessage({ channelId: 'events', userId: 'u9', ts: baseTs + 2 });
    const events = [
      makeChatEvent({
        channelId: 'events',
        ts: baseTs + 3,
        type: 'delete',
        userId: 'u8',
        data: { targetMessageId: target.id },
      }),
      makeChatEvent({ channelId: 'events', ts: baseTs + 4, type: 'ban', userId: 'u9', userLogin: 'nul\u0000"{x,y}\\' }),
      makeChatEvent({
        channelId: 'events',
        ts: baseTs + 5,
        type: 'announcement',
        data: { text: 'a\u0000b "q" {1,2} \\N' },
      }),
    ];
    const first = await store.write({ chatMessages: [target, banned], chatEvents: events });
    assert.deepEqual(first, { chatMessages: 2, chatEvents: 3, channelEvents: 0, snapshots: 0, transcriptSegments: 0 });
    assert.equal((await store.write({ chatEvents: events })).chatEvents, 0);
    const stored = await store.all<{ type: string; user_login: string | null; data: string }>(
      "SELECT type, user_login, data FROM chat_events WHERE channel_id = 'events' ORDER BY ts",
    );
    assert.deepEqual(
      stored.map((e) => [e.type, e.user_login]),
      [
        ['delete', 'viewer1'],
        ['ban', 'nul"{x,y}\\'],
        ['announcement', 'viewer1'],
      ],
    );
    assert.deepEqual(JSON.parse(stored[2]!.data), { text: 'a\u0000b "q" {1,2} \\N' });
    const deleted = await store.all<{ user_id: string; deleted_at: number | null }>(
      "SELECT user_id, deleted_at FROM chat_messages WHERE channel_id = 'events' ORDER BY ts",
    );
    assert.deepEqual(deleted, [
      { user_id: 'u8', deleted_at: baseTs + 3 },
      { user_id: 'u9', deleted_at: baseTs + 4 },
    ]);
  });
});
