// The raids of a stream with what they did, for the raid family: analytics' raid-effect question
// (getRaidEffects) in the shape the answers are written from.

import { getRaidEffects, raiderRules } from '../../analytics/index.ts';
import type { Store } from '../../store/store.ts';

export interface RaidFacts {
  raider: string | null;
  offsetMs: number;
  /** Viewers the raid brought, as Twitch reported it. */
  size: number | null;
  viewersBefore: number | null;
  peakAfter: number | null;
  /** Viewers 10 and 30 minutes after the raid, and how many above the pre-raid trend (null past the stream's end). */
  after10: { viewers: number; expected: number; retained: number } | null;
  after30: { viewers: number; expected: number; retained: number } | null;
  /** Raiders who chatted, and how they were told apart. */
  raidersChatted: number | null;
  raiderRule: string | null;
}

/** Incoming raids of a stream, oldest first (none when the stream had none or no viewer counts). */
export async function loadRaidEffects(store: Store, streamId: string): Promise<RaidFacts[]> {
  const r = await getRaidEffects(store, streamId);
  if (!r || 'status' in r) return [];
  return r.raids.map((raid) => ({
    raider: raid.raiderLogin,
    offsetMs: raid.offsetMs,
    size: raid.raidSize,
    viewersBefore: raid.viewersBefore,
    peakAfter: raid.peakAfter,
    after10: raid.after10,
    after30: raid.after30,
    raidersChatted: raid.raidersWhoChatted,
    raiderRule: raiderRules[raid.raiderRule] ?? null,
  }));
}
