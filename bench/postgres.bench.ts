// PostgreSQL ingest through the product's own write path (`store.write`: chat in one round trip — COPY of the
// messages and their chatter deltas, chat events and their CLEARMSG/ban/timeout deletions — one transaction per
// batch, the GIN full-text index, and the chatter totals folded from the deltas), against its floor in the same
// run: a bare COPY of the same rows (pg-copy-streams, the same text encoding), one transaction per batch, into
// tables made like the real ones (`LIKE … INCLUDING ALL`: the same primary keys and full-text index) — nothing
// else, no de-duplication, no aggregates. Both are measured with one batch in flight and with two (each on its
// own connection), on both corpora (bench/corpus.ts), batch by batch in turns so that a busy machine weighs on
// both alike; the load average is printed beside them, and so is the CPU time (this process and the server's, from
// /proc) each side spends per record, which a busy machine does not skew.
// Creates and drops its own database. Run: node --import tsx bench/postgres.bench.ts
// (BENCH_LINES / BENCH_BATCH / BENCH_ROUNDS to change the sizes; STREAMLENS_TEST_POSTGRES_URL for another server).

import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { ChatEvent, ChatMessage } from '../src/domain.ts';
import { copyInto } from '../src/store/postgres/copy-into.ts';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/postgres-store.ts';
import { eventColumns, messageColumns } from '../src/store/postgres/write-columns.ts';
import { toChatMessageValues, toEventValues } from '../src/store/rows.ts';
import type { WriteBatch } from '../src/store/store.ts';
import { translateIrcLine } from '../src/twitch/irc/translate-irc-line.ts';
import { createTestDatabase, findPostgresProblem } from '../test/support/create-test-database.ts';
import { type CorpusProfile, corpusProfiles, generateCorpus } from './corpus.ts';

const lineCount = Number(process.env.BENCH_LINES ?? 200_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
/** Batches per turn (20,000 records at the default batch size). */
const chunkBatches = Math.max(1, Math.round(20_000 / batchSize));

/** The corpus as the ingest hands it to the store: messages and chat events in batches, streams attached. */
function toBatches(profile: CorpusProfile): { batches: WriteBatch[]; messages: number; events: number } {
  const directory = new Map<string, string>();
  const batches: WriteBatch[] = [];
  let current: { chatMessages: ChatMessage[]; chatEvents: ChatEvent[] } = { chatMessages: [], chatEvents: [] };
  let messages = 0;
  let events = 0;
  const lines = generateCorpus({ lines: lineCount, seed: 11, profile, channels: profile === 'easy' ? 4 : undefined });
  for (const line of lines) {
    const r = translateIrcLine(line, directory);
    if (r.kind === 'message') {
      r.message.streamId = `live-${r.message.channelId}`;
      current.chatMessages.push(r.message);
      messages++;
    } else if (r.kind === 'event') {
      r.event.streamId = `live-${r.event.channelId}`;
      current.chatEvents.push(r.event);
      events++;
    } else continue;
    if (current.chatMessages.length + current.chatEvents.length >= batchSize) {
      batches.push(current);
      current = { chatMessages: [], chatEvents: [] };
    }
  }
  if (current.chatMessages.length + current.chatEvents.length > 0) batches.push(current);
  return { batches, messages, events };
}

/** Runs `write` over the batches in order with up to `inFlight` at once, each slot its own connection. */
async function runPipelined(
  batches: WriteBatch[],
  inFlight: number,
  write: (b: WriteBatch, slot: number) => Promise<unknown>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  const free = Array.from({ length: inFlight }, (_, i) => i);
  for (const batch of batches) {
    while (free.length === 0) await Promise.race(running);
    const slot = free.pop()!;
    const p: Promise<void> = write(batch, slot).then(() => {
      running.delete(p);
      free.push(slot);
    });
    running.add(p);
  }
  await Promise.all(running);
}

/** CPU time spent so far by this process, and by each server process of the bench's database (ticks by pid). */
interface CpuSample {
  ownMs: number;
  serverTicks: Map<number, number>;
}

/** Reads the CPU times from /proc; undefined when the server runs on another machine. */
async function readCpu(): Promise<CpuSample | undefined> {
  const { user, system } = process.cpuUsage();
  const { rows } = await peers[0]!.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const serverTicks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // utime and stime, fields 14 and 15, after the parenthesised command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      serverTicks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // It ended in the meantime, or it runs on another machine.
    }
  }
  if (rows.length > 0 && serverTicks.size === 0) return undefined;
  return { ownMs: (user + system) / 1000, serverTicks };
}

