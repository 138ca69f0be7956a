// What a running streamlens reports to Prometheus: ingest rates (stored records by kind), drops by reason, the
// lag from a record's arrival to its commit, store write latency, buffered records, Twitch reconnects by
// connection, notifications sent and failed, and the process itself. Totals counted elsewhere are read at
// scrape time; only the two latency histograms are observed as things happen.

import type { Ingest, IngestRecord, IngestStats } from '../ingest/ingest.ts';
import type { Store } from '../store/store.ts';
import type { CollectorsStats } from '../twitch/collect.ts';
import { createMetricsRegistry, type Histogram, type MetricsRegistry } from './metrics-registry.ts';

/** Seconds: from a few milliseconds (group commit) to a minute (a database that refused writes for a while). */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Delivery counts of the notifier, by target kind and event. */
export interface NotificationCounts {
  sent: { kind: string; event: string; count: number }[];
  failed: { kind: string; event: string; count: number }[];
  pending: number;
  blockedTargets: number;
}

export interface AppMetrics {
  registry: MetricsRegistry;
  /** The ingest collectors push to: notes when each record arrived, to observe its lag once stored. */
  measureIngest(ingest: Ingest): Ingest;
  /** The store the ingest writes through: times every `write`. */
  timeStoreWrites(store: Store): Store;
  /** Reads the ingest's totals at every scrape. */
  watchIngest(ingest: Ingest): void;
  /** Reads the collectors' reconnects and drops at every scrape (undefined while none run). */
  watchCollectors(stats: () => CollectorsStats | undefined): void;
  /** Reads the notifier's counts at every scrape. */
  watchNotifications(counts: () => NotificationCounts): void;
  /** Counts one HTTP request of the web server. */
  countRequest(method: string, route: string, status: number): void;
}

/** The metrics of one process, with the process's own figures registered. */
export function createAppMetrics(): AppMetrics {
  const registry = createMetricsRegistry();
  const startSeconds = Math.floor(Date.now() / 1000);
  const processStart = registry.gauge(
    'streamlens_process_start_time_seconds',
    'When this process started (Unix time).',
  );
  const memory = registry.gauge('streamlens_process_resident_memory_bytes', 'Resident memory of this process.');
  const heap = registry.gauge('streamlens_nodejs_heap_used_bytes', 'V8 heap in use.');
  registry.onCollect(() => {
    processStart.set({}, startSeconds);
    const usage = process.memoryUsage();
    memory.set({}, usage.rss);
    heap.set({}, usage.heapUsed);
  });

  const lag = registry.histogram(
    'streamlens_ingest_lag_seconds',
    'Time from a record reaching the ingest (read off its socket and parsed) to its commit in the database.',
    latencyBuckets,
  );
  const writeSeconds = registry.histogram(
    'streamlens_store_write_duration_seconds',
    'Duration of one batch write to the database, by result (ok or error).',
    latencyBuckets,
  );
  const requests = registry.counter(
    'streamlens_http_requests_total',
    'HTTP requests served, by method, route and status.',
  );

  let ingestFamilies: ((stats: IngestStats) => void) | undefined;
  return {
    registry,
    measureIngest: (ingest) => measureIngestLag(ingest, lag),
    timeStoreWrites: (store) => timeWrites(store, writeSeconds),
    watchIngest(ingest) {
      ingestFamilies ??= registerIngestFamilies(registry);
      const follow = ingestFamilies;
      registry.onCollect(() => follow(ingest.stats()));
    },
    watchCollectors(stats) {
      const reconnects = registry.counter(
        'streamlens_twitch_reconnects_total',
        'Reconnections to Twitch, by connection (chat, eventsub).',
      );
      const connected = registry.gauge(
        'streamlens_twitch_connected',
        'Whether each Twitch connection is up (1) or not (0).',
      );
      const chatDrops = registry.counter(
        'streamlens_chat_lines_dropped_total',
        'Chat lines the IRC reader could not turn into records, by reason.',
      );
      registry.onCollect(() => {
        const s = stats();
        if (!s) return;
        reconnects.follow({ connection: 'chat' }, s.chat.reconnects);
        connected.set({ connection: 'chat' }, s.chat.connected ? 1 : 0);
        for (const [reason, n] of Object.entries(s.chat.dropped)) chatDrops.follow({ reason }, n);
        if (s.eventsub) {
          reconnects.follow({ connection: 'eventsub' }, s.eventsub.reconnects);
          connected.set({ connection: 'eventsub' }, s.eventsub.connected ? 1 : 0);
        }
      });
    },
    watchNotifications(counts) {
      const sent = registry.counter(
        'streamlens_notifications_sent_total',
        'Notifications delivered, by target kind and event.',
      );
      const failed = registry.counter(
        'streamlens_notifications_failed_total',
        'Notifications given up on (refused for good, or out of retries), by target kind and event.',
      );
      const pending = registry.gauge('streamlens_notifications_pending', 'Notifications waiting to be delivered.');
      const blocked = registry.gauge(
        'streamlens_notification_targets_blocked',
        'Targets that refused for good (401/403/404): not retried until their setting changes.',
      );
      registry.onCollect(() => {
        const c = counts();
        for (const s of c.sent) sent.follow({ kind: s.kind, event: s.event }, s.count);
        for (const f of c.failed) failed.follow({ kind: f.kind, event: f.event }, f.count);
        pending.set({}, c.pending);
        blocked.set({}, c.blockedTargets);
      });
    },
    countRequest(method, route, status) {
      requests.inc({ method, route, status: String(status) });
    },
  };
}

