// Analytics latency on a big stream: summary and timeline of a 12-hour stream with 1M chat messages, cold
// (first call) and warm (finished-stream cache), on a temp SQLite file.
// Run: node --import tsx bench/analytics.bench.ts   (BENCH_MESSAGES=… to change the size)

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getStreamSummary, getStreamTimeline } from '../src/analytics/index.ts';
import type { ChannelEvent, ChatMessage, StreamSnapshot } from '../src/domain.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const hours = 12;
const start = Date.UTC(2026, 0, 5, 12, 0, 0);
const durationMs = hours * 3_600_000;
// BENCH_DB=path keeps the seeded database there and reuses it on the next run.
const keep = process.env.BENCH_DB;
const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'streamlens-analytics-bench-'));
const path = keep ?? join(dir!, 'bench.db');
const reuse = keep !== undefined && existsSync(keep);
const store = openSqliteStore({ path });

async function seed(): Promise<void> {
  await store.migrate();
  await store.write({
    channels: [{ id: '1', login: 'bigstreamer', displayName: 'BigStreamer' }],
    streams: [
      {
        id: 'prev',
        channelId: '1',
        startedAt: start - 86_400_000,
        endedAt: start - 86_400_000 + 3_600_000,
        title: 'yesterday',
        gameId: '1',
        gameName: 'Chess',
        language: 'en',
        tags: [],
        vodId: null,
      },
      {
        id: 'big',
        channelId: '1',
        startedAt: start,
        endedAt: start + durationMs,
        title: 'marathon',
        gameId: '1',
        gameName: 'Chess',
        language: 'en',
        tags: [],
        vodId: 'v1',
      },
    ],
  });
  const snapshots: StreamSnapshot[] = [];
  for (let m = 0; m < hours * 60; m++)
    snapshots.push({
      channelId: '1',
      streamId: 'big',
      ts: start + m * 60_000,
      viewerCount: 2000 + (m % 50),
      title: 'marathon',
      gameId: '1',
      gameName: 'Chess',
    });
  const events: ChannelEvent[] = [];
  for (let i = 0; i < 3000; i++)
    events.push({
      id: `e${i}`,
      channelId: '1',
      streamId: 'big',
      ts: start + Math.floor((i / 3000) * durationMs),
      type: i % 3 === 0 ? 'channel.subscribe' : 'channel.follow',
      userId: `u${i}`,
      userLogin: `u${i}`,
      data: {},
    });
  await store.write({ snapshots, channelEvents: events });
  const batch = 50_000;
  const step = durationMs / messages;
  for (let done = 0; done < messages; done += batch) {
    const chat: ChatMessage[] = [];
    for (let i = done; i < Math.min(messages, done + batch); i++) {
      const user = (i * 7919) % 40_000;
      chat.push({
        id: `m${i}`,
        channelId: '1',
        streamId: 'big',
        ts: start + Math.floor(i * step),
        userId: `c${user}`,
        userLogin: `chatter${user}`,
        displayName: `Chatter${user}`,
        text: i % 5 === 0 ? 'KEKW KEKW' : 'hello there chat',
        isAction: false,
        bits: 0,
        emotes:
          i % 5 === 0
            ? [
                { id: '1', start: 0, end: 3 },
                { id: '1', start: 5, end: 8 },
              ]
            : [],
        badges: [],
        firstMsg: false,
        returningChatter: false,
        replyParentId: null,
        replyParentUserLogin: null,
        sourceChannelId: null,
        color: null,
        deletedAt: null,
      });
    }
    await store.write({ chatMessages: chat }, { bulkLoad: true });
  }
  // A bulk load ends with catch-up: search entries and chatter aggregates (which the rollup check reads).
  await store.catchUp();
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

try {
  const t0 = performance.now();
  if (reuse) await store.migrate();
  else await seed();
  console.log(
    `${reuse ? 'reused' : 'seeded'} ${messages} messages over ${hours} h in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // The first timeline of a finished stream builds its per-minute rollup (once, when the stream ends and its
  // report is generated) and stores it in chat_minutes; every later question reads 720 rows instead of 1M.
  store.db.prepare('DELETE FROM chat_minutes').run();
  const rollupBuild = await time(() => getStreamTimeline(store, 'big'));
  const fresh = openSqliteStore({ path });
  const summaryMs = await time(() => getStreamSummary(fresh, 'big'));
  const timelineMs = await time(() => getStreamTimeline(fresh, 'big'));
  const summaryWarm = await time(() => getStreamSummary(fresh, 'big'));
  const timelineWarm = await time(() => getStreamTimeline(fresh, 'big'));
  await fresh.close();
  console.log(`rollup build (once per stream, at its end): ${rollupBuild.toFixed(1)} ms`);
  console.log(
    `summary  ${summaryMs.toFixed(1)} ms first call in a fresh process, ${summaryWarm.toFixed(1)} ms again   (target < 200 ms)`,
  );
  console.log(
    `timeline ${timelineMs.toFixed(1)} ms first call in a fresh process, ${timelineWarm.toFixed(1)} ms again   (target < 200 ms)`,
  );
  console.log(
    JSON.stringify({
      analytics: {
        summaryMs: Math.round(summaryMs),
        timelineMs: Math.round(timelineMs),
        timelineWarmMs: Math.round(timelineWarm),
        rollupBuildMs: Math.round(rollupBuild),
        messages,
      },
    }),
  );
} finally {
  await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
