// The time of the newest record in the database (chat, stream starts and ends), so a simulated run that starts
// on a database an earlier one filled can begin after it.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** The newest chat message, stream start or stream end of any channel; null for an empty database. */
export async function getLastRecordedAt(store: Store): Promise<EpochMs | null> {
  const channels = await store.all<{ id: string }>('SELECT id FROM channels');
  // Per channel, so each MAX reads the end of the channel's (channel_id, ts) range.
  const chat = await Promise.all(
    channels.map((c) =>
      store.get<{ ts: number | null }>('SELECT MAX(ts) AS ts FROM chat_messages WHERE channel_id = ?', [c.id]),
    ),
  );
  const streams = await store.get<{ started: number | null; ended: number | null }>(
    'SELECT MAX(started_at) AS started, MAX(ended_at) AS ended FROM streams',
  );
  const times = [...chat.map((r) => r?.ts), streams?.started, streams?.ended]
    .filter((t): t is number => t !== null && t !== undefined)
    .map(Number);
  return times.length ? Math.max(...times) : null;
}
