// The time of the newest record in the database (chat, chat and EventSub events, viewer counts, stream starts and
// ends), so a simulated run that starts on a database an earlier one filled can begin after it.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** Tables whose rows carry a channel and a time, newest by `MAX(ts)` over each channel's range. */
const timedTables = ['chat_messages', 'chat_events', 'channel_events', 'stream_snapshots'] as const;

/** The newest record of any channel (a stream's `stream.offline` comes after its last poll); null for an empty database. */
export async function getLastRecordedAt(store: Store): Promise<EpochMs | null> {
  const channels = await store.all<{ id: string }>('SELECT id FROM channels');
  // Per channel and table, so each MAX reads the end of the channel's range.
  const latest = await Promise.all(
    channels.flatMap((c) =>
      timedTables.map((table) =>
        store.get<{ ts: number | null }>(`SELECT MAX(ts) AS ts FROM ${table} WHERE channel_id = ?`, [c.id]),
      ),
    ),
  );
  const streams = await store.get<{ started: number | null; ended: number | null }>(
    'SELECT MAX(started_at) AS started, MAX(ended_at) AS ended FROM streams',
  );
  const times = [...latest.map((r) => r?.ts), streams?.started, streams?.ended]
    .filter((t): t is number => t !== null && t !== undefined)
    .map(Number);
  return times.length ? Math.max(...times) : null;
}
