// Transcription while a channel is live: wraps the ingest so that a stream's start (as the poller upserts it)
// starts a transcriber for its channel and its end stops it. Without transcription enabled, or without the
// tools it needs (said once in the log), the ingest is returned as it is.

import type { Config } from '../config.ts';
import type { Stream } from '../domain.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Logger } from '../log.ts';
import type { PlaylistResolver } from './hls/playlist-resolver.ts';
import { startTranscriber } from './transcriber.ts';
import { checkTranscriptionPrerequisites } from './transcription-prerequisites.ts';

export interface TranscriptionOnLiveOptions {
  config: Config;
  log: Logger;
  ingest: Ingest;
  /** Overrides how a channel's stream is found (the demo points it at the simulator). */
  playlistResolver?: PlaylistResolver;
  /** Capture speed-up, for the simulator's faster clock. */
  timeScale?: number;
}

/** The ingest the collectors should push into, and `stop()` for the transcribers still running. */
export function startTranscriptionOnLive(options: TranscriptionOnLiveOptions): {
  ingest: Ingest;
  stop(): Promise<void>;
} {
  const { config, log, ingest } = options;
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
      capture: options.timeScale ? { timeScale: options.timeScale, fromLiveEdge: false } : undefined,
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
