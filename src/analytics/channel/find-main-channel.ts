// The channel a question is about when none is named: on a streamer's own install, the channel with the most
// recorded streams is theirs (others tracked for comparison have fewer).

import type { Store } from '../../store/store.ts';

/** The id of the channel with the most streams (ties: the most recent), or undefined with none recorded. */
export async function findMainChannelId(store: Store): Promise<string | undefined> {
  const row =
    (await store.get<{ id: string }>(
      'SELECT channel_id AS id FROM streams GROUP BY channel_id ORDER BY COUNT(*) DESC, MAX(started_at) DESC LIMIT 1',
    )) ?? (await store.get<{ id: string }>('SELECT id FROM channels ORDER BY login LIMIT 1'));
  return row?.id;
}
