// Chooses and opens the configured backend: PostgreSQL when a database URL is set, else the SQLite file.

import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /**
   * For commands that only read: a SQLite file that does not exist is DATABASE_MISSING instead of being created
   * (with its directory). A PostgreSQL database always exists on its server; its schema is brought up to date.
   */
  mustExist?: boolean;
  /** Hears about connection trouble (a lost PostgreSQL connection, a missing read-only role). */
  log?: Logger;
  /**
   * A second connection of a process whose first one owns the schema and the writer (an analytics worker thread):
   * no migrations, and a SQLite search sees what the first one's writer has indexed (the first catches up before
   * asking) instead of starting a second writer.
   */
  reader?: boolean;
}

/** Opens the store the config names and brings its schema up to date. */
export async function openStore(
  config: Pick<Config, 'db' | 'databaseUrl' | 'databaseReadOnlyRole'>,
  options: OpenStoreOptions = {},
): Promise<Store> {
  let store: Store;
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    store = openPostgresStore({ url: config.databaseUrl, readOnlyRole: config.databaseReadOnlyRole, log: options.log });
  } else {
    store = openSqliteStore({ path: config.db, mustExist: options.mustExist, reader: options.reader });
  }
  if (options.reader) return store;
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
