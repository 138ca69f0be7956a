// The demo itself: simulator, history, collectors, web and the end-of-scenario summary (loaded when `demo` runs).

import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatZonedDateTime, getLastRecordedAt, getLatestStream, saveStreamReport } from '../../analytics/index.ts';
import { notificationEvents, numeric } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { startApp } from '../../main.ts';
import {
  type DiscordReceiver,
  defaultScenarioPath,
  generateHistory,
  getScenarioLengthMs,
  loadScenario,
  type ReceivedDiscordMessage,
  type Scenario,
  signInToSimulator,
  simulatorFlags,
  startDiscordReceiver,
  startHlsSimulator,
  startSimulator,
} from '../../sim/index.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import type { PlaylistResolver } from '../../transcribe/hls/playlist-resolver.ts';
import { createTwitchResolver } from '../../transcribe/hls/twitch-resolver.ts';
import { checkTranscriptionPrerequisites } from '../../transcribe/transcription-prerequisites.ts';
import { startProgress } from '../progress.ts';
import { createContext, type GlobalFlags } from '../run-command.ts';
import { waitForSignal } from '../wait-for-signal.ts';
import { planDemoClock } from './demo-clock.ts';
import { type DemoSummary, summarizeDemo } from './demo-summary.ts';

export interface DemoFlags {
  scenario?: string;
  speed: string;
  untilEnd?: boolean;
  json?: boolean;
  port?: string;
  host?: string;
  web?: boolean;
  history: string;
  transcribe?: boolean;
  discord?: boolean;
}

const leadInRealMs = 3000;

function parseFlag(name: string, value: string, schema: z.ZodType<number, number>): number {
  const parsed = numeric(schema).safeParse(value);
  if (parsed.success) return parsed.data;
  throw new StreamlensError('USAGE', `${name}: ${parsed.error.issues[0]?.message}`, 'see `streamlens demo --help`');
}

