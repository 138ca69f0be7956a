// What a stream's ad breaks did to its viewers: each break (EventSub's channel.ad_break.begin) with the viewers
// polled just before it and just after it ended.

import type { Store } from '../../store/store.ts';
import { findStreamRow, streamEnd } from '../stream/load-stream.ts';
import { loadStreamEvents } from './load-events.ts';

export interface AdBreakEffect {
  offsetMs: number;
  seconds: number | null;
  /** The last poll in the 3 minutes before it; null without one. */
  viewersBefore: number | null;
  /** The first poll in the 5 minutes after it ended; null without one. */
  viewersAfter: number | null;
}

/** The ad breaks of a stream, oldest first; null when the stream does not exist. */
export async function getAdBreakEffects(store: Store, streamId: string): Promise<AdBreakEffect[] | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const startedAt = Number(row.started_at);
  const events = await loadStreamEvents(store, [
    { id: row.id, channelId: row.channel_id, startedAt, endTs: streamEnd(row) },
  ]);
  const ads = (events.get(row.id) ?? []).filter((e) => e.kind === 'ad-break');
  if (ads.length === 0) return [];
  const polls = (
    await store.all<{ ts: number; viewer_count: number }>(
      'SELECT ts, viewer_count FROM stream_snapshots WHERE stream_id = ? ORDER BY ts',
      [row.id],
    )
  ).map((p) => ({ ts: Number(p.ts), viewers: Number(p.viewer_count) }));
  return ads.map((ad) => {
    const end = ad.ts + (ad.amount ?? 0) * 1000;
    const before = polls.filter((p) => p.ts <= ad.ts && p.ts > ad.ts - 3 * 60_000).at(-1);
    const after = polls.find((p) => p.ts >= end && p.ts <= end + 5 * 60_000);
    return {
      offsetMs: ad.ts - startedAt,
      seconds: ad.amount,
      viewersBefore: before?.viewers ?? null,
      viewersAfter: after?.viewers ?? null,
    };
  });
}
