// Reads the clips of the tracked channels' streams from Helix Get Clips: every few minutes while a stream is live
// and once more when it ends, each read covering the stream from its start, and stores them (a clip seen again
// updates its views). Viewers' clips are a highlight signal; clips streamlens created get their URL this way.

import type { ChatPresenceSample, Clip, EpochMs, Stream } from '../domain.ts';
import type { Logger } from '../log.ts';
import type { HelixApi } from './helix/helix-api.ts';
import { toClip } from './helix/to-domain.ts';
import type { PolledStreams } from './stream-poller.ts';

/** Where clips go (the store's `clips`). */
export interface ClipSink {
  upsert(clips: readonly Clip[], seenAt: EpochMs): Promise<void>;
}

/** Where chat presence samples go (the store's `presence`). */
export interface PresenceSink {
  writeSample(sample: ChatPresenceSample): Promise<void>;
}

export interface ClipPollerOptions {
  helix: Pick<HelixApi, 'getClips'>;
  sink: ClipSink;
  log: Logger;
  /** How often a live stream's clips are read again (default 5 minutes, on the collectors' clock). */
  everyMs?: number;
  /** Pages of 100 clips per read (Twitch lists about 1,000 at most). */
  maxPages?: number;
}

export interface ClipPoller {
  /** Reads what the poll calls for: live streams whose clips are due, and every stream that ended. */
  onPolled(polled: PolledStreams): Promise<void>;
  /** Reads one stream's clips now (a clip just created); returns how many were stored. */
  readStream(stream: Pick<Stream, 'channelId' | 'startedAt'>, now: EpochMs): Promise<number>;
}

/** Creates the clip reader the stream poller calls after each poll. */
export function createClipPoller(options: ClipPollerOptions): ClipPoller {
  const everyMs = options.everyMs ?? 5 * 60_000;
  const lastRead = new Map<string, EpochMs>();

  const readStream = async (stream: Pick<Stream, 'channelId' | 'startedAt'>, now: EpochMs): Promise<number> => {
    const found = await options.helix.getClips(
      // A clip made in the stream's last seconds can be stamped a moment after its end: read a minute past it.
      { broadcasterId: stream.channelId, startedAt: stream.startedAt, endedAt: now + 60_000 },
      options.maxPages ?? 10,
    );
    const clips = found.flatMap((c) => toClip(c) ?? []);
    await options.sink.upsert(clips, now);
    return clips.length;
  };

  const read = async (stream: Stream, now: EpochMs) => {
    try {
      const n = await readStream(stream, now);
      options.log.debug('clips read', { streamId: stream.id, clips: n });
    } catch (error) {
      options.log.warn('could not read the clips', { streamId: stream.id, error: (error as Error).message });
    }
  };

  return {
    async onPolled({ ts, live, ended }) {
      for (const { stream } of live) {
        const last = lastRead.get(stream.id);
        if (last !== undefined && ts - last < everyMs) continue;
        lastRead.set(stream.id, ts);
        await read(stream, ts);
      }
      for (const stream of ended) {
        lastRead.delete(stream.id);
        await read(stream, ts);
      }
    },
    readStream,
  };
}
