// Keeps the write-ahead log small. The checkpointer copies it back every few tens of milliseconds, but SQLite
// only starts the log over when no reader still reads an older snapshot, and never shrinks the file by itself:
// readers that overlap one another (the web server's analytics workers) would hold it back for good. So the log
// is cut to `walLimitBytes` whenever it starts over (journal_size_limit on the writer), and past twice that the
// checkpointer empties it (TRUNCATE, `checkpoint-thread.mjs`), waiting a moment for the statements that read an
// older snapshot to end; if they have not, it tries again at its next tick. While a bulk load (an import) writes,
// the log may grow to `bulkWalLimitBytes` instead: every TRUNCATE holds the writer up, and at the steady bound a
// 1M-line import was held up some 60 times (0.6 s of its 8.5 s).

import type Database from 'better-sqlite3';

/** What the log is cut to when it starts over; past twice it, the checkpointer empties it. */
export const walLimitBytes = 4 * 2 ** 20;

/** The same bound while a bulk load writes: the log empties some 16 times less often. */
export const bulkWalLimitBytes = 64 * 2 ** 20;

/** Sets the size the log is cut to when it starts over (a writing connection's setting). */
export function limitWal(db: Database.Database): void {
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
}
