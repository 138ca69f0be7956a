// Composition root: config → store → ingest → collectors (+ transcription, + leases when the backend shares
// channels among processes) → web server and agent, and shutdown in reverse. Every long-running command
// (start, collect, serve, demo) goes through startApp.

import { join } from 'node:path';
import { createAgent } from './agent/index.ts';
import { keepHistoryRollups, listChannels, saveStreamReport } from './analytics/index.ts';
import type { Config } from './config.ts';
import { startEmoteRefresh } from './emotes/start-emote-refresh.ts';
import { createIngest } from './ingest/create-ingest.ts';
import type { Ingest } from './ingest/ingest.ts';
import { startStatusLog } from './ingest/start-status-log.ts';
import type { Logger } from './log.ts';
import { type AppMetrics, createAppMetrics } from './metrics/app-metrics.ts';
import { buildReportNotification } from './notify/build-report-notification.ts';
import { startLiveAlerts } from './notify/start-live-alerts.ts';
import { type Notifier, startNotifier } from './notify/start-notifier.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import type { PlaylistResolver } from './transcribe/hls/playlist-resolver.ts';
import { startTranscriptionOnLive } from './transcribe/transcribe-on-live.ts';
import { type CollectorClock, type Collectors, startCollectors } from './twitch/collect.ts';
import { startLeasedCollectors } from './twitch/leased-collectors.ts';
import { describeCollection } from './web/describe-collection.ts';
import { startMetricsServer } from './web/metrics/start-metrics-server.ts';
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
  /** `streamlens demo`: the collectors record the built-in Twitch simulator (the web API and pages say so). */
  demo?: boolean;
}

export interface RunningApp {
  store: Store;
  ingest: Ingest;
  collectors: Collectors | undefined;
  webUrl: string | undefined;
  /** What /metrics reports. */
  metrics: AppMetrics;
  /** The scrape URL: the web server's /metrics, or the metrics listener's (`metrics.port`) without one. */
  metricsUrl: string | undefined;
  /** Delivers notifications (when targets are configured and this process collects). */
  notifier: Notifier | undefined;
  stop(): Promise<void>;
}

/** Starts what the options ask for; `stop()` flushes everything and closes the store. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const store = options.store ?? (await openStore(config, { log: log.child('store') }));
  const stoppers: (() => Promise<void>)[] = [() => store.close()];
  try {
    const { journalMaxMb, ...ingestConfig } = config.ingest;
    const metrics = createAppMetrics();
    // Notifications go out where streams are recorded (their reports and live alerts start there).
    const notifier =
      options.collect && config.notifications.targets.length > 0
        ? await startNotifier({ store, config, log: log.child('notify') })
        : undefined;
    // Stopped after the ingest (whose stream ends queue reports): what is due gets a moment to go out.
    const reports = new Set<Promise<void>>();
    if (notifier) {
      metrics.watchNotifications(() => notifier.counts());
      if (config.notifications.discordApiBase)
        log.warn(
          `Discord notifications go to ${config.notifications.discordApiBase} (notifications.discordApiBase), not discord.com`,
        );
      stoppers.unshift(async () => {
        await Promise.all(reports);
        await notifier.settle(3000);
        await notifier.stop();
      });
    }
    let webUrl: string | undefined;
    const publicUrl = () => config.web.publicUrl ?? webUrl ?? `http://${config.web.host}:${config.web.port}`;
    const ingest = await createIngest({
      store: metrics.timeStoreWrites(store),
      log: log.child('ingest'),
      ...ingestConfig,
      // Only a process that collects spools writes; `serve` writes nothing through the ingest.
      ...(options.collect
        ? { journal: { dir: join(config.dataDir, 'journal'), maxBytes: journalMaxMb * 1024 * 1024 } }
        : { expectsRecords: false }),
      onStreamEnded: (streamId) => {
        const job = saveStreamReport(store, streamId, { minConfidence: config.transcription.minConfidence })
          .then(async (report) => {
            log.info(`report ready: streamlens report ${streamId}`);
            await notifier?.notify(buildReportNotification(report, publicUrl()));
            // The stream's history rollup, so the next whole-history question reads it instead of its chat.
            await keepHistoryRollups(store, report.stream.channelId);
          })
          .catch((error: Error) => log.warn('could not generate the stream report', { streamId, error: error.message }))
          .finally(() => reports.delete(job));
        reports.add(job);
      },
    });
    stoppers.unshift(() => ingest.stop());

    let collectors: Collectors | undefined;
    let metricsUrl: string | undefined;
    // Under channel leases the collectors start later and change channels in place: report whichever runs.
    let running: Collectors | undefined;
    const collectingSince = Date.now();
    if (options.collect) {
      metrics.watchIngest(ingest);
      metrics.watchCollectors(() => running?.stats());
      const transcription = startTranscriptionOnLive({
        config,
        log,
        ingest: metrics.measureIngest(ingest),
        playlistResolver: options.playlistResolver,
        timeScale: options.transcriptionTimeScale,
      });
      stoppers.unshift(() => transcription.stop());
      const start = async (channels?: readonly string[]) => {
        running = await startCollectors({
          config,
          ingest: transcription.ingest,
          log: log.child('collect'),
          findOpenStreams: () => store.listOpenStreams(),
          channels,
          clock: options.clock,
          clips: store.clips,
          presence: store.presence,
        });
        return running;
      };
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
      if (config.emotes.enabled) {
        const collected = new Set(config.channels);
        // No clock: fetched_at is when a provider listed the emotes, real time also under the demo's clock.
        const emotes = startEmoteRefresh({
          store,
          urls: config.emotes,
          refreshHours: config.emotes.refreshHours,
          // The channels this process collects (under channel leases, its share only); else the configured ones
          // recorded so far.
          listChannelIds: async () => {
            const own = running?.stats().channels.map((c) => c.id) ?? [];
            if (own.length > 0 || store.channelLeases) return own;
            return (await listChannels(store))
              .filter((c) => collected.size === 0 || collected.has(c.login.toLowerCase()))
              .map((c) => c.id);
          },
          log: log.child('emotes'),
        });
        stoppers.unshift(() => emotes.stop());
      }
      if (notifier) {
        const alerts = startLiveAlerts({
          store,
          ingest,
          notify: (n) => notifier.notify(n),
          config,
          log: log.child('alerts'),
          publicUrl,
          clock: options.clock,
        });
        stoppers.unshift(() => alerts.stop());
      }
      if (!options.serve && config.metrics.port !== undefined) {
        const listener = await startMetricsServer({
          host: config.web.host,
          port: config.metrics.port,
          token: config.metrics.token,
          registry: metrics.registry,
          log: log.child('metrics'),
        });
        metricsUrl = listener.url;
        stoppers.unshift(() => listener.stop());
      }
    }

    if (options.serve) {
      const agent = createAgent({ store, config, log: log.child('agent') });
      const web = await startWebServer({
        config,
        store,
        ingest: options.collect ? ingest : undefined,
        agent,
        metrics,
        log: log.child('web'),
        collection: options.collect ? describeCollection(config, () => running?.stats(), collectingSince) : undefined,
        demo: options.demo,
      });
      webUrl = web.url;
      metricsUrl = `${web.url}/metrics`;
      stoppers.unshift(() => web.stop());
    }

    return {
      store,
      ingest,
      collectors,
      webUrl,
      metrics,
      metricsUrl,
      notifier,
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
