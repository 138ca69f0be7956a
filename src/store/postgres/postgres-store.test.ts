import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database.ts';
import { describeStoreContract } from '../../../test/support/describe-store-contract.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { postgresMigrations } from './migrations.ts';
import { openPostgresStore, type PostgresStore } from './postgres-store.ts';
import { toReaderRoleName } from './read-only-role.ts';

const silentLog = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLog;
  },
};

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

  it("runs read-only SQL as the database's reader role, created by migrate()", async () => {
    assert.equal(store.readOnlyRole, toReaderRoleName(database!.name));
    const who = await store.queryReadOnly('SELECT current_user AS u', { rowLimit: 1, timeoutMs: 5000 });
    assert.equal(who.rows[0]?.u, toReaderRoleName(database!.name));
    // The role reads the data tables, not the plumbing.
    const read = await store.queryReadOnly('SELECT COUNT(*) AS n FROM chat_messages', { rowLimit: 1, timeoutMs: 5000 });
    assert.ok(Number(read.rows[0]?.n) > 0);
    await assert.rejects(
      store.queryReadOnly('SELECT * FROM channel_leases', { rowLimit: 1, timeoutMs: 5000 }),
      (error: Error & { code?: string }) => error.code === 'READ_ONLY_VIOLATION',
    );
  });

  it('refuses server files, other sessions, role switches and SQL-running functions to read-only SQL', async () => {
    const refused = [
      "SELECT pg_read_file('/etc/hostname')",
      "SELECT * FROM pg_ls_dir('.')",
      'SELECT usename, passwd FROM pg_shadow',
      'SELECT rolpassword FROM pg_catalog."pg_authid"',
      'SELECT pg_terminate_backend(pg_backend_pid())',
      "SELECT set_config('role', current_setting('is_superuser'), true)",
      // The escape the role alone would allow: switch back to the (superuser) login, then run SQL text.
      "SELECT SET_CONFIG('role', 'postgres', true), query_to_xml('select pg_read_file(''/etc/hostname'')', true, true, '')",
      "SELECT \"set_config\"('role', 'postgres', true)",
      "SELECT ts_stat('select pg_read_file(''/etc/hostname'')::tsvector')",
      "SELECT U&\"\\0073et_config\"('role', 'postgres', true)",
    ];
    for (const sql of refused)
      await assert.rejects(
        store.queryReadOnly(sql, { rowLimit: 10, timeoutMs: 5000 }),
        (error: Error & { code?: string }) => error.code === 'READ_ONLY_VIOLATION',
        sql,
      );
    // Nothing was broken on the way: the store still answers.
    assert.ok(((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages'))?.n ?? 0) > 0);
  });

  it('without the right to create roles, migrates anyway, warns once and reads as the login', async () => {
    const login = `streamlens_test_norole_${database!.name.slice(-12)}`;
    const admin = new pg.Client({ connectionString: database!.url });
    await admin.connect();
    await admin.query(`CREATE ROLE ${login} LOGIN NOCREATEROLE`);
    await admin.query(`GRANT CREATE, USAGE ON SCHEMA public TO ${login}`);
    try {
      // Its own schema, so it owns its tables and the existing reader role's grants are not its to give.
      await admin.query(`CREATE SCHEMA ${login} AUTHORIZATION ${login}`);
      const url = new URL(database!.url);
      url.username = login;
      // Its own schema first; public still lends it the extensions the schema uses (unaccent).
      url.searchParams.set('options', `-c search_path=${login},public`);
      const warnings: string[] = [];
      const limited = openPostgresStore({
        url: url.toString(),
        log: { ...silentLog, warn: (m: string) => warnings.push(m) },
      });
      opened.push(limited);
      await limited.migrate();
      assert.equal(limited.readOnlyRole, undefined);
      assert.equal(warnings.length, 1);
      assert.match(
        warnings[0]!,
        /no read-only role: .*(may not create the role|is not a member of).*docs\/deployment\.md/,
      );
      const who = await limited.queryReadOnly('SELECT current_user AS u', { rowLimit: 1, timeoutMs: 5000 });
      assert.equal(who.rows[0]?.u, login);
      await limited.close();
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${login} CASCADE`);
      await admin.query(`REVOKE ALL ON SCHEMA public FROM ${login}`);
      await admin.end();
      const server = new pg.Client({ connectionString: database!.url });
      await server.connect();
      await server.query(`DROP ROLE IF EXISTS ${login}`).finally(() => server.end());
    }
  });

  it("refreshes the planner's statistics at the end of a bulk load", async () => {
    const messages = Array.from({ length: 5 }, (_, i) =>
      makeChatMessage({ channelId: 'bulk', ts: 1_700_000_100_000 + i }),
    );
    await store.write({ chatMessages: messages }, { bulkLoad: true });
    await store.catchUp();
    const stats = await store.get<{ estimated: number; stored: number }>(
      `SELECT (SELECT reltuples FROM pg_class WHERE relname = 'chat_messages') AS estimated,
              (SELECT COUNT(*) FROM chat_messages) AS stored`,
    );
    assert.equal(Number(stats?.estimated), Number(stats?.stored));
  });

  it('reports a size greater than zero', async () => {
    assert.ok((await store.sizeBytes()) > 0);
  });
});
