// Many collectors at scale: 1,000 simulated channels with long-tailed chat, 3 `streamlens collect` processes
// sharing them through PostgreSQL leases. Reports ingest through the collectors, memory per channel, the lag
// from the simulator sending a line to its row being in PostgreSQL (p50/p99), and how long a SIGKILLed
// worker's channels take to be leased again. Last line: {"scale":{…}}.

import { readFileSync } from 'node:fs';
import { startScaleCluster } from '../test/support/start-scale-cluster.ts';
import { waitFor } from '../test/support/wait-for.ts';

const channels = 1000;
const collectors = 3;
const leaseTtlSec = 6;
const speed = 4;
const measureMs = 40_000;

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const cluster = await startScaleCluster({ channels, speed, workers: collectors, leaseTtlSec });
try {
  // Stamp each chat row with the database's clock as it lands (same machine, same clock as the simulator's).
  await cluster.pool.query(`
    CREATE TABLE bench_arrivals (id TEXT NOT NULL, at_ms DOUBLE PRECISION NOT NULL);
    CREATE FUNCTION bench_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO bench_arrivals VALUES (NEW.id, extract(epoch from clock_timestamp()) * 1000); RETURN NULL; END $$;
    CREATE TRIGGER bench_stamp AFTER INSERT ON chat_messages FOR EACH ROW EXECUTE FUNCTION bench_stamp();`);
  const idle = cluster.startIdleCollector();
  await waitFor(
    async () => {
      const s = await cluster.sampleLeases();
      const held = new Set(s.holders.values());
      return s.holders.size === channels && held.size === collectors ? true : undefined;
    },
    { what: 'fair shares', timeoutMs: 60_000, everyMs: 250 },
  );

  const from = Date.now();
  await new Promise((resolve) => setTimeout(resolve, measureMs));
  const to = Date.now();
  const memory = cluster.workers.map((w) => rssKb(w.pid));
  const idleKb = rssKb(idle.pid);
  const shares = await cluster.sampleLeases();
  const heldBy = (w: { workerId: string }) => [...shares.holders.values()].filter((h) => h.endsWith(w.workerId)).length;
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let the last batches land
  const sent = await cluster.sentMessages();
  const { rows } = await cluster.pool.query<{ id: string; at_ms: number }>(
    'SELECT id, at_ms FROM bench_arrivals WHERE at_ms >= $1 AND at_ms < $2',
    [from, to],
  );
  const sentAt = new Map(sent.map((m) => [m[1], m[2]]));
  const lags = rows
    .map((r) => r.at_ms - (sentAt.get(r.id) ?? NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const pgIngestPerSec = rows.length / ((to - from) / 1000);
  const window = sent.filter((m) => m[2] >= from && m[2] < to);
  const simSentPerSec = window.length / ((to - from) / 1000);
  const reachedShare = window.filter((m) => m[3] > 0).length / Math.max(1, window.length);
  const perChannel = cluster.workers.map((w, i) => (memory[i]! - idleKb) / Math.max(1, heldBy(w)));
  const memPerChannelKb = perChannel.reduce((a, b) => a + b, 0) / perChannel.length;

  // Takeover: SIGKILL one worker, time until every channel it held is leased by another.
  const victim = cluster.workers[0]!;
  const orphaned = [...shares.holders].filter(([, h]) => h.endsWith(victim.workerId)).map(([c]) => c);
  const killedAt = Date.now();
  victim.child.kill('SIGKILL');
  await waitFor(
    async () => {
      const s = await cluster.sampleLeases();
      return orphaned.every((c) => s.holders.has(c) && !s.holders.get(c)!.endsWith(victim.workerId)) ? true : undefined;
    },
    { what: 'takeover', timeoutMs: 60_000, everyMs: 100 },
  );
  const takeoverMs = Date.now() - killedAt;

  const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
  line('channels / collectors / lease ttl', `${channels} / ${collectors} / ${leaseTtlSec} s (sim speed ${speed})`);
  line('simulator chat sent (all channels)', `${simSentPerSec.toFixed(0)} msg/s`);
  line('share of sent lines a collector had joined', `${(reachedShare * 100).toFixed(1)} % (joins: 20 / 10.5 s)`);
  line('PostgreSQL ingest through collectors', `${pgIngestPerSec.toFixed(0)} msg/s`);
  line('collector RSS (each)', `${memory.map((kb) => `${(kb / 1024).toFixed(0)} MB`).join(', ')}`);
  line('idle collector RSS (1 channel, SQLite)', `${(idleKb / 1024).toFixed(0)} MB`);
  line('memory per channel ((RSS − idle) ÷ channels)', `${memPerChannelKb.toFixed(1)} kB`);
  line(
    'ingest lag sent → row in PostgreSQL p50 / p99',
    `${percentile(lags, 50).toFixed(0)} / ${percentile(lags, 99).toFixed(0)} ms`,
  );
  line('takeover after SIGKILL (lease level)', `${takeoverMs} ms`);
  console.log(
    JSON.stringify({
      scale: {
        channels,
        collectors,
        pgIngestPerSec: Math.round(pgIngestPerSec),
        memPerChannelKb: Math.round(memPerChannelKb * 10) / 10,
        lagP50Ms: Math.round(percentile(lags, 50)),
        lagP99Ms: Math.round(percentile(lags, 99)),
        takeoverMs,
      },
    }),
  );
} finally {
  await cluster.stop();
}
