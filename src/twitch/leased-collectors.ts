// Collectors under channel leases: when several collector processes share one database (PostgreSQL), each runs
// collectors only for the channels it holds a lease on, and applies every change of its share to them (chat
// joins and parts on its open connection; a release waits until the channel has stopped).

import { hostname } from 'node:os';
import type { Logger } from '../log.ts';
import type { ChannelLeaseProvider } from '../store/store.ts';
import type { Collectors } from './collect.ts';

export interface LeasedCollectorsOptions {
  /** The backend's lease capability (`store.channelLeases`). */
  leases: ChannelLeaseProvider;
  /** Every channel the processes share. */
  channels: readonly string[];
  ttlMs: number;
  log: Logger;
  /** Starts the collectors for a first set of channels. */
  start(channels: readonly string[]): Promise<Collectors>;
  /** Unique per process (default `hostname:pid`). */
  workerId?: string;
}

/** Starts taking leases and collecting the leased channels; `stop()` stops the collectors, then gives leases back. */
export function startLeasedCollectors(options: LeasedCollectorsOptions): { stop(): Promise<void> } {
  const { log } = options;
  const owned = new Set<string>();
  let current: Collectors | undefined;
  let chain = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  // Lease changes arrive one channel at a time: apply them to the running collectors, starting them on the
  // first channel.
  const apply = () => {
    chain = chain.then(async () => {
      if (stopping) return;
      const channels = [...owned].sort();
      if (!current && channels.length > 0) current = await options.start(channels);
      else await current?.setChannels(channels);
      log.info(`collecting ${owned.size} of ${options.channels.length} channels`);
    });
    return chain;
  };
  const leases = options.leases.startChannelLeases({
    workerId: options.workerId ?? `${hostname()}:${process.pid}`,
    channels: options.channels,
    ttlMs: options.ttlMs,
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
  return {
    async stop() {
      clearTimeout(timer);
      stopping = true;
      await chain;
      await current?.stop();
      await leases.stop();
    },
  };
}
