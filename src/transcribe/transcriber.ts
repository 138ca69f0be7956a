// The per-channel runner: capture → bounded queue → engine → TranscriptSegments and TranscriptGaps pushed
// into the Ingest. Capture never waits for the engine; an over-full backlog drops the oldest chunk.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { TranscriptGap } from '../domain.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Logger } from '../log.ts';
import { type AudioCaptureOptions, type CapturedChunk, startAudioCapture } from './capture/audio-capture.ts';
import { type SttEngine, trimOverlap } from './engines/stt-engine.ts';
import { createSttEngineFromConfig } from './engines/stt-engine-from-config.ts';
import { createPlaylistResolver, type PlaylistResolver } from './hls/playlist-resolver.ts';
import { toTranscriptSegments } from './transcript-segments.ts';
import { createTranscriptionQueue } from './transcription-queue.ts';

export interface TranscriberOptions {
  channelId: string;
  login: string;
  config: Config;
  ingest: Ingest;
  log: Logger;
  resolver?: PlaylistResolver;
  engine?: SttEngine;
  /** Where chunk WAVs are spooled; defaults to `<dataDir>/spool/<login>`. */
  spoolDir?: string;
  /** Test and simulator knobs: start at the first listed segment, speed-up factor, chunk lengths. */
  capture?: Pick<AudioCaptureOptions, 'fromLiveEdge' | 'timeScale' | 'chunker'>;
}

/** Starts transcribing one live channel until its stream ends or `stop()`; `done` resolves when all is stored. */
export function startTranscriber(options: TranscriberOptions): { stop(): Promise<void>; done: Promise<void> } {
  const { channelId, ingest, log } = options;
  const spoolDir = options.spoolDir ?? join(options.config.dataDir, 'spool', options.login);
  mkdirSync(spoolDir, { recursive: true });
  const pushGap = (gap: Omit<TranscriptGap, 'channelId' | 'streamId'>) =>
    ingest.push({ kind: 'transcriptGap', gap: { channelId, streamId: null, ...gap } });
  const enginePromise = options.engine
    ? Promise.resolve(options.engine)
    : createSttEngineFromConfig(options.config, log);
  let prompt = '';

  const queue = createTranscriptionQueue<CapturedChunk>({
    maxBacklogSec: options.config.transcription.maxBacklogSec,
    onDrop: (chunk) => {
      log.warn('transcription backlog full: dropping the oldest chunk', { startTs: chunk.startTs });
      pushGap({ startTs: chunk.startTs, endTs: chunk.endTs, reason: 'stt-backlog' });
      rmSync(chunk.wavPath, { force: true });
    },
    process: async (chunk) => {
      try {
        const engine = await enginePromise;
        const raw = await engine.transcribe({ ...chunk, prompt });
        const result = trimOverlap(raw, chunk.overlapMs);
        const segments = toTranscriptSegments(result, chunk, channelId, raw.engine ?? engine.name);
        for (const segment of segments) ingest.push({ kind: 'transcript', segment });
        prompt = result.words
          .slice(-30)
          .map((w) => w.text)
          .join(' ');
      } catch (error) {
        log.warn('transcription failed for a chunk', { error: (error as Error).message });
        pushGap({ startTs: chunk.startTs, endTs: chunk.endTs, reason: 'stt-error' });
      } finally {
        rmSync(chunk.wavPath, { force: true });
      }
    },
  });

  const capture = startAudioCapture({
    ...options.capture,
    login: options.login,
    resolver: options.resolver ?? createPlaylistResolver(options.config),
    spoolDir,
    log,
    onChunk: (chunk) => queue.enqueue(chunk),
    onGap: (gap) => pushGap(gap),
  });
  const done = capture.done.then(async (why) => {
    log.info('audio capture ended', { why });
    // Spooled chunks are still transcribed after the stream ends.
    await queue.whenIdle();
  });
  return {
    stop: async () => {
      await capture.stop();
      await done;
    },
    done,
  };
}
