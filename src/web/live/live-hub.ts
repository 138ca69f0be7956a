// The live feed behind /api/live/events: one subscription to the ingest bus fanned out to every browser, each
// with a bounded queue that drops its oldest events when that browser reads too slowly, plus a watcher that
// re-runs highlight detection on live streams and announces new highlights.

import { getStreamHighlights } from '../../analytics/index.ts';
import type { Ingest } from '../../ingest/ingest.ts';
import type { Logger } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import { type LiveEvent, toHighlightEvent, toLiveEvent } from './to-live-event.ts';

export interface LiveClient {
  /** Events queued since the last call; waits up to `timeoutMs` for one (empty on timeout or close). */
  next(timeoutMs: number): Promise<LiveEvent[]>;
  close(): void;
  readonly closed: boolean;
}

export interface LiveHub {
  subscribe(): LiveClient;
  /** Highlights announced for a live stream so far (for pages that connect later). */
  recentHighlights(streamId: string): Record<string, unknown>[];
  clientCount(): number;
  /** Runs one highlight check now (the timer calls it every `highlightIntervalMs`). */
  checkHighlights(): Promise<void>;
  stop(): void;
}

export interface LiveHubOptions {
  ingest?: Ingest;
  store: Store;
  log: Logger;
  queueLimit?: number;
  highlightIntervalMs?: number;
  /** Highlights older than this when first seen are history, not news. */
  highlightMaxAgeMs?: number;
  now?: () => number;
}

/** Starts the hub; without an ingest it serves no events (only heartbeats). */
export function startLiveHub(options: LiveHubOptions): LiveHub {
  const queueLimit = options.queueLimit ?? 1000;
  const now = options.now ?? Date.now;
  const clients = new Set<ClientState>();
  const seen = new Map<string, Record<string, unknown>[]>();
  const seenKeys = new Set<string>();
  let seq = 0;
  let checking = false;

  const broadcast = (e: Omit<LiveEvent, 'seq'>) => {
    const event = { ...e, seq: ++seq };
    for (const client of clients) client.push(event, queueLimit);
  };

  const unsubscribe = options.ingest?.onStored((records) => {
    for (const record of records) {
      const event = toLiveEvent(record);
      if (event) broadcast(event);
    }
  });

  const checkHighlights = async () => {
    if (checking) return;
    checking = true;
    try {
      const live = await options.store.listOpenStreams();
      for (const { id } of live) {
        const result = await getStreamHighlights(options.store, id, { limit: 10 });
        if (!result || !('highlights' in result)) continue;
        for (const h of [...result.highlights].sort((a, b) => a.startTs - b.startTs)) {
          const key = `${id}:${h.startTs}`;
          if (seenKeys.has(key)) continue;
          seenKeys.add(key);
          if (h.endTs < now() - (options.highlightMaxAgeMs ?? 10 * 60_000)) continue;
          const event = toHighlightEvent(id, h);
          const list = seen.get(id) ?? [];
          seen.set(id, [...list, event.data].slice(-20));
          broadcast(event);
        }
      }
    } catch (error) {
      options.log.debug('live highlight check failed', { error: (error as Error).message });
    } finally {
      checking = false;
    }
  };
  const timer = options.ingest
    ? setInterval(() => void checkHighlights(), options.highlightIntervalMs ?? 15_000)
    : undefined;
  timer?.unref();

  return {
    subscribe() {
      const client = new ClientState(() => clients.delete(client));
      clients.add(client);
      return client;
    },
    recentHighlights: (streamId) => seen.get(streamId) ?? [],
    clientCount: () => clients.size,
    checkHighlights,
    stop() {
      if (timer) clearInterval(timer);
      unsubscribe?.();
      for (const client of [...clients]) client.close();
    },
  };
}

class ClientState implements LiveClient {
  private queue: LiveEvent[] = [];
  private dropped = 0;
  private wake: (() => void) | undefined;
  closed = false;

  constructor(private readonly onClose: () => void) {}

  push(event: LiveEvent, limit: number): void {
    this.queue.push(event);
    if (this.queue.length > limit) {
      this.dropped += this.queue.length - limit;
      this.queue.splice(0, this.queue.length - limit);
    }
    this.wake?.();
  }

  async next(timeoutMs: number): Promise<LiveEvent[]> {
    if (this.queue.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    const out = this.queue;
    this.queue = [];
    if (this.dropped > 0) {
      // Tell the page it missed events, so it can say so instead of silently showing a gap.
      out.unshift({ seq: 0, event: 'dropped', data: { count: this.dropped } });
      this.dropped = 0;
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose();
  }
}
