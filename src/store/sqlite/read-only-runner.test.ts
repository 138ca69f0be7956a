// The read-only runner's time limits: a query's limit counts the query, not the start-up of the process that
// runs it, which has its own deadline and error.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { StreamlensError } from '../../errors.ts';
import { createReadOnlyRunner, type ReadOnlyRunner } from './read-only-runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'streamlens-read-only-'));
const path = join(dir, 'data.db');
const db = new Database(path);
db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)');
db.close();

// Loaded first in the query process (through NODE_OPTIONS, as any Node program honours it): its start-up waits
// until the test creates the gate file, so the test decides when start-up ends, not the machine's load.
const gateModule = join(dir, 'start-up-gate.mjs');
writeFileSync(
  gateModule,
  `import { existsSync } from 'node:fs';
const gate = process.env.STARTUP_GATE_FILE;
while (gate && !existsSync(gate)) await new Promise((resolve) => setTimeout(resolve, 10));
`,
);
let gates = 0;

/** Starts the runner's query process with its start-up held at a gate; returns how to open the gate. */
function runGated(runner: ReadOnlyRunner, sql: string, timeoutMs: number) {
  const gate = join(dir, `gate-${++gates}`);
  const saved = { options: process.env.NODE_OPTIONS, gate: process.env.STARTUP_GATE_FILE };
  process.env.NODE_OPTIONS = `${saved.options ?? ''} --import ${gateModule}`.trim();
  process.env.STARTUP_GATE_FILE = gate;
  try {
    const result = runner.run(sql, { rowLimit: 10, timeoutMs });
    result.catch(() => {});
    return { result, open: () => writeFileSync(gate, '') };
  } finally {
    restore('NODE_OPTIONS', saved.options);
    restore('STARTUP_GATE_FILE', saved.gate);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('read-only runner', () => {
  const runners: ReadOnlyRunner[] = [];
  const open = (options?: Parameters<typeof createReadOnlyRunner>[1]) => {
    const runner = createReadOnlyRunner(path, options);
    runners.push(runner);
    return runner;
  };
  after(async () => {
    for (const runner of runners) await runner.close();
  });

  it('starts the time limit once the query process is ready, not when it is started', async () => {
    const runner = open();
    const { result, open: openGate } = runGated(runner, 'SELECT SUM(x) AS total FROM t', 1000);
    // Timers never fire early: after this wait a limit counted from start-up has run out.
    await sleep(1500);
    openGate();
    const { rows } = await result;
    assert.deepEqual(rows, [{ total: 6 }]);
    // The same process serves the next query.
    assert.deepEqual((await runner.run('SELECT COUNT(*) AS n FROM t', { rowLimit: 10, timeoutMs: 5000 })).rows, [
      { n: 3 },
    ]);
  });

  it('gives up on a process that does not start within its start-up deadline, with its own error', async () => {
    const runner = open({ startupTimeoutMs: 200 });
    const { result, open: openGate } = runGated(runner, 'SELECT 1 AS one', 60_000);
    await assert.rejects(
      result,
      (error: unknown) =>
        error instanceof StreamlensError &&
        error.code === 'UNAVAILABLE' &&
        /did not start within 200 ms/.test(error.message),
    );
    openGate();
  });

  it('stops a query at its time limit and runs the next one in a fresh process', async () => {
    const runner = open();
    const endless = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n';
    const stopped = runner.run(endless, { rowLimit: 10, timeoutMs: 300 });
    const next = runner.run('SELECT MAX(x) AS top FROM t', { rowLimit: 10, timeoutMs: 5000 });
    await assert.rejects(stopped, /query stopped after 300 ms/);
    assert.deepEqual((await next).rows, [{ top: 3 }]);
  });

  it('runs a query asked right after one stopped at its limit (the killed process ending fails nothing new)', async () => {
    const runner = open();
    const endless = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n';
    await assert.rejects(runner.run(endless, { rowLimit: 10, timeoutMs: 300 }), /query stopped after 300 ms/);
    // Asked before the killed process has exited: its exit must not reach this query.
    const next = runner.run('SELECT MIN(x) AS low FROM t', { rowLimit: 10, timeoutMs: 5000 });
    assert.deepEqual((await next).rows, [{ low: 1 }]);
    assert.deepEqual((await runner.run('SELECT COUNT(*) AS n FROM t', { rowLimit: 10, timeoutMs: 5000 })).rows, [
      { n: 3 },
    ]);
  });

  it('says why when the query process cannot open the database', async () => {
    const runner = createReadOnlyRunner(join(dir, 'missing.db'));
    runners.push(runner);
    await assert.rejects(
      runner.run('SELECT 1', { rowLimit: 10, timeoutMs: 5000 }),
      (error: unknown) => error instanceof StreamlensError && /cannot open .*missing\.db/.test(error.message),
    );
    assert.equal(existsSync(join(dir, 'missing.db')), false);
  });
});
