// One way to open the SQLite file, shared by the store's connection and the writer thread's.

import Database from 'better-sqlite3';
import { StreamlensError } from '../../errors.ts';

export function openDatabase(path: string, options: { readOnly?: boolean } = {}): Database.Database {
  const readOnly = options.readOnly ?? false;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: readOnly, fileMustExist: readOnly });
  } catch (error) {
    throw new StreamlensError(
      'FILE_UNREADABLE',
      `cannot open database ${path}: ${(error as Error).message}`,
      readOnly
        ? 'check the path (--db); run `streamlens demo` or `streamlens start` to create one'
        : 'check that the directory is writable',
    );
  }
  db.pragma('busy_timeout = 5000');
  if (!readOnly) {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash of the process or the machine never corrupts the file; commits are not fsynced.
    db.pragma('synchronous = NORMAL');
  }
  return db;
}
