// User- and agent-written SQL on PostgreSQL: a dedicated connection in a READ ONLY transaction with a statement
// timeout (and optionally a role without write grants), one statement only, rows fetched through a cursor so
// no more than rowLimit + 1 are ever produced, and always rolled back.

import pg from 'pg';
import { StreamlensError } from '../../errors.ts';
import type { ReadOnlyQueryOptions, ReadOnlyQueryResult } from '../store.ts';
import { readFirstKeyword } from './to-positional-sql.ts';

/** Statements that only read; anything else is refused before it reaches the server. */
const readingKeywords = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

const readOnlyHint = 'streamlens query only reads; use SELECT';

/** Runs one read statement with the limits in `options`; `role` is switched to with SET LOCAL ROLE when given. */
export async function runReadOnlyQuery(
  pool: pg.Pool,
  sql: string,
  options: ReadOnlyQueryOptions,
  role?: string,
): Promise<ReadOnlyQueryResult> {
  const statement = sql.trim().replace(/;\s*$/, '');
  if (!readingKeywords.has(readFirstKeyword(statement)))
    throw new StreamlensError(
      'READ_ONLY_VIOLATION',
      'only a single read statement (SELECT / WITH … SELECT) is allowed',
      readOnlyHint,
    );
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs));
  const rowLimit = Math.max(0, Math.floor(options.rowLimit));
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    if (role) await client.query(`SET LOCAL ROLE ${pg.escapeIdentifier(role)}`);
    // The extended protocol (forced by queryMode) refuses a string holding several statements.
    const declare: pg.QueryConfig & { queryMode: 'extended' } = {
      text: `DECLARE streamlens_ro NO SCROLL CURSOR FOR ${statement}`,
      queryMode: 'extended',
    };
    await client.query(declare);
    const fetched = await client.query(`FETCH FORWARD ${rowLimit + 1} FROM streamlens_ro`);
    const truncated = fetched.rows.length > rowLimit;
    return {
      columns: fetched.fields.map((f) => f.name),
      rows: truncated ? fetched.rows.slice(0, rowLimit) : fetched.rows,
      truncated,
    };
  } catch (error) {
    throw toQueryError(error, timeoutMs);
  } finally {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}

function toQueryError(error: unknown, timeoutMs: number): StreamlensError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  if (code === '57014')
    return new StreamlensError(
      'QUERY_FAILED',
      `query stopped after ${timeoutMs} ms`,
      'narrow it with WHERE on ts or stream_id, or aggregate less',
    );
  // 25006: write in a read-only transaction; 42501: the read-only role lacks the privilege; data-modifying
  // WITH and multi-statement strings are refused by the parser.
  if (code === '25006' || code === '42501' || /data-modifying|multiple commands/i.test(message))
    return new StreamlensError('READ_ONLY_VIOLATION', `read-only query refused: ${message}`, readOnlyHint);
  return new StreamlensError('QUERY_FAILED', message, undefined, { cause: error });
}
