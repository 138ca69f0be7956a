// A many-collectors cluster for the scale test and bench, all through the front door: the simulator in a child
// process serving generated channels, a fresh PostgreSQL database, and `bin/streamlens collect` worker processes
// sharing the channels via leases. Also samples the lease table and reads what the simulator sent.

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './create-test-database.ts';
import type { SentMessage, SimChildRequest } from './run-simulator-child.ts';
import { waitFor } from './wait-for.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ScaleClusterOptions {
  channels: number;
  /** Simulated seconds per real second. */
  speed: number;
  workers: number;
  leaseTtlSec: number;
  /** Viewers of the biggest channel (Zipf rank 1); with 0.04 msg/viewer/min this sets the total rate. */
  topViewers?: number;
  /** Simulated length of every stream. */
  durationSec?: number;
}

/** One lease-table reading: channel → worker, valid leases only, at a database time. */
export interface LeaseSample {
  at: number;
  holders: Map<string, string>;
  /** Channels with more than one valid lease row (impossible by the primary key, checked anyway). */
  doubles: number;
}

export interface Worker {
  pid: number;
  workerId: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
}

export interface ScaleCluster {
  logins: string[];
  pool: pg.Pool;
  workers: Worker[];
  startWorker(): Worker;
  /** A collector on its own SQLite file with one quiet channel: the baseline for per-channel memory. */
  startIdleCollector(): Worker;
  /** Reads the lease table once. */
  sampleLeases(): Promise<LeaseSample>;
  /** Every chat message the simulator sent so far. */
  sentMessages(): Promise<SentMessage[]>;
  /** Stops workers (SIGTERM), simulator, pool; drops the database and the temp dir. */
  stop(): Promise<void>;
}

/** Builds the scale scenario: `channels` generated channels, long-tailed (Zipf 1.1) chat, live from the start. */
export function buildScaleScenario(options: ScaleClusterOptions): unknown {
  return {
    seed: 1000,
    start: 'now',
    generatedChannels: {
      count: options.channels,
      loginPrefix: 'simchannel',
      topViewers: options.topViewers ?? 20_000,
      zipfExponent: 1.1,
      messagesPerViewerPerMinute: 0.04,
      at: '0s',
      duration: options.durationSec ?? 3600,
    },
  };
}

/** Starts the simulator, the database and the workers; resolves once all are started (not yet settled). */
export async function startScaleCluster(options: ScaleClusterOptions): Promise<ScaleCluster> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const db: TestDatabase = await createTestDatabase('streamlens_scale');
    cleanups.push(() => db.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'streamlens-scale-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));

    const sim = fork(join(root, 'test/support/run-simulator-child.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const simExited = new Promise<void>((resolve) => sim.once('exit', () => resolve()));
    cleanups.push(async () => {
      if (sim.connected) sim.send({ kind: 'stop' } satisfies SimChildRequest);
      const timer = setTimeout(() => sim.kill('SIGKILL'), 5000);
      await simExited;
      clearTimeout(timer);
    });
    const ask = <T>(request: SimChildRequest, reply: string) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (message: { kind: string }) => {
          if (message.kind !== reply) return;
          sim.off('message', onMessage);
          sim.off('exit', onExit);
          resolve(message as T);
        };
        const onExit = () => reject(new Error('the simulator process exited'));
        sim.on('message', onMessage);
        sim.once('exit', onExit);
        sim.send(request);
      });
    const { urls } = await ask<{ urls: { chatTcpUrl: string; sevenTvUrl: string; bttvUrl: string; ffzUrl: string } }>(
      { kind: 'start', scenario: buildScaleScenario(options), speed: options.speed },
      'started',
    );

    const logins = Array.from({ length: options.channels }, (_, i) => `simchannel${i + 1}`);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    cleanups.push(() => pool.end());
    const workers: Worker[] = [];
    cleanups.push(async () => {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(
        workers.map(async (w) => {
          const timer = setTimeout(() => w.child.kill('SIGKILL'), 10_000);
          await w.exited;
          clearTimeout(timer);
        }),
      );
    });
    const env = {
      PATH: process.env.PATH,
      HOME: dataDir,
      STREAMLENS_DATABASE_URL: db.url,
      STREAMLENS_LEASE_TTL_SEC: String(options.leaseTtlSec),
      STREAMLENS_CHANNELS: logins.join(','),
      STREAMLENS_TWITCH_CHAT_URL: urls.chatTcpUrl,
      // The scale run measures collection: no emote refresh (every worker would ask for the sets of all 1,000
      // channels); the URLs stay on loopback all the same.
      STREAMLENS_EMOTES: 'off',
      STREAMLENS_EMOTES_7TV_URL: urls.sevenTvUrl,
      STREAMLENS_EMOTES_BTTV_URL: urls.bttvUrl,
      STREAMLENS_EMOTES_FFZ_URL: urls.ffzUrl,
      // An agency tracking 1,000 channels runs a verified bot: Twitch allows it 2,000 joins per 10 s.
      STREAMLENS_TWITCH_JOINS_PER_10S: '2000',
      STREAMLENS_DATA_DIR: dataDir,
      STREAMLENS_LOG_LEVEL: 'warn',
    };
    const startWorker = (workerEnv: Record<string, string | undefined> = env, track = true): Worker => {
      const child = spawn(process.execPath, [join(root, 'bin/streamlens'), 'collect'], {
        cwd: dataDir,
        env: workerEnv,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-20_000);
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const worker: Worker = {
        pid: child.pid!,
        workerId: `:${child.pid}`,
        child,
        exited,
        stderr: () => stderr,
      };
      if (track) workers.push(worker);
      else
        cleanups.push(async () => {
          child.kill('SIGTERM');
          await exited;
        });
      return worker;
    };
    for (let i = 0; i < options.workers; i++) startWorker();
    await waitFor(
      async () => {
        for (const w of workers)
          if (w.child.exitCode !== null) throw new Error(`worker ${w.pid} exited ${w.child.exitCode}: ${w.stderr()}`);
        const { rows } = await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'collector_workers'",
        );
        if (rows[0]!.n === 0) return undefined;
        const live = await pool.query<{ worker_id: string }>('SELECT worker_id FROM collector_workers');
        const ids = live.rows.map((r) => r.worker_id);
        return workers.every((w) => ids.some((id) => id.endsWith(w.workerId))) ? true : undefined;
      },
      { what: 'every worker to heartbeat', timeoutMs: 60_000, everyMs: 250 },
    );

    return {
      logins,
      pool,
      workers,
      startWorker: () => startWorker(),
      startIdleCollector: () =>
        startWorker(
          {
            ...env,
            STREAMLENS_DATABASE_URL: undefined,
            STREAMLENS_DB: join(dataDir, 'idle.db'),
            STREAMLENS_CHANNELS: logins.at(-1),
          },
          false,
        ),
      async sampleLeases() {
        const { rows } = await pool.query<{ channel: string; worker_id: string; n: number; at: string }>(
          `SELECT channel, min(worker_id) AS worker_id, count(*)::int AS n, (extract(epoch from now()) * 1000)::int8 AS at
           FROM channel_leases WHERE expires_at > (extract(epoch from now()) * 1000)::int8 GROUP BY channel`,
        );
        const holders = new Map(rows.map((r) => [r.channel, r.worker_id]));
        return { at: Date.now(), holders, doubles: rows.filter((r) => r.n > 1).length };
      },
      async sentMessages() {
        const file = join(dataDir, `sent-${Date.now()}.json`);
        await ask({ kind: 'dump', file }, 'dumped');
        return JSON.parse(readFileSync(file, 'utf8')) as SentMessage[];
      },
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
