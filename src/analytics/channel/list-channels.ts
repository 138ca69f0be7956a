// The channels in the store with their stream counts.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

/** Every recorded channel, by login. */
export async function listChannels(store: Store): Promise<ChannelListItem[]> {
  const rows = await store.all<{
    id: string;
    login: string;
    display_name: string;
    streams: number;
    last: number | null;
    live: number;
  }>(
    `SELECT c.id, c.login, c.display_name, COUNT(s.id) AS streams, MAX(s.started_at) AS last,
       SUM(CASE WHEN s.id IS NOT NULL AND s.ended_at IS NULL THEN 1 ELSE 0 END) AS live
     FROM channels c LEFT JOIN streams s ON s.channel_id = c.id
     GROUP BY c.id, c.login, c.display_name ORDER BY c.login`,
  );
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    streams: Number(r.streams),
    lastStreamAt: r.last === null ? null : Number(r.last),
    live: Number(r.live) > 0,
  }));
}

export interface ChannelListItem {
  id: string;
  login: string;
  displayName: string;
  streams: number;
  lastStreamAt: EpochMs | null;
  live: boolean;
}
