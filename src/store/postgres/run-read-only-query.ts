// User- and agent-written SQL on PostgreSQL: a dedicated connection in a READ ONLY transaction with a statement
// timeout and a small work_mem, switched to the read-only role (read-only-role.ts), one statement only, always
// rolled back. Memory is capped as time is: rows come through a cursor a few at a time, a row larger than
// `maxRowBytes` is refused by the server before it is sent, and fetching stops at `maxBytes` of results.

import type pg from 'pg';
import { StreamlensError } from '../../errors.ts';
import {
  defaultReadOnlyMaxBytes,
  maxReadOnlyRowBytes as maxRowBytes,
  type ReadOnlyQueryOptions,
  type ReadOnlyQueryResult,
} from '../store.ts';
import { isConnectionError } from './create-pool.ts';
import { readFirstKeyword, scanSql } from './to-positional-sql.ts';

/** Statements that only read; anything else is refused before it reaches the server. */
const readingKeywords = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

/**
 * Functions refused by name. The first group would undo the role: `set_config('role', …)` switches back to the
 * login (PostgreSQL checks SET ROLE against the session user, so a superuser login could become superuser
 * again), and the others run SQL text, where a role switch would take effect. The rest reach the server's
 * files or other sessions; the role refuses them too, this also covers a login that could not get the role.
 */
const refusedNames = new Set([
  'set_config',
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
  'ts_stat',
  'ts_rewrite',
  'dblink',
  'dblink_exec',
  'dblink_open',
  'dblink_fetch',
  'dblink_send_query',
  'dblink_connect',
  'dblink_connect_u',
  'pg_read_file',
  'pg_read_binary_file',
  'pg_stat_file',
  'pg_ls_dir',
  'pg_ls_logdir',
  'pg_ls_waldir',
  'pg_ls_tmpdir',
  'pg_ls_archive_statusdir',
  'pg_ls_logicalsnapdir',
  'pg_ls_logicalmapdir',
  'pg_ls_replslotdir',
  'pg_current_logfile',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_promote',
  'lo_import',
  'lo_export',
  'pg_shadow',
  'pg_authid',
  'pg_user_mapping',
  'pg_user_mappings',
]);

/** `work_mem` of these queries: sorts and hashes beyond it spill to disk instead of growing the server. */
const workMem = '16MB';

const readOnlyHint = 'streamlens query only reads; use SELECT';

/** Runs one read statement with the limits in `options`; `role` is switched to with SET LOCAL ROLE when given. */
export async function runReadOnlyQuery(
  pool: pg.Pool,
  sql: string,
  options: ReadOnlyQueryOptions,
  role?: string,
): Promise<ReadOnlyQueryResult> {
  const statement = checkStatement(sql);
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs));
  const rowLimit = Math.max(0, Math.floor(options.rowLimit));
  const maxBytes = Math.max(1, Math.floor(options.maxBytes ?? defaultReadOnlyMaxBytes));
  const started = performance.now();
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    await client.query(`SET LOCAL work_mem = '${workMem}'`);
    if (role) await client.query(`SET LOCAL ROLE ${quoteIdentifier(role)}`);
    // The extended protocol (forced by queryMode) refuses a string holding several statements. The statement
    // sits on lines of its own, so a trailing comment in it cannot swallow the closing parenthesis.
    const declare: pg.QueryConfig & { queryMode: 'extended' } = {
      text: `DECLARE streamlens_ro NO SCROLL CURSOR FOR SELECT streamlens_q.* FROM (\n${statement}\n) AS streamlens_q
        WHERE CASE WHEN pg_column_size(streamlens_q.*) > ${maxRowBytes}
          THEN ('streamlens row bytes ' || pg_column_size(streamlens_q.*))::int > 0 ELSE true END`,
      queryMode: 'extended',
    };
    await client.query(declare);
    const rows: Record<string, unknown>[] = [];
    let columns: string[] = [];
    let bytes = 0;
    let truncated = false;
    let byteLimitReached = false;
    for (;;) {
      const wanted = rowLimit + 1 - rows.length;
      // Each row is at most maxRowBytes: a fetch never brings more than what is left of the budget (or one row).
      const count = Math.max(1, Math.min(wanted, Math.floor((maxBytes - bytes) / maxRowBytes)));
      const remainingMs = Math.floor(timeoutMs - (performance.now() - started));
      if (remainingMs <= 0)
        throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
      await client.query(`SET LOCAL statement_timeout = ${remainingMs}`);
      const fetched = await client.query(`FETCH FORWARD ${count} FROM streamlens_ro`);
      columns = fetched.fields.map((f) => f.name);
      for (const row of fetched.rows as Record<string, unknown>[]) {
        if (rows.length >= rowLimit) {
          truncated = true;
          break;
        }
        bytes += estimateBytes(row);
        if (bytes > maxBytes) {
          truncated = true;
          byteLimitReached = true;
          break;
        }
        rows.push(row);
      }
      if (truncated || fetched.rows.length < count) break;
    }
    return { columns, rows, truncated, ...(byteLimitReached ? { byteLimitReached } : {}) };
  } catch (error) {
    throw toQueryError(error, timeoutMs);
  } finally {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}