/**
 * The CPU time (ms) spent between two samples by this process and the server's processes, a process that started
 * in between counted whole, one that ended (an idle pool connection) not at all; 100 ticks per second on Linux.
 * Unlike wall time, it does not depend on what else runs on the machine, so it compares both sides on a busy one.
 */
function toCpuMs(before: CpuSample | undefined, after: CpuSample | undefined): number | undefined {
  if (!before || !after) return undefined;
  let ticks = 0;
  for (const [pid, t] of after.serverTicks) ticks += t - (before.serverTicks.get(pid) ?? 0);
  return after.ownMs - before.ownMs + ticks * 10;
}

/**
 * Times the store against the floor in turns of `chunkBatches` batches, alternating which goes first, so that other
 * work on the machine weighs on both alike. The store's time of a turn runs until its chatter totals are folded
 * too (`catchUp`): that work is part of the write path, even though it runs beside the writes. Returns records per
 * second of each, of the store's writes alone (until the last write returned), and the CPU time (this process and
 * the server's) each side spent per 1,000 records.
 */
async function timeInTurns(batches: WriteBatch[], inFlight: number) {
  let storeMs = 0;
  let writesMs = 0;
  let copyMs = 0;
  let storeCpuMs: number | undefined = 0;
  let copyCpuMs: number | undefined = 0;
  const addCpu = (total: number | undefined, before: CpuSample | undefined, after: CpuSample | undefined) => {
    const spent = toCpuMs(before, after);
    return total === undefined || spent === undefined ? undefined : total + spent;
  };
  const runStore = async (chunk: WriteBatch[]) => {
    const cpu = await readCpu();
    const started = performance.now();
    await runPipelined(chunk, inFlight, (b) => store.write(b));
    writesMs += performance.now() - started;
    await store.catchUp();
    storeMs += performance.now() - started;
    storeCpuMs = addCpu(storeCpuMs, cpu, await readCpu());
  };
  const runCopy = async (chunk: WriteBatch[]) => {
    const cpu = await readCpu();
    const started = performance.now();
    await runPipelined(chunk, inFlight, (b, slot) => bareCopy(peers, b, slot));
    copyMs += performance.now() - started;
    copyCpuMs = addCpu(copyCpuMs, cpu, await readCpu());
  };
  for (let i = 0; i < batches.length; i += chunkBatches) {
    const chunk = batches.slice(i, i + chunkBatches);
    if ((i / chunkBatches) % 2 === 0) {
      await runStore(chunk);
      await runCopy(chunk);
    } else {
      await runCopy(chunk);
      await runStore(chunk);
    }
  }
  const records = batches.reduce((n, b) => n + (b.chatMessages?.length ?? 0) + (b.chatEvents?.length ?? 0), 0);
  const perSec = (ms: number) => records / (ms / 1000);
  const perThousand = (ms: number | undefined) => (ms === undefined ? undefined : (ms / records) * 1000);
  return {
    store: perSec(storeMs),
    writes: perSec(writesMs),
    copy: perSec(copyMs),
    storeCpu: perThousand(storeCpuMs),
    copyCpu: perThousand(copyCpuMs),
  };
}

const messageNames = messageColumns.map(([name]) => name);
const eventNames = eventColumns.map(([name]) => name);

