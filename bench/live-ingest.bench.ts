// Live ingest: a loopback Twitch chat server (IRC over WebSocket, in a child process so it does not share the
// collector's event loop) replays generated PRIVMSG lines with fresh tmi-sent-ts stamps through the REAL chat
// listener and the REAL ingest pipeline into a SQLite file. Measures (c) memory with 1,000 joined channels,
// (b) socket-to-commit latency at 2,000 and 10,000 msg/s, (a) the maximum sustained rate.
// Run: node --import tsx bench/live-ingest.bench.ts   (the last line is the JSON summary)

import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type WebSocket, WebSocketServer } from 'ws';
import { loadConfig } from '../src/config.ts';
import { createIngest } from '../src/ingest/create-ingest.ts';
import type { Ingest } from '../src/ingest/ingest.ts';
import { silentLogger } from '../src/log.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { startChatListener } from '../src/twitch/chat/chat-listener.ts';
import { generateCorpus } from './corpus.ts';

/** Wall-clock microseconds, comparable between processes (both sides read the same system clock). */
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

type ToServer = { cmd: 'flood'; ms: number } | { cmd: 'paced'; rate: number; ms: number } | { cmd: 'joined' };
type FromServer =
  | { kind: 'ready'; port: number; logins: string[] }
  | { kind: 'sent'; lines: number }
  | { kind: 'joined'; channels: number };

// ─── the loopback chat server (child process) ────────────────────────────────────────────────────────────────

async function runServer(): Promise<void> {
  // Templates split around the id and tmi-sent-ts values, so each send only glues strings.
  const templates: [string, string, string][] = [];
  const logins = new Set<string>();
  for (const line of generateCorpus({ lines: 60_000, seed: 7, channels: 3 })) {
    const m = /^(@.*?;id=)[^;]*(;.*?tmi-sent-ts=)\d+(.* PRIVMSG #(\w+) .*)$/.exec(line);
    if (!m) continue;
    templates.push([m[1]!, m[2]!, m[3]!]);
    logins.add(m[4]!);
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
  send({ kind: 'ready', port: (wss.address() as AddressInfo).port, logins: [...logins] });

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
  request(message: ToServer): Promise<FromServer>;
  stop(): void;
}

async function startServer(): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LIVE_INGEST_SERVER: '1' },
  });
  const ready = await new Promise<Extract<FromServer, { kind: 'ready' }>>((resolve, reject) => {
    child.once('message', (m: FromServer) => (m.kind === 'ready' ? resolve(m) : reject(new Error('bad hello'))));
    child.once('exit', (code) => reject(new Error(`chat server exited (${code})`)));
  });
  return {
    url: `ws://127.0.0.1:${ready.port}`,
    logins: ready.logins,
    request: (message) =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send(message);
      }),
    stop: () => child.kill(),
  };
}

interface Collector {
  store: Store;
  ingest: Ingest;
  stop(): Promise<void>;
}