function registerIngestFamilies(registry: MetricsRegistry): (stats: IngestStats) => void {
  const stored = registry.counter(
    'streamlens_ingest_records_stored_total',
    'Records newly stored (not duplicates), by kind (message, event, channelEvent, snapshot, transcript, …).',
  );
  const dropped = registry.counter('streamlens_ingest_records_dropped_total', 'Records the ingest dropped, by reason.');
  const duplicates = registry.counter(
    'streamlens_ingest_duplicates_total',
    'Records that were already stored (same natural id): replays and reconnect overlaps.',
  );
  const retries = registry.counter(
    'streamlens_ingest_write_retries_total',
    'Batch writes that failed and were retried.',
  );
  const buffered = registry.gauge('streamlens_ingest_buffered_records', 'Records waiting in the ingest buffer.');
  const failing = registry.gauge(
    'streamlens_ingest_writes_failing',
    'Whether the database refuses writes right now (1): records wait in the journal until it takes them.',
  );
  const waiting = registry.gauge(
    'streamlens_ingest_writes_waiting_records',
    'Records the database refused, kept (journal or memory) until it takes them.',
  );
  const journal = registry.gauge('streamlens_ingest_journal_bytes', 'Size of the on-disk write journal.');
  const paused = registry.gauge(
    'streamlens_ingest_sources_paused',
    'Whether the sources (chat reading) are paused under backpressure (1).',
  );
  return (s) => {
    failing.set({}, s.writes.failing ? 1 : 0);
    waiting.set({}, s.writes.waiting);
    journal.set({}, s.writes.journalBytes);
    paused.set({}, s.writes.paused ? 1 : 0);
    for (const [kind, n] of Object.entries(s.stored)) stored.follow({ kind }, n);
    for (const [reason, n] of Object.entries(s.dropped)) dropped.follow({ reason }, n);
    duplicates.follow({}, s.duplicates);
    retries.follow({}, s.retries);
    buffered.set({}, s.pending);
  };
}

/** The same ingest, with each pushed record's arrival noted; once stored, its wait is observed. */
function measureIngestLag(ingest: Ingest, lag: Histogram): Ingest {
  const arrived = new WeakMap<IngestRecord, number>();
  ingest.onStored((records) => {
    const now = performance.now();
    for (const record of records) {
      const at = arrived.get(record);
      if (at !== undefined) lag.observe((now - at) / 1000);
    }
  });
  return {
    ...ingest,
    push(record) {
      arrived.set(record, performance.now());
      ingest.push(record);
    },
  };
}

/** The store with its `write` timed; everything else is the store's own (bound, so private fields work). */
function timeWrites(store: Store, histogram: Histogram): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'write') {
        const write: Store['write'] = async (batch, options) => {
          const started = performance.now();
          let result = 'error';
          try {
            const written = await target.write(batch, options);
            result = 'ok';
            return written;
          } finally {
            histogram.observe((performance.now() - started) / 1000, { result });
          }
        };
        return write;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
