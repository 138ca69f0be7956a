// Chat messages, the bulk of every batch. Most batches hold only messages never stored before, so they are first
// COPYed straight into chat_messages (the server's fastest insert: rows go to the table's pages in bulk), with what
// they add to the chatter totals COPYed to chatter_deltas (one row per channel, stream and chatter), inside a
// savepoint. When a message is stored already (a replay, a reconnect's overlap, a re-import) the COPY stops at it
// with a unique violation; the savepoint is rolled back and the batch goes the careful way: a COPY into a
// temporary table of this connection, then one statement that moves the rows not stored before into
// chat_messages and appends what exactly those add to chatter_deltas, so replays never count twice. The totals
// themselves are updated moments later from the deltas (fold-chatter-deltas.ts): upserting them here cost as much
// as the insert of the messages, and concurrent writes waited for each other on the totals of the chatters they
// share. bench/postgres.bench.ts measures this path against a bare COPY of the same rows.

import type pg from 'pg';
import type { ChatMessage } from '../../domain.ts';
import { toChatMessageValues } from '../rows.ts';
import { copyInto } from './copy-into.ts';
import { messageColumns } from './write-columns.ts';

/** Per connection, emptied at every commit; temporary tables are never logged and live in local buffers. */
const stagingTable = 'chat_messages_incoming';
const columnNames = messageColumns.map(([name]) => name);
const names = columnNames.join(', ');

// Each delta names the chatter after their newest message in the batch (ties: the greatest id).
const insertAndCount = `WITH fresh AS (
  INSERT INTO chat_messages (${names}) SELECT ${names} FROM ${stagingTable}
  ON CONFLICT DO NOTHING
  RETURNING channel_id, ts, id, stream_id, user_id, user_login, display_name
), deltas AS (
  INSERT INTO chatter_deltas (channel_id, stream_id, user_id, user_login, display_name, first_ts, last_ts, messages)
  SELECT DISTINCT ON (channel_id, stream_id, user_id) channel_id, stream_id, user_id, user_login, display_name,
    MIN(ts) OVER chatter, MAX(ts) OVER chatter, COUNT(*) OVER chatter
  FROM fresh WINDOW chatter AS (PARTITION BY channel_id, stream_id, user_id
    ORDER BY ts DESC, id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ORDER BY channel_id, stream_id, user_id, ts DESC, id DESC
)
SELECT COUNT(*)::int AS stored FROM fresh`;

const deltaColumns = [
  'channel_id',
  'stream_id',
  'user_id',
  'user_login',
  'display_name',
  'first_ts',
  'last_ts',
  'messages',
];

/** Connections whose session has the staging table. */
const staged = new WeakSet<pg.ClientBase>();

/** Stores the messages not stored before and notes what they add to the chatter totals; returns how many were new. */
export async function writeChatMessages(client: pg.ClientBase, messages: readonly ChatMessage[]): Promise<number> {
  const unique = new Map<string, ChatMessage>();
  for (const m of messages) {
    const key = `${m.channelId}\u0000${m.ts}\u0000${m.id}`;
    if (!unique.has(key)) unique.set(key, m);
  }
  const rows = [...unique.values()];
  if (await copyIfAllNew(client, rows)) return rows.length;
  return writeThroughStaging(client, rows);
}

/** The fast way: true when every message was new and is stored, false (nothing stored) when one was not. */
async function copyIfAllNew(client: pg.ClientBase, messages: readonly ChatMessage[]): Promise<boolean> {
  await client.query('SAVEPOINT chat_copy');
  try {
    await copyInto(client, 'chat_messages', columnNames, messages.map(toChatMessageValues));
    await copyInto(client, 'chatter_deltas', deltaColumns, toDeltaRows(messages));
    await client.query('RELEASE SAVEPOINT chat_copy');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT chat_copy');
    return false;
  }
}

/** One delta row per channel, stream and chatter, named after their newest message (ties: the greatest id). */
function toDeltaRows(messages: readonly ChatMessage[]): unknown[][] {
  const deltas = new Map<string, { newest: ChatMessage; first: number; last: number; count: number }>();
  for (const m of messages) {
    const key = `${m.channelId}\u0000${m.streamId ?? ''}\u0000${m.streamId === null ? 0 : 1}\u0000${m.userId}`;
    const d = deltas.get(key);
    if (!d) deltas.set(key, { newest: m, first: m.ts, last: m.ts, count: 1 });
    else {
      d.count++;
      if (m.ts < d.first) d.first = m.ts;
      if (m.ts > d.last || (m.ts === d.last && m.id > d.newest.id)) d.newest = m;
      if (m.ts > d.last) d.last = m.ts;
    }
  }
  const rows: unknown[][] = [];
  for (const { newest: m, first, last, count } of deltas.values())
    rows.push([m.channelId, m.streamId, m.userId, m.userLogin, m.displayName, first, last, count]);
  return rows;
}

/** The careful way, for a batch holding messages stored before: only the new ones are stored and counted. */
async function writeThroughStaging(client: pg.ClientBase, messages: readonly ChatMessage[]): Promise<number> {
  if (!staged.has(client)) {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${stagingTable} (LIKE chat_messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
    );
    staged.add(client);
  }
  await copyInto(client, stagingTable, columnNames, messages.map(toChatMessageValues));
  const result = await client.query<{ stored: number }>(insertAndCount);
  return result.rows[0]?.stored ?? 0;
}

/**
 * To call when a transaction on `client` failed: the staging table is created inside the caller's transaction,
 * so a rollback may have taken it away; the next write on that connection creates it again.
 */
export function forgetStagingTable(client: pg.ClientBase): void {
  staged.delete(client);
}
