// A year of history: builds one channel's past streams in bulk (bench/history-seed.ts) on SQLite and on
// PostgreSQL, and at each size runs `streamlens serve` over it and times every read endpoint, the report, search
// and the built-in analyst with concurrent clients (p50/p99 per endpoint per size, first call apart), then the
// live endpoint's latency while heavy requests run, serve's peak resident memory, and `streamlens ask` from the
// shell beside the CLI's own start-up (`--version`). The analyst is asked one question of each common kind
// (top chatters, last stream, a viewer drop, best time, month vs month, highlights). Prints the curve.
// Scaled down to run in minutes on 2 cores; everything is a parameter and the line says what it used:
//   BENCH_HISTORY_SIZES=100,250,500  streams at each step   BENCH_HISTORY_MESSAGES=1500  messages per stream
//   BENCH_HISTORY_BACKENDS=sqlite,postgres                   BENCH_HISTORY_CLIENTS=10     concurrent clients
//   BENCH_HISTORY_ROUNDS=2  requests per client per endpoint
//   BENCH_HISTORY_ENDPOINTS=summary,report,analyst chatters  time only these endpoints, in the bench's order
//     (default all; with a list, the /api/live, memory and shell figures are skipped)
//   BENCH_HISTORY_SERVE_FROM=/work/old,.  A/B: serve from each of these checkouts in turn over the same database,
//     BENCH_HISTORY_REPEAT=2 times (old, new, old, new), each line labelled with its checkout (default: this one)
// cpu/req: CPU time of serve (all its threads) and of PostgreSQL's backends on the bench's database per request,
// which the machine's other load skews far less than latency.
// Targets (issue 20): p99 < 300 ms for every endpoint; /api/live < 50 ms while a report runs; the analyst's
// answer < 500 ms (the API's figures; the shell's adds the CLI start-up, printed apart). The product runs compiled
// (dist/, built first when src/ changed), as users run it.
// Last line: {"history":{…}}.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { createTestDatabase, findPostgresProblem } from '../test/support/create-test-database.ts';
import { ensureDistCurrent } from './compiled-product.ts';
import { benchChannel, type HistorySeedOptions, seedHistory } from './history-seed.ts';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const sizes = env('BENCH_HISTORY_SIZES', '100,250,500').split(',').map(Number);
const backends = env('BENCH_HISTORY_BACKENDS', 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const clients = Number(env('BENCH_HISTORY_CLIENTS', '10'));
const rounds = Number(env('BENCH_HISTORY_ROUNDS', '2'));
const onlyEndpoints = process.env.BENCH_HISTORY_ENDPOINTS?.split(',').map((name) => name.trim());
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const serveFrom = env('BENCH_HISTORY_SERVE_FROM', root)
  .split(',')
  .map((dir) => resolvePath(dir));
const repeat = Number(env('BENCH_HISTORY_REPEAT', '1'));
const seedOptions: HistorySeedOptions = {
  messagesPerStream: Number(env('BENCH_HISTORY_MESSAGES', '1500')),
  regulars: 300,
  newcomersPerStream: 120,
};
const requestTimeoutMs = 120_000;
const endBefore = Date.UTC(2026, 10, 30);

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '—');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Served {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function startServe(checkout: string, flags: string[]): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(checkout, 'bin/streamlens'), ...flags, '--log-level', 'warn', 'serve', '--port', String(port)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('serve did not answer within 60 s');
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** One request; its latency in ms, or NaN when it failed or timed out (counted apart). */
async function timeRequest(url: string, init: RequestInit = {}): Promise<number> {
  const t = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
    await response.arrayBuffer();
    return response.ok ? performance.now() - t : NaN;
  } catch {
    return NaN;
  }
}

interface EndpointFigures {
  first: number;
  p50: number;
  p99: number;
  n: number;
  failed: number;
  /** CPU time of serve (all its threads) and of the database server's backends on its database, per request. */
  cpuPerRequest: number;
}

