// SQLite's contentless full-text rows are keyed by the message time and 20 bits of its id (fts-key.ts), a key two
// messages of one millisecond can share: it then matches the words of both. A hit is kept only when its own text
// matches, checked in a scratch full-text table made from chat_fts's own definition, so the tokenizer (and what
// "matches" means) is the index's.

import type Database from 'better-sqlite3';

/** Returns a check: which of `texts` (by index) match the FTS5 query `match`, as chat_fts would judge them. */
export function createFtsMatchCheck(db: Database.Database): (texts: readonly string[], match: string) => Set<number> {
  let statements: { insert: Database.Statement; select: Database.Statement; clear: Database.Statement } | undefined;

  function prepare() {
    const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chat_fts'").get() as
      | { sql: string }
      | undefined;
    if (!row) throw new Error('chat_fts is missing: the store is not migrated');
    // A temporary table: this connection's own, possible on a read-only one too, gone when it closes.
    db.exec(
      `DROP TABLE IF EXISTS temp.chat_fts_check; ${row.sql.replace(/^CREATE VIRTUAL TABLE\s+"?chat_fts"?/i, 'CREATE VIRTUAL TABLE temp.chat_fts_check')}`,
    );
    return {
      insert: db.prepare('INSERT INTO temp.chat_fts_check (rowid, text) VALUES (?, ?)'),
      select: db.prepare('SELECT rowid AS i FROM temp.chat_fts_check WHERE chat_fts_check MATCH ?').pluck(),
      clear: db.prepare("INSERT INTO temp.chat_fts_check (chat_fts_check) VALUES ('delete-all')"),
    };
  }

  return (texts, match) => {
    if (texts.length === 0) return new Set();
    statements ??= prepare();
    const s = statements;
    return db.transaction(() => {
      for (const [i, text] of texts.entries()) s.insert.run(i, text);
      const matching = new Set(s.select.all(match) as number[]);
      s.clear.run();
      return matching;
    })();
  };
}
