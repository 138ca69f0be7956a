// The raids of a stream with what they did, for the raid family. Read from the timeline's raid events and the
// viewer counts until analytics' own raid-effect question lands; then this file maps its result instead.

import { getTimelineWindow } from '../../analytics/index.ts';
import type { Store } from '../../store/store.ts';

const MIN = 60_000;

export interface RaidFacts {
  raider: string | null;
  offsetMs: number;
  /** Viewers the raid brought, as Twitch reported it. */
  size: number | null;
  viewersBefore: number | null;
  peakAfter: number | null;
  /** Viewers 10 and 30 minutes after the raid, and how many more than before it (null past the stream's end). */
  after10: { viewers: number; retained: number } | null;
  after30: { viewers: number; retained: number } | null;
  /** Raiders who chatted; null when not known. */
  raidersChatted: number | null;
}

/** Incoming raids of a stream, oldest first. */
export async function loadRaidEffects(store: Store, streamId: string, durationMs: number): Promise<RaidFacts[]> {
  const w = await getTimelineWindow(store, streamId, 0, durationMs + MIN, { chatLimit: 1 });
  if (!w) return [];
  const raids = w.events.filter((e) => e.kind === 'raid-in');
  return raids.map((raid) => {
    const before = [...w.viewers].reverse().find((v) => v.offsetMs < raid.offsetMs) ?? null;
    const after = w.viewers.filter((v) => v.offsetMs >= raid.offsetMs && v.offsetMs <= raid.offsetMs + 15 * MIN);
    const at = (minutes: number) => {
      const target = raid.offsetMs + minutes * MIN;
      const near = w.viewers
        .filter((v) => Math.abs(v.offsetMs - target) <= 2 * MIN)
        .sort((a, b) => Math.abs(a.offsetMs - target) - Math.abs(b.offsetMs - target))[0];
      return near && before ? { viewers: near.viewers, retained: near.viewers - before.viewers } : null;
    };
    return {
      raider: raid.userLogin,
      offsetMs: raid.offsetMs,
      size: raid.amount,
      viewersBefore: before?.viewers ?? null,
      peakAfter: after.length ? Math.max(...after.map((v) => v.viewers)) : null,
      after10: at(10),
      after30: at(30),
      raidersChatted: null,
    };
  });
}
