// Composition root: config → store → ingest → collectors (+ transcription) → web server and agent, and
// shutdown in reverse. Every long-running command (start, collect, serve, demo) goes through startApp.

import { hostname } from 'node:os';
import { join } from 'node:path';
import { createAgent } from './agent/index.ts';
import { saveStreamReport } from './analytics/index.ts';
import type { Config } from './config.ts';
import type { Stream } from './domain.ts';
import { createIngest } from './ingest/create-ingest.ts';
import type { Ingest } from './ingest/ingest.ts';
import type { Logger } from './log.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import type { PlaylistResolver } from './transcribe/hls/playlist-resolver.ts';
import { startTranscriber } from './transcribe/transcriber.ts';
import { checkTranscriptionPrerequisites } from './transcribe/transcription-prerequisites.ts';
import { type CollectorClock, type Collectors, startCollectors } from './twitch/collect.ts';
import type { OpenStream } from './twitch/stream-poller.ts';
import { startWebServer } from './web/start-web-server.ts';

export interface AppOptions {
  config: Config;
  log: Logger;
  /** Run the collectors (start, collect, demo). */
  collect: boolean;
  /** Serve the web UI and API (start, serve, demo). */
  serve: boolean;
  /** Overrides how transcription finds a channel's stream (the demo points it at the simulator). */
  playlistResolver?: PlaylistResolver;
  /** Transcription capture speed-up, for the simulator's faster clock. */
  transcriptionTimeScale?: number;
  /** An already-open store (the demo writes history into it first). */
  store?: Store;
  /** The clock the collectors stamp by (the demo passes the simulator's). */
  clock?: CollectorClock;
}

export interface RunningApp {
  store: Store;
  ingest: Ingest;
  collectors: Collectors | undefined;
  webUrl: string | undefined;
  stop(): Promise<void>;
}

/** Starts what the options ask for; `stop()` flushes everything and closes the store. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const store = options.store ?? (await openStore(config, { log: log.child('store') }));
  const stoppers: (() => Promise<void>)[] = [() => store.close()];
  try {
    const { journalMaxMb, ...ingestConfig } = config.ingest;
    const ingest = await createIngest({
      store,
      log: log.child('ingest'),
      ...ingestConfig,
      // Only a process that collects spools writes; `serve` writes nothing through the ingest.
      ...(options.collect
        ? { journal: { dir: join(config.dataDir, 'journal'), maxBytes: journalMaxMb * 1024 * 1024 } }
        : {}),
      onStreamEnded: (streamId) => {
        saveStreamReport(store, streamId)
          .then(() => log.info(`report ready: streamlens report ${streamId}`))
          .catch((error: Error) =>
            log.warn('could not generate the stream report', { streamId, error: error.message }),
          );
      },
    });
    stoppers.unshift(() => ingest.stop());

    let collectors: Collectors | undefined;
    if (options.collect) {
      const transcription = startTranscriptionOnLive(options, ingest);
      stoppers.unshift(() => transcription.stop());
      const start = (channels?: readonly string[]) =>
        startCollectors({
          config,
          ingest: transcription.ingest,
          log: log.child('collect'),
          findOpenStreams: () => findOpenStreams(store),
          channels,
          clock: options.clock,
        });
      if (store.dialect === 'postgres') {
        stoppers.unshift(await startLeasedCollectors(store, config, log, start));
      } else {
        collectors = await start();
        stoppers.unshift(() => collectors!.stop());
      }
      stoppers.unshift(startStatusLine(ingest, log));
    }

    let webUrl: string | undefined;
    if (options.serve) {
      const agent = createAgent({ store, config, log: log.child('agent') });
      const web = await startWebServer({
        config,
        store,
        ingest: options.collect ? ingest : undefined,
        agent,
        log: log.child('web'),
      });
      webUrl = web.url;
      stoppers.unshift(() => web.stop());
    }

    return {
      store,
      ingest,
      collectors,
      webUrl,
      async stop() {
        for (const stop of stoppers.splice(0)) {
          await stop().catch((error: Error) => log.warn('error while stopping', { error: error.message }));
        }
      },
    };
  } catch (error) {
    for (const stop of stoppers) await stop().catch(() => {});
    throw error;
  }
}

/**
 * With PostgreSQL, several collector processes share the channels: each runs collectors only for the channels
 * it holds a lease on, restarting them when its share changes (a release waits until they have stopped).
 */