export async function runDemo(flags: DemoFlags, command: Command): Promise<number> {
  const askedSpeed = parseFlag('--speed', flags.speed, z.number().gt(0, 'must be more than 0').max(3600));
  const historyCount = parseFlag('--history', flags.history, z.number().int('must be a whole number').min(0));
  const scenario = loadScenario(resolve(flags.scenario ?? defaultScenarioPath()));
  const globals = command.optsWithGlobals<GlobalFlags>();
  const base = createContext(command);
  // No database chosen (neither --db, STREAMLENS_DB, the config file nor a PostgreSQL URL): use the demo's own.
  const useDemoDb = base.config.db === join(base.config.dataDir, 'streamlens.db') && !base.config.databaseUrl;
  const dataDir = join(base.config.dataDir, 'demo');

  const dbFlags = useDemoDb ? { db: join(base.config.dataDir, 'demo.db') } : {};
  // History first: the simulated clock starts with the simulator, and at high speed writing history takes
  // simulated hours, which the collectors would miss (and --until-end would report as missing).
  const store = await openStore(createContext(command, dbFlags).config);
  let clock = { startAt: Date.now(), speed: askedSpeed, leadInMs: leadInRealMs * askedSpeed };
  let lastRecordedAt: number | null = null;
  try {
    lastRecordedAt = await getLastRecordedAt(store);
    if (scenario.start === 'now') {
      clock = planDemoClock({
        realNow: Date.now(),
        lastRecordedAt,
        scenarioMs: getScenarioLengthMs(scenario),
        speed: askedSpeed,
        leadInRealMs,
      });
      if (lastRecordedAt !== null && lastRecordedAt > Date.now() && !flags.json)
        process.stderr.write(
          `streamlens demo: this database holds records dated up to ${formatZonedDateTime(lastRecordedAt, base.timeZone)}, later than now (an older demo ran ahead of the clock); this run starts after them — remove the demo database to start afresh\n`,
        );
      else if (clock.speed < askedSpeed && !flags.json)
        process.stderr.write(
          `streamlens demo: this database holds records up to ${formatZonedDateTime(lastRecordedAt ?? 0, base.timeZone)} from an earlier demo; so that nothing is recorded in the future, this run plays at ${formatSpeed(clock.speed)}× instead of ${askedSpeed}× (remove the demo database to start afresh)\n`,
        );
    } else clock.startAt = Date.parse(scenario.start);
    await writeHistory(store, scenario, historyCount, clock.startAt, Boolean(flags.json));
  } catch (error) {
    await store.close();
    throw error;
  }
  const { speed, startAt } = clock;
  // The scenario begins a few real seconds after the simulator, once the collectors have connected.
  const sim = await startSimulator({ scenario, speed, startAt, leadInMs: clock.leadInMs, held: true });
  let discord: DiscordReceiver | undefined;
  const stopSim = async () => {
    await sim.stop();
    await discord?.stop();
  };
  let hls: Awaited<ReturnType<typeof startAudio>> | undefined;
  try {
    discord = flags.discord ? await startDiscordReceiver() : undefined;
    const webhook = discord?.createWebhook();
    if (discord && !flags.json)
      discord.onMessage((m) => process.stderr.write(`Discord (loopback) received: ${describeDiscordMessage(m)}\n`));
    hls = flags.transcribe === false ? undefined : await startAudio(scenario, startAt, sim.clock, base.config);
    const context = createContext(command, {
      ...dbFlags,
      dataDir,
      channels: scenario.channels.map((c) => c.login),
      ...simulatorFlags(sim),
      // Poll once per simulated minute, as the real collector does per real minute.
      'twitch.pollIntervalSec': Math.max(0.05, 60 / speed),
      'transcription.enabled': hls !== undefined,
      'web.port': flags.port,
      'web.host': flags.host,
      ...(discord && webhook
        ? {
            'notifications.discordApiBase': discord.apiBase,
            'notifications.targets': [
              { url: webhook.url, kind: 'discord', name: 'demo Discord (loopback)', events: [...notificationEvents] },
            ],
          }
        : {}),
      logLevel: flags.untilEnd && !globals.logLevel ? 'warn' : undefined,
    });
    // The demo's settings (its channels, the simulator's client id) are saved to a file of its own beside its
    // data, never to the streamlens.config.json that `streamlens start` reads.
    const config = Object.freeze({ ...context.config, configFile: join(dataDir, 'streamlens.config.json') });
    const { log } = context;

    // Sim tokens expire on the simulated clock (about 4 simulated hours).
    await signInToSimulator(
      sim,
      scenario.channels[0]!,
      config.dataDir,
      Date.now() + Math.floor((3.5 * 3600_000) / speed),
    );

    const app = await startApp({
      config,
      log,
      collect: true,
      serve: flags.web !== false,
      store,
      playlistResolver: hls?.resolver,
      transcriptionTimeScale: hls ? speed : undefined,
      clock: sim.clock,
      demo: true,
    });
    // The clock (and the lead-in) starts once the collectors are up: starting them can take seconds on a busy machine.
    sim.startClock();
    const stopAll = async () => {
      await app.stop();
      await hls?.stop();
      await stopSim();
    };
    if (!flags.json) {
      process.stderr.write(
        `streamlens demo: simulated Twitch at ${speed}× speed, recording ${scenario.channels.map((c) => `#${c.login}`).join(', ')} into ${store.location}\n`,
      );
      if (app.webUrl) process.stderr.write(`Dashboard: ${app.webUrl}\n`);
    }
    if (!flags.untilEnd) {
      process.stderr.write('Ctrl-C to stop.\n');
      await waitForSignal();
      await stopAll();
      return 0;
    }
    await sim.done;
    // One more poll interval lets the poller see the last stream end; then flush.
    await new Promise((r) => setTimeout(r, Math.max(200, config.twitch.pollIntervalSec * 1000 * 3)));
    const ledger = sim.ledger.summary();
    const summary = await summarizeWhenSettled(app.ingest, () =>
      summarizeDemo(store, scenario, sim.ledger, { after: lastRecordedAt }),
    );
    // Stopping lets the last report's summary go out before the receiver is read.
    await app.stop();
    const discordMessages = discord?.messages.map(toDiscordSummary);
    await hls?.stop();
    await stopSim();
    if (flags.json) process.stdout.write(`${JSON.stringify({ ...summary, ledger, discord: discordMessages })}\n`);
    else {
      process.stdout.write(summary.text);
      if (discordMessages)
        process.stdout.write(
          `The loopback Discord webhook received ${discordMessages.length} message(s):\n${discordMessages.map((m) => `  ${m.title}\n`).join('')}`,
        );
    }
    return summary.matches ? 0 : 1;
  } catch (error) {
    // Everything started so far, or the process would stay up after the error (the audio's FFmpeg and server).
    await hls?.stop().catch(() => {});
    await stopSim().catch(() => {});
    await store.close().catch(() => {});
    throw error;
  }
}

