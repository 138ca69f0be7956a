// The target side of `migrate-store`: copies one batch of rows into a public table and advances that table's
// checkpoint in the same transaction, so an interrupted copy resumes exactly where it stopped.

import pg from 'pg';
import { type CopyRowsRequest, type MigrationCheckpoint, migratedTables } from '../migrate-store.ts';
import { type ColumnSpec, insertRows } from './insert-rows.ts';

/** The saved position of `table` for a source, or undefined when its copy has not started. */
export async function readMigrationCheckpoint(
  pool: pg.Pool,
  source: string,
  table: string,
): Promise<MigrationCheckpoint | undefined> {
  const result = await pool.query<{ last_key: string; rows_copied: number }>(
    'SELECT last_key, rows_copied FROM migrate_checkpoints WHERE source = $1 AND table_name = $2',
    [source, table],
  );
  const row = result.rows[0];
  return row ? { lastKey: JSON.parse(row.last_key) as unknown[], rowsCopied: Number(row.rows_copied) } : undefined;
}

/** Inserts the rows (skipping those already present) and saves the last row's key; returns how many were new. */
export async function copyTableRows(client: pg.ClientBase, request: CopyRowsRequest): Promise<number> {
  const { table, columns, keyColumns, rows } = request;
  if (!migratedTables.some((t) => t.name === table)) throw new Error(`not a table migrate-store copies: ${table}`);
  const last = rows.at(-1);
  if (!last) return 0;
  const types = await readColumnTypes(client, table);
  const specs: ColumnSpec[] = columns.map((name) => {
    const type = types.get(name);
    if (!type) throw new Error(`column ${table}.${name} does not exist in the target database (run migrate first)`);
    return [pg.escapeIdentifier(name), type];
  });
  const values = rows.map((row) => columns.map((c) => row[c] ?? null));
  const inserted = await insertRows(client, table, specs, values, { onConflict: 'DO NOTHING' });
  await client.query(
    `INSERT INTO migrate_checkpoints (source, table_name, last_key, rows_copied, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (source, table_name) DO UPDATE SET last_key = excluded.last_key,
       rows_copied = migrate_checkpoints.rows_copied + excluded.rows_copied, updated_at = excluded.updated_at`,
    [request.source, table, JSON.stringify(keyColumns.map((k) => last[k])), rows.length, Date.now()],
  );
  return inserted?.rowCount ?? 0;
}

async function readColumnTypes(client: pg.ClientBase, table: string): Promise<Map<string, string>> {
  const result = await client.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Map(result.rows.map((r) => [r.column_name, r.udt_name]));
}
