// The connection pool every PostgreSQL module shares, with type parsers set on this pool only (never on pg's
// global registry) so rows look like SQLite's: BIGINT, NUMERIC and COUNT(*) come back as JS numbers.

import pg from 'pg';

/** OIDs of the types whose text form pg would otherwise hand over as strings. */
const int8Oid = 20;
const numericOid = 1700;

/** A BIGINT as a number when it fits exactly, else its decimal string (never a silently rounded number). */
function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const rowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === int8Oid) return parseInt8;
    if (format !== 'binary' && oid === numericOid) return Number;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  applicationName?: string;
  /** Every transaction on these connections is READ ONLY unless it says otherwise: the server refuses writes. */
  readOnly?: boolean;
}

/** Opens a pool on `url` with streamlens' row types. Connections are made lazily, on first query. */
export function createPostgresPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: rowTypes,
    application_name: options.applicationName ?? 'streamlens',
    connectionTimeoutMillis: 10_000,
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle client whose server went away must not crash the process; the next query reports the problem.
  pool.on('error', () => {});
  return pool;
}