async function startLeasedCollectors(
  store: Store,
  config: Config,
  log: Logger,
  start: (channels: readonly string[]) => Promise<Collectors>,
): Promise<() => Promise<void>> {
  const { startChannelLeases } = await import('./store/postgres/channel-leases.ts');
  const { PostgresStore } = await import('./store/postgres/postgres-store.ts');
  if (!(store instanceof PostgresStore)) throw new Error('channel leases need the PostgreSQL store');
  const owned = new Set<string>();
  let current: Collectors | undefined;
  let chain = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  // Lease changes arrive one channel at a time: apply them to the running collectors (chat joins and parts
  // on its open connection), starting them on the first channel.
  const apply = () => {
    chain = chain.then(async () => {
      if (stopping) return;
      const channels = [...owned].sort();
      if (!current && channels.length > 0) current = await start(channels);
      else await current?.setChannels(channels);
      log.info(`collecting ${owned.size} of ${config.channels.length} channels`);
    });
    return chain;
  };
  const leases = startChannelLeases({
    pool: store.pool,
    workerId: `${hostname()}:${process.pid}`,
    channels: config.channels,
    ttlMs: config.leaseTtlSec * 1000,
    log: log.child('leases'),
    onAcquire(channel) {
      owned.add(channel);
      clearTimeout(timer);
      timer = setTimeout(() => void apply(), 200);
    },
    async onRelease(channel) {
      owned.delete(channel);
      if (stopping) return;
      clearTimeout(timer);
      // The lease is given up only after this resolves: the channel is parted first.
      await apply();
    },
  });
  return async () => {
    clearTimeout(timer);
    stopping = true;
    await chain;
    await current?.stop();
    await leases.stop();
  };
}

/** Streams the store still has open, with their last snapshot, so the poller can close them at start-up. */
export async function findOpenStreams(store: Store): Promise<OpenStream[]> {
  const rows = await store.all<{ id: string; channel_id: string; last: number | null }>(
    `SELECT s.id, s.channel_id, (SELECT MAX(ts) FROM stream_snapshots x WHERE x.stream_id = s.id) AS last
     FROM streams s WHERE s.ended_at IS NULL`,
  );
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    lastSnapshotTs: r.last === null ? null : Number(r.last),
  }));
}

/** Wraps the ingest so a transcriber runs for each channel while it is live (when transcription is enabled). */
function startTranscriptionOnLive(options: AppOptions, ingest: Ingest): { ingest: Ingest; stop(): Promise<void> } {
  const { config, log } = options;
  if (!config.transcription.enabled) return { ingest, stop: async () => {} };
  const check = checkTranscriptionPrerequisites(config);
  if (!check.ok) {
    log.warn(`${check.message}; collecting everything else without a transcript. Install with: ${check.installHint}`);
    return { ingest, stop: async () => {} };
  }
  const running = new Map<string, { streamId: string; stop(): Promise<void> }>();
  const logins = new Map<string, string>();
  const onStream = (stream: Stream) => {
    const current = running.get(stream.channelId);
    if (stream.endedAt !== null || current?.streamId === stream.id) return;
    void current?.stop();
    const login = logins.get(stream.channelId) ?? stream.channelId;
    const t = startTranscriber({
      channelId: stream.channelId,
      login,
      config,
      ingest,
      log: log.child(`transcribe/${login}`),
      resolver: options.playlistResolver,
      capture: options.transcriptionTimeScale
        ? { timeScale: options.transcriptionTimeScale, fromLiveEdge: false }
        : undefined,
    });
    running.set(stream.channelId, { streamId: stream.id, stop: t.stop });
  };
  const wrapped: Ingest = {
    ...ingest,
    async upsertChannel(channel) {
      logins.set(channel.id, channel.login);
      await ingest.upsertChannel(channel);
    },
    async upsertStream(stream) {
      await ingest.upsertStream(stream);
      onStream(stream);
    },
    async endStream(streamId, endedAt) {
      for (const [channelId, r] of running) {
        if (r.streamId !== streamId) continue;
        running.delete(channelId);
        await r.stop();
      }
      await ingest.endStream(streamId, endedAt);
    },
  };
  return {
    ingest: wrapped,
    async stop() {
      await Promise.all([...running.values()].map((r) => r.stop()));
      running.clear();
    },
  };
}

/** Logs a one-line status every minute: what was stored, dropped, and what is pending. */
function startStatusLine(ingest: Ingest, log: Logger): () => Promise<void> {
  let last = ingest.stats();
  const timer = setInterval(() => {
    const now = ingest.stats();
    const delta = (kind: string) => (now.stored[kind] ?? 0) - (last.stored[kind] ?? 0);
    const dropped = Object.values(now.dropped).reduce((a, b) => a + b, 0);
    const waiting = now.writes.failing
      ? `; the database refuses writes: ${now.writes.waiting} records wait${now.writes.journalBytes > 0 ? ' in the journal' : ''}`
      : '';
    log.info(
      `last minute: ${delta('message')} messages, ${delta('event') + delta('channelEvent')} events, ${delta('snapshot')} viewer snapshots stored; ${now.pending} pending, ${dropped} dropped in total${waiting}`,
    );
    last = now;
  }, 60_000);
  timer.unref();
  return async () => clearInterval(timer);
}
