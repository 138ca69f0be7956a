// Applies the PostgreSQL migrations under an advisory lock, so several processes starting at once (collectors
// on different machines) apply each migration exactly once and none reads a half-built schema.

import type pg from 'pg';
import { postgresMigrations } from './migrations.ts';

/** Arbitrary constant naming streamlens' migration lock among the database's advisory locks. */
const migrationLockKey = 7_420_001;

/**
 * Brings the schema up to date; safe to call on every start and from many processes at once. `afterMigrating`
 * runs under the same lock once the schema is current (the read-only role's grants follow the tables).
 */
export async function runPostgresMigrations(
  pool: pg.Pool,
  afterMigrating?: (client: pg.PoolClient) => Promise<void>,
): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const versions = new Set(done.rows.map((r) => Number(r.version)));
    for (const m of postgresMigrations) {
      if (versions.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          Date.now(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(m.version);
    }
    await afterMigrating?.(client);
  } finally {
    let broken = false;
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => {
      broken = true;
    });
    client.release(broken);
  }
  return applied;
}
