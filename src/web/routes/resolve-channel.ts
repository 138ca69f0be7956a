// Picks the channel a channel-wide question is about: the one named (login or id), else the channel with the
// most streams, so a single-channel install never has to say which.

import { findMainChannelId } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';

/** The channel id for `channel` (login or id) or the most-streamed one; throws NOT_FOUND with what to do. */
export async function resolveChannelId(store: Store, channel: string | undefined): Promise<string> {
  if (channel) {
    const row = await store.get<{ id: string }>('SELECT id FROM channels WHERE id = ? OR LOWER(login) = LOWER(?)', [
      channel,
      channel,
    ]);
    if (!row)
      throw new StreamlensError(
        'NOT_FOUND',
        `channel "${channel}" is not recorded`,
        'GET /api/channels lists the recorded channels',
      );
    return row.id;
  }
  const id = await findMainChannelId(store);
  if (!id) {
    throw new StreamlensError(
      'NOT_FOUND',
      'no channel has been recorded yet',
      'run `streamlens start --channel yourname` (or `streamlens demo`)',
    );
  }
  return id;
}
