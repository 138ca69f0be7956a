// Multi-row inserts as one statement: each column travels as one array parameter and `unnest` turns them back
// into rows, so a batch of thousands is a single round trip with a plan PostgreSQL caches.

import type pg from 'pg';

/** A column name and the PostgreSQL type its array parameter is cast to (`text`, `int8`, `float8`, `int2`…). */
export type ColumnSpec = readonly [name: string, type: string];

export interface InsertRowsOptions {
  /** Everything after `ON CONFLICT`, e.g. `DO NOTHING` or `(id) DO UPDATE SET …`. */
  onConflict: string;
  /** Columns to return for each inserted (or updated) row. */
  returning?: string;
}

/** Inserts `rows` (values in `columns` order); names and types come from code, never from input. */
export async function insertRows<R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: pg.ClientBase,
  table: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly unknown[])[],
  options: InsertRowsOptions,
): Promise<pg.QueryResult<R> | undefined> {
  if (rows.length === 0) return undefined;
  const arrays: unknown[][] = columns.map(() => new Array(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < columns.length; c++) arrays[c]![r] = row[c] ?? null;
  });
  const names = columns.map(([name]) => name).join(', ');
  const casts = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const returning = options.returning ? ` RETURNING ${options.returning}` : '';
  return client.query<R>(
    `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${casts}) ON CONFLICT ${options.onConflict}${returning}`,
    arrays,
  );
}

/** PostgreSQL text cannot hold NUL characters (SQLite can): they are dropped rather than failing the batch. */
export function toPgText<T extends string | null>(value: T): T {
  return (value?.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
}
