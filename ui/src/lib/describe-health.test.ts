import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeHealth, type HealthWrites } from './describe-health.ts';

const fine: HealthWrites = {
  failing: false,
  failingSince: null,
  lastError: null,
  waiting: 0,
  journalBytes: 0,
  paused: false,
};

test('no banner while the database answers and takes writes', () => {
  assert.equal(describeHealth({ database: 'reachable', writes: fine }), null);
  assert.equal(describeHealth({ database: 'reachable', writes: null }), null);
});

test("refused writes: since when, how many wait, where, and the database's words", () => {
  const banner = describeHealth(
    {
      database: 'reachable',
      writes: {
        ...fine,
        failing: true,
        failingSince: 1_000,
        lastError: 'disk I/O error',
        waiting: 12_345,
        journalBytes: 9,
      },
    },
    1_000 + 95_000,
  );
  assert.deepEqual(banner, {
    message:
      'The database has refused writes for 2 min: 12.3k records wait (kept on disk) and will be written once it takes them again.',
    detail: 'disk I/O error',
  });
  const paused = describeHealth({
    database: 'reachable',
    writes: { ...fine, failing: true, waiting: 1, paused: true },
  });
  assert.match(paused?.message ?? '', /1 record waits \(held in memory, and collection is paused\)/);
});

test('catching up after, and an unreachable database for a web-only process', () => {
  assert.match(
    describeHealth({ database: 'reachable', writes: { ...fine, waiting: 40 } })?.message ?? '',
    /takes writes again: 40 records/,
  );
  assert.match(describeHealth({ database: 'unreachable', writes: null })?.message ?? '', /cannot be reached/);
});
