import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database.ts';
import { describeStoreContract } from '../../../test/support/describe-store-contract.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { postgresMigrations } from './migrations.ts';
import { openPostgresStore, type PostgresStore } from './postgres-store.ts';

// Skipped only when no PostgreSQL answers (a laptop without one); CI runs a server, so there it always runs.
const skipReason = await skipWithout('postgresql');
const database: TestDatabase | undefined = skipReason ? undefined : await createTestDatabase('streamlens_test_store');

const opened: PostgresStore[] = [];
async function openFresh(): Promise<PostgresStore> {
  const store = openPostgresStore({ url: database!.url });
  opened.push(store);
  await store.migrate();
  return store;
}

after(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await database?.drop();
});

if (database) describeStoreContract('postgres', openFresh);
else it('Store contract: postgres', { skip: skipReason }, () => {});

describe('postgres store specifics', { skip: skipReason }, () => {
  let store: PostgresStore;
  before(async () => {
    store = await openFresh();
  });

  it('hides the password in its location', () => {
    const withPassword = openPostgresStore({ url: 'postgres://u:secret@db.example:5432/x' });
    assert.equal(withPassword.location, 'postgres://u@db.example:5432/x');
    void withPassword.close();
  });

  it('several processes can migrate at once', async () => {
    const others = [openPostgresStore({ url: database!.url }), openPostgresStore({ url: database!.url })];
    opened.push(...others);
    await Promise.all([...others.map((s) => s.migrate()), store.migrate()]);
    const row = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
    assert.equal(row?.n, postgresMigrations.length);
  });

  it('returns integers as numbers and keeps mixed-case aliases', async () => {
    const m = makeChatMessage({ channelId: 'types', ts: 1_700_000_000_123 });
    await store.write({ chatMessages: [m] });
    const row = await store.get<{ ts: number; n: number; avgTs: number }>(
      'SELECT MAX(ts) AS ts, COUNT(*) AS n, AVG(ts) AS avgTs FROM chat_messages WHERE channel_id = ?',
      ['types'],
    );
    assert.deepEqual(row, { ts: 1_700_000_000_123, n: 1, avgTs: 1_700_000_000_123 });
  });

  it('stores text with NUL characters instead of failing the batch', async () => {
    const m = makeChatMessage({ channelId: 'nul', text: 'a\u0000b' });
    assert.equal((await store.write({ chatMessages: [m] })).chatMessages, 1);
    assert.equal(
      (await store.get<{ text: string }>('SELECT text FROM chat_messages WHERE id = ?', [m.id]))?.text,
      'ab',
    );
  });

  it('stops a runaway read-only query at its time limit', async () => {
    await assert.rejects(
      store.queryReadOnly('SELECT pg_sleep(5)', { rowLimit: 10, timeoutMs: 200 }),
      /stopped after 200 ms/,
    );
  });

  it('refuses several statements and data-modifying WITH in read-only queries', async () => {
    await assert.rejects(
      store.queryReadOnly('SELECT 1; DROP TABLE chat_messages', { rowLimit: 10, timeoutMs: 5000 }),
      (error: Error & { code?: string }) => error.code === 'READ_ONLY_VIOLATION',
    );
    await assert.rejects(
      store.queryReadOnly('WITH d AS (DELETE FROM chat_messages RETURNING id) SELECT * FROM d', {
        rowLimit: 10,
        timeoutMs: 5000,
      }),
      (error: Error & { code?: string }) => error.code === 'READ_ONLY_VIOLATION',
    );
    const left = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages');
    assert.ok((left?.n ?? 0) > 0);
  });

  it('reports a size greater than zero', async () => {
    assert.ok((await store.sizeBytes()) > 0);
  });
});
