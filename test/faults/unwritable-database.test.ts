// A SQLite database that cannot take writes for a while, mid-collection: the file and its WAL made immutable
// (chattr +i), and the disk it lives on full (a small tmpfs filled up), with the write journal elsewhere and on
// the same full disk. Writes wait (in the journal, or in memory with the sources paused) and are stored once
// when the disk takes them again. Needs root for chattr and mount; skipped with the reason otherwise.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeBusyChannel } from '../support/start-collected-run.ts';
import { type FaultyRun, startFaultyRun, toFaultReport } from '../support/start-faulty-run.ts';

const speed = 40;
// No quick retries: the first refused write is kept for later (before, it was dropped once they ran out).
const ingest = { maxRetries: 0 };
const scenario = (seed: number) => ({
  seed,
  channels: [
    makeBusyChannel('alpha', '1001', { at: '2m', duration: '4m' }),
    makeBusyChannel('bravo', '1002', { at: '2m', duration: '4m' }),
  ],
});

/** Why a root-only fault cannot be made here, or undefined when it can. */
function cannot(command: string, args: string[]): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (chattr, mount)';
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-probe-'));
  try {
    execFileSync(command, [...args, dir], { stdio: 'ignore' });
    execFileSync(command === 'mount' ? 'umount' : command, command === 'mount' ? [dir] : ['-i', dir], {
      stdio: 'ignore',
    });
    return undefined;
  } catch (error) {
    return `${command} is not permitted here: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const noChattr = cannot('chattr', ['+i']);
const noMount = cannot('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs']);

/** Waits until the ingest says the database refuses writes (and, when asked, that it journaled some). */
/**
 * Waits until a write was refused (and journaled, when the journal can be written). `keepFull` runs meanwhile:
 * SQLite may free blocks (a checkpoint truncating its WAL) and write into them, so a full disk is kept full.
 */
async function untilRefused(run: FaultyRun, journaled: boolean, keepFull: () => void = () => {}): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!run.writeStates.some((s) => s.failing && (!journaled || s.journalBytes > 0))) {
    if (Date.now() > deadline)
      throw new Error(`no write was refused within 2 minutes: ${JSON.stringify(run.writeStates.at(-1))}`);
    keepFull();
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('the database file and its WAL immutable for a while: writes wait in the journal, then are stored once', {
  skip: noChattr,
}, async (t) => {
  const run = await startFaultyRun(scenario(61), { backend: 'sqlite', speed, ingest });
  const files = [run.dbPath, `${run.dbPath}-wal`];
  try {
    await run.untilStored(50);
    execFileSync('chattr', ['+i', ...files]);
    try {
      await untilRefused(run, true);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      execFileSync('chattr', ['-i', ...files]);
    }
    const summary = await run.runToEnd();
    t.diagnostic(toFaultReport('sqlite: database and WAL immutable for 1.5 s mid-ingest', run, summary));
    assert.deepEqual(run.crashes, []);
    assert.equal(summary.matches, true, summary.text);
    assert.equal(run.app.ingest.stats().writes.journalBytes, 0);
    assert.deepEqual(run.app.ingest.stats().dropped, {});
  } finally {
    await run.stop();
  }
});

for (const journal of ['elsewhere', 'on the same disk'] as const) {
  test(`a full disk for a while, the journal ${journal}: nothing lost, nothing doubled`, {
    skip: noMount,
  }, async (t) => {
    const disk = mkdtempSync(join(tmpdir(), 'streamlens-disk-'));
    // Room for the WAL to grow after the disk is freed again (readers can hold its checkpoint back a while).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', disk]);
    const filler = join(disk, 'filler');
    let run: FaultyRun | undefined;
    try {
      run = await startFaultyRun(scenario(journal === 'elsewhere' ? 62 : 63), {
        backend: 'sqlite',
        speed,
        ingest,
        dbDir: disk,
        ...(journal === 'on the same disk' ? { dataDir: disk } : {}),
      });
      await run.untilStored(50);
      // Everything left on the disk, taken by filler files (a few bytes may remain: the write fails there).
      let fillers = 0;
      const fill = () => {
        const { bavail, bsize } = statfsSync(disk);
        if (bavail === 0) return;
        try {
          writeFileSync(`${filler}-${fillers++}`, Buffer.alloc(bavail * bsize));
        } catch {
          // ENOSPC when the last block is taken: what was written stays, the disk is full.
        }
      };
      fill();
      await untilRefused(run, journal === 'elsewhere', fill);
      await new Promise((r) => setTimeout(r, 1500));
      for (let i = 0; i < fillers; i++) rmSync(`${filler}-${i}`, { force: true });
      const summary = await run.runToEnd();
      t.diagnostic(toFaultReport(`sqlite: disk full for 1.5 s, journal ${journal}`, run, summary));
      assert.deepEqual(run.crashes, []);
      assert.equal(summary.matches, true, summary.text);
      assert.deepEqual(run.app.ingest.stats().dropped, {});
    } finally {
      await run?.stop();
      execFileSync('umount', [disk]);
      rmSync(disk, { recursive: true, force: true });
    }
  });
}
