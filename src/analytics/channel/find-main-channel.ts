// The main channel: the one a streamer means when a question names none. On a streamer's own install that is
// the channel they configured first (their own; others are tracked for comparison), once it has been recorded;
// without one recorded, the channel with the most recorded streams (ties: the most recent), else the first by
// login. The web API, the agent and `streamlens report` all use this rule.

import type { Store } from '../../store/store.ts';
import { findChannelId } from './find-channel-id.ts';

/** The main channel's id, given the configured channels (logins or ids) in order; undefined with none recorded. */
export async function findMainChannelId(store: Store, configured: readonly string[] = []): Promise<string | undefined> {
  for (const channel of configured) {
    const id = await findChannelId(store, channel);
    if (id) return id;
  }
  const row =
    (await store.get<{ id: string }>(
      'SELECT channel_id AS id FROM streams GROUP BY channel_id ORDER BY COUNT(*) DESC, MAX(started_at) DESC LIMIT 1',
    )) ?? (await store.get<{ id: string }>('SELECT id FROM channels ORDER BY login LIMIT 1'));
  return row?.id;
}
