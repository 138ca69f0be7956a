// End-to-end harness for live collection: a scenario runs in the real simulator, the real app collects it into a
// SQLite file in a temp dir, and the helpers here read back what the simulator planned and what was stored.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { EpochMs } from '../../src/domain.ts';
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
import { buildWorld } from '../../src/sim/scenario/build-world.ts';
import { planChannelTimeline } from '../../src/sim/timeline/plan-timeline.ts';
import { toChatEventType } from '../../src/sim/timeline/sim-event.ts';
import type { Store } from '../../src/store/store.ts';

export const scenarioStart = Date.UTC(2024, 5, 1, 18, 0, 0);

/** A channel that chats briskly and has every kind of event during one stream of `duration`. */
export function makeBusyChannel(
  login: string,
  id: string,
  stream: { at: string; duration: string; raidOutTo?: string },
): NonNullable<ScenarioInput['channels']>[number] {
  return {
    login,
    id,
    displayName: login,
    chat: { messagesPerViewerPerMinute: 0.5, regulars: 20, casuals: 120 },
    streams: [
      {
        at: stream.at,
        duration: stream.duration,
        title: `${login} live`,
        category: { id: '509658', name: 'Just Chatting' },
        changes: [{ at: '90s', title: `${login} now farming`, category: { id: '490744', name: 'Stardew Valley' } }],
        viewers: {
          base: 300,
          shape: [
            [0, 0.5],
            [0.5, 1.2],
            [1, 0.8],
          ],
          noise: 0.05,
        },
        events: [
          { at: '40s', type: 'announcement' },
          { at: '50s', type: 'submysterygift', amount: 3 },
          { at: '70s', type: 'hype-train', amount: 2, duration: '60s' },
          { at: '100s', type: 'ad-break', duration: '30s' },
          { at: '110s', type: 'timeout', duration: '60s' },
          { at: '115s', type: 'ban' },
          { at: '120s', type: 'delete' },
          ...(stream.raidOutTo
            ? [{ at: '150s', type: 'raid-out' as const, channel: stream.raidOutTo, amount: 40 }]
            : []),
        ],
        eventRates: { follow: 120, sub: 40, resub: 30, subgift: 10, cheer: 30 },
      },
    ],
  };
}

export interface PlannedChat {
  messages: Map<string, EpochMs>;
  events: { ts: EpochMs; type: string }[];
}

/** What the simulator will send, from its seeded plan: sim time of every chat message and chat event. */
export function planSentTimes(scenario: Scenario, startAt: EpochMs): Map<string, PlannedChat> {
  const world = buildWorld(scenario, startAt);
  const out = new Map<string, PlannedChat>();
  for (const channel of world.channels) {
    const entry: PlannedChat = { messages: new Map(), events: [] };
    for (const event of planChannelTimeline(world, channel)) {
      const type = toChatEventType(event);
      if (event.kind === 'chat') entry.messages.set(event.line.id, event.ts);
      else if (type !== null) entry.events.push({ ts: event.ts, type });
    }
    out.set(channel.login, entry);
  }
  return out;
}

export interface CollectedRun {
  scenario: Scenario;
  sim: RunningSimulator;
  app: RunningApp;
  store: Store;
  startAt: EpochMs;
  speed: number;
  /** Simulated ms between polls. */
  pollSimMs: number;
  /** Every chat outage seen (simulated clock), from the chat listener's stats. */
  chatOutages: { from: EpochMs; to: EpochMs | null }[];
  /** Waits for the scenario's end, lets the poller see it, and flushes. */
  runToEnd(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the simulator and `startApp({ collect: true })` pointed at it, like `streamlens demo` does. */
export async function startCollectedRun(
  input: ScenarioInput,
  options: { speed: number; pollSec?: number; flags?: Record<string, unknown>; store?: Store },
): Promise<CollectedRun> {
  const scenario = parseScenario(input);
  const { speed } = options;
  const pollSec = options.pollSec ?? 0.1;
  const dir = await mkdtemp(join(tmpdir(), 'streamlens-collect-'));
  const sim = await startSimulator({ scenario, speed, startAt: scenarioStart });
  let app: RunningApp | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const stop = async () => {
    clearInterval(sampler);
    await app?.stop();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      flags: {
        db: join(dir, 'collect.db'),
        dataDir: dir,
        channels: scenario.channels.map((c) => c.login),
        ...simulatorFlags(sim),
        'twitch.pollIntervalSec': pollSec,
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
      store: options.store,
    });
    const running = app;
    const chatOutages: CollectedRun['chatOutages'] = [];
    sampler = setInterval(() => {
      const outage = running.collectors?.stats().chat.lastDisconnect;
      if (!outage) return;
      const known = chatOutages.find((o) => o.from === outage.from);
      if (known) known.to = outage.to;
      else chatOutages.push({ ...outage });
    }, 10);
    return {
      scenario,
      sim,
      app,
      store: app.store,
      startAt: scenarioStart,
      speed,
      pollSimMs: pollSec * 1000 * speed,
      chatOutages,
      async runToEnd() {
        await sim.done;
        // A few poll intervals let the poller see the last stream end; then everything is flushed.
        await new Promise((r) => setTimeout(r, Math.max(300, pollSec * 1000 * 4)));
        await running.ingest.flush();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Window {
  from: EpochMs;
  to: EpochMs;
}

/** Whether `ts` falls in a window (each widened by `slackMs` on both sides). */
export function isInWindow(ts: EpochMs, windows: readonly Window[], slackMs: number): boolean {
  return windows.some((w) => ts >= w.from - slackMs && ts <= w.to + slackMs);
}

/** Counts rows by a column, e.g. chat events by type, for one channel. */
export async function countBy(store: Store, table: string, channelId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await store.all<{ type: string; n: number }>(
    `SELECT type, COUNT(*) AS n FROM ${table} WHERE channel_id = ? GROUP BY type`,
    [channelId],
  ))
    out[row.type] = Number(row.n);
  return out;
}

/** Sorted entries without zero counts, for deepEqual. */
export function nonZero(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
