// Child process for user- and agent-written SQL: its own read-only connection, so a runaway query can be
// stopped for real (SIGKILL; SQLite's interrupt is not exposed by better-sqlite3). Plain JS, no tsx needed.
// It says `ready` once the database is open (the parent starts a query's clock only then), or why it failed
// (then waits for the parent to end it, so that message cannot be overtaken by its exit). Rows are read one at
// a time and counted in bytes: a row over `maxRowBytes` fails the query, and reading stops at `maxBytes` of
// rows. Its memory as a whole is watched by the parent (read-only-runner.ts).
import Database from 'better-sqlite3';

const maxRowBytes = Number(process.argv[3]);
const db = openDatabase(process.argv[2]);
if (db) {
  process.on('message', runQuery);
  process.send({ ready: true });
} else process.once('disconnect', () => process.exit(1));

function openDatabase(path) {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 2000');
    return db;
  } catch (error) {
    process.send({ failed: error.message });
    return undefined;
  }
}

function runQuery({ id, sql, rowLimit, maxBytes }) {
  try {
    const stmt = db.prepare(sql);
    if (!stmt.readonly || !stmt.reader) {
      process.send({
        id,
        error: 'only a single read statement (SELECT / WITH … SELECT) is allowed',
        code: 'READ_ONLY_VIOLATION',
      });
      return;
    }
    const columns = stmt.columns().map((c) => c.name);
    const rows = [];
    let bytes = 0;
    let truncated = false;
    let byteLimitReached = false;
    for (const row of stmt.safeIntegers(true).iterate()) {
      if (rows.length >= rowLimit) {
        truncated = true;
        break;
      }
      let rowBytes = 0;
      for (const k of Object.keys(row)) {
        const v = row[k];
        if (typeof v === 'bigint')
          row[k] =
            v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
        else if (Buffer.isBuffer(v)) row[k] = `x'${v.toString('hex')}'`;
        const value = row[k];
        rowBytes += k.length + (typeof value === 'string' ? value.length : 8);
      }
      if (rowBytes > maxRowBytes) {
        process.send({
          id,
          error: `a result row is ${rowBytes} bytes, over the limit of ${maxRowBytes}`,
          code: 'QUERY_FAILED',
          hint: 'select fewer or shorter columns (e.g. substr(text, 1, 200)) or aggregate less',
        });
        return;
      }
      bytes += rowBytes;
      if (bytes > maxBytes) {
        truncated = true;
        byteLimitReached = true;
        break;
      }
      rows.push(row);
    }
    process.send({ id, columns, rows, truncated, byteLimitReached });
  } catch (error) {
    process.send({ id, error: error.message, code: 'QUERY_FAILED' });
  }
}
