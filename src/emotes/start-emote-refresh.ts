// Keeps the third-party emote sets fresh while collecting: the global sets and every collected channel's soon
// after start, each channel's as soon as it is known, and all of them again every `refreshHours`. A failing set is
// logged once (and once more when it recovers); the sets kept before stay in use meanwhile. Never throws.

import type { EpochMs } from '../domain.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { type EmoteApiUrls, type EmoteSetOutcome, refreshEmoteSets } from './refresh-emote-sets.ts';

export interface StartEmoteRefreshOptions {
  store: Store;
  urls: EmoteApiUrls;
  refreshHours: number;
  /** Twitch user ids of the channels being collected (read at every check: channels become known as they are stored). */
  listChannelIds: () => Promise<string[]>;
  log: Logger;
  /** Real ms between checks for newly known channels (default 15 s). */
  checkIntervalMs?: number;
  /** Real ms before the first refresh (default 5 s), so it never competes with connecting, joining and the first poll. */
  startDelayMs?: number;
  now?: () => EpochMs;
  fetch?: typeof fetch;
}

export interface EmoteRefresh {
  /** Stops the schedule, aborting a refresh under way. */
  stop(): Promise<void>;
}

/** Starts the schedule; the first refresh begins after `startDelayMs`. */
export function startEmoteRefresh(options: StartEmoteRefreshOptions): EmoteRefresh {
  const { log } = options;
  const refreshMs = options.refreshHours * 3600_000;
  const failing = new Set<string>();
  let refreshed = new Set<string>();
  let lastFullAt: number | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const aborter = new AbortController();

  const report = (outcomes: readonly EmoteSetOutcome[]) => {
    for (const o of outcomes) {
      const key = `${o.provider}:${o.channelId}`;
      const set = o.channelId === '' ? `${o.provider} global emotes` : `${o.provider} emotes of channel ${o.channelId}`;
      if (o.status === 'failed') {
        if (!failing.has(key)) log.warn(`could not refresh ${set}; using the ones kept before`, { error: o.error });
        failing.add(key);
      } else if (failing.delete(key)) log.info(`${set} refreshed again`, { emotes: o.emotes });
    }
    const kept = outcomes.filter((o) => o.status === 'kept');
    if (kept.length > 0)
      log.debug('emote sets refreshed', { sets: kept.length, emotes: kept.reduce((n, o) => n + o.emotes, 0) });
  };

  const check = async () => {
    let channelIds: string[];
    try {
      channelIds = await options.listChannelIds();
    } catch (error) {
      log.debug('could not list channels for emote sets', { error: (error as Error).message });
      return;
    }
    const full = lastFullAt === undefined || Date.now() - lastFullAt >= refreshMs;
    if (full) {
      lastFullAt = Date.now();
      refreshed = new Set();
    }
    const due = channelIds.filter((id) => !refreshed.has(id));
    if (!full && due.length === 0) return;
    for (const id of due) refreshed.add(id);
    const outcomes = await refreshEmoteSets({
      store: options.store,
      urls: options.urls,
      channelIds: due,
      global: full,
      now: options.now,
      fetch: options.fetch,
      signal: aborter.signal,
    });
    if (!stopped) report(outcomes);
  };

  const tick = () => {
    running = running.then(check).catch((error: Error) => log.debug('emote refresh failed', { error: error.message }));
  };
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    tick();
    timer = setInterval(tick, options.checkIntervalMs ?? 15_000);
    timer.unref();
  }, options.startDelayMs ?? 5_000);
  first.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      aborter.abort();
      await running;
    },
  };
}
