import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDatabase } from '../../../test/support/create-test-database.ts';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { silentLogger } from '../../log.ts';
import type { ChannelLeases } from '../store.ts';
import { openPostgresStore } from './postgres-store.ts';

const skipReason = await skipWithout('postgresql');
const database = skipReason ? undefined : await createTestDatabase('streamlens_test_leases');
const store = database ? openPostgresStore({ url: database.url }) : undefined;

const channels = Array.from({ length: 12 }, (_, i) => `chan${String(i + 1).padStart(2, '0')}`);
const ttlMs = 600;
const managers = new Map<string, ChannelLeases>();
/** What each worker's callbacks say it is collecting, as a collector would see it. */
const collecting = new Map<string, Set<string>>();
const overlaps: string[] = [];
let monitor: NodeJS.Timeout | undefined;

function startWorker(workerId: string): ChannelLeases {
  const active = new Set<string>();
  collecting.set(workerId, active);
  const leases = store!.channelLeases.startChannelLeases({
    workerId,
    channels,
    ttlMs,
    onAcquire: (c) => void active.add(c),
    onRelease: (c) => void active.delete(c),
    log: silentLogger,
  });
  managers.set(workerId, leases);
  return leases;
}

/** Fails the test (at the end) if two workers ever believe they own the same channel at the same moment. */
function checkExclusive(): void {
  const seen = new Map<string, string>();
  for (const [worker, leases] of managers)
    for (const c of leases.owned()) {
      const other = seen.get(c);
      if (other) overlaps.push(`${c}: ${other} and ${worker}`);
      seen.set(c, worker);
    }
}

/** Waits until the workers' leases satisfy `condition`, failing with who owns what after 20 s. */
const settle = (what: string, condition: () => boolean) =>
  waitFor(condition, { what, timeoutMs: 20_000, everyMs: 20, detail: snapshot });

function snapshot(): Record<string, string[]> {
  return Object.fromEntries([...managers].map(([w, l]) => [w, l.owned()]));
}

function counts(workers: string[]): number[] {
  return workers.map((w) => managers.get(w)!.owned().length);
}

function coveredBy(workers: string[]): boolean {
  const all = workers.flatMap((w) => managers.get(w)!.owned());
  return all.length === channels.length && new Set(all).size === channels.length;
}

before(async () => {
  if (!store) return;
  await store.migrate();
  monitor = setInterval(checkExclusive, 5);
});

after(async () => {
  clearInterval(monitor);
  await Promise.all([...managers.values()].map((l) => l.stop().catch(() => {})));
  await store?.close();
  await database?.drop();
});

it('splits channels among workers, takes over after a crash, rebalances for a newcomer', {
  skip: skipReason,
}, async () => {
  for (const w of ['a', 'b', 'c']) startWorker(w);
  await settle(
    'an even three-way split',
    () => coveredBy(['a', 'b', 'c']) && counts(['a', 'b', 'c']).every((n) => n === 4),
  );

  // c dies without giving anything back: its rows stay until they expire, then a and b share everything.
  const orphaned = managers.get('c')!.owned();
  await managers.get('c')!.stop({ release: false });
  const stillC = await store!.all<{ worker_id: string }>(
    'SELECT worker_id FROM channel_leases WHERE channel IN (?, ?, ?, ?)',
    orphaned,
  );
  assert.deepEqual(
    stillC.map((r) => r.worker_id),
    ['c', 'c', 'c', 'c'],
  );
  await settle('takeover by the survivors', () => coveredBy(['a', 'b']) && counts(['a', 'b']).every((n) => n === 6));
  assert.ok(orphaned.every((ch) => managers.get('a')!.owned().includes(ch) || managers.get('b')!.owned().includes(ch)));

  // A fourth process joins (the third live one): the others give up their extras so it gets a fair share.
  startWorker('d');
  await settle(
    'a rebalance onto the newcomer',
    () => coveredBy(['a', 'b', 'd']) && counts(['a', 'b', 'd']).every((n) => n === 4),
  );

  // Callbacks tell the collectors the same story as the leases.
  for (const w of ['a', 'b', 'd']) assert.deepEqual([...collecting.get(w)!].sort(), managers.get(w)!.owned());
  assert.deepEqual(overlaps, []);

  for (const w of ['a', 'b', 'd']) await managers.get(w)!.stop();
  const left = await store!.get<{ n: number }>('SELECT COUNT(*) AS n FROM channel_leases');
  assert.equal(left?.n, 0);
  for (const w of ['a', 'b', 'd']) assert.equal(collecting.get(w)!.size, 0);
});