/** CPU ms (user + system) of the processes `pids()` lists: a measure the other load on the machine does not skew. */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The PostgreSQL backends connected to `database` (their titles name it), on this machine. */
function backendPids(database: string | undefined): number[] {
  if (!database) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/**
 * The first call alone (cold), then `clients` clients each making `rounds` calls at once; with the CPU time
 * `cpuPids` spent on those calls per request (sampled before and after: a backend that ends meanwhile is lost).
 */
async function timeEndpoint(
  urls: () => string,
  init: (() => RequestInit) | undefined,
  cpuPids: () => number[],
): Promise<EndpointFigures> {
  const first = await timeRequest(urls(), init?.());
  const before = new Map(cpuPids().map((pid) => [pid, cpuMsOf([pid])]));
  const samples = (
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const mine: number[] = [];
        for (let i = 0; i < rounds; i++) mine.push(await timeRequest(urls(), init?.()));
        return mine;
      }),
    )
  ).flat();
  const cpu = cpuPids().reduce((sum, pid) => sum + cpuMsOf([pid]) - (before.get(pid) ?? 0), 0);
  const ok = samples.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    first,
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    n: ok.length,
    failed: samples.length - ok.length,
    cpuPerRequest: cpu / samples.length,
  };
}

/** /api/live's latency, polled every 50 ms while `heavy` runs. */
async function liveWhile(
  base: string,
  heavy: () => Promise<unknown>,
): Promise<{ p50: number; p99: number; max: number }> {
  const samples: number[] = [];
  let running = true;
  const poll = (async () => {
    while (running) {
      samples.push(await timeRequest(`${base}/api/live`));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await heavy();
  running = false;
  await poll;
  const ok = samples.map((s) => (Number.isFinite(s) ? s : requestTimeoutMs)).sort((a, b) => a - b);
  return { p50: percentile(ok, 50), p99: percentile(ok, 99), max: ok.at(-1) ?? NaN };
}

const analystQuestions: Record<string, string> = {
  chatters: 'who are my top chatters?',
  summary: 'how did my last stream go?',
  drop: 'why did viewers drop last stream?',
  'best time': 'when should I stream?',
  months: 'how did this month compare to last month?',
  highlights: 'what were the highlights?',
};

/** `streamlens ask` from the shell, and the CLI's start-up alone (`--version`): ms per run, median of 3. */
function timeCli(checkout: string, flags: string[]): { askMs: number; startupMs: number } {
  const median3 = (args: string[]) => {
    const runs = [0, 1, 2].map(() => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [join(checkout, 'bin/streamlens'), ...args], { stdio: 'ignore' });
      return r.status === 0 ? performance.now() - t : NaN;
    });
    return percentile(
      runs.sort((a, b) => a - b),
      50,
    );
  };
  return {
    askMs: median3([...flags, 'ask', analystQuestions.chatters!]),
    startupMs: median3(['--version']),
  };
}

function endpoints(ids: string[], csrfToken: string): Record<string, { url: () => string; init?: () => RequestInit }> {
  let k = 0;
  // Clients ask about different streams of the history, as several dashboards would.
  const pick = () => ids[(k++ * 7919) % ids.length]!;
  const q = `channel=${benchChannel.login}`;
  const ask = (question: string) => () => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: `sl_csrf=${csrfToken}` },
    body: JSON.stringify({ question }),
  });
  return {
    health: { url: () => '/api/health' },
    channels: { url: () => '/api/channels' },
    streams: { url: () => '/api/streams' },
    summary: { url: () => `/api/streams/${pick()}` },
    timeline: { url: () => `/api/streams/${pick()}/timeline` },
    highlights: { url: () => `/api/streams/${pick()}/highlights` },
    'viewer-changes': { url: () => `/api/streams/${pick()}/viewer-changes` },
    community: { url: () => `/api/streams/${pick()}/community` },
    questions: { url: () => `/api/streams/${pick()}/questions` },
    window: { url: () => `/api/streams/${pick()}/window?from=600000&to=900000` },
    compare: { url: () => `/api/streams/${pick()}/compare/${pick()}` },
    report: { url: () => `/api/streams/${pick()}/report` },
    trends: { url: () => `/api/trends?${q}` },
    categories: { url: () => `/api/categories?${q}` },
    'best-times': { url: () => `/api/best-times?${q}` },
    retention: { url: () => `/api/retention?${q}` },
    recommendations: { url: () => `/api/recommendations?${q}` },
    search: { url: () => '/api/search?q=good+question&limit=50' },
    chatter: { url: () => `/api/chatters/user_r${k++ % 300}?${q}` },
    live: { url: () => '/api/live' },
    // The built-in analyst (no model configured), one question of each kind a streamer asks most.
    ...Object.fromEntries(
      Object.entries(analystQuestions).map(([name, question]) => [
        `analyst ${name}`,
        { url: () => '/api/agent/ask', init: ask(question) },
      ]),
    ),
  };
}

