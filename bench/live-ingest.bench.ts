// Live ingest: a loopback Twitch chat server (IRC over WebSocket, in a child process so it does not share the
// collector's event loop) replays generated PRIVMSG lines with fresh tmi-sent-ts stamps through the REAL chat
// listener and the REAL ingest pipeline into a SQLite file, on both corpora (bench/corpus.ts). Measures
// (c) memory with 1,000 joined channels, (b) socket-to-commit latency at 2,000 and 10,000 msg/s, idle and while
// the dashboard is in use: the web server of `start` (its analytics workers too), in the same process on the same
// database, answering a loop of the Live page's, a stream timeline's and a search's requests, whose latency is
// measured too, (a) the maximum sustained rate, in a fresh process of its own. A machine too slow to send at a
// requested rate is reported with the rate it reached. Runs compiled against dist/ (bench/compiled-product.ts),
// as users run the product.
// Run: node --import tsx bench/live-ingest.bench.ts   (the last line is the JSON summary; BENCH_CORPORA=easy to
// run one corpus; BENCH_PHASES=flood to run only some of the phases memory, latency, flood)

import { type ChildProcess, fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type WebSocket, WebSocketServer } from 'ws';
import { boundHeapGrowth } from '../src/bound-heap-growth.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { createIngest } from '../src/ingest/create-ingest.ts';
import type { Ingest } from '../src/ingest/ingest.ts';
import { silentLogger } from '../src/log.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { startChatListener } from '../src/twitch/chat/chat-listener.ts';
import { translateIrcLine } from '../src/twitch/irc/translate-irc-line.ts';
import { startWebServer } from '../src/web/start-web-server.ts';
import { rerunCompiled } from './compiled-product.ts';
import { type CorpusProfile, corpusProfiles, generateCorpus } from './corpus.ts';

/** Wall-clock microseconds, comparable between processes (both sides read the same system clock). */
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

type ToServer = { cmd: 'flood'; ms: number } | { cmd: 'paced'; rate: number; ms: number } | { cmd: 'joined' };
type FromServer =
  | { kind: 'ready'; port: number; channels: { login: string; roomId: string }[] }
  | { kind: 'sent'; lines: number }
  | { kind: 'joined'; channels: number };

// ─── the loopback chat server (child process) ────────────────────────────────────────────────────────────────

