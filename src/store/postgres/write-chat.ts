// Chat, the bulk of every batch: messages in one round trip (run-copy-pipeline.ts), chat events in one more. Most
// batches hold only messages never stored before, so they are COPYed straight into chat_messages (the server's fastest
// insert: rows go to the table's pages in bulk), with what they add to the chatter totals COPYed to
// chatter_deltas (one row per channel, stream and chatter). When a message is stored already (a replay, a
// reconnect's overlap, a re-import, the same message twice in a batch) the COPY stops at it with a unique
// violation; the transaction is restarted and the batch goes the careful way: a COPY into a temporary table of
// this connection, then one statement that moves the rows not stored before into chat_messages and appends what
// exactly those add to chatter_deltas, so replays never count twice. Chat events (a few dozen a batch) follow as
// array parameters of one prepared statement that inserts the new ones and applies what their CLEARMSG, ban and
// timeout delete: through a temporary table like the messages', its COPY, the statement's parsing and planning
// and the table's emptying at commit cost about 0.5 ms more of the server's CPU per 1,000 records. The totals
// themselves are updated moments later from the deltas (fold-chatter-deltas.ts): upserting them here cost as much
// as the insert of the messages, and concurrent writes waited for each other on the totals of the chatters they
// share. bench/postgres.bench.ts measures this path against a bare COPY of the same rows.

import type pg from 'pg';
import type { ChatEvent, ChatMessage } from '../../domain.ts';
import { toChatMessageValues, toEventValues } from '../rows.ts';
import { toCopyText } from './copy-into.ts';
import { toPgText } from './insert-rows.ts';
import { type PipelineStatement, runCopyPipeline } from './run-copy-pipeline.ts';
import { eventColumns, messageColumns } from './write-columns.ts';

/** How many of a batch's messages and chat events were new. */
export interface ChatWriteResult {
  chatMessages: number;
  chatEvents: number;
}

/** A temporary table of each connection, emptied at every commit; never logged, kept in local buffers. */
const messageStaging = 'chat_messages_incoming';
const messageNames = messageColumns.map(([name]) => name).join(', ');
const eventNames = eventColumns.map(([name]) => name).join(', ');
const deltaNames = 'channel_id, stream_id, user_id, user_login, display_name, first_ts, last_ts, messages';

