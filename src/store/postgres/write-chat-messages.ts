// Chat messages, the bulk of every batch, in two round trips: one COPY of the batch into a temporary table of
// this connection, then one statement that moves the rows not stored before into chat_messages and appends what
// exactly those add to the chatter totals to chatter_deltas (one row per channel, stream and chatter), so
// replays never count twice. The totals themselves are updated moments later from the deltas
// (fold-chatter-deltas.ts): upserting them here cost as much as the insert of the messages, and concurrent writes
// waited for each other on the totals of the chatters they share. bench/postgres.bench.ts measures this path
// against a bare COPY of the same rows.

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

/** Connections whose session has the staging table. */
const staged = new WeakSet<pg.ClientBase>();

/** Stores the messages not stored before and notes what they add to the chatter totals; returns how many were new. */
export async function writeChatMessages(client: pg.ClientBase, messages: readonly ChatMessage[]): Promise<number> {
  if (!staged.has(client)) {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${stagingTable} (LIKE chat_messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
    );
    staged.add(client);
  }
  // A key twice in one batch would be inserted once anyway (ON CONFLICT sees the row of the same statement).
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