async function runServer(): Promise<void> {
  // Templates split around the id and tmi-sent-ts values, so each send only glues strings.
  const templates: [string, string, string][] = [];
  const channels = new Map<string, string>();
  const profile = (process.env.LIVE_INGEST_CORPUS ?? 'easy') as CorpusProfile;
  for (const line of generateCorpus({
    lines: 60_000,
    seed: 7,
    profile,
    channels: profile === 'easy' ? 3 : undefined,
  })) {
    const m = /^(@.*?;id=)[^;]*(;.*?tmi-sent-ts=)\d+(.* PRIVMSG #(\w+) .*)$/.exec(line);
    if (!m) continue;
    templates.push([m[1]!, m[2]!, m[3]!]);
    channels.set(m[4]!, /;room-id=(\d+)/.exec(line)![1]!);
  }
  let seq = 0;
  const nextLine = () => {
    const [a, b, c] = templates[seq % templates.length]!;
    seq++;
    // The id carries the send time (µs) so the collector side can measure socket-to-commit latency per message.
    return `${a}t${nowMicros()}-${seq}${b}${Date.now()}${c}`;
  };
  let client: WebSocket | undefined;
  const joined = new Set<string>();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'irc' });
  wss.on('connection', (ws) => {
    client = ws;
    joined.clear();
    ws.on('close', () => {
      if (client !== ws) return;
      client = undefined;
      joined.clear();
    });
    let nick = 'justinfan1';
    ws.on('message', (data) => {
      for (const line of data.toString().split('\r\n')) {
        if (line.startsWith('NICK ')) {
          nick = line.slice(5);
          ws.send(`:tmi.twitch.tv 001 ${nick} :Welcome, GLHF!\r\n`);
        } else if (line.startsWith('PING')) ws.send(`:tmi.twitch.tv PONG tmi.twitch.tv ${line.slice(5)}\r\n`);
        else if (line.startsWith('JOIN ')) {
          for (const channel of line.slice(5).split(',')) {
            const login = channel.replace(/^#/, '');
            joined.add(login);
            const roomId = 500_000_000 + joined.size;
            ws.send(
              `:${nick}!${nick}@${nick}.tmi.twitch.tv JOIN #${login}\r\n` +
                `@emote-only=0;followers-only=-1;r9k=0;room-id=${roomId};slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #${login}\r\n`,
            );
          }
        }
      }
    });
  });
  await new Promise((r) => wss.once('listening', r));
  const send = (message: FromServer) => process.send!(message);
  send({
    kind: 'ready',
    port: (wss.address() as AddressInfo).port,
    channels: [...channels].map(([login, roomId]) => ({ login, roomId })),
  });

  const drained = (ws: WebSocket) =>
    new Promise<void>((resolve) => {
      const check = () => (ws.bufferedAmount < 1 << 20 ? resolve() : setImmediate(check));
      check();
    });
  process.on('message', async (message: ToServer) => {
    if (message.cmd === 'joined') return send({ kind: 'joined', channels: client ? joined.size : 0 });
    const ws = client!;
    let lines = 0;
    const end = performance.now() + message.ms;
    if (message.cmd === 'flood') {
      // As fast as the socket drains: 50 lines per frame (Twitch batches lines too), never more than 1 MB queued.
      while (performance.now() < end && ws.readyState === ws.OPEN) {
        await drained(ws);
        let frame = '';
        for (let i = 0; i < 50; i++) frame += `${nextLine()}\r\n`;
        ws.send(frame);
        lines += 50;
      }
    } else {
      // Paced: one line per frame, as many as are due by now.
      const start = performance.now();
      while (performance.now() < end && ws.readyState === ws.OPEN) {
        const due = Math.floor(((performance.now() - start) / 1000) * message.rate);
        for (; lines < due; lines++) ws.send(`${nextLine()}\r\n`);
        await new Promise((r) => setImmediate(r));
      }
    }
    send({ kind: 'sent', lines });
  });
}

// ─── the collector side (this process) ───────────────────────────────────────────────────────────────────────

interface Server {
  url: string;
  logins: string[];
  channels: { login: string; roomId: string }[];
  request(message: ToServer): Promise<FromServer>;
  stop(): void;
}

async function startServer(profile: CorpusProfile): Promise<Server> {
  // This very file (compiled, or through tsx as this process runs it: fork passes this process's flags on).
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, LIVE_INGEST_SERVER: '1', LIVE_INGEST_CORPUS: profile },
  });
  const ready = await new Promise<Extract<FromServer, { kind: 'ready' }>>((resolve, reject) => {
    child.once('message', (m: FromServer) => (m.kind === 'ready' ? resolve(m) : reject(new Error('bad hello'))));
    child.once('exit', (code) => reject(new Error(`chat server exited (${code})`)));
  });
  return {
    url: `ws://127.0.0.1:${ready.port}`,
    logins: ready.channels.map((c) => c.login),
    channels: ready.channels,
    request: (message) =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send(message);
      }),
    stop: () => child.kill(),
  };
}

interface Collector {
  config: Config;
  store: Store;
  ingest: Ingest;
  stop(): Promise<void>;
}

/** When the live streams of the seeded database started: an hour of history before the measured traffic. */
const historyMs = 60 * 60 * 1000;

/**
 * A database as a collector finds it an hour into its streams: the channels, one live stream each, and
 * `messages` chat messages of the corpus spread over the hour (stored and indexed as an import would). Copied
 * for each run that wants it, so every run starts from the same state.
 */