/** The statement without a final semicolon, or a READ_ONLY_VIOLATION naming what is refused. */
export function checkStatement(sql: string): string {
  const statement = sql.trim().replace(/;\s*$/, '');
  const refuse = (message: string) => new StreamlensError('READ_ONLY_VIOLATION', message, readOnlyHint);
  if (!readingKeywords.has(readFirstKeyword(statement)))
    throw refuse('only a single read statement (SELECT / WITH … SELECT) is allowed');
  const tokens = scanSql(statement);
  tokens.forEach((t, i) => {
    if (t.kind === 'code' && t.text === ';' && tokens.slice(i + 1).some((n) => n.kind !== 'comment' && n.text.trim()))
      throw refuse('only a single read statement is allowed, not several');
    let name: string | undefined;
    if (t.kind === 'word') name = t.text.toLowerCase();
    else if (t.kind === 'literal' && t.text.startsWith('"')) {
      // U&"…" spells an identifier with escapes: there is no reason to use it here.
      if (tokens[i - 1]?.text === '&') throw refuse('Unicode-escaped identifiers (U&"…") are not allowed');
      name = t.text.slice(1, -1).replaceAll('""', '"');
    }
    if (name !== undefined && (refusedNames.has(name) || name.startsWith('dblink')))
      throw refuse(`${name} is not available to read-only queries`);
  });
  return statement;
}

/** Roughly what a row costs in memory: string lengths, 8 per other value. */
function estimateBytes(row: Record<string, unknown>): number {
  let n = 0;
  for (const key in row) {
    const v = row[key];
    n += key.length + (typeof v === 'string' ? v.length : Buffer.isBuffer(v) ? v.length : 8);
  }
  return n;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A StreamlensError for a problem with the statement; connection errors pass through for the store to map. */
function toQueryError(error: unknown, timeoutMs: number): unknown {
  if (error instanceof StreamlensError || isConnectionError(error)) return error;
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  if (code === '57014')
    return new StreamlensError(
      'QUERY_FAILED',
      `query stopped after ${timeoutMs} ms`,
      'narrow it with WHERE on ts or stream_id, or aggregate less',
    );
  const tooLarge = /streamlens row bytes (\d+)/.exec(message);
  if (tooLarge)
    return new StreamlensError(
      'QUERY_FAILED',
      `a result row is ${tooLarge[1]} bytes, over the limit of ${maxRowBytes}`,
      'select fewer or shorter columns (e.g. left(text, 200)) or aggregate less',
    );
  // 25006: write in a read-only transaction; 42501: the read-only role lacks the privilege; data-modifying
  // WITH is refused by the parser.
  if (code === '25006' || code === '42501' || /data-modifying|multiple commands/i.test(message))
    return new StreamlensError('READ_ONLY_VIOLATION', `read-only query refused: ${message}`, readOnlyHint);
  return new StreamlensError('QUERY_FAILED', message, undefined, { cause: error });
}
