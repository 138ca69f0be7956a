// Chat messages go in through a staging table: one COPY of the batch into a temporary table of this
// connection, then one `INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING` that moves the rows not stored
// before into chat_messages and names them. Measured against a bare COPY into chat_messages, this costs a few
// percent where the former multi-row insert of array parameters cost about half (bench/postgres.bench.ts).

import type pg from 'pg';
import type { ChatMessage } from '../../domain.ts';
import { toChatMessageValues } from '../rows.ts';
import { copyInto } from './copy-into.ts';
import { messageColumns } from './write-columns.ts';

/** Per connection, emptied at every commit; temporary tables are never logged and live in local buffers. */
const stagingTable = 'chat_messages_incoming';
const columnNames = messageColumns.map(([name]) => name);
const names = columnNames.join(', ');

/** Connections whose session has the staging table. */
const staged = new WeakSet<pg.ClientBase>();

/** Inserts the messages and returns the ones that were not stored before (first of any in-batch repeats). */
export async function insertChatMessages(
  client: pg.ClientBase,
  messages: readonly ChatMessage[],
): Promise<ChatMessage[]> {
  const byKey = new Map<string, ChatMessage>();
  for (const m of messages) {
    const key = `${m.channelId}\u0000${m.ts}\u0000${m.id}`;
    if (!byKey.has(key)) byKey.set(key, m);
  }
  if (!staged.has(client)) {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${stagingTable} (LIKE chat_messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
    );
    staged.add(client);
  }
  const rows: unknown[][] = [];
  for (const m of byKey.values()) rows.push(toChatMessageValues(m));
  await copyInto(client, stagingTable, columnNames, rows);
  const inserted = await client.query<{ channel_id: string; ts: number; id: string }>(
    `INSERT INTO chat_messages (${names}) SELECT ${names} FROM ${stagingTable}
     ON CONFLICT DO NOTHING RETURNING channel_id, ts, id`,
  );
  const fresh: ChatMessage[] = [];
  for (const r of inserted.rows) {
    const m = byKey.get(`${r.channel_id}\u0000${r.ts}\u0000${r.id}`);
    if (m) fresh.push(m);
  }
  return fresh;
}

/**
 * To call when a transaction on `client` failed: the staging table is created inside the caller's transaction,
 * so a rollback may have taken it away; the next write on that connection creates it again.
 */
export function forgetStagingTable(client: pg.ClientBase): void {
  staged.delete(client);
}
