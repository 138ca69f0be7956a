import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { makeChannel, makeChatMessage } from '../../../test/factories.ts';
import { describeStoreContract } from '../store-contract.ts';
import { openSqliteStore } from './sqlite-store.ts';

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'streamlens-sqlite-')), 'test.db');
}

describeStoreContract('sqlite', async () => {
  const store = openSqliteStore({ path: tempDbPath() });
  await store.migrate();
  return store;
});

it('sqlite: a runaway read-only query is stopped at its time limit', async () => {
  const store = openSqliteStore({ path: tempDbPath() });
  await store.migrate();
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
  const store = openSqliteStore({ path: tempDbPath() });
  await store.migrate();
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
  const store = openSqliteStore({ path: tempDbPath() });
  await store.migrate();
  // A value SQLite cannot bind fails inside the writer thread.
  const broken = { ...makeChatMessage(), text: { not: 'text' } as unknown as string };
  await assert.rejects(store.write({ chatMessages: [broken] }), /parameter|bind/);
  assert.equal((await store.write({ chatMessages: [makeChatMessage()] })).chatMessages, 1);
  await store.close();
});
