// PostgreSQL going away under a running streamlens: backends terminated mid-ingest and mid-query, and a database
// that refuses connections for a while. The process must live, keep collecting, and store everything once.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { createApp } from '../../src/web/create-app.ts';
import { createTestDatabase, testServerUrl } from '../support/create-test-database.ts';
import { makeChannel, makeStream } from '../support/make-records.ts';
import { skipWithout } from '../support/skip-without.ts';
import { makeBusyChannel } from '../support/start-collected-run.ts';
import { startFaultyRun, toFaultReport } from '../support/start-faulty-run.ts';
import { waitFor } from '../support/wait-for.ts';

const skip = await skipWithout('postgresql');

const speed = 40;
const scenario = (seed: number) => ({
  seed,
  channels: [
    makeBusyChannel('alpha', '1001', { at: '2m', duration: '4m' }),
    makeBusyChannel('bravo', '1002', { at: '2m', duration: '4m' }),
  ],
});

/** An admin connection to the server (never to the test database itself). */
async function withAdmin<T>(body: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testServerUrl });
  admin.on('error', () => {});
  await admin.connect();
  try {
    return await body(admin);
  } finally {
    await admin.end();
  }
}

/** Ends every connection to one database (the test's own), as a restart or an idle-session killer would. */
function terminateBackends(admin: pg.Client, database: string): Promise<unknown> {
  return admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
}

test('backends terminated mid-write, again and again: the collector lives and stores everything once', {
  skip,
}, async (t) => {
  const run = await startFaultyRun(scenario(41), { backend: 'postgres', speed });
  try {
    const name = run.database!.name;
    await run.untilStored(50);
    // Each round holds a lock on chat_messages from a connection of our own, so the collector's next write is
    // caught mid-transaction, then ends every other connection to the test database and lets go.
    const rounds = 5;
    const locker = new pg.Client({ connectionString: run.database!.url });
    locker.on('error', () => {});
    await locker.connect();
    try {
      await withAdmin(async (admin) => {
        for (let round = 0; round < rounds; round++) {
          await locker.query('BEGIN');
          await locker.query('LOCK TABLE chat_messages IN ACCESS EXCLUSIVE MODE');
          const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
          // Chat goes in by COPY (or, for a batch with stored messages, a staging table and INSERT … SELECT),
          // among the other statements of its one round trip (store/postgres/write-chat.ts).
          await waitFor(
            async () =>
              ((
                await admin.query(
                  `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'
                   AND (query LIKE '%COPY chat_messages %' OR query LIKE '%INSERT INTO chat_messages %')`,
                  [name],
                )
              ).rowCount ?? 0) > 0,
            { what: `a chat write waiting for the lock (round ${round + 1})`, timeoutMs: 60_000, everyMs: 10 },
          );
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2', [
            name,
            lockerPid,
          ]);
          await locker.query('COMMIT');
          await new Promise((r) => setTimeout(r, 100));
        }
      });
    } finally {
      await locker.end();
    }
    const summary = await run.runToEnd();
    t.diagnostic(toFaultReport(`postgres: backends terminated mid-write ${rounds} times`, run, summary));
    assert.ok(run.app.ingest.stats().retries > 0, 'terminated writes were retried');
    assert.deepEqual(run.crashes, []);
    assert.equal(summary.matches, true, summary.text);
  } finally {
    await run.stop();
  }
});

test('a database that refuses connections longer than the lease TTL: collection goes on, writes wait, stored once after', {
  skip,
}, async (t) => {
  // Leases of 1 s: the outage below outlasts them several times; the collector keeps its channels all along.
  const run = await startFaultyRun(scenario(42), { backend: 'postgres', speed, flags: { leaseTtlSec: 1 } });
  try {
    const name = run.database!.name;
    await run.untilStored(50);
    await withAdmin(async (admin) => {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
      await terminateBackends(admin, name);
      // Until the ingest has kept at least one batch for later.
      while (!run.writeStates.some((s) => s.failing && s.journalBytes > 0)) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 3000));
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
    });
    const summary = await run.runToEnd();
    t.diagnostic(toFaultReport('postgres: connections refused for 3 s (leases of 1 s) mid-ingest', run, summary));
    assert.deepEqual(run.crashes, []);
    assert.equal(summary.matches, true, summary.text);
    const last = run.app.ingest.stats().writes;
    assert.equal(last.failing, false);
    assert.equal(last.journalBytes, 0, 'the journal is empty once everything is written');
  } finally {
    await run.stop();
  }
});

test('a read-only query whose backend is terminated fails as unavailable, and the next one runs', {
  skip,
}, async () => {
  const run = await startFaultyRun(scenario(43), { backend: 'postgres', speed });
  try {
    await run.untilStored(10);
    // Caught at once: the rejection arrives while the backend is being terminated below.
    const slow = run.store.queryReadOnly('SELECT pg_sleep(5)', { rowLimit: 1, timeoutMs: 10_000 }).then(
      () => undefined,
      (error: Error & { code?: string }) => error,
    );
    await new Promise((r) => setTimeout(r, 300));
    await withAdmin((admin) =>
      admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'",
        [run.database!.name],
      ),
    );
    assert.equal((await slow)?.code, 'UNAVAILABLE');
    // The agent's own attempt is refused before it reaches the server.
    await assert.rejects(
      run.store.queryReadOnly('SELECT pg_terminate_backend(pg_backend_pid())', { rowLimit: 1, timeoutMs: 5000 }),
      (error: Error & { code?: string }) => error.code === 'READ_ONLY_VIOLATION',
    );
    const next = await run.store.queryReadOnly('SELECT COUNT(*) AS n FROM chat_messages', {
      rowLimit: 1,
      timeoutMs: 5000,
    });
    assert.ok(Number(next.rows[0]?.n) > 0);
    const summary = await run.runToEnd();
    assert.deepEqual(run.crashes, []);
    assert.equal(summary.matches, true, summary.text);
  } finally {
    await run.stop();
  }
});

test('serve answers 503 with Retry-After while the database refuses connections, then recovers', {
  skip,
}, async (t) => {
  const database = await createTestDatabase('streamlens_test_faults_serve');
  const store = openPostgresStore({ url: database.url });
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-serve-'));
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  process.on('uncaughtException', onCrash);
  try {
    await store.migrate();
    await store.write({ channels: [makeChannel()], streams: [makeStream()] });
    const config = loadConfig({ cwd: dir, env: {} });
    const web = createApp({ config, store, log: silentLogger, staticDir: join(dir, 'no-ui') });
    try {
      assert.equal((await web.app.request('/api/streams')).status, 200);
      const statuses: number[] = [];
      await withAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database.name)} ALLOW_CONNECTIONS false`);
        await terminateBackends(admin, database.name);
        try {
          for (const path of ['/api/streams', '/api/channels', '/api/trends']) {
            const res = await web.app.request(path);
            statuses.push(res.status);
            assert.equal(res.headers.get('retry-after'), '5', path);
          }
          const health = (await (await web.app.request('/api/health')).json()) as { database: string };
          assert.equal(health.database, 'unreachable');
        } finally {
          await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database.name)} ALLOW_CONNECTIONS true`);
        }
      });
      t.diagnostic(`serve while the database refused connections: ${statuses.join(', ')}`);
      assert.deepEqual(statuses, [503, 503, 503]);
      assert.equal((await web.app.request('/api/streams')).status, 200);
      assert.deepEqual(crashes, []);
    } finally {
      web.close();
    }
  } finally {
    process.off('uncaughtException', onCrash);
    await store.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
