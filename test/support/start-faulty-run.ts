// The fault-injection harness: the real simulator, the real app collecting it (`startApp({ collect: true })`,
// as `streamlens start` and `demo` run it) into SQLite or PostgreSQL, a hook to break things mid-run, and the
// demo's own comparison of what was sent with what was stored. It also counts crashes: any uncaught exception
// or unhandled rejection while the run is up.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoSummary, summarizeDemo } from '../../src/cli/commands/demo-summary.ts';
import { loadConfig } from '../../src/config.ts';
import type { WriteState } from '../../src/ingest/ingest.ts';
import { createLogger, silentLogger } from '../../src/log.ts';
import { type RunningApp, startApp } from '../../src/main.ts';
import {
  parseScenario,
  type RunningSimulator,
  type Scenario,
  type ScenarioInput,
  startSimulator,
} from '../../src/sim/index.ts';
import { signInToSimulator, simulatorFlags } from '../../src/sim/oauth/sign-in.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestDatabase, type TestDatabase } from './create-test-database.ts';
import type { Backend } from './open-test-store.ts';
import { scenarioStart } from './start-collected-run.ts';

export interface FaultyRunOptions {
  backend: Backend;
  speed: number;
  /** Directory of the SQLite file (default: the run's temp dir). */
  dbDir?: string;
  /** The data dir, where the write journal lives (default: the run's temp dir). */
  dataDir?: string;
  pollSec?: number;
  /** Ingest settings (`maxRetries`…) over the config's. */
  ingest?: Record<string, unknown>;
  /** Any other settings, by config path. */
  flags?: Record<string, unknown>;
}

export interface FaultyRun {
  scenario: Scenario;
  sim: RunningSimulator;
  app: RunningApp;
  store: Store;
  /** The run's temp dir. */
  dir: string;
  /** The SQLite file (SQLite runs). */
  dbPath: string;
  /** The PostgreSQL test database (PostgreSQL runs). */
  database: TestDatabase | undefined;
  /** Uncaught exceptions and unhandled rejections seen while the run was up. */
  crashes: string[];
  /** Every write state the ingest reported, sampled every 10 ms. */
  writeStates: WriteState[];
  /** Resolves once `n` chat messages are stored. */
  untilStored(n: number): Promise<void>;
  /** Waits for the scenario's end and every write, then compares the ledger with the store. */
  runToEnd(): Promise<DemoSummary>;
  stop(): Promise<void>;
}

/** Starts the simulator and the collecting app on the chosen backend. */
export async function startFaultyRun(input: ScenarioInput, options: FaultyRunOptions): Promise<FaultyRun> {
  const scenario = parseScenario(input);
  const { speed } = options;
  const pollSec = options.pollSec ?? 0.1;
  const dir = await mkdtemp(join(tmpdir(), 'streamlens-faults-'));
  const dbPath = join(options.dbDir ?? dir, 'faults.db');
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const database = options.backend === 'postgres' ? await createTestDatabase('streamlens_test_faults') : undefined;
  const sim = await startSimulator({ scenario, speed, startAt: scenarioStart });
  let app: RunningApp | undefined;
  const writeStates: WriteState[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const stop = async () => {
    clearInterval(sampler);
    await app?.stop();
    await sim.stop();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
  try {
    const config = loadConfig({
      flags: {
        db: dbPath,
        dataDir: options.dataDir ?? dir,
        ...(database ? { databaseUrl: database.url } : {}),
        channels: scenario.channels.map((c) => c.login),
        ...simulatorFlags(sim),
        'twitch.pollIntervalSec': pollSec,
        ...Object.fromEntries(Object.entries(options.ingest ?? {}).map(([k, v]) => [`ingest.${k}`, v])),
        ...options.flags,
      },
      env: {},
      cwd: dir,
    });
    await signInToSimulator(sim, scenario.channels[0]!, config.dataDir, Date.now() + 3_600_000);
    app = await startApp({
      config,
      log: process.env.SL_DEBUG ? createLogger({ level: 'debug' }) : silentLogger,
      collect: true,
      serve: false,
      clock: sim.clock,
    });
    const running = app;
    sampler = setInterval(() => writeStates.push(running.ingest.stats().writes), 10);
    return {
      scenario,
      sim,
      app,
      store: app.store,
      dir,
      dbPath,
      database,
      crashes,
      writeStates,
      async untilStored(n) {
        while ((running.ingest.stats().stored.message ?? 0) < n) await new Promise((r) => setTimeout(r, 10));
      },
      async runToEnd() {
        await sim.done;
        // A few poll intervals let the poller see the last stream end; then everything is written.
        await new Promise((r) => setTimeout(r, Math.max(300, pollSec * 1000 * 4)));
        await running.ingest.flush();
        const settled = () =>
          running.ingest.stats().writes.waiting === 0 && running.ingest.stats().writes.journalBytes === 0;
        while (!settled()) await new Promise((r) => setTimeout(r, 20));
        return summarizeDemo(running.store, scenario, sim.ledger);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One line for the suite's report: crashes, lost, undeliverable and duplicate (unexpected) records. */
export function toFaultReport(name: string, run: FaultyRun, summary: DemoSummary): string {
  let lost = 0;
  let undeliverable = 0;
  let unexpected = 0;
  for (const c of summary.channels) {
    lost += c.chatMessages.lost;
    undeliverable += c.chatMessages.undeliverable;
    unexpected += c.chatMessages.unexpected;
    for (const e of Object.values(c.chatEvents)) {
      lost += Math.max(0, e.sent - e.undeliverable - e.stored);
      unexpected += Math.max(0, e.stored - (e.sent - e.undeliverable));
    }
    for (const e of Object.values(c.eventsub)) {
      lost += Math.max(0, e.delivered - e.stored);
      unexpected += Math.max(0, e.stored - e.delivered);
    }
  }
  const failing = run.writeStates.some((s) => s.failing);
  return `${name}: ${run.crashes.length} crashes, ${lost} lost, ${unexpected} duplicates or unexpected, ${undeliverable} sent while no connection could exist; writes refused during the run: ${failing ? 'yes' : 'no'}`;
}
