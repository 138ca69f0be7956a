// Throwaway PostgreSQL databases for tests and benchmarks: a uniquely named database created on the server
// named by STREAMLENS_TEST_POSTGRES_URL (default: local trust auth) and dropped, connections and all, after.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { toReaderRoleName } from './read-only-role.ts';

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

/**
 * Creates `<prefix>_<random>`; resolves undefined (with the reason in `onUnreachable`) when no server answers,
 * except under CI (`CI` set), where a missing server is an error rather than a silently skipped suite.
 */
export async function createTestDatabase(
  prefix = 'streamlens_test',
  onUnreachable?: (reason: string) => void,
): Promise<TestDatabase | undefined> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    const reason = `PostgreSQL at ${testServerUrl} is unreachable: ${(error as Error).message}`;
    if (process.env.CI) throw new Error(`${reason} (CI must run the PostgreSQL tests)`);
    onUnreachable?.(reason);
    return undefined;
  }
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
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
