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
  /** Told when a connection is lost outside a query (idle or between statements); the next query reports it. */
  onConnectionLost?: (message: string) => void;
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
    // No JIT: streamlens' statements are index lookups and small aggregates, over in milliseconds, and JIT
    // compiles a plan again on every execution in every connection. The planner's cost of a correlated count per
    // row (top chatters) crossed jit_above_cost: 13 ms of compiling for a 40 ms statement, paid by each of ten
    // concurrent askers.
    options: options.readOnly ? '-c jit=off -c default_transaction_read_only=on' : '-c jit=off',
  });
  // A connection the server ends (restart, failover, idle-session killer, pg_terminate_backend) is reported as
  // an 'error' event, which would end the process without a listener. pg-pool listens on idle clients and
  // forwards to the pool; a checked-out client (a transaction, a read-only query) has no listener but ours.
  // The client is discarded when released, and the caller's next query rejects, so noting it is all to do.
  // Never log the error object itself: pg-pool attaches the client, whose parameters hold the password.
  const lost = (error: Error) => options.onConnectionLost?.(error.message);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown: pg_terminate_backend, smart/fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, recovery
  '53300', // too_many_connections
]);

/**
 * Whether an error means the database could not be reached or the connection was lost (worth retrying
 * later), as opposed to a problem with the statement.
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && (connectionErrorCodes.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection refused|not currently accepting connections/i.test(
    error.message,
  );
}