async function seedDatabase(dir: string, server: Server, profile: CorpusProfile, messages: number): Promise<string> {
  const path = join(dir, `seed-${profile}.db`);
  const config = loadConfig({ flags: { db: path, dataDir: dir, 'web.port': 0 }, env: {}, cwd: dir });
  const store = await openStore(config);
  const startedAt = Date.now() - historyMs;
  await store.write({
    channels: server.channels.map((c) => ({ id: c.roomId, login: c.login, displayName: c.login })),
    streams: server.channels.map((c) => ({
      id: `live-${c.roomId}`,
      channelId: c.roomId,
      startedAt,
      endedAt: null,
      title: 'the bench stream',
      gameId: '509658',
      gameName: 'Just Chatting',
      language: 'en',
      tags: [],
      vodId: null,
    })),
  });
  const directory = new Map<string, string>();
  let batch: NonNullable<Parameters<Store['write']>[0]['chatMessages']> = [];
  let n = 0;
  for (const line of generateCorpus({
    lines: messages,
    seed: 3,
    profile,
    channels: profile === 'easy' ? 3 : undefined,
  })) {
    const r = translateIrcLine(line, directory);
    if (r.kind !== 'message' || !server.channels.some((c) => c.roomId === r.message.channelId)) continue;
    r.message.ts = startedAt + Math.floor((n++ / messages) * (historyMs - 60_000));
    r.message.streamId = `live-${r.message.channelId}`;
    batch.push(r.message);
    if (batch.length === 5000) {
      await store.write({ chatMessages: batch }, { bulkLoad: true });
      batch = [];
    }
  }
  await store.write({ chatMessages: batch }, { bulkLoad: true });
  await store.catchUp();
  await store.close();
  return path;
}

/** Store + ingest (batch settings from config unless overridden) + chat listener on `channels`. */
async function startCollector(
  dir: string,
  name: string,
  server: Server,
  channels: readonly string[],
  ingestOverrides: Record<string, unknown> = {},
  seed?: string,
): Promise<Collector> {
  const path = join(dir, `${name}.db`);
  if (seed) copyFileSync(seed, path);
  const config = loadConfig({ flags: { db: path, dataDir: dir, 'web.port': 0 }, env: {}, cwd: dir });
  const store = await openStore(config);
  const ingest = await createIngest({ store, log: silentLogger, ...config.ingest, ...ingestOverrides });
  const chat = startChatListener({
    url: server.url,
    channels,
    ingest,
    log: silentLogger,
    // A verified bot's join rate (2,000 per 10 s), so 1,000 channels join in one go.
    joinLimit: { limit: 2000, windowMs: 10_000 },
  });
  for (let i = 0; ; i++) {
    const r = await server.request({ cmd: 'joined' });
    if (r.kind === 'joined' && r.channels >= channels.length) break;
    if (i > 400) throw new Error('the listener did not join');
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    config,
    store,
    ingest,
    async stop() {
      await chat.stop();
      await ingest.stop();
      await store.close();
    },
  };
}

/**
 * The dashboard in use: the web server `start` runs (with its analytics workers and rollup backfill), on the
 * collector's store and ingest, asked over HTTP in a loop for what the Live page, a stream page's timeline and a
 * search ask, one request after another with a short pause (a few open browser tabs). Each request's latency is
 * kept per endpoint.
 */
