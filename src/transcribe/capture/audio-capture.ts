// Live audio capture for one channel: resolver → master → audio rendition → HLS poller → ffmpeg decoder
// (restarted at every break: ad, missed segments, discontinuity, new init) → chunker → WAV files in a spool
// dir. Chunk wall-clock times come from each fed segment's PDT, re-anchored per segment.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../log.ts';
import { startHlsPoller } from '../hls/hls-poller.ts';
import { parseMasterPlaylist, pickAudioVariant } from '../hls/parse-master-playlist.ts';
import type { PlaylistResolver } from '../hls/playlist-resolver.ts';
import { type ChunkerOptions, createChunker } from './chunker.ts';
import { type PcmDecoder, startPcmDecoder } from './pcm-decoder.ts';
import { toWav } from './wav.ts';

/** A spooled chunk: its own audio spans [startTs, endTs); the file starts `overlapMs` earlier. */
export interface CapturedChunk {
  wavPath: string;
  startTs: number;
  endTs: number;
  overlapMs: number;
  /** Length of the WAV file (overlap included). */
  durationMs: number;
}

export interface AudioCaptureOptions {
  login: string;
  resolver: PlaylistResolver;
  spoolDir: string;
  onChunk: (chunk: CapturedChunk) => void;
  onGap: (gap: { startTs: number; endTs: number; reason: string }) => void;
  log: Logger;
  fromLiveEdge?: boolean;
  timeScale?: number;
  chunker?: Omit<ChunkerOptions, 'onChunk' | 'sampleRate'>;
}

interface Session {
  decoder: PcmDecoder;
  /** Segments fed to this decoder: (sample offset → wall clock) table, re-anchored at every PDT. */
  fed: { pdt: number | undefined; samples: number }[];
  /** The chunker's sample count when this decoder started (its sample 0). */
  firstSample: number;
}

function toWall(session: Session, chunkerSample: number): number {
  const sample = chunkerSample - session.firstSample;
  let acc = 0;
  let anchor: number | undefined;
  let anchorSample = 0;
  for (const s of session.fed) {
    if (s.pdt !== undefined) {
      anchor = s.pdt;
      anchorSample = acc;
    }
    if (sample < acc + s.samples) break;
    acc += s.samples;
  }
  return Math.round((anchor ?? 0) + ((sample - anchorSample) / 16000) * 1000);
}

/** Starts capturing; `done` resolves with why the stream's capture ended. */
export function startAudioCapture(options: AudioCaptureOptions): { stop(): Promise<void>; done: Promise<string> } {
  const { log } = options;
  let session: Session | undefined;
  let chunkIndex = 0;

  const resolveMediaUrl = async () => {
    const url = await options.resolver.resolve(options.login);
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`master playlist HTTP ${res.status}: ${text.slice(0, 200)}`);
    if (!text.includes('#EXT-X-STREAM-INF')) return url; // streamlink hands out the media playlist itself
    const variant = pickAudioVariant(parseMasterPlaylist(text, url).variants);
    if (!variant) throw new Error('the master playlist lists no variants');
    log.debug('picked rendition', { name: variant.name });
    return variant.url;
  };

  const chunker = createChunker({
    ...options.chunker,
    onChunk: (c) => {
      if (c.silent || !current) return;
      const startTs = toWall(current, c.startSample);
      const wavPath = join(options.spoolDir, `${options.login}-${startTs}-${chunkIndex++}.wav`);
      writeFileSync(wavPath, toWav(c.pcm));
      options.onChunk({
        wavPath,
        startTs,
        endTs: toWall(current, c.endSample),
        overlapMs: Math.round(c.overlapSamples / 16),
        durationMs: Math.round(c.pcm.length / 32),
      });
    },
  });
  // The session whose table maps the chunk being emitted (kept until the next session opens).
  let current: Session | undefined;

  const openSession = (): Session => {
    const decoder = startPcmDecoder((pcm) => chunker.push(pcm), log);
    current = { decoder, fed: [], firstSample: chunker.samples() };
    return current;
  };

  const endSession = async () => {
    if (!session) return;
    const s = session;
    session = undefined;
    await s.decoder.end();
    chunker.flush();
  };

  const poller = startHlsPoller({
    resolveMediaUrl,
    log,
    fromLiveEdge: options.fromLiveEdge,
    timeScale: options.timeScale,
    onSegment: async ({ segment, data, init, restart }) => {
      if (restart) {
        await endSession();
        if (restart.gap) options.onGap({ ...restart.gap, reason: restart.reason });
      }
      if (!session) {
        session = openSession();
        if (init) await session.decoder.write(init);
      }
      session.fed.push({
        pdt: segment.programDateTime,
        samples: Math.round(segment.durationSec * 16000),
      });
      await session.decoder.write(data);
    },
  });
  const done = poller.done.then(async (why) => {
    await endSession();
    return why;
  });
  return {
    stop: async () => {
      poller.stop();
      await done;
    },
    done,
  };
}