async function openBackend(backend: 'sqlite' | 'postgres') {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'streamlens-history-bench-'));
    const path = join(dir, 'history.db');
    return {
      store: openSqliteStore({ path }) as Store,
      flags: ['--db', path],
      database: undefined,
      settle: async () => {},
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = await createTestDatabase('streamlens_bench_history');
  return {
    store: openPostgresStore({ url: database.url }) as Store,
    flags: ['--database-url', database.url],
    database: database.name,
    // A year of history written in seconds has never met autovacuum, which a year-old database has: its visibility
    // map is unset (index-only scans visit the heap) and its statistics are those of the first rows.
    settle: async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query('VACUUM (ANALYZE)');
      } finally {
        await client.end();
      }
    },
    drop: database.drop,
  };
}

/** Serves the database from `checkout` and times the endpoints (and, with the report among them, the rest). */
async function timeServe(
  checkout: string,
  flags: string[],
  ids: string[],
  backend: string,
  size: number,
  seedSec: number,
  label: string | undefined,
  database: string | undefined,
): Promise<Record<string, unknown>> {
  const served = await startServe(checkout, flags);
  const figures: Record<string, unknown> = { seedSec: Number(seedSec.toFixed(1)) };
  try {
    const { csrfToken } = (await (await fetch(`${served.base}/api/session`)).json()) as { csrfToken: string };
    const list = Object.fromEntries(
      Object.entries(endpoints(ids, csrfToken)).filter(([name]) => !onlyEndpoints || onlyEndpoints.includes(name)),
    );
    process.stdout.write(
      `\n${backend} ${size} streams${label ? ` served by ${label}` : ''} (${size * seedOptions.messagesPerStream} messages, seeded in ${seedSec.toFixed(0)} s)\n`,
    );
    process.stdout.write('  endpoint            first     p50     p99   n  failed  cpu/req\n');
    for (const [name, e] of Object.entries(list)) {
      const f = await timeEndpoint(
        () => served.base + e.url(),
        e.init,
        () => [served.pid, ...backendPids(database)],
      );
      figures[name] = {
        first: Math.round(f.first),
        p50: Math.round(f.p50),
        p99: Math.round(f.p99),
        failed: f.failed,
        cpuPerRequest: Math.round(f.cpuPerRequest),
      };
      const flag = f.p99 >= 300 ? '  over 300 ms' : '';
      process.stdout.write(
        `  ${name.padEnd(18)} ${ms(f.first).padStart(6)} ${ms(f.p50).padStart(7)} ${ms(f.p99).padStart(7)} ${String(f.n).padStart(3)} ${String(f.failed).padStart(7)} ${ms(f.cpuPerRequest).padStart(8)}${flag}\n`,
      );
    }
    const report = list.report;
    if (onlyEndpoints || !report) return figures;
    const live = await liveWhile(served.base, () =>
      Promise.all(Array.from({ length: 3 }, () => timeRequest(served.base + report.url()))),
    );
    figures.liveDuringReport = live;
    const liveRetention = await liveWhile(served.base, () =>
      Promise.all([
        timeRequest(`${served.base}/api/retention?channel=${benchChannel.login}`),
        timeRequest(`${served.base}/api/search?q=lol&limit=500`),
      ]),
    );
    figures.liveDuringHistory = liveRetention;
    figures.servePeakRssMb = Math.round(peakRssMb(served.pid));
    const cli = timeCli(checkout, flags);
    figures.cli = cli;
    process.stdout.write(
      `  /api/live while 3 reports run: p50 ${ms(live.p50)} p99 ${ms(live.p99)} max ${ms(live.max)}; ` +
        `while retention + search run: p99 ${ms(liveRetention.p99)} max ${ms(liveRetention.max)} (target < 50)\n` +
        `  serve peak RSS ${figures.servePeakRssMb} MB (target < 300)\n` +
        `  streamlens ask from the shell: ${ms(cli.askMs)} ms, of which the CLI's start-up (--version) ${ms(cli.startupMs)} ms (target: the answer < 500 ms)\n`,
    );
    return figures;
  } finally {
    await served.stop();
  }
}

