// PostgreSQL ingest throughput: generated chat messages written through `store.write` in batches, as the
// ingest buffer does (unnest insert, chatter aggregates, GIN full-text index maintained in the transaction).
// Creates and drops its own database. Run: node --import tsx bench/postgres.bench.ts
// (BENCH_MESSAGES / BENCH_BATCH to change the sizes; STREAMLENS_TEST_POSTGRES_URL for another server).

import type { ChatMessage } from '../src/domain.ts';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { createTestDatabase, findPostgresProblem } from '../test/support/create-test-database.ts';

const total = Number(process.env.BENCH_MESSAGES ?? 200_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 2000);
const words = ['pog', 'gg', 'lul', 'clutch', 'insane', 'hello', 'chat', 'what', 'a', 'play', 'kappa', 'no', 'way'];

/** Deterministic chat: 4 channels, 5,000 chatters, 3–12 words a message. */
function makeMessage(i: number): ChatMessage {
  const user = (i * 7919) % 5000;
  const length = 3 + (i % 10);
  let text = '';
  for (let w = 0; w < length; w++) text += `${w ? ' ' : ''}${words[(i * 31 + w * 17) % words.length]}`;
  return {
    id: `bench-${i}`,
    channelId: String(1000 + (i % 4)),
    streamId: `stream-${i % 4}`,
    ts: Date.UTC(2026, 0, 1) + i * 50,
    userId: String(200_000 + user),
    userLogin: `viewer${user}`,
    displayName: `Viewer${user}`,
    text,
    isAction: false,
    bits: i % 500 === 0 ? 100 : 0,
    emotes: i % 7 === 0 ? [{ id: '25', start: 0, end: 2 }] : [],
    badges: i % 3 === 0 ? [{ name: 'subscriber', version: '12' }] : [],
    firstMsg: false,
    returningChatter: i % 9 === 0,
    replyParentId: null,
    replyParentUserLogin: null,
    sourceChannelId: null,
    color: '#1E90FF',
    deletedAt: null,
  };
}

const unreachable = await findPostgresProblem();
if (unreachable) {
  console.error(`postgres bench: ${unreachable} (set STREAMLENS_TEST_POSTGRES_URL)`);
  process.exit(1);
}
const database = await createTestDatabase('streamlens_bench');
const store = openPostgresStore({ url: database.url });
try {
  await store.migrate();
  const started = performance.now();
  let written = 0;
  for (let offset = 0; offset < total; offset += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, total - offset) }, (_, k) => makeMessage(offset + k));
    written += (await store.write({ chatMessages: batch })).chatMessages;
  }
  const seconds = (performance.now() - started) / 1000;
  const ingestPerSec = Math.round(written / seconds);

  const replayStarted = performance.now();
  const replay = Array.from({ length: batchSize }, (_, k) => makeMessage(k));
  const replayed = (await store.write({ chatMessages: replay })).chatMessages;
  const replayMs = performance.now() - replayStarted;

  const searchStarted = performance.now();
  const hits = await store.searchChat('clutch insane', { limit: 50 });
  const searchMs = performance.now() - searchStarted;
  const sizeMb = (await store.sizeBytes()) / 1024 / 1024;

  console.log(
    `postgres ingest: ${written.toLocaleString('en-US')} messages in ${seconds.toFixed(2)} s = ` +
      `${ingestPerSec.toLocaleString('en-US')} messages/s (batches of ${batchSize}); replay of ${batchSize} stored ` +
      `${replayed} new in ${replayMs.toFixed(0)} ms; search "clutch insane" ${hits.length} hits in ` +
      `${searchMs.toFixed(1)} ms; database ${sizeMb.toFixed(1)} MiB`,
  );
  console.log(JSON.stringify({ postgres: { ingestPerSec, messages: written } }));
} finally {
  await store.close();
  await database.drop();
}
