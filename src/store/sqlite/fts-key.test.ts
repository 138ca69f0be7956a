import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ftsKeySql } from './fts-key.ts';

// The key as documented: ts << 20 | the first five hex digits of the id, any other character counting as 15.
function expectedKey(ts: number, id: string): bigint {
  let low = 0n;
  for (let i = 0; i < 5; i++) {
    const ch = id[i];
    const digit = ch === undefined ? 0 : Number.parseInt(ch, 16);
    low = (low << 4n) | BigInt(Number.isNaN(digit) ? 15 : digit);
  }
  return (BigInt(ts) << 20n) | low;
}

describe('ftsKeySql', () => {
  it('computes the documented key for UUIDs in either case and for ids that are not hex', () => {
    const db = new Database(':memory:');
    db.defaultSafeIntegers(true);
    const key = db.prepare(`SELECT ${ftsKeySql('@ts', '@id')} AS k`).pluck();
    const ts = 1_790_877_600_123;
    const ids = ['8b1c2d3e-0f4a-4b5c-9d6e-7f8091a2b3c4', '8B1C2D3E-0F4A', 'fffff', '00000', 'a9Z-é', 'zz', 'é1234'];
    for (const id of ids) assert.equal(key.get({ ts: BigInt(ts), id }), expectedKey(ts, id), id);
    db.close();
  });
});