/**
 * The summary once what was sent has been stored: a flush resolves when writes are stored *or journaled* (a write
 * the database refused at start-up waits in the journal for its retry), and the poller sees the last stream end
 * at its next poll, however late that comes on a busy machine. So read again until it matches, nothing waits in
 * the journal, or 15 real seconds have passed; what is still missing then is missing.
 */
async function summarizeWhenSettled(
  ingest: { flush(): Promise<void>; stats(): { writes: { waiting: number } } },
  summarize: () => Promise<DemoSummary>,
): Promise<DemoSummary> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await ingest.flush();
    const summary = await summarize();
    if ((summary.matches && ingest.stats().writes.waiting === 0) || Date.now() >= deadline) return summary;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One line about a received Discord message (its embed's title, or its content). */
function describeDiscordMessage(m: ReceivedDiscordMessage): string {
  return m.body.embeds?.[0]?.title ?? m.body.content ?? '(empty)';
}

/** `3.2`, `1107`: a speed as the notice prints it. */
function formatSpeed(speed: number): string {
  return speed >= 10 ? String(Math.round(speed)) : speed.toFixed(1);
}

/** What the demo's JSON summary says about a received Discord message. */
function toDiscordSummary(m: ReceivedDiscordMessage) {
  const embed = m.body.embeds?.[0];
  return {
    title: describeDiscordMessage(m),
    description: embed?.description ?? null,
    url: embed?.url ?? null,
    fields: (embed?.fields ?? []).map((f) => ({ name: f.name, value: f.value })),
  };
}

/** Fills an empty demo database with past streams so every analytics view has something to show. */
async function writeHistory(
  store: Store,
  scenario: Scenario,
  count: number,
  now: number,
  quiet: boolean,
): Promise<void> {
  const owner = scenario.channels[0]!;
  if (count === 0 || (await getLatestStream(store, owner.id)) !== null) return;
  const progress = quiet ? undefined : startProgress('generating stream history', count);
  const streamIds: string[] = [];
  let done = 0;
  for (const batch of generateHistory(scenario, { streams: count, endBefore: now - 3600_000 })) {
    await store.write(batch, { bulkLoad: true });
    for (const s of batch.streams ?? []) if (!streamIds.includes(s.id)) streamIds.push(s.id);
    done = streamIds.length;
    progress?.update(done);
  }
  progress?.stop();
  await store.catchUp();
  for (const id of streamIds) await saveStreamReport(store, id);
}

/** Serves the scenario's spoken lines as Twitch-shaped HLS, when ffmpeg, espeak-ng and pocketsphinx exist. */
async function startAudio(
  scenario: Scenario,
  startAt: number,
  clock: { now(): number },
  config: Parameters<typeof checkTranscriptionPrerequisites>[0],
): Promise<{ resolver: PlaylistResolver; stop(): Promise<void> } | undefined> {
  if (!checkTranscriptionPrerequisites(config).ok) return undefined;
  const servers: { login: string; resolver: PlaylistResolver; stop(): Promise<void> }[] = [];
  for (const channel of scenario.channels) {
    const stream = channel.streams[0];
    const lines = (stream?.speech ?? []).map((s) => ({ offsetMs: s.at, text: s.text }));
    if (!stream || lines.length === 0) continue;
    const hls = await startHlsSimulator({
      lines,
      startAt: startAt + stream.at,
      clock,
      login: channel.login,
      channelId: channel.id,
    });
    // The real Twitch resolver (GQL playback token, then usher), pointed at the simulated endpoints.
    const resolver = createTwitchResolver({ gqlUrl: hls.gqlUrl, usherUrl: hls.usherUrl });
    servers.push({ login: channel.login, resolver, stop: hls.stop });
  }
  if (servers.length === 0) return undefined;
  const byLogin = new Map(servers.map((s) => [s.login, s.resolver]));
  const resolver: PlaylistResolver = {
    name: 'demo',
    resolve: async (login, signal) => {
      const r = byLogin.get(login);
      if (!r)
        throw new StreamlensError('NOT_FOUND', `the scenario gives ${login} no spoken lines, so there is no audio`);
      return r.resolve(login, signal);
    },
  };
  return { resolver, stop: async () => void (await Promise.all(servers.map((s) => s.stop()))) };
}