const createStaging: PipelineStatement = {
  sql: `CREATE TEMP TABLE IF NOT EXISTS ${messageStaging} (LIKE chat_messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
};

// The events as rows, one array parameter per column; a CLEARMSG's target travels beside the event, so the
// statement needs no JSON.
const incomingEvents = `SELECT * FROM unnest(${eventColumns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')},
  $${eventColumns.length + 1}::text[]) AS i(${eventNames}, target_message_id)`;

// Each delta names the chatter after their newest message in the batch (ties: the greatest id).
const insertAndCount = `WITH fresh AS (
  INSERT INTO chat_messages (${messageNames}) SELECT ${messageNames} FROM ${messageStaging}
  ON CONFLICT DO NOTHING
  RETURNING channel_id, ts, id, stream_id, user_id, user_login, display_name
), deltas AS (
  INSERT INTO chatter_deltas (${deltaNames})
  SELECT DISTINCT ON (channel_id, stream_id, user_id) channel_id, stream_id, user_id, user_login, display_name,
    MIN(ts) OVER chatter, MAX(ts) OVER chatter, COUNT(*) OVER chatter
  FROM fresh WINDOW chatter AS (PARTITION BY channel_id, stream_id, user_id
    ORDER BY ts DESC, id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ORDER BY channel_id, stream_id, user_id, ts DESC, id DESC
)
SELECT COUNT(*)::int AS stored FROM fresh`;

/** How far back a CLEARMSG, ban or timeout looks for the messages it deletes, as in the SQLite writer. */
const lookbackMs = 24 * 60 * 60 * 1000;
/** A ban or timeout hides the user's messages among the channel's last 1,000 (a chat client's buffer). */
const userClearLookbackMessages = 1000;

// The new events only (a replayed one has nothing left to delete). A CLEARMSG marks its message: the newest with
// that id within a day, found walking the (channel_id, ts) key back from the event, so the usual recent target
// costs a few index entries. A ban or timeout marks the user's messages among the channel's last 1,000 (ties at
// the 1,000th included) within a day. A message that several of them hit keeps the earliest time, as when the
// SQLite writer applies them in order.
const insertEventsAndDelete = `WITH incoming AS (${incomingEvents}), fresh AS (
  INSERT INTO chat_events (${eventNames}) SELECT ${eventNames} FROM incoming
  ON CONFLICT DO NOTHING
  RETURNING id, channel_id, ts, type, user_id
), deletes AS (
  SELECT x.channel_id, x.ts, x.id, d.ts AS at
  FROM (SELECT f.channel_id, f.ts, i.target_message_id FROM fresh f JOIN incoming i ON i.id = f.id
        WHERE f.type = 'delete' AND i.target_message_id IS NOT NULL) d
  CROSS JOIN LATERAL (SELECT x.channel_id, x.ts, x.id FROM chat_messages x
    WHERE x.channel_id = d.channel_id AND x.ts <= d.ts AND x.ts >= d.ts - ${lookbackMs} AND x.id = d.target_message_id
    ORDER BY x.ts DESC LIMIT 1) x
), clears AS (
  SELECT x.channel_id, x.ts, x.id, c.ts AS at
  FROM (SELECT channel_id, ts, user_id FROM fresh WHERE type IN ('ban', 'timeout') AND user_id IS NOT NULL) c
  CROSS JOIN LATERAL (SELECT x.channel_id, x.ts, x.id, x.user_id FROM chat_messages x
    WHERE x.channel_id = c.channel_id AND x.ts <= c.ts AND x.ts >= c.ts - ${lookbackMs}
    ORDER BY x.ts DESC FETCH FIRST ${userClearLookbackMessages} ROWS WITH TIES) x
  WHERE x.user_id = c.user_id
), marked AS (
  UPDATE chat_messages m SET deleted_at = t.at
  FROM (SELECT channel_id, ts, id, MIN(at) AS at FROM (SELECT * FROM deletes UNION ALL SELECT * FROM clears) a
        GROUP BY channel_id, ts, id) t
  WHERE m.channel_id = t.channel_id AND m.ts = t.ts AND m.id = t.id AND m.deleted_at IS NULL
)
SELECT COUNT(*)::int AS stored FROM fresh`;

/** Connections whose session has the staging table. */
const staged = new WeakSet<pg.ClientBase>();

/**
 * Stores the messages and chat events not stored before, notes what the messages add to the chatter totals and
 * applies the events' deletions; returns how many of each were new. Must be the first write of the caller's
 * transaction: when a message is stored already, the transaction is rolled back and begun again.
 */
export async function writeChat(
  client: pg.ClientBase,
  messages: readonly ChatMessage[],
  events: readonly ChatEvent[],
): Promise<ChatWriteResult> {
  const result: ChatWriteResult = { chatMessages: 0, chatEvents: 0 };
  if (messages.length === 0 && events.length === 0) return result;
  if (messages.length > 0) result.chatMessages = await writeMessages(client, messages);
  if (events.length > 0) result.chatEvents = await writeEvents(client, events);
  return result;
}

/** Stores the messages not stored before and notes what they add to the chatter totals; returns how many. */
async function writeMessages(client: pg.ClientBase, messages: readonly ChatMessage[]): Promise<number> {
  const messageValues = messages.map(toChatMessageValues);
  try {
    await runCopyPipeline(client, [
      { sql: `COPY chat_messages (${messageNames}) FROM STDIN`, copyData: toCopyText(messageValues) },
      { sql: `COPY chatter_deltas (${deltaNames}) FROM STDIN`, copyData: toCopyText(toDeltaRows(messages)) },
    ]);
    return messages.length;
  } catch (error) {
    if (!isStoredMessage(error)) throw error;
    // Nothing else of the batch was written yet: begin again and take the careful way.
    forgetStagingTables(client);
    await client.query('ROLLBACK; BEGIN');
  }
  const results = await runCopyPipeline(client, [
    ...(staged.has(client) ? [] : [createStaging]),
    { sql: `COPY ${messageStaging} (${messageNames}) FROM STDIN`, copyData: toCopyText(messageValues) },
    { sql: insertAndCount },
  ]);
  staged.add(client);
  return readStored(results.at(-1));
}

/** Stores the chat events not stored before and applies their deletions; returns how many were new. */
async function writeEvents(client: pg.ClientBase, events: readonly ChatEvent[]): Promise<number> {
  const columns: unknown[][] = Array.from({ length: eventColumns.length + 1 }, () => new Array(events.length));
  events.forEach((e, r) => {
    toEventRow(e).forEach((value, c) => {
      columns[c]![r] = typeof value === 'string' ? toPgText(value) : value;
    });
  });
  // A named statement: parsed once per connection, and planned once when PostgreSQL's generic plan serves.
  const result = await client.query({
    name: 'streamlens_write_chat_events',
    text: insertEventsAndDelete,
    values: columns,
  });
  return readStored(result);
}

/** An event's columns and the id of the message a CLEARMSG deletes (null for every other event). */
function toEventRow(e: ChatEvent): unknown[] {
  const target = e.type === 'delete' && typeof e.data.targetMessageId === 'string' ? e.data.targetMessageId : null;
  return [...toEventValues(e), target];
}

function readStored(result: pg.QueryResult | undefined): number {
  return (result?.rows[0] as { stored?: number } | undefined)?.stored ?? 0;
}

/** Whether the COPY into chat_messages stopped at a message stored already. */
function isStoredMessage(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'chat_messages_pkey';
}

/** What one chatter's messages in one stream of a batch add up to, named after the newest. */
interface Delta {
  newest: ChatMessage;
  first: number;
  last: number;
  count: number;
}

/**
 * One delta row per channel, stream and chatter, named after their newest message (ties: the greatest id). The
 * chatters are looked up in a map per channel and stream (a batch holds a few), switched only when the next message
 * is from another one: a key joined from the three ids for every message took twice the time.
 */
function toDeltaRows(messages: readonly ChatMessage[]): unknown[][] {
  const streamsByChannel = new Map<string, Map<string | null, Map<string, Delta>>>();
  const deltas: Delta[] = [];
  let channelId: string | undefined;
  let streamId: string | null | undefined;
  let chatters = new Map<string, Delta>();
  for (const m of messages) {
    if (m.channelId !== channelId || m.streamId !== streamId) {
      channelId = m.channelId;
      streamId = m.streamId;
      let streams = streamsByChannel.get(channelId);
      if (!streams) {
        streams = new Map();
        streamsByChannel.set(channelId, streams);
      }
      const known = streams.get(streamId);
      if (known) chatters = known;
      else {
        chatters = new Map();
        streams.set(streamId, chatters);
      }
    }
    const d = chatters.get(m.userId);
    if (!d) {
      const delta = { newest: m, first: m.ts, last: m.ts, count: 1 };
      chatters.set(m.userId, delta);
      deltas.push(delta);
    } else {
      d.count++;
      if (m.ts < d.first) d.first = m.ts;
      if (m.ts > d.last || (m.ts === d.last && m.id > d.newest.id)) d.newest = m;
      if (m.ts > d.last) d.last = m.ts;
    }
  }
  return deltas.map(({ newest: m, first, last, count }) => [
    m.channelId,
    m.streamId,
    m.userId,
    m.userLogin,
    m.displayName,
    first,
    last,
    count,
  ]);
}

/**
 * To call when a transaction on `client` failed: the staging table may have been created inside it, so a
 * rollback may have taken it away; the next careful write on that connection creates it again.
 */
export function forgetStagingTables(client: pg.ClientBase): void {
  staged.delete(client);
}
