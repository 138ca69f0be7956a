// The viewer curve of a stream: base × the scenario's shape (linear between points) × per-minute noise, plus
// raids whose viewers stay (all, or a planted share after some minutes) and ad breaks that cost viewers. A pure function of (seed, stream, minute).

import type { EpochMs } from '../../domain.ts';
import { createRandom, hashSeed } from '../random.ts';
import type { SimChannel, SimStream } from '../scenario/build-world.ts';

/** Share of viewers lost after an ad break (for the rest of the stream), what analytics should notice. */
export const adBreakViewerLoss = 0.12;

/** Viewers watching `stream` at `ts` (0 outside the stream). */
export function getViewerCount(seed: number, channel: SimChannel, stream: SimStream, ts: EpochMs): number {
  if (ts < stream.startAt || ts >= stream.endAt) return 0;
  const offset = ts - stream.startAt;
  const minute = Math.floor(offset / 60_000);
  let viewers = stream.viewers.base * interpolate(stream.viewers.shape, offset / stream.duration);
  for (const event of stream.events) {
    if (event.at > offset) continue;
    if (event.type === 'raid-in') viewers += (event.amount ?? 50) * raidShareWatching(event, offset - event.at);
    if (event.type === 'ad-break') viewers *= 1 - adBreakViewerLoss;
  }
  const noise = createRandom(hashSeed(seed, 'viewers', channel.index, stream.index, minute)).normal();
  return Math.max(0, Math.round(viewers * (1 + stream.viewers.noise * noise)));
}

/** Share of a raid's viewers still watching `sinceMs` after it: all at first, `stay` once `duration` is over. */
export function raidShareWatching(event: { stay?: number; duration?: number }, sinceMs: number): number {
  const stay = event.stay ?? 1;
  const leaveMs = event.duration ?? 15 * 60_000;
  return 1 - (1 - stay) * Math.min(1, Math.max(0, sinceMs) / leaveMs);
}

/** Linear interpolation over [position, factor] points sorted by position; flat beyond the ends. */
export function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const first = sorted[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < sorted.length; i++) {
    const [x1, y1] = sorted[i]!;
    const [x0, y0] = sorted[i - 1]!;
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return sorted[sorted.length - 1]![1];
}