/** Store + ingest (batch settings from config unless overridden) + chat listener on `channels`. */
async function startCollector(
  dir: string,
  name: string,
  server: Server,
  channels: readonly string[],
  ingestOverrides: Record<string, unknown> = {},
): Promise<Collector> {
  const config = loadConfig({ flags: { db: join(dir, `${name}.db`), dataDir: dir }, env: {}, cwd: dir });
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
    store,
    ingest,
    async stop() {
      await chat.stop();
      await ingest.stop();
      await store.close();
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Paced traffic for `ms`; per-message latency from the server's write to the commit of its batch. */
async function measureLatency(dir: string, server: Server, rate: number, flushIntervalMs?: number) {
  const name = `paced-${rate}-${flushIntervalMs ?? 'default'}`;
  const overrides = flushIntervalMs === undefined ? {} : { flushIntervalMs };
  const collector = await startCollector(dir, name, server, server.logins, overrides);
  const latencies: number[] = [];
  collector.ingest.onStored((records) => {
    const committed = nowMicros();
    for (const r of records) {
      if (r.kind !== 'message') continue;
      const sentAt = Number(r.message.id.slice(1, r.message.id.indexOf('-')));
      latencies.push((committed - sentAt) / 1000);
    }
  });
  const sent = await server.request({ cmd: 'paced', rate, ms: 5000 });
  await collector.ingest.flush();
  await collector.stop();
  const lines = sent.kind === 'sent' ? sent.lines : 0;
  // The first half second warms up (JIT, first pages of the database); measure the rest.
  const steady = latencies.slice(Math.floor(rate / 2)).sort((a, b) => a - b);
  return {
    lines,
    stored: latencies.length,
    p50: percentile(steady, 0.5),
    p99: percentile(steady, 0.99),
    flushIntervalMs: flushIntervalMs ?? loadConfig({ env: {} }).ingest.flushIntervalMs,
  };
}

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-live-ingest-'));
  const server = await startServer();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    // (c) Memory first, in a fresh process: 1,000 channels joined on one connection.
    gc();
    const before = process.memoryUsage();
    const channels = Array.from({ length: 1000 }, (_, i) => `benchchannel${i + 1}`);
    const idle = await startCollector(dir, 'channels', server, channels);
    await new Promise((r) => setTimeout(r, 500)); // let every ROOMSTATE arrive
    gc();
    const mem = process.memoryUsage();
    await idle.stop();
    const rssMb = mem.rss / 2 ** 20;
    const heapMb = mem.heapUsed / 2 ** 20;
    out(
      `1,000 channels: RSS ${rssMb.toFixed(1)} MB (+${((mem.rss - before.rss) / 2 ** 20).toFixed(1)} MB over idle), heap ${heapMb.toFixed(1)} MB`,
    );

    // (b) Latency at 2,000 and 10,000 msg/s, with the default flush interval and then shorter ones.
    const latency: Awaited<ReturnType<typeof measureLatency>>[] = [];
    for (const rate of [2000, 10_000]) {
      for (const flush of [undefined, 20, 5, 2]) {
        const r = await measureLatency(dir, server, rate, flush);
        latency.push(r);
        out(
          `${rate} msg/s, flushIntervalMs ${r.flushIntervalMs}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.stored}/${r.lines} stored)`,
        );
      }
    }

    // (a) Max sustained rate: flood for 10 s, as fast as the socket drains; count until the last commit.
    const flood = await startCollector(dir, 'flood', server, server.logins);
    let stored = 0;
    let lastCommit = 0;
    flood.ingest.onStored((records) => {
      stored += records.length;
      lastCommit = performance.now();
    });
    const floodStart = performance.now();
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
    await flood.stop();
    const maxPerSec = stored / ((lastCommit - floodStart) / 1000);
    out(
      `flood: ${lines} lines sent in 10 s, ${stored} stored (${floodStats.duplicates} duplicates, ${Object.values(floodStats.dropped).reduce((a, b) => a + b, 0)} dropped) → ${Math.round(maxPerSec)} msg/s; search index complete ${(searchLagMs / 1000).toFixed(1)} s after the last commit`,
    );

    const byRate = (rate: number, flush: number) =>
      latency.find((r) => r.lines > 0 && r.flushIntervalMs === flush && Math.abs(r.lines / 5 - rate) < rate * 0.2)!;
    const defaultFlush = latency[0]!.flushIntervalMs;
    const d2k = byRate(2000, defaultFlush);
    const d10k = byRate(10_000, defaultFlush);
    const meets = (flush: number) => byRate(2000, flush).p99 <= 10 && byRate(10_000, flush).p99 <= 20;
    const tunedFlush = [defaultFlush, 20, 5, 2].find(meets) ?? null;

    out('');
    out('| figure                              | measured     | target      |');
    out('| ----------------------------------- | ------------ | ----------- |');
    out(`| max sustained msg/s (one process)   | ${String(Math.round(maxPerSec)).padEnd(12)} | ≥ 50,000    |`);
    out(
      `| p50 / p99 at 2,000 msg/s (default)  | ${`${d2k.p50.toFixed(1)} / ${d2k.p99.toFixed(1)} ms`.padEnd(12)} | p99 ≤ 10 ms |`,
    );
    out(
      `| p50 / p99 at 10,000 msg/s (default) | ${`${d10k.p50.toFixed(1)} / ${d10k.p99.toFixed(1)} ms`.padEnd(12)} | p99 ≤ 20 ms |`,
    );
    out(`| search index behind at flood end   | ${`${(searchLagMs / 1000).toFixed(1)} s`.padEnd(12)} |             |`);
    out(
      `| RSS / heap, 1,000 channels          | ${`${rssMb.toFixed(0)} / ${heapMb.toFixed(0)} MB`.padEnd(12)} |             |`,
    );
    out(
      tunedFlush === defaultFlush
        ? `The default flushIntervalMs (${defaultFlush}) meets both latency targets.`
        : tunedFlush === null
          ? `No flushIntervalMs tried (${defaultFlush}, 20, 5, 2) meets both latency targets.`
          : `The default flushIntervalMs (${defaultFlush}) cannot meet the latency targets (a message waits up to one interval); ingest.flushIntervalMs = ${tunedFlush} does.`,
    );
    out(
      JSON.stringify({
        liveIngest: {
          maxPerSec: Math.round(maxPerSec),
          searchIndexLagAfterFloodMs: Math.round(searchLagMs),
          p50Ms2k: round(d2k.p50),
          p99Ms2k: round(d2k.p99),
          p50Ms10k: round(d10k.p50),
          p99Ms10k: round(d10k.p99),
          rssMb1000Channels: round(rssMb),
          heapMb1000Channels: round(heapMb),
          flushIntervalMs: defaultFlush,
          flushIntervalMsMeetingLatencyTargets: tunedFlush,
          ...(tunedFlush !== null && tunedFlush !== defaultFlush
            ? {
                p99Ms2kTuned: round(byRate(2000, tunedFlush).p99),
                p99Ms10kTuned: round(byRate(10_000, tunedFlush).p99),
              }
            : {}),
        },
      }),
    );
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

if (process.env.LIVE_INGEST_SERVER === '1') await runServer();
else await main();
