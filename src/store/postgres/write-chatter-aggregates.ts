// Per-chatter aggregates (chatters, chatter_streams) from newly inserted messages only, so replays never count
// twice. Each key is upserted once per batch, in sorted order so concurrent writers lock rows alike (and never
// wait for each other in a cycle).

import type pg from 'pg';
import type { ChatMessage } from '../../domain.ts';
import { insertRows, toPgText } from './insert-rows.ts';

interface Aggregate {
  latest: ChatMessage;
  first: number;
  last: number;
  count: number;
}

/** Adds the new messages to the chatter totals, overall and per stream. */
export async function writeChatterAggregates(client: pg.ClientBase, fresh: readonly ChatMessage[]): Promise<void> {
  if (fresh.length === 0) return;
  const chatters = new Map<string, Aggregate>();
  const perStream = new Map<string, Aggregate>();
  for (const m of fresh) {
    addTo(chatters, `${m.channelId}\u0000${m.userId}`, m);
    if (m.streamId) addTo(perStream, `${m.channelId}\u0000${m.streamId}\u0000${m.userId}`, m);
  }
  await insertRows(
    client,
    'chatters',
    [
      ['channel_id', 'text'],
      ['user_id', 'text'],
      ['user_login', 'text'],
      ['display_name', 'text'],
      ['first_seen', 'int8'],
      ['last_seen', 'int8'],
      ['messages', 'int4'],
    ],
    sortedValues(chatters).map((a) => [
      a.latest.channelId,
      a.latest.userId,
      a.latest.userLogin,
      toPgText(a.latest.displayName),
      a.first,
      a.last,
      a.count,
    ]),
    {
      // The name of the newest message wins (ties: the later write), so writes committed out of order (several
      // in flight) leave the same row as writes in order.
      onConflict: `(channel_id, user_id) DO UPDATE SET
        user_login = CASE WHEN excluded.last_seen >= chatters.last_seen THEN excluded.user_login ELSE chatters.user_login END,
        display_name = CASE WHEN excluded.last_seen >= chatters.last_seen THEN excluded.display_name ELSE chatters.display_name END,
        first_seen = LEAST(chatters.first_seen, excluded.first_seen), last_seen = GREATEST(chatters.last_seen, excluded.last_seen),
        messages = chatters.messages + excluded.messages`,
    },
  );
  await insertRows(
    client,
    'chatter_streams',
    [
      ['channel_id', 'text'],
      ['stream_id', 'text'],
      ['user_id', 'text'],
      ['first_ts', 'int8'],
      ['last_ts', 'int8'],
      ['messages', 'int4'],
    ],
    sortedValues(perStream).map((a) => [
      a.latest.channelId,
      a.latest.streamId,
      a.latest.userId,
      a.first,
      a.last,
      a.count,
    ]),
    {
      onConflict: `(channel_id, stream_id, user_id) DO UPDATE SET first_ts = LEAST(chatter_streams.first_ts, excluded.first_ts),
        last_ts = GREATEST(chatter_streams.last_ts, excluded.last_ts), messages = chatter_streams.messages + excluded.messages`,
    },
  );
}

function addTo(map: Map<string, Aggregate>, key: string, m: ChatMessage): void {
  const a = map.get(key);
  if (!a) {
    map.set(key, { latest: m, first: m.ts, last: m.ts, count: 1 });
    return;
  }
  if (m.ts < a.first) a.first = m.ts;
  if (m.ts >= a.last) {
    a.last = m.ts;
    a.latest = m;
  }
  a.count++;
}

function sortedValues(map: Map<string, Aggregate>): Aggregate[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}
