// A fresh, migrated, empty store on either backend for tests above the store: a temp SQLite file or a new
// PostgreSQL database (created for the caller and dropped by close(); no other database is touched).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, configSchema } from '../../src/config.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestDatabase } from './create-test-database.ts';

export type Backend = 'sqlite' | 'postgres';

/** Every backend, in the order suites run on them. */
export const backends: readonly Backend[] = ['sqlite', 'postgres'];

export interface TestStore {
  store: Store;
  backend: Backend;
  /** What a config names the database by: `{ db: file }` or `{ databaseUrl: url }`. */
  configFlags: { db: string } | { databaseUrl: string };
  /** Closes the store and removes its file or drops its database. */
  close(): Promise<void>;
}

/** Opens a migrated, empty store on `backend`. */
export async function openTestStore(backend: Backend): Promise<TestStore> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'streamlens-test-'));
    const path = join(dir, 'test.db');
    const store = openSqliteStore({ path });
    await store.migrate();
    return {
      store,
      backend,
      configFlags: { db: path },
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase('streamlens_test');
  const store = openPostgresStore({ url: database.url });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    await database.drop();
    throw error;
  }
  return {
    store,
    backend,
    configFlags: { databaseUrl: database.url },
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** A parsed config over a test store's database (what `serve` would read), for parts that open their own stores. */
export function toTestConfig(testStore: Pick<TestStore, 'configFlags'>): Config {
  const dir = tmpdir();
  return Object.freeze(
    configSchema.parse({
      configFile: join(dir, 'none.json'),
      dataDir: dir,
      db: join(dir, 'none.db'),
      ...testStore.configFlags,
    }),
  );
}
