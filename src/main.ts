// Composition root: config → store → ingest → collectors (+ transcription, + leases when the backend shares
// channels among processes) → web server and agent, and shutdown in reverse. Every long-running command
// (start, collect, serve, demo) goes through startApp.

import { join } from 'node:path';
import { createAgent } from './agent/index.ts';
import { saveStreamReport } from './analytics/index.ts';
import type { Config } from './config.ts';
import { createIngest } from './ingest/create-ingest.ts';
import type { Ingest } from './ingest/ingest.ts';
import { startStatusLog } from './ingest/start-status-log.ts';
import type { Logger } from './log.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import type { PlaylistResolver } from './transcribe/hls/playlist-resolver.ts';
import { startTranscriptionOnLive } from './transcribe/transcribe-on-live.ts';
import { type CollectorClock, type Collectors, startCollectors } from './twitch/collect.ts';
import { startLeasedCollectors } from './twitch/leased-collectors.ts';
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
      const transcription = startTranscriptionOnLive({
        config,
        log,
        ingest,
        playlistResolver: options.playlistResolver,
        timeScale: options.transcriptionTimeScale,
      });
      stoppers.unshift(() => transcription.stop());
      const start = (channels?: readonly string[]) =>
        startCollectors({
          config,
          ingest: transcription.ingest,
          log: log.child('collect'),
          findOpenStreams: () => store.listOpenStreams(),
          channels,
          clock: options.clock,
        });
      if (store.channelLeases) {
        const leased = startLeasedCollectors({
          leases: store.channelLeases,
          channels: config.channels,
          ttlMs: config.leaseTtlSec * 1000,
          log,
          start,
        });
        stoppers.unshift(() => leased.stop());
      } else {
        collectors = await start();
        stoppers.unshift(() => collectors!.stop());
      }
      const status = startStatusLog(ingest, log);
      stoppers.unshift(() => status.stop());
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
