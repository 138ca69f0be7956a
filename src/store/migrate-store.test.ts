import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { createTestDatabase } from '../../test/support/create-test-database.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
  makeTranscriptSegment,
} from '../../test/support/make-records.ts';
import { skipWithout } from '../../test/support/skip-without.ts';
import { migratedTables, migrateStore } from './migrate-store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

const skipReason = await skipWithout('postgresql');
const database = skipReason ? undefined : await createTestDatabase('streamlens_test_migrate');
after(async () => {
  await database?.drop();
});

async function fillSqlite() {
  const from = openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'streamlens-migrate-')), 'src.db') });
  await from.migrate();
  const streams = [
    makeStream(),
    makeStream({ id: 's2', startedAt: baseTs + 86_400_000, endedAt: baseTs + 90_000_000 }),
  ];
  await from.write({ channels: [makeChannel(), makeChannel({ id: '1002', login: 'other' })], streams });
  for (let batch = 0; batch < 5; batch++) {
    const chatMessages = Array.from({ length: 700 }, (_, i) =>
      makeChatMessage({
        channelId: i % 3 === 0 ? '1002' : '1001',
        streamId: i % 2 ? 's1' : null,
        ts: baseTs + batch * 10_000 + i,
        userId: String(4000 + (i % 37)),
        userLogin: `user${i % 37}`,
        text: `message ${batch}/${i} with 'quotes', "double", \\ and emoji 🎉`,
        firstMsg: i % 11 === 0,
        badges: i % 5 ? [] : [{ name: 'subscriber', version: '3' }],
      }),
    );
    await from.write({
      chatMessages,
      snapshots: [makeSnapshot({ ts: baseTs + batch * 60_000, viewerCount: 10 + batch })],
      chatEvents: [makeChatEvent({ ts: baseTs + batch, data: { months: batch } })],
      channelEvents: [makeChannelEvent({ ts: baseTs + batch })],
      transcriptSegments: [makeTranscriptSegment({ startTs: baseTs + batch * 4000, confidence: 0.25 * batch })],
      transcriptGaps: [
        { channelId: '1001', streamId: 's1', startTs: baseTs + batch, endTs: baseTs + batch + 5, reason: 'x' },
      ],
      categorySnapshots: [{ gameId: 'g1', gameName: 'Chess', ts: baseTs + batch, liveChannels: 3, viewers: 99 }],
    });
  }
  from.db
    .prepare('INSERT INTO stream_reports (stream_id, channel_id, generated_at, report) VALUES (?, ?, ?, ?)')
    .run('s1', '1001', baseTs, JSON.stringify({ peak: 14 }));
  from.db
    .prepare('INSERT INTO agent_conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)')
    .run('c1', 'why the drop?', baseTs, baseTs);
  from.db
    .prepare(
      'INSERT INTO agent_messages (id, conversation_id, seq, role, content, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run('m1', 'c1', 1, 'user', 'why did viewers drop?', baseTs);
  from.db
    .prepare(
      'INSERT INTO chat_minutes (stream_id, minute, channel_id, ts, messages, chatters, emotes, bits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run('s1', 0, '1001', baseTs, 12, 5, 3, 0);
  await from.emotes.upsert([
    { provider: '7tv', channelId: '', emoteId: '60ae958e229664e8667aea38', name: 'EZ', fetchedAt: baseTs },
    { provider: 'ffz', channelId: '1001', emoteId: '128054', name: 'OMEGALUL', fetchedAt: baseTs },
  ]);
  return from;
}

it('copies every table, resumes after an interruption, and ends identical', { skip: skipReason }, async () => {
  const from = await fillSqlite();
  const to = openPostgresStore({ url: database!.url });
  await to.migrate();
  try {
    let batches = 0;
    await assert.rejects(
      migrateStore({
        from,
        to,
        batchSize: 1000,
        onProgress: (table, done) => {
          if (table === 'chat_messages' && done > 0 && ++batches === 2) throw new Error('interrupted');
        },
      }),
      /interrupted/,
    );
    const partial = await to.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages');
    assert.equal(partial?.n, 2000);

    const seen: string[] = [];
    const resumed = await migrateStore({
      from,
      to,
      batchSize: 1000,
      onProgress: (table, done, total) => seen.push(`${table} ${done}/${total}`),
    });
    // The re-run starts from the checkpoint, not from the first row.
    assert.equal(
      seen.find((p) => p.startsWith('chat_messages')),
      'chat_messages 2000/3500',
    );
    const chat = resumed.find((s) => s.table === 'chat_messages');
    assert.deepEqual(chat, { table: 'chat_messages', sourceRows: 3500, inserted: 1500 });
    assert.ok(seen.includes('stream_reports 1/1'));

    for (const { name, key } of migratedTables) {
      // Sorted here, not in SQL: PostgreSQL's collation may order text differently from SQLite's bytes.
      const sortKey = (row: Record<string, unknown>) => JSON.stringify(key.map((k) => row[k]));
      const read = async (store: typeof from | typeof to) =>
        (await store.all<Record<string, unknown>>(`SELECT * FROM ${name}`)).sort((x, y) =>
          sortKey(x) < sortKey(y) ? -1 : 1,
        );
      const [a, b] = await Promise.all([read(from), read(to)]);
      assert.ok(a.length > 0, `${name} has rows in the source`);
      assert.deepEqual(b, a, `${name} is identical`);
    }
    const again = await migrateStore({ from, to, batchSize: 1000 });
    assert.ok(again.every((s) => s.inserted === 0));
  } finally {
    await from.close();
    await to.close();
  }
});
