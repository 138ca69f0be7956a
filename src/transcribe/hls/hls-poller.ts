// Polls a live media playlist in Node (not ffmpeg's HLS demuxer): knows every segment's PDT, skips stitched
// ads, reports breaks (ads, missed segments, discontinuities, a new EXT-X-MAP), re-resolves on 403/404 and
// ends when the playlist stops growing for ~3 segment durations (Twitch rarely sends ENDLIST).

import type { Logger } from '../../log.ts';
import { type MediaSegment, parseMediaPlaylist } from './parse-media-playlist.ts';

/** Why the decoder must restart before this segment, and the wall-clock span lost, if any. */
export interface SegmentBreak {
  reason: 'start' | 'ad' | 'hls-missed-segments' | 'discontinuity' | 'new-init';
  gap: { startTs: number; endTs: number } | undefined;
}

export interface FetchedSegment {
  segment: MediaSegment;
  data: Buffer;
  /** The fMP4 init segment to write first when `restart` is set. */
  init: Buffer | undefined;
  restart: SegmentBreak | undefined;
}

export interface HlsPollerOptions {
  /** Returns the media playlist URL; called again after a 403/404. */
  resolveMediaUrl: () => Promise<string>;
  onSegment: (segment: FetchedSegment) => Promise<void>;
  log: Logger;
  /** Start with the last 3 segments (production) instead of the first listed (tests). */
  fromLiveEdge?: boolean;
  /** Divides every wait: a simulator running N× faster than real time. */
  timeScale?: number;
  maxResolveFailures?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

// One request, aborted by `stop` or after `timeoutMs`, without leaving listeners on the long-lived signal.
async function fetchBuffer(url: string, stop: AbortSignal, timeoutMs: number): Promise<Buffer> {
  const request = new AbortController();
  const abort = () => request.abort();
  const timer = setTimeout(abort, timeoutMs);
  stop.addEventListener('abort', abort);
  try {
    const res = await fetch(url, { signal: request.signal });
    if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status} for a playlist/segment`), { status: res.status });
    return Buffer.from(await res.arrayBuffer());
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', abort);
  }
}

/** Starts polling; `done` resolves with why it ended (`stopped`, `ended`, `stale`, or an error message). */
export function startHlsPoller(options: HlsPollerOptions): { stop(): void; done: Promise<string> } {
  const abort = new AbortController();
  const scale = options.timeScale ?? 1;
  const get = (url: string) => fetchBuffer(url, abort.signal, 15_000);
  const run = async (): Promise<string> => {
    let url = await options.resolveMediaUrl();
    let last: MediaSegment | undefined;
    let lastFedEnd: number | undefined;
    let pendingAdStart: number | undefined;
    let initUrl: string | undefined;
    let init: Buffer | undefined;
    let lastNewAt = Date.now();
    let failures = 0;
    while (!abort.signal.aborted) {
      let text: string;
      try {
        text = (await get(url)).toString('utf8');
        failures = 0;
      } catch (error) {
        if (abort.signal.aborted) break;
        const status = (error as { status?: number }).status;
        if (++failures > (options.maxResolveFailures ?? 3)) return `failed: ${(error as Error).message}`;
        options.log.warn('media playlist unavailable; resolving again', { status, failures });
        // Also covers a stream whose first segment is not out yet: wait about one segment.
        await sleep(2000 / scale, abort.signal);
        url = await options.resolveMediaUrl();
        continue;
      }
      const playlist = parseMediaPlaylist(text, url);
      let fresh = playlist.segments.filter((s) => last === undefined || s.sequence > last.sequence);
      if (last === undefined && options.fromLiveEdge !== false) fresh = fresh.slice(-3);
      for (const s of fresh) {
        if (abort.signal.aborted) break;
        const missed = last !== undefined && s.sequence > last.sequence + 1;
        last = s;
        if (s.isAd) {
          pendingAdStart ??= s.programDateTime;
          continue;
        }
        let reason: SegmentBreak['reason'] | undefined;
        if (lastFedEnd === undefined) reason = 'start';
        else if (pendingAdStart !== undefined) reason = 'ad';
        else if (missed) reason = 'hls-missed-segments';
        else if (s.discontinuity) reason = 'discontinuity';
        else if (s.mapUrl !== initUrl) reason = 'new-init';
        if (s.mapUrl !== initUrl) {
          init = s.mapUrl === undefined ? undefined : await get(s.mapUrl);
          initUrl = s.mapUrl;
        }
        const data = await get(s.url);
        const start = s.programDateTime;
        const gap =
          reason !== 'start' && lastFedEnd !== undefined && start !== undefined && start - lastFedEnd > 100
            ? { startTs: lastFedEnd, endTs: start }
            : undefined;
        if (missed) options.log.warn('fell behind the live window: segments missed', { before: s.sequence });
        await options.onSegment({ segment: s, data, init, restart: reason ? { reason, gap } : undefined });
        pendingAdStart = undefined;
        lastFedEnd = start === undefined ? undefined : start + s.durationSec * 1000;
      }
      if (playlist.ended) return 'ended';
      const segmentMs = (last?.durationSec || 2) * 1000;
      if (fresh.length > 0) lastNewAt = Date.now();
      else if (Date.now() - lastNewAt > (3 * segmentMs) / scale) return 'stale';
      await sleep((fresh.length > 0 ? segmentMs : segmentMs / 2) / scale, abort.signal);
    }
    return 'stopped';
  };
  const done = run().catch((error: Error) => (abort.signal.aborted ? 'stopped' : `failed: ${error.message}`));
  return { stop: () => abort.abort(), done };
}
