// Planted stream habits with known answers: three 90-minute Tuesday streams at 20:00 UTC (viewers rise to 100 over
// 30 minutes, then hold) and three 240-minute Saturday streams at 18:00 UTC (rise to 60 over 30 minutes, then fall
// to 30 by the end), one a week for three weeks, polled every minute.

import type { Stream, StreamSnapshot } from '../../src/domain.ts';
import { makeSnapshot, makeStream } from './make-records.ts';

const MIN = 60_000;
const DAY = 86_400_000;
export const habitsChannelId = '7701';
/** Tue 3 Nov 2026 20:00 UTC. */
export const firstTuesday = Date.UTC(2026, 10, 3, 20, 0, 0);

/** Viewers at minute m: a ramp to the peak at 30 minutes, then held (short) or falling to half by the end (long). */
function viewers(kind: 'short' | 'long', m: number, minutes: number): number {
  const peak = kind === 'short' ? 100 : 60;
  if (m <= 30) return Math.round((peak * m) / 30);
  return kind === 'short' ? peak : Math.round(peak - ((peak / 2) * (m - 30)) / (minutes - 30));
}

export function planStreamHabits(): { streams: Stream[]; snapshots: StreamSnapshot[] } {
  const CH = habitsChannelId;
  const streams: Stream[] = [];
  const snapshots: StreamSnapshot[] = [];
  for (let w = 0; w < 3; w++)
    for (const kind of ['short', 'long'] as const) {
      const minutes = kind === 'short' ? 90 : 240;
      const startedAt = firstTuesday + w * 7 * DAY + (kind === 'long' ? 4 * DAY - 2 * 3_600_000 : 0);
      const id = `h-${kind}-${w}`;
      streams.push(makeStream({ id, channelId: CH, startedAt, endedAt: startedAt + minutes * MIN, title: id }));
      for (let m = 1; m <= minutes; m++)
        snapshots.push(
          makeSnapshot({
            channelId: CH,
            streamId: id,
            ts: startedAt + m * MIN,
            viewerCount: viewers(kind, m, minutes),
          }),
        );
    }
  return { streams, snapshots };
}