const results: Record<string, Record<string, Record<string, unknown>>> = {};
// `serve` and the CLI run as users run them: compiled, never src/ through tsx (each served checkout's dist/ built
// when its src/ changed; one from before dist/ runs its src/).
for (const checkout of serveFrom) {
  if (checkout === root) ensureDistCurrent();
  else if (existsSync(join(checkout, 'scripts/build-dist.mjs')))
    spawnSync(process.execPath, [join(checkout, 'scripts/build-dist.mjs'), '--if-stale'], { stdio: 'inherit' });
}
process.stdout.write(
  `history: sizes ${sizes.join('/')} streams × ${seedOptions.messagesPerStream} messages (2 h each, 4 a week), ` +
    `${clients} clients × ${rounds} requests per endpoint; streams' rollups built as the product builds them at a stream's end; figures in ms\n`,
);
for (const backend of backends) {
  if (backend === 'postgres') {
    const problem = await findPostgresProblem();
    if (problem) {
      process.stdout.write(`postgres: skipped (${problem})\n`);
      continue;
    }
  }
  const { store, flags, database, settle, drop } = await openBackend(backend);
  results[backend] = {};
  try {
    await store.migrate();
    let built = 0;
    const ids: string[] = [];
    const total = Math.max(...sizes);
    for (const size of sizes) {
      const t = performance.now();
      ids.push(...(await seedHistory(store, { from: built, to: size, total, endBefore }, seedOptions)));
      const seedSec = (performance.now() - t) / 1000;
      await settle();
      built = size;
      // One pass per served checkout (A/B: old, new, old, new over the same database).
      for (let pass = 0; pass < repeat; pass++)
        for (const checkout of serveFrom) {
          const label = serveFrom.length > 1 || repeat > 1 ? `${basename(checkout)}#${pass + 1}` : undefined;
          const figures = await timeServe(checkout, flags, ids, backend, size, seedSec, label, database);
          results[backend]![label ? `${size} ${label}` : String(size)] = figures;
        }
    }
  } finally {
    await store.close();
    await drop();
  }
}

// The curve: p99 per endpoint across sizes, per backend.
for (const [backend, bySize] of Object.entries(results)) {
  const shown = Object.keys(bySize);
  if (shown.length === 0) continue;
  process.stdout.write(`\n${backend} p99 (ms) by streams of history: ${shown.join(' / ')}\n`);
  const names = Object.keys(bySize[shown[0]!]!).filter(
    (k) => typeof bySize[shown[0]!]![k] === 'object' && !['liveDuringReport', 'liveDuringHistory', 'cli'].includes(k),
  );
  for (const name of names)
    process.stdout.write(
      `  ${name.padEnd(18)} ${shown.map((s) => ms((bySize[s]![name] as { p99: number }).p99).padStart(7)).join(' ')}\n`,
    );
}
process.stdout.write(
  `${JSON.stringify({ history: { sizes, messagesPerStream: seedOptions.messagesPerStream, clients, rounds, results } })}\n`,
);
