// What was recorded of a channel since a moment: its chat messages' ids, its chat events and EventSub events by
// type, its streams and viewer readings, so a run can be checked against what was sent (the demo's summary).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** The channel's records with a time at or after `since`. */
export async function getRecordedActivity(store: Store, channelId: string, since: EpochMs): Promise<RecordedActivity> {
  const [messages, chatEvents, channelEvents, streams, snapshots] = await Promise.all([
    store.all<{ id: string }>('SELECT id FROM chat_messages WHERE channel_id = ? AND ts >= ?', [channelId, since]),
    store.all<{ type: string; n: number }>(
      'SELECT type, COUNT(*) AS n FROM chat_events WHERE channel_id = ? AND ts >= ? GROUP BY type',
      [channelId, since],
    ),
    // stream.change rows are the poller's, not EventSub's.
    store.all<{ type: string; n: number }>(
      `SELECT type, COUNT(*) AS n FROM channel_events WHERE channel_id = ? AND ts >= ? AND type <> 'stream.change'
       GROUP BY type`,
      [channelId, since],
    ),
    store.all<{ id: string; started_at: number; ended_at: number | null }>(
      'SELECT id, started_at, ended_at FROM streams WHERE channel_id = ? AND started_at >= ? ORDER BY started_at',
      [channelId, since],
    ),
    store.all<{ ts: number; viewer_count: number }>(
      'SELECT ts, viewer_count FROM stream_snapshots WHERE channel_id = ? AND ts >= ? ORDER BY ts',
      [channelId, since],
    ),
  ]);
  const byType = (rows: { type: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
  return {
    chatMessageIds: messages.map((m) => m.id),
    chatEvents: byType(chatEvents),
    eventSubEvents: byType(channelEvents),
    streams: streams.map((s) => ({
      id: s.id,
      startedAt: Number(s.started_at),
      endedAt: s.ended_at === null ? null : Number(s.ended_at),
    })),
    viewerReadings: snapshots.map((r) => ({ ts: Number(r.ts), viewers: Number(r.viewer_count) })),
  };
}

export interface RecordedActivity {
  chatMessageIds: string[];
  /** Chat events (USERNOTICE msg-ids, bans, deletions) by type. */
  chatEvents: Record<string, number>;
  /** EventSub notifications by type. */
  eventSubEvents: Record<string, number>;
  /** Streams started since then, oldest first. */
  streams: { id: string; startedAt: EpochMs; endedAt: EpochMs | null }[];
  /** Viewer counts polled (stream snapshots), oldest first. */
  viewerReadings: { ts: EpochMs; viewers: number }[];
}
