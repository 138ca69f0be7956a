import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
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
