// A web app over a fresh store (either backend) filled with simulated history, a live stream and an ingest, for
// the route tests and the browser tests. Known records are planted so tests can look for them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agent } from '../../src/agent/types.ts';
import { getLatestStream } from '../../src/analytics/index.ts';
import { type Config, configSchema } from '../../src/config.ts';
import { createIngest } from '../../src/ingest/create-ingest.ts';
import type { Ingest } from '../../src/ingest/ingest.ts';
import { silentLogger } from '../../src/log.ts';
import { defaultScenarioPath, generateHistory, historyFacts, loadScenario } from '../../src/sim/index.ts';
import type { Store } from '../../src/store/store.ts';
import { createApp, type WebApp } from '../../src/web/create-app.ts';
import { makeChatMessage, makeSnapshot, makeStream } from './make-records.ts';
import { type Backend, openTestStore } from './open-test-store.ts';

export const xssText = '<img src=x onerror=alert(1)><script>alert(2)</script>';
export const knownText = 'the marmalade strategy worked';
export const liveStreamId = 'live-stream-1';

export interface WebFixture {
  web: WebApp;
  store: Store;
  ingest: Ingest;
  config: Config;
  dir: string;
  channelId: string;
  channelLogin: string;
  /** History stream ids, oldest first. */
  streamIds: string[];
  close(): Promise<void>;
}

export interface WebFixtureOptions {
  /** The store backend; SQLite unless a suite loops over both. */
  backend?: Backend;
  password?: string;
  host?: string;
  agent?: Agent;
  staticDir?: string;
  streams?: number;
  now?: number;
}

/** Opens the fixture; `close()` removes everything. */
export async function openWebFixture(options: WebFixtureOptions = {}): Promise<WebFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-web-'));
  const testStore = await openTestStore(options.backend ?? 'sqlite');
  const { store } = testStore;
  const now = options.now ?? Date.now();
  const scenario = loadScenario(defaultScenarioPath());
  const facts = historyFacts(scenario);
  const streamIds: string[] = [];
  for (const batch of generateHistory(scenario, { streams: options.streams ?? 6, endBefore: now - 86_400_000 })) {
    await store.write(batch);
    streamIds.push(batch.streams![0]!.id);
  }
  const last = (await getLatestStream(store))!;
  const planted = { channelId: facts.channelId, streamId: last.id };
  await store.write({
    chatMessages: [
      makeChatMessage({
        ...planted,
        ts: last.startedAt + 600_000,
        userId: '990001',
        userLogin: 'knownviewer',
        displayName: 'KnownViewer',
        text: knownText,
      }),
      makeChatMessage({
        ...planted,
        ts: last.startedAt + 660_000,
        userId: '990002',
        userLogin: 'xssviewer',
        displayName: 'XssViewer',
        text: xssText,
      }),
    ],
  });
  const liveStart = now - 20 * 60_000;
  await store.write({
    streams: [
      makeStream({
        id: liveStreamId,
        channelId: facts.channelId,
        startedAt: liveStart,
        title: 'Live now: cozy farming',
        gameName: 'Stardew Valley',
        gameId: '490744',
      }),
    ],
    snapshots: [0, 5, 10, 15].map((m) =>
      makeSnapshot({
        channelId: facts.channelId,
        streamId: liveStreamId,
        ts: liveStart + m * 60_000,
        viewerCount: 40 + m,
        title: 'Live now: cozy farming',
      }),
    ),
    chatMessages: [1, 2, 3].map((m) =>
      makeChatMessage({
        channelId: facts.channelId,
        streamId: liveStreamId,
        ts: liveStart + m * 60_000,
        userId: `77${m}`,
        userLogin: `earlybird${m}`,
        displayName: `EarlyBird${m}`,
        text: `good evening ${m}`,
      }),
    ),
  });
  const ingest = await createIngest({ store, log: silentLogger, batchSize: 500, flushIntervalMs: 20, maxRetries: 1 });
  const config = Object.freeze(
    configSchema.parse({
      configFile: join(dir, 'streamlens.config.json'),
      dataDir: dir,
      db: join(dir, 'streamlens.db'), // the config names a file even when a PostgreSQL URL wins
      ...testStore.configFlags,
      channels: [facts.channelLogin],
      web: { host: options.host ?? '127.0.0.1', port: 0, ...(options.password ? { password: options.password } : {}) },
    }),
  );
  const web = createApp({
    config,
    store,
    ingest,
    agent: options.agent,
    log: silentLogger,
    staticDir: options.staticDir ?? join(dir, 'no-ui'),
  });
  return {
    web,
    store,
    ingest,
    config,
    dir,
    channelId: facts.channelId,
    channelLogin: facts.channelLogin,
    streamIds,
    async close() {
      web.close();
      await ingest.stop();
      await testStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
