// Chooses and opens the configured backend: PostgreSQL when a database URL is set, else the SQLite file.

import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** Opens the store the config names and brings its schema up to date; `log` hears about connection trouble. */
export async function openStore(
  config: Pick<Config, 'db' | 'databaseUrl' | 'databaseReadOnlyRole'>,
  log?: Logger,
): Promise<Store> {
  let store: Store;
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    store = openPostgresStore({ url: config.databaseUrl, readOnlyRole: config.databaseReadOnlyRole, log });
  } else {
    store = openSqliteStore({ path: config.db });
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
