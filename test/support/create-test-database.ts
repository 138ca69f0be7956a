// Throwaway PostgreSQL databases for tests and benchmarks: a uniquely named database created on the server
// named by STREAMLENS_TEST_POSTGRES_URL (default: local trust auth) and dropped, connections and all, after.
// Only databases made here are ever dropped.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { toReaderRoleName } from '../../src/store/postgres/read-only-role.ts';

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** The database's name. */
  name: string;
  /** Drops the database, ending any connection still open to it, and the read-only role made for it. */
  drop(): Promise<void>;
}

/** The maintenance database test databases are created from. */
export const testServerUrl = process.env.STREAMLENS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why no test database can be made (the server does not answer), or undefined when it can. */
export async function findPostgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${testServerUrl} is unreachable: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates `<prefix>_<random>` and returns its URL; throws when the server does not answer. */
export async function createTestDatabase(prefix = 'streamlens_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: testServerUrl });
      client.on('error', () => {});
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
        await client.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(toReaderRoleName(name))}`);
      } finally {
        await client.end();
      }
    },
  };
}
