// One way to open the SQLite file, shared by the store's connection and the writer thread's: a path that cannot
// be used ends here with what is wrong and what to do, never in a stack trace or a loop.

import { mkdirSync, type Stats, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { StreamlensError } from '../../errors.ts';

export interface OpenDatabaseOptions {
  /** Open without writing (no WAL change); the file must exist. */
  readOnly?: boolean;
  /** Never create the file or its directory (commands that only read): DATABASE_MISSING when it is not there. */
  mustExist?: boolean;
}

const pathHint = 'choose another path with --db (or STREAMLENS_DB)';

/** Opens the database file, creating it and its directory unless `mustExist` or `readOnly`. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  const readOnly = options.readOnly ?? false;
  const mustExist = readOnly || (options.mustExist ?? false);
  if (path !== ':memory:') {
    if (mustExist) checkDatabaseExists(path);
    else makeDatabaseDirectory(path);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: readOnly, fileMustExist: mustExist });
    db.pragma('busy_timeout = 5000');
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a crash of the process or the machine never corrupts the file; commits are not fsynced.
      db.pragma('synchronous = NORMAL');
    }
    return db;
  } catch (error) {
    db?.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB')
      throw new StreamlensError(
        'FILE_UNREADABLE',
        `${path} is not a SQLite database`,
        'pass --db a streamlens database, or a new path to create one there',
      );
    throw new StreamlensError(
      mustExist ? 'FILE_UNREADABLE' : 'CANNOT_CREATE',
      `cannot open database ${path}: ${(error as Error).message}`,
      mustExist
        ? 'check the permissions of the file and its directory'
        : `check that the directory is writable, or ${pathHint}`,
      { cause: error },
    );
  }
}

function checkDatabaseExists(path: string): void {
  const found = findNearestExisting(path);
  if (found.path === path) {
    if (found.stats.isDirectory())
      throw new StreamlensError(
        'FILE_UNREADABLE',
        `${path} is a directory, not a database file`,
        `pass --db the database file, e.g. ${join(path, 'streamlens.db')}`,
      );
    return;
  }
  const because = found.stats.isDirectory() ? '' : ` (${found.path} is a file, not a directory)`;
  throw new StreamlensError(
    'DATABASE_MISSING',
    `no database at ${path}${because}`,
    'record something first with `streamlens start`, `streamlens demo` or `streamlens import irc`, or pass --db the path of an existing database',
  );
}

/**
 * Creates the missing directories above the file one level at a time: a recursive mkdir loops forever where the
 * kernel answers ENOENT for a directory whose parent exists (under /proc), and a file in the way is named.
 */
function makeDatabaseDirectory(path: string): void {
  const found = findNearestExisting(path);
  if (found.path === path) {
    if (found.stats.isDirectory())
      throw new StreamlensError('CANNOT_CREATE', `cannot create database ${path}: it is a directory`, pathHint);
    return;
  }
  if (!found.stats.isDirectory())
    throw new StreamlensError(
      'CANNOT_CREATE',
      `cannot create database ${path}: ${found.path} is a file, not a directory`,
      pathHint,
    );
  const missing: string[] = [];
  for (let dir = dirname(path); dir !== found.path; dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir).isDirectory()) continue;
      throw new StreamlensError(
        'CANNOT_CREATE',
        `cannot create database ${path}: cannot create directory ${dir} (${describeError(error)})`,
        `${pathHint}, or create the directory first`,
        { cause: error },
      );
    }
  }
}

/** The path itself or its nearest ancestor that exists (the root always does). */
function findNearestExisting(path: string): { path: string; stats: Stats } {
  for (let p = path; ; p = dirname(p)) {
    let stats: Stats | undefined;
    try {
      stats = statSync(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new StreamlensError('FILE_UNREADABLE', `cannot look at ${p}: ${describeError(error)}`, pathHint, {
          cause: error,
        });
    }
    if (stats || p === dirname(p)) return { path: p, stats: stats ?? statSync(p) };
  }
}

/** `EACCES: permission denied` from a Node file-system error, without the call and path it repeats. */
function describeError(error: unknown): string {
  return (error as Error).message.split(',')[0] ?? String(error);
}
