// Samples who is in each live stream's chat with Helix Get Chatters (a user token with `moderator:read:chatters`,
// as a moderator or the broadcaster), at most once per interval per stream, and stores each sample: lurkers
// (present, not chatting), chatters against viewers over time and an estimated watch time per viewer come from them.

import type { EpochMs } from '../domain.ts';
import type { Logger } from '../log.ts';
import type { PresenceSink } from './clip-poller.ts';
import type { HelixApi } from './helix/helix-api.ts';
import type { PolledStreams } from './stream-poller.ts';

export interface PresenceSamplerOptions {
  helix: Pick<HelixApi, 'getChatters'>;
  sink: PresenceSink;
  /** The logged-in user, who must moderate the channels (or be their broadcaster). */
  moderatorId: string;
  log: Logger;
  /** At most one sample per stream this often (default a minute, on the collectors' clock). */
  intervalMs?: number;
  /** Pages of 1,000 chatters per sample (a huge chat is sampled in part rather than costing many requests). */
  maxPages?: number;
}

/** Creates the sampler the stream poller calls after each poll. */
export function createPresenceSampler(options: PresenceSamplerOptions): {
  onPolled(polled: PolledStreams): Promise<void>;
} {
  const intervalMs = options.intervalMs ?? 60_000;
  const lastSample = new Map<string, EpochMs>();
  const refused = new Set<string>();
  return {
    async onPolled({ ts, live, ended }) {
      for (const stream of ended) lastSample.delete(stream.id);
      for (const { stream, viewers } of live) {
        const last = lastSample.get(stream.id);
        if (last !== undefined && ts - last < intervalMs) continue;
        if (refused.has(stream.channelId)) continue;
        lastSample.set(stream.id, ts);
        try {
          const chatters = await options.helix.getChatters(
            stream.channelId,
            options.moderatorId,
            options.maxPages ?? 5,
          );
          await options.sink.writeSample({
            channelId: stream.channelId,
            streamId: stream.id,
            ts,
            // The first sample of a stream stands for one interval too: nobody's watch time starts at zero.
            intervalMs: last === undefined ? intervalMs : Math.min(ts - last, 2 * intervalMs),
            viewers,
            users: chatters.map((c) => ({ userId: c.user_id, userLogin: c.user_login })),
          });
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status === 401 || status === 403) {
            // Not a moderator there, or the scope is gone: say so once, stop asking for that channel.
            refused.add(stream.channelId);
            options.log.warn(
              'Get Chatters refused: the login must moderate this channel and have moderator:read:chatters (run `streamlens login`)',
              { channelId: stream.channelId, error: (error as Error).message },
            );
          } else
            options.log.warn('could not sample the chatters', { streamId: stream.id, error: (error as Error).message });
        }
      }
    },
  };
}