async function startReaders(
  collector: Collector,
  streamId: string,
): Promise<{ stop(): Promise<Record<string, number[]>> }> {
  const web = await startWebServer({
    config: collector.config,
    store: collector.store,
    ingest: collector.ingest,
    log: silentLogger,
  });
  const paths = {
    live: '/api/live',
    timeline: `/api/streams/${encodeURIComponent(streamId)}/timeline`,
    search: '/api/search?q=boss%20fight&limit=50',
  };
  const ask = async (path: string) => {
    const res = await fetch(`${web.url}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  };
  // The server's analytics workers start with it: the first round, not measured, waits for them, as a browser
  // opened after `start` would.
  for (const path of Object.values(paths)) await ask(path);
  const latencies: Record<string, number[]> = { live: [], timeline: [], search: [] };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      for (const [name, path] of Object.entries(paths)) {
        const started = performance.now();
        await ask(path);
        latencies[name]!.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await web.stop();
      return latencies;
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

interface LatencyRun {
  rate: number;
  /** The rate the server reached: lower than asked when the machine is too slow. */
  sentPerSec: number;
  lines: number;
  stored: number;
  p50: number;
  p99: number;
  flushIntervalMs: number;
  readers: boolean;
  /** p99 of the dashboard's requests per endpoint, and over all of them (with readers only). */
  queryP99?: Record<string, number>;
  queries?: number;
}

/** Paced traffic for `ms`; per-message latency from the server's write to the commit of its batch. */
async function measureLatency(
  dir: string,
  server: Server,
  rate: number,
  flushIntervalMs: number | undefined,
  seed: string,
  readers: boolean,
): Promise<LatencyRun> {
  const name = `paced-${rate}-${flushIntervalMs ?? 'default'}-${readers ? 'readers' : 'idle'}`;
  const overrides = flushIntervalMs === undefined ? {} : { flushIntervalMs };
  const collector = await startCollector(dir, name, server, server.logins, overrides, seed);
  const latencies: number[] = [];
  collector.ingest.onStored((records) => {
    const committed = nowMicros();
    for (const r of records) {
      if (r.kind !== 'message') continue;
      const sentAt = Number(r.message.id.slice(1, r.message.id.indexOf('-')));
      latencies.push((committed - sentAt) / 1000);
    }
  });
  const busiest = server.channels[0]!;
  const reading = readers ? await startReaders(collector, `live-${busiest.roomId}`) : undefined;
  const ms = 5000;
  const sent = await server.request({ cmd: 'paced', rate, ms });
  await collector.ingest.flush();
  const queries = await reading?.stop();
  await collector.stop();
  const lines = sent.kind === 'sent' ? sent.lines : 0;
  // The first half second warms up (JIT, first pages of the database); measure the rest.
  const steady = latencies.slice(Math.floor(rate / 2)).sort((a, b) => a - b);
  const run: LatencyRun = {
    rate,
    sentPerSec: Math.round(lines / (ms / 1000)),
    lines,
    stored: latencies.length,
    p50: percentile(steady, 0.5),
    p99: percentile(steady, 0.99),
    flushIntervalMs: flushIntervalMs ?? loadConfig({ env: {} }).ingest.flushIntervalMs,
    readers,
  };
  if (queries) {
    // The first half second of requests warms up too (first compilation of each route's queries).
    const all: number[] = [];
    run.queryP99 = {};
    for (const [endpoint, values] of Object.entries(queries)) {
      const kept = values.slice(Math.min(2, values.length - 1)).sort((a, b) => a - b);
      all.push(...kept);
      run.queryP99[endpoint] = round(percentile(kept, 0.99));
    }
    run.queryP99.all = round(
      percentile(
        all.sort((a, b) => a - b),
        0.99,
      ),
    );
    run.queries = all.length;
  }
  return run;
}

/** Messages in each latency run's database before it starts (an hour of the corpus's live streams). */
const seededMessages = Number(process.env.BENCH_SEED_MESSAGES ?? 100_000);
const flushIntervals = [undefined, 20, 5, 2] as const;
type Phase = 'memory' | 'latency' | 'flood';
const phases = new Set((process.env.BENCH_PHASES?.split(',') ?? ['memory', 'latency', 'flood']) as Phase[]);

/** The main thread's young and old generations for the memory trace: "new <size>/<used> old <size>/<used>" (MB). */
const youngAndOld = () =>
  getHeapSpaceStatistics()
    .filter((x) => x.space_name === 'new_space' || x.space_name === 'old_space')
    .map(
      (x) =>
        `${x.space_name.slice(0, 3)} ${Math.round(x.space_size / 2 ** 20)}/${Math.round(x.space_used_size / 2 ** 20)}`,
    )
    .join(' ');

/** Resident memory and the V8 figures beside it (MB), at the sample where resident memory peaked. */
type MemoryPeak = {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
};
const toMemoryPeak = (m: NodeJS.MemoryUsage): MemoryPeak => ({
  rssMb: Math.round(m.rss / 2 ** 20),
  heapUsedMb: Math.round(m.heapUsed / 2 ** 20),
  heapTotalMb: Math.round(m.heapTotal / 2 ** 20),
  externalMb: Math.round(m.external / 2 ** 20),
  arrayBuffersMb: Math.round(m.arrayBuffers / 2 ** 20),
});

async function main(): Promise<void> {
  // This process is the collector as `start` runs it (chat listener, ingest, store and web app in one process).
  boundHeapGrowth();
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-live-ingest-'));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const profiles = (process.env.BENCH_CORPORA?.split(',') ?? corpusProfiles) as CorpusProfile[];
  const summary: Record<string, unknown> = {};
  try {
    for (const [i, profile] of profiles.entries()) {
      const server = await startServer(profile);
      try {
        if (i === 0 && phases.has('memory')) {
          // (c) Memory first, in a fresh process: 1,000 channels joined on one connection.
          gc();
          const before = process.memoryUsage();
          const channels = Array.from({ length: 1000 }, (_, i) => `benchchannel${i + 1}`);
          const idle = await startCollector(dir, 'channels', server, channels);
          await new Promise((r) => setTimeout(r, 500)); // let every ROOMSTATE arrive
          gc();
          const mem = process.memoryUsage();
          await idle.stop();
          summary.rssMb1000Channels = round(mem.rss / 2 ** 20);
          summary.heapMb1000Channels = round(mem.heapUsed / 2 ** 20);
          out(
            `1,000 channels: RSS ${(mem.rss / 2 ** 20).toFixed(1)} MB (+${((mem.rss - before.rss) / 2 ** 20).toFixed(1)} MB over idle), heap ${(mem.heapUsed / 2 ** 20).toFixed(1)} MB`,
          );
        }
        summary[profile] = await benchCorpus(dir, server, profile, out);
      } finally {
        server.stop();
      }
    }
    out(JSON.stringify({ liveIngest: summary }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface FloodRun {
  lines: number;
  stored: number;
  maxPerSec: number;
  /** Memory at the sample where resident memory peaked (every 100 ms through the flood). */
  peak: MemoryPeak;
  searchLagMs: number;
  /** CPU time of the collector's process (all its threads) a stored message, µs. */
  cpuMicrosPerMessage: number;
}

/** Max sustained rate: flood for 10 s, as fast as the socket drains; count until the last commit. */
async function measureFlood(
  dir: string,
  server: Server,
  profile: CorpusProfile,
  out: (line: string) => void,
): Promise<FloodRun> {
  const flood = await startCollector(dir, `flood-${profile}`, server, server.logins);
  let stored = 0;
  let lastCommit = 0;
  flood.ingest.onStored((records) => {
    stored += records.length;
    lastCommit = performance.now();
  });
  const floodStart = performance.now();
  // CPU time of the whole process (every thread) from here until the search index is complete: on a shared
  // machine a steadier figure than the rate, for comparing two versions.
  const cpuStart = process.cpuUsage();
  // Memory of this process (the collector's) through the flood, sampled every 100 ms; the peak of resident
  // memory is kept with what V8 reported beside it, so a report shows what grew.
  let peak = process.memoryUsage();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
    if (process.env.BENCH_MEMORY_TRACE) {
      const s = flood.ingest.stats();
      process.stderr.write(
        `${((performance.now() - floodStart) / 1000).toFixed(1)} s ${JSON.stringify(toMemoryPeak(m))} pending ${s.pending} paused ${s.writes.paused} stored ${stored} ${youngAndOld()}\n`,
      );
    }
  }, 100);
  const sent = await server.request({ cmd: 'flood', ms: 10_000 });
  const lines = sent.kind === 'sent' ? sent.lines : 0;
  for (let i = 0; stored < lines && i < 600; i++) await new Promise((r) => setTimeout(r, 50));
  await flood.ingest.flush();
  const floodStats = flood.ingest.stats();
  // Full-text entries follow the commits when the writer is idle: how far behind the flood left them.
  const pendingSearch = async () =>
    (await flood.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM search_index_pending'))?.n ?? 0;
  while ((await pendingSearch()) > 0 && performance.now() - lastCommit < 60_000)
    await new Promise((r) => setTimeout(r, 20));
  const searchLagMs = performance.now() - lastCommit;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMicrosPerMessage = (cpu.user + cpu.system) / Math.max(1, stored);
  clearInterval(sampler);
  await flood.stop();
  const maxPerSec = lastCommit > floodStart ? stored / ((lastCommit - floodStart) / 1000) : 0;
  const p = toMemoryPeak(peak);
  out(
    `flood: ${lines} lines sent in 10 s, ${stored} stored (${floodStats.duplicates} duplicates, ${Object.values(floodStats.dropped).reduce((a, b) => a + b, 0)} dropped) → ${Math.round(maxPerSec)} msg/s, peak RSS ${p.rssMb} MB (then V8 heap ${p.heapUsedMb} used of ${p.heapTotalMb} MB, external ${p.externalMb} MB, array buffers ${p.arrayBuffersMb} MB); search index complete ${(searchLagMs / 1000).toFixed(1)} s after the last commit; CPU ${cpuMicrosPerMessage.toFixed(1)} µs a message (all threads)`,
  );
  return { lines, stored, maxPerSec, peak: p, searchLagMs, cpuMicrosPerMessage };
}

/**
 * The flood in a fresh process (this file again, with LIVE_INGEST_FLOOD set), as a collector started for it:
 * its peak RSS is the product's alone, with no V8 heap or allocator arenas left by the phases run before it.
 */
async function measureFloodInOwnProcess(profile: CorpusProfile): Promise<FloodRun> {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, LIVE_INGEST_FLOOD: profile } });
  return await new Promise<FloodRun>((resolve, reject) => {
    child.once('message', (run: FloodRun) => resolve(run));
    child.once('exit', (code) => reject(new Error(`the flood process exited (${code}) before its result`)));
  });
}

/** The flood process: its own chat server, data directory and collector; the result goes to the parent. */
async function runFlood(profile: CorpusProfile): Promise<void> {
  boundHeapGrowth();
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-live-ingest-flood-'));
  const server = await startServer(profile);
  try {
    const run = await measureFlood(dir, server, profile, (line) => process.stdout.write(`${line}\n`));
    await new Promise<void>((resolve, reject) =>
      process.send!(run, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.disconnect();
}

const toFloodSummary = (flood: FloodRun) => ({
  maxPerSec: Math.round(flood.maxPerSec),
  floodPeakRssMb: flood.peak.rssMb,
  floodPeakMemoryMb: flood.peak,
  searchIndexLagAfterFloodMs: Math.round(flood.searchLagMs),
  floodCpuMicrosPerMessage: round(flood.cpuMicrosPerMessage),
});

async function benchCorpus(
  dir: string,
  server: Server,
  profile: CorpusProfile,
  out: (line: string) => void,
): Promise<Record<string, unknown>> {
  out('');
  out(
    `${profile} corpus, ${server.channels.length} channels, ${seededMessages.toLocaleString('en-US')} messages stored before each run`,
  );
  const seed = phases.has('latency') ? await seedDatabase(dir, server, profile, seededMessages) : '';

  // (b) Latency at 2,000 and 10,000 msg/s: with the default flush interval, idle and with the dashboard in use;
  // then shorter intervals, in use.
  const latency: LatencyRun[] = [];
  for (const rate of phases.has('latency') ? [2000, 10_000] : []) {
    for (const [flush, readers] of [[undefined, false], ...flushIntervals.map((f) => [f, true] as const)] as const) {
      const r = await measureLatency(dir, server, rate, flush, seed, readers);
      latency.push(r);
      const reached =
        r.sentPerSec < rate * 0.9 ? ` — the machine sent only ${r.sentPerSec.toLocaleString('en-US')} msg/s` : '';
      const queries = r.queryP99
        ? `; dashboard p99 ${r.queryP99.all?.toFixed(1)} ms (live ${r.queryP99.live?.toFixed(1)}, timeline ${r.queryP99.timeline?.toFixed(1)}, search ${r.queryP99.search?.toFixed(1)}; ${r.queries} requests)`
        : '';
      out(
        `${rate} msg/s, flushIntervalMs ${r.flushIntervalMs}, dashboard ${readers ? 'in use' : 'idle  '}: commit p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.stored}/${r.lines} stored)${queries}${reached}`,
      );
    }
  }

  // (a) Max sustained rate.
  const flood = phases.has('flood') ? await measureFloodInOwnProcess(profile) : undefined;
  if (!phases.has('latency')) return flood ? toFloodSummary(flood) : {};

  const find = (rate: number, flush: number, readers: boolean) =>
    latency.find((r) => r.rate === rate && r.flushIntervalMs === flush && r.readers === readers)!;
  const defaultFlush = latency[0]!.flushIntervalMs;
  const meets = (flush: number) => {
    const [a, b] = [find(2000, flush, true), find(10_000, flush, true)];
    return a.p99 <= 10 && b.p99 <= 20 && (a.queryP99?.all ?? Infinity) <= 100 && (b.queryP99?.all ?? Infinity) <= 100;
  };
  const tunedFlush = [defaultFlush, 20, 5, 2].find(meets) ?? null;
  const idle2k = find(2000, defaultFlush, false);
  const idle10k = find(10_000, defaultFlush, false);
  const used2k = find(2000, defaultFlush, true);
  const used10k = find(10_000, defaultFlush, true);
  const ms = (r: LatencyRun) => `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms`.padEnd(14);
  const sentNote = (r: LatencyRun) => (r.sentPerSec < r.rate * 0.9 ? ` (sent ${r.sentPerSec}/s)` : '');

  out('');
  out(`| figure (${profile} corpus)`.padEnd(48) + '| measured       | target           |');
  out('| ---------------------------------------------- | -------------- | ---------------- |');
  out(
    `| max sustained msg/s (one process)              | ${String(flood ? Math.round(flood.maxPerSec) : '-').padEnd(14)} | ≥ 50,000         |`,
  );
  out(
    `| peak RSS through the flood                     | ${(flood ? `${flood.peak.rssMb} MB` : '-').padEnd(14)} | ≤ 250 MB         |`,
  );
  out(`| commit p50 / p99 at 2,000 msg/s, idle          | ${ms(idle2k)} | p99 ≤ 10 ms${sentNote(idle2k)}`);
  out(`| commit p50 / p99 at 10,000 msg/s, idle         | ${ms(idle10k)} | p99 ≤ 20 ms${sentNote(idle10k)}`);
  out(`| commit p50 / p99 at 2,000 msg/s, dashboard on  | ${ms(used2k)} | p99 ≤ 10 ms${sentNote(used2k)}`);
  out(`| commit p50 / p99 at 10,000 msg/s, dashboard on | ${ms(used10k)} | p99 ≤ 20 ms${sentNote(used10k)}`);
  out(
    `| dashboard p99 at 2,000 / 10,000 msg/s          | ${`${used2k.queryP99?.all?.toFixed(0)} / ${used10k.queryP99?.all?.toFixed(0)} ms`.padEnd(14)} | ≤ 100 ms         |`,
  );
  out(
    `| search index behind at flood end              | ${(flood ? `${(flood.searchLagMs / 1000).toFixed(1)} s` : '-').padEnd(14)} |                  |`,
  );
  out(
    tunedFlush === defaultFlush
      ? `The default flushIntervalMs (${defaultFlush}) meets every latency target with the dashboard in use.`
      : tunedFlush === null
        ? `No flushIntervalMs tried (${defaultFlush}, 20, 5, 2) meets every latency target with the dashboard in use.`
        : `The default flushIntervalMs (${defaultFlush}) misses a latency target with the dashboard in use; ingest.flushIntervalMs = ${tunedFlush} meets them.`,
  );
  return {
    ...(flood ? toFloodSummary(flood) : {}),
    sentPerSec2k: idle2k.sentPerSec,
    sentPerSec10k: idle10k.sentPerSec,
    p50Ms2k: round(idle2k.p50),
    p99Ms2k: round(idle2k.p99),
    p50Ms10k: round(idle10k.p50),
    p99Ms10k: round(idle10k.p99),
    p99Ms2kDashboard: round(used2k.p99),
    p99Ms10kDashboard: round(used10k.p99),
    queryP99Ms2k: used2k.queryP99,
    queryP99Ms10k: used10k.queryP99,
    flushIntervalMs: defaultFlush,
    flushIntervalMsMeetingLatencyTargets: tunedFlush,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

if (process.env.LIVE_INGEST_SERVER === '1') await runServer();
else if (process.env.LIVE_INGEST_FLOOD) await runFlood(process.env.LIVE_INGEST_FLOOD as CorpusProfile);
else {
  // The collector is measured as `start` runs it: compiled, with no tsx in this process.
  await rerunCompiled(import.meta.url);
  await main();
}
