// The key that links a contentless full-text row to its chat message: the message time in the high bits and
// a 20-bit hash of its id in the low ones, so a search hit leads back through (ts, id) without a rowid.

import type Database from 'better-sqlite3';

/** `(ts << 20) | (fnv1a(id) & 0xfffff)`. */
export function ftsKey(ts: number, id: string): bigint {
  return (BigInt(ts) << 20n) | BigInt(hash20(id));
}

function hash20(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0xfffff;
}

/** Registers `sl_fts_key(ts, id)` on a connection. */
export function registerFunctions(db: Database.Database): void {
  db.function('sl_fts_key', { deterministic: true, safeIntegers: true }, (ts: unknown, id: unknown) =>
    ftsKey(Number(ts), String(id)),
  );
}