/** The floor: each batch's rows COPYed into the peer tables in one transaction. */
async function bareCopy(clients: pg.Client[], batch: WriteBatch, slot: number): Promise<void> {
  const client = clients[slot]!;
  await client.query('BEGIN');
  // Encoding is part of the cost for both sides: the store encodes its COPY text the same way.
  await copyInto(client, 'peer_chat_messages', messageNames, (batch.chatMessages ?? []).map(toChatMessageValues));
  await copyInto(client, 'peer_chat_events', eventNames, (batch.chatEvents ?? []).map(toEventValues));
  await client.query('COMMIT');
}

const unreachable = await findPostgresProblem();
if (unreachable) {
  console.error(`postgres bench: ${unreachable} (set STREAMLENS_TEST_POSTGRES_URL)`);
  process.exit(1);
}
const database = await createTestDatabase('streamlens_bench');
const store: PostgresStore = openPostgresStore({ url: database.url });
const peers = [new pg.Client({ connectionString: database.url }), new pg.Client({ connectionString: database.url })];
/** The 1, 5 and 15-minute load averages (Linux), so a reader can tell a quiet run from a busy one. */
function readLoadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
const round = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary: Record<string, unknown> = {};
try {
  await store.migrate();
  for (const p of peers) await p.connect();
  await peers[0]!.query('CREATE TABLE peer_chat_messages (LIKE chat_messages INCLUDING ALL)');
  await peers[0]!.query('CREATE TABLE peer_chat_events (LIKE chat_events INCLUDING ALL)');
  const clear = async () => {
    await peers[0]!.query(
      'TRUNCATE chat_messages, chat_events, chatters, chatter_streams, peer_chat_messages, peer_chat_events',
    );
    await peers[0]!.query('VACUUM ANALYZE');
  };
  const showRate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`.padStart(11);
  /** The store's CPU against the bare COPY's, as a ratio like the speeds' (COPY's CPU / the store's). */
  const showCpu = (storeCpu: number | undefined, copyCpu: number | undefined) =>
    storeCpu === undefined || copyCpu === undefined
      ? 'unknown (the server is not on this machine)'
      : `store.write ${storeCpu.toFixed(1)} ms, bare COPY ${copyCpu.toFixed(1)} ms = ${(copyCpu / storeCpu).toFixed(2)}× ` +
        'as much work done per CPU second';

  for (const profile of corpusProfiles) {
    const { batches, messages, events } = toBatches(profile);
    const chatters = new Set(batches.flatMap((b) => (b.chatMessages ?? []).map((m) => `${m.channelId}:${m.userId}`)));
    console.log(
      `${profile} corpus (load average ${readLoadAverage()}): ${messages.toLocaleString('en-US')} messages + ${events.toLocaleString('en-US')} events in ` +
        `${batches.length} batches of ${batchSize}; ${chatters.size.toLocaleString('en-US')} (channel, chatter) pairs`,
    );
    const ratios: Record<string, number[]> = { one: [], two: [], twoVsTwo: [], cpu: [] };
    const rates: Record<string, number[]> = {
      copy1: [],
      copy2: [],
      store1: [],
      store2: [],
      writes1: [],
      writes2: [],
      cpuStore: [],
      cpuCopy: [],
    };
    for (let r = 0; r < rounds; r++) {
      await clear();
      const one = await timeInTurns(batches, 1);
      const { store: store1, writes: writes1, copy: copy1 } = one;
      await clear();
      const { store: store2, writes: writes2, copy: copy2 } = await timeInTurns(batches, 2);
      rates.copy1!.push(copy1);
      rates.copy2!.push(copy2);
      rates.store1!.push(store1);
      rates.store2!.push(store2);
      ratios.one!.push(store1 / copy1);
      ratios.two!.push(store2 / copy1);
      ratios.twoVsTwo!.push(store2 / copy2);
      console.log(
        `  round ${r + 1}: bare COPY ${showRate(copy1)} (2 connections ${showRate(copy2)})\n` +
          `    store.write, 1 in flight: ${showRate(store1)} with its chatter totals folded = ${(store1 / copy1).toFixed(2)}× ` +
          `bare COPY (writes alone ${showRate(writes1)})\n` +
          `    store.write, 2 in flight: ${showRate(store2)} with its chatter totals folded = ${(store2 / copy1).toFixed(2)}× ` +
          `one bare COPY, ${(store2 / copy2).toFixed(2)}× two (writes alone ${showRate(writes2)})\n` +
          `    CPU (this process + server) per 1,000 records, 1 in flight: ${showCpu(one.storeCpu, one.copyCpu)}`,
      );
      if (one.storeCpu !== undefined && one.copyCpu !== undefined) {
        rates.cpuStore!.push(one.storeCpu);
        rates.cpuCopy!.push(one.copyCpu);
        ratios.cpu!.push(one.copyCpu / one.storeCpu);
      }
      rates.writes1!.push(writes1);
      rates.writes2!.push(writes2);
    }
    // Idempotency: the first batches again store nothing, and the aggregates did not move.
    const before = await store.get<{ n: number }>('SELECT SUM(messages) AS n FROM chatters');
    const replayStarted = performance.now();
    let replayed = 0;
    for (const b of batches.slice(0, 5)) replayed += (await store.write(b)).chatMessages;
    const replayMs = performance.now() - replayStarted;
    const after = await store.get<{ n: number }>('SELECT SUM(messages) AS n FROM chatters');
    const stored = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_messages');
    const searchStarted = performance.now();
    const hits = await store.searchChat('boss fight', { limit: 50 });
    const searchMs = performance.now() - searchStarted;
    console.log(
      `  replay of 5 stored batches: ${replayed} new, chatter total ${before?.n === after?.n ? 'unchanged' : 'CHANGED'} ` +
        `(${replayMs.toFixed(0)} ms); ${stored?.n} messages stored; search "boss fight" ${hits.length} hits in ${searchMs.toFixed(1)} ms`,
    );
    console.log(
      `  load average ${readLoadAverage()}; median: store.write ${median(ratios.one!).toFixed(2)}× bare COPY with one batch in flight, ` +
        `${median(ratios.two!).toFixed(2)}× with two` +
        (ratios.cpu!.length > 0 ? `, ${median(ratios.cpu!).toFixed(2)}× in CPU per record` : '') +
        ' (target ≥ 0.7×; ≥ 100,000 msg/s)',
    );
    summary[profile] = {
      recordsPerSec: Math.round(median(rates.store1!)),
      recordsPerSecTwoInFlight: Math.round(median(rates.store2!)),
      writesAlonePerSec: Math.round(median(rates.writes1!)),
      writesAlonePerSecTwoInFlight: Math.round(median(rates.writes2!)),
      bareCopyPerSec: Math.round(median(rates.copy1!)),
      bareCopyTwoConnectionsPerSec: Math.round(median(rates.copy2!)),
      ratioVsBareCopy: round(median(ratios.one!)),
      ratioTwoInFlightVsBareCopy: round(median(ratios.two!)),
      ratioTwoInFlightVsTwoCopies: round(median(ratios.twoVsTwo!)),
      ...(ratios.cpu!.length > 0 && {
        cpuMsPer1000Records: round(median(rates.cpuStore!)),
        bareCopyCpuMsPer1000Records: round(median(rates.cpuCopy!)),
        cpuRatioVsBareCopy: round(median(ratios.cpu!)),
      }),
      replayStored: replayed,
      messages,
      loadAverage: readLoadAverage(),
    };
  }
  console.log(JSON.stringify({ postgres: { batchSize, ...summary } }));
} finally {
  for (const p of peers) await p.end().catch(() => {});
  await store.close();
  await database.drop();
}
