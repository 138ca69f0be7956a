// The third-party emote sets kept in the database: per provider and channel ('' = global), how many emotes and
// when the provider last listed them.

import type { EmoteProvider, EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** Every kept set, globals first, then by channel and provider. */
export async function getKeptEmoteSets(store: Store): Promise<KeptEmoteSet[]> {
  const rows = await store.all<{ provider: string; channel_id: string; emotes: number; fetched_at: number }>(
    `SELECT provider, channel_id, COUNT(*) AS emotes, MAX(fetched_at) AS fetched_at FROM emotes
     GROUP BY provider, channel_id ORDER BY channel_id, provider`,
  );
  return rows.map((r) => ({
    provider: r.provider as EmoteProvider,
    channelId: r.channel_id,
    emotes: Number(r.emotes),
    fetchedAt: Number(r.fetched_at),
  }));
}

export interface KeptEmoteSet {
  provider: EmoteProvider;
  /** '' for the provider's global set. */
  channelId: string;
  emotes: number;
  /** The newest refresh that listed any of its emotes. */
  fetchedAt: EpochMs;
}
