// Who supported a channel most over a period: gifted subs and bits per viewer, counted by the one rule for what
// chat and EventSub both report (event-families.ts, applied by loadStreamEvents: per stream, EventSub's reports
// once it has them, else chat's; a gift once per recipient).

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { loadStreamEvents } from '../events/load-events.ts';
import type { Evidence } from '../results.ts';
import { type StreamRow, streamColumns, streamEnd, streamFrom } from '../stream/load-stream.ts';

export interface Supporter {
  /** The viewer's login; null for gifts Twitch reports as anonymous. */
  login: string | null;
  amount: number;
}

export interface TopSupporters {
  channelId: string;
  from: EpochMs;
  to: EpochMs;
  streams: number;
  /** Most gifted subs first. */
  gifters: Supporter[];
  /** Most bits first. */
  cheerers: Supporter[];
  /** Who subscribed (new subs and resubs, gifted ones are the gifters') and who followed, oldest first, at most
   * `limit` × 5 each; `total` counts them all. */
  subscribed: { list: SupportEvent[]; total: number };
  followed: { list: SupportEvent[]; total: number };
  evidence: Evidence;
}

/** One sub or follow: who, when, in which stream. */
export interface SupportEvent {
  login: string | null;
  kind: 'sub' | 'resub' | 'follow';
  streamId: string;
  offsetMs: number;
  /** Months for a resub, when reported. */
  label: string;
}

/** The channel's top gifters and cheerers among its streams that started in [from, to), at most `limit` each. */
export async function getTopSupporters(
  store: Store,
  channelId: string,
  from: EpochMs,
  to: EpochMs,
  limit = 10,
): Promise<TopSupporters> {
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.channel_id = ? AND s.started_at >= ? AND s.started_at < ?
     ORDER BY s.started_at`,
    [channelId, from, to],
  );
  const events = await loadStreamEvents(
    store,
    rows.map((r) => ({ id: r.id, channelId: r.channel_id, startedAt: Number(r.started_at), endTs: streamEnd(r) })),
  );
  const gifts = new Map<string | null, number>();
  const bits = new Map<string | null, number>();
  const subscribed: SupportEvent[] = [];
  const followed: SupportEvent[] = [];
  for (const [streamId, list] of events)
    for (const e of list) {
      if (e.kind === 'sub' || e.kind === 'resub' || e.kind === 'follow')
        (e.kind === 'follow' ? followed : subscribed).push({
          login: e.userLogin,
          kind: e.kind,
          streamId,
          offsetMs: e.offsetMs,
          label: e.label,
        });
      const into = e.kind === 'gift' ? gifts : e.kind === 'cheer' ? bits : undefined;
      // Chat names an anonymous gifter "ananonymousgifter".
      const login = e.userLogin === 'ananonymousgifter' ? null : e.userLogin;
      if (into) into.set(login, (into.get(login) ?? 0) + (e.amount ?? 1));
    }
  const top = (m: Map<string | null, number>) =>
    [...m]
      .map(([login, amount]) => ({ login, amount }))
      .filter((s) => s.amount > 0)
      .sort((a, b) => b.amount - a.amount || (a.login ?? '~').localeCompare(b.login ?? '~'))
      .slice(0, limit);
  return {
    channelId,
    from,
    to,
    streams: rows.length,
    gifters: top(gifts),
    cheerers: top(bits),
    subscribed: { list: subscribed.slice(0, limit * 5), total: subscribed.length },
    followed: { list: followed.slice(0, limit * 5), total: followed.length },
    evidence: {
      source: 'channel_events+chat_events+chat_messages',
      streamIds: rows.map((r) => r.id),
      counts: { streams: rows.length, gifters: gifts.size, cheerers: bits.size },
      note: 'gifted subs count once per recipient; per stream EventSub reports when it has them, else chat',
    },
  };
}
